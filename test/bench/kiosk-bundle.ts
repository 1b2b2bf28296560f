import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { dirname, join, posix } from 'node:path';
import { freePort, startServer, temporarySqliteFile } from '../e2e/server-process.ts';
import { productionBundle } from './production-build.ts';
import type { BenchmarkOutcome } from './report.ts';

/**
 * The JavaScript a kiosk must download and run before its first screen: the entry module(s) and
 * modulepreload links of index.html, and everything they import statically, recursively. Dynamic
 * import() targets (the survey runner, enrolment, later the dashboard) load after the first screen and
 * do not count. Bytes are counted as the real server process sends them (body bytes on the socket),
 * asked as Chromium asks (brotli), as an older client asks (gzip only) and with no compression.
 */

const BUDGET_KB = 150;

/** What a client says it accepts, and the label the bench reports its bytes under. */
export const ENCODINGS = [
  { name: 'brotli', acceptEncoding: 'gzip, deflate, br, zstd' },
  { name: 'gzip', acceptEncoding: 'gzip, deflate' },
  { name: 'none', acceptEncoding: 'identity' },
] as const;
export type EncodingName = (typeof ENCODINGS)[number]['name'];

export interface Chunk {
  file: string;
  bytes: number;
  /** How the chunk is reached: `entry`, `modulepreload`, or the chunk that imports it. */
  reachedFrom: string;
}

/** Tag attributes in any order; Vite writes them unquoted-free, but be lenient anyway. */
function attributesOf(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of tag.matchAll(/([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    const name = match[1]!.toLowerCase();
    attributes[name] = match[2] ?? match[3] ?? match[4] ?? '';
  }
  return attributes;
}

export function startingScripts(html: string): { path: string; reachedFrom: string }[] {
  const found: { path: string; reachedFrom: string }[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const attributes = attributesOf(tag);
    if (attributes.type === 'module' && attributes.src) found.push({ path: attributes.src, reachedFrom: 'entry' });
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const attributes = attributesOf(tag);
    if (attributes.rel === 'modulepreload' && attributes.href) found.push({ path: attributes.href, reachedFrom: 'modulepreload' });
  }
  return found;
}

/**
 * Static edges only: `import … from "./x.js"`, `export … from "./x.js"` and `import "./x.js"`, minified
 * or not. `import("./x.js")` has a parenthesis between the keyword and the string, so it never matches.
 */
export function staticImportsOf(code: string): string[] {
  const specifiers = new Set<string>();
  for (const match of code.matchAll(/(?:\bfrom|\bimport)\s*(["'])(\.{1,2}\/[^"'\n]+?\.js)\1/g)) specifiers.add(match[2]!);
  return [...specifiers];
}

export function chunksBeforeFirstScreen(distDir: string, htmlFile = 'index.html'): Chunk[] {
  const html = readFileSync(join(distDir, htmlFile), 'utf8');
  const chunks = new Map<string, Chunk>();
  const queue = startingScripts(html).map(({ path, reachedFrom }) => ({ file: posix.normalize(path.replace(/^\//, '')), reachedFrom }));
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (chunks.has(next.file)) continue;
    const source = readFileSync(join(distDir, next.file));
    chunks.set(next.file, { file: next.file, bytes: source.length, reachedFrom: next.reachedFrom });
    for (const specifier of staticImportsOf(source.toString('utf8'))) {
      queue.push({ file: posix.normalize(posix.join(dirname(next.file), specifier)), reachedFrom: next.file });
    }
  }
  return [...chunks.values()];
}

/** The body bytes of one GET as they cross the socket, before any decoding, and the encoding the server chose. */
export function bytesAsSent(url: string, acceptEncoding: string): Promise<{ bytes: number; contentEncoding: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`${url} answered ${response.statusCode}`));
        return;
      }
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve({ bytes, contentEncoding: response.headers['content-encoding'] ?? 'identity' }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

export async function kioskBundleBenchmark(): Promise<BenchmarkOutcome> {
  const distDir = await productionBundle();
  const chunks = chunksBeforeFirstScreen(distDir);
  const server = await startServer({
    port: await freePort(),
    databaseUrl: temporarySqliteFile(),
    env: { STATIC_DIR: distDir, SEED_DEMO: '0', LOG_LEVEL: 'warn' },
  });
  const sent: Record<string, Record<EncodingName, { bytes: number; contentEncoding: string }>> = {};
  try {
    for (const chunk of chunks) {
      const perEncoding = {} as Record<EncodingName, { bytes: number; contentEncoding: string }>;
      for (const encoding of ENCODINGS) perEncoding[encoding.name] = await bytesAsSent(`${server.origin}/${chunk.file}`, encoding.acceptEncoding);
      sent[chunk.file] = perEncoding;
    }
  } finally {
    await server.stop();
  }
  const totalKb = (encoding: EncodingName) => chunks.reduce((sum, chunk) => sum + sent[chunk.file]![encoding].bytes, 0) / 1024;
  const kb = (bytes: number) => (bytes / 1024).toFixed(1).padStart(7);
  for (const chunk of [...chunks].sort((a, b) => b.bytes - a.bytes)) {
    const onWire = sent[chunk.file]!;
    console.info(
      `    ${chunk.file.padEnd(44)} ${kb(onWire.none.bytes)} KB plain ${kb(onWire.gzip.bytes)} KB ${onWire.gzip.contentEncoding.padEnd(8)} ${kb(onWire.brotli.bytes)} KB ${onWire.brotli.contentEncoding.padEnd(8)} (${chunk.reachedFrom})`,
    );
  }
  return {
    metrics: [
      { label: 'JS before the first screen, as sent (brotli)', value: totalKb('brotli'), unit: 'KB', target: { kind: 'at most', limit: BUDGET_KB } },
      { label: 'JS before the first screen, as sent (gzip only)', value: totalKb('gzip'), unit: 'KB' },
      { label: 'JS before the first screen, as sent (no compression)', value: totalKb('none'), unit: 'KB' },
    ],
    details: { distDir, chunks: chunks.map((chunk) => ({ ...chunk, sent: sent[chunk.file] })) },
  };
}

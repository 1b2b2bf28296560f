import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { productionBundle } from './production-build.ts';
import type { BenchmarkOutcome } from './report.ts';

/**
 * The JavaScript a kiosk must download and run before its first screen: the entry module(s) and
 * modulepreload links of index.html, and everything they import statically, recursively. Dynamic
 * import() targets (the survey runner, enrolment, later the dashboard) load after the first screen and
 * do not count.
 */

const BUDGET_KB = 150;

export interface Chunk {
  file: string;
  bytes: number;
  gzipBytes: number;
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

export function chunksBeforeFirstScreen(distDir: string): Chunk[] {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const chunks = new Map<string, Chunk>();
  const queue = startingScripts(html).map(({ path, reachedFrom }) => ({ file: posix.normalize(path.replace(/^\//, '')), reachedFrom }));
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (chunks.has(next.file)) continue;
    const source = readFileSync(join(distDir, next.file));
    chunks.set(next.file, { file: next.file, bytes: source.length, gzipBytes: gzipSync(source, { level: 9 }).length, reachedFrom: next.reachedFrom });
    for (const specifier of staticImportsOf(source.toString('utf8'))) {
      queue.push({ file: posix.normalize(posix.join(dirname(next.file), specifier)), reachedFrom: next.file });
    }
  }
  return [...chunks.values()];
}

export async function kioskBundleBenchmark(): Promise<BenchmarkOutcome> {
  const distDir = await productionBundle();
  const chunks = chunksBeforeFirstScreen(distDir);
  const totalGzipKb = chunks.reduce((sum, chunk) => sum + chunk.gzipBytes, 0) / 1024;
  const totalRawKb = chunks.reduce((sum, chunk) => sum + chunk.bytes, 0) / 1024;
  for (const chunk of [...chunks].sort((a, b) => b.gzipBytes - a.gzipBytes)) {
    console.info(`    ${chunk.file.padEnd(44)} ${(chunk.bytes / 1024).toFixed(1).padStart(7)} KB raw  ${(chunk.gzipBytes / 1024).toFixed(1).padStart(6)} KB gzip  (${chunk.reachedFrom})`);
  }
  return {
    metrics: [
      { label: 'JS before the first screen (gzip -9)', value: totalGzipKb, unit: 'KB', target: { kind: 'at most', limit: BUDGET_KB } },
      { label: 'JS before the first screen (raw)', value: totalRawKb, unit: 'KB' },
    ],
    details: { distDir, chunks },
  };
}

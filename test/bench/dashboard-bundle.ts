import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, startServer, temporarySqliteFile } from '../e2e/server-process.ts';
import { bytesAsSent, ENCODINGS, type EncodingName } from './kiosk-bundle.ts';
import { productionBundle } from './production-build.ts';
import type { BenchmarkOutcome } from './report.ts';

/**
 * The JavaScript the dashboard needs before its first headline, beyond the shared runtime. Every face
 * starts from index.html: its entry and that entry's static imports (React, i18next, the store, the
 * kiosk's start-up screens) are the shared runtime, which a kiosk and a manager's browser both load. The
 * dashboard adds the chunk that App.tsx imports dynamically for /manage (ManageApp) and that chunk's
 * static imports: the sign-in check, the report screen and its headline. What the report loads later on
 * its own (uPlot when the trend is drawn, the admin and alert screens) comes after the headline and does
 * not count. The chunk graph is Vite's build manifest; bytes are the body bytes the real server process
 * sends, asked as Chromium asks (brotli), as an older client asks (gzip only) and with no compression.
 */

const BUDGET_GZIP_KB = 120;
const MANAGE_MODULE = 'src/app/manage/ManageApp.tsx';
const ENTRY_MODULE = 'index.html';

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** The files of a manifest entry and of everything it imports statically, recursively (JS only). */
export function staticClosure(manifest: Manifest, key: string): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const chunk = manifest[name];
    if (!chunk) throw new Error(`the build manifest has no entry ${name}`);
    if (chunk.file.endsWith('.js')) files.add(chunk.file);
    chunk.imports?.forEach(visit);
  };
  visit(key);
  return files;
}

export async function dashboardBundleBenchmark(): Promise<BenchmarkOutcome> {
  const distDir = await productionBundle();
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const shared = staticClosure(manifest, ENTRY_MODULE);
  // Split into its own chunk, the dashboard's code is all beyond the shared runtime; merged into it, it would count as nothing here.
  if (shared.has(manifest[MANAGE_MODULE]?.file ?? '')) console.warn(`    ${MANAGE_MODULE} is in the shared runtime: the kiosk loads the dashboard`);
  const dashboard = [...staticClosure(manifest, MANAGE_MODULE)].filter((file) => !shared.has(file));
  const server = await startServer({
    port: process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort(),
    databaseUrl: temporarySqliteFile(),
    env: { STATIC_DIR: distDir, SEED_DEMO: '0', LOG_LEVEL: 'warn' },
  });
  type Sent = Record<EncodingName, { bytes: number; contentEncoding: string }>;
  const sent = new Map<string, Sent>();
  try {
    for (const file of [...dashboard, ...shared]) {
      const perEncoding = {} as Sent;
      for (const encoding of ENCODINGS) perEncoding[encoding.name] = await bytesAsSent(`${server.origin}/${file}`, encoding.acceptEncoding);
      sent.set(file, perEncoding);
    }
  } finally {
    await server.stop();
  }
  const totalKb = (files: Iterable<string>, encoding: EncodingName) =>
    [...files].reduce((sum, file) => sum + sent.get(file)![encoding].bytes, 0) / 1024;
  const kb = (bytes: number) => (bytes / 1024).toFixed(1).padStart(7);
  const print = (file: string, note: string) => {
    const onWire = sent.get(file)!;
    console.info(
      `    ${file.padEnd(44)} ${kb(onWire.none.bytes)} KB plain ${kb(onWire.gzip.bytes)} KB ${onWire.gzip.contentEncoding.padEnd(8)} ${kb(onWire.brotli.bytes)} KB ${onWire.brotli.contentEncoding.padEnd(8)} (${note})`,
    );
  };
  const bySize = (files: Iterable<string>) => [...files].sort((a, b) => sent.get(b)!.none.bytes - sent.get(a)!.none.bytes);
  for (const file of bySize(dashboard)) print(file, 'dashboard');
  for (const file of bySize(shared)) print(file, 'shared runtime');
  const dashboardGzip = totalKb(dashboard, 'gzip');
  const sharedGzip = totalKb(shared, 'gzip');
  return {
    metrics: [
      {
        label: 'dashboard JS to first headline beyond the shared runtime, as sent (gzip only)',
        value: dashboardGzip,
        unit: 'KB',
        target: { kind: 'at most', limit: BUDGET_GZIP_KB },
      },
      { label: 'the same, as sent (brotli)', value: totalKb(dashboard, 'brotli'), unit: 'KB' },
      { label: 'the same, no compression', value: totalKb(dashboard, 'none'), unit: 'KB' },
      { label: 'shared runtime (kiosk and dashboard), as sent (gzip only)', value: sharedGzip, unit: 'KB' },
      { label: 'shared runtime, as sent (brotli)', value: totalKb(shared, 'brotli'), unit: 'KB' },
      { label: 'dashboard JS beyond the shared runtime, as a ratio to the shared runtime (gzip)', value: dashboardGzip / sharedGzip, unit: '×' },
    ],
    details: {
      distDir,
      dashboard: dashboard.map((file) => ({ file, sent: sent.get(file) })),
      shared: [...shared].map((file) => ({ file, sent: sent.get(file) })),
    },
  };
}

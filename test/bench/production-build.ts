import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The production bundle the kiosk and dashboard benchmarks measure. It is built into a folder of its own, not dist/,
 * so a benchmark never swaps the files under another engineer's running server or end-to-end test,
 * and the browser benchmarks serve exactly the bundle whose size was measured.
 */
export const BENCH_DIST_DIR = resolve('test-results/bench-dist');

let building: Promise<string> | null = null;

/** Builds once per `npm run bench`, however many benchmarks ask for it. */
export function productionBundle(): Promise<string> {
  building ??= buildProductionBundle();
  return building;
}

async function buildProductionBundle(): Promise<string> {
  // React's development build and no service worker would be measured otherwise (see test/e2e/global-setup.ts).
  const previousNodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const { build } = await import('vite');
    // The manifest maps each source module to its chunk and static imports: the dashboard's bundle benchmark reads it.
    await build({ mode: 'production', logLevel: 'warn', build: { outDir: BENCH_DIST_DIR, emptyOutDir: true, manifest: true } });
  } finally {
    if (previousNodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previousNodeEnv;
  }
  for (const file of ['index.html', 'sw.js']) {
    if (!existsSync(resolve(BENCH_DIST_DIR, file))) throw new Error(`the production build has no ${file} in ${BENCH_DIST_DIR}`);
  }
  return BENCH_DIST_DIR;
}

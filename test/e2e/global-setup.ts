import { existsSync } from 'node:fs';
import { build } from 'vite';
import { launchBrowser } from './chromium.ts';

/** The end-to-end tests run against the production build, built once per run. */
export default async function setup() {
  const browser = await launchBrowser();
  await browser.close();
  // For a developer re-running one test on an unchanged client; CI and `npm test` always build.
  if (process.env.E2E_REUSE_BUILD === '1' && existsSync('dist/index.html')) return;
  // Vitest sets NODE_ENV=test, which would make Vite build React's development bundle and no service worker.
  const testNodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = testNodeEnv;
  }
}

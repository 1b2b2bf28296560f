import { build } from 'vite';
import { launchBrowser } from './chromium.ts';

/** The end-to-end tests run against the production build, built once per run. */
export default async function setup() {
  const browser = await launchBrowser();
  await browser.close();
  await build({ logLevel: 'warn' });
}

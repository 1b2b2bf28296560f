import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type LaunchOptions } from 'playwright-core';

/** Flags this machine needs: no sandbox as root, and no background calls to hosts it cannot reach. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const INSTALL_HINT =
  'The end-to-end tests need Chromium or Chrome. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) ' +
  'or point CHROME_PATH at a Chrome or Chromium binary.';

/** CHROME_PATH, then Debian's chromium, then Playwright's "chrome" channel; never a silent skip. */
export function chromiumLaunchOptions(): LaunchOptions {
  const explicit = process.env.CHROME_PATH;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`CHROME_PATH=${explicit} does not exist. ${INSTALL_HINT}`);
    return { executablePath: explicit, args: CHROMIUM_ARGS };
  }
  if (existsSync('/usr/bin/chromium')) return { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS };
  return { channel: 'chrome', args: CHROMIUM_ARGS };
}

export async function launchBrowser(): Promise<Browser> {
  try {
    return await chromium.launch(chromiumLaunchOptions());
  } catch (error) {
    throw new Error(`${INSTALL_HINT}\n${String(error)}`, { cause: error });
  }
}

/** A browser profile on disk, so the service worker and IndexedDB survive a browser restart. */
export async function launchTablet(userDataDir: string, options: { offline?: boolean; extraArgs?: string[] } = {}): Promise<BrowserContext> {
  const launch = chromiumLaunchOptions();
  try {
    return await chromium.launchPersistentContext(userDataDir, {
      ...launch,
      args: [...(launch.args ?? []), ...(options.extraArgs ?? [])],
      viewport: { width: 1280, height: 800 },
      hasTouch: true,
      offline: options.offline ?? false,
      serviceWorkers: 'allow',
    });
  } catch (error) {
    throw new Error(`${INSTALL_HINT}\n${String(error)}`, { cause: error });
  }
}

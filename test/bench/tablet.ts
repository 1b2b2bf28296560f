import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchTablet } from '../e2e/chromium.ts';
import { freePort, startServer, temporarySqliteFile, type RunningServer } from '../e2e/server-process.ts';
import { enrolTablet as enrolThroughScreen, waitForServiceWorker } from '../e2e/kiosk-pages.ts';

/** The real server process and an enrolled Chromium tablet, as the browser benchmarks need them. */

export const KIOSK_TEXT = {
  start: 'Bắt đầu đánh giá',
  next: 'Tiếp tục',
  submit: 'Gửi đánh giá',
  thanks: 'Xin cảm ơn Ông/Bà!',
  done: 'Xong',
} as const;

export interface BenchServer {
  server: RunningServer;
  sqliteFile: string;
}

/** The real server on a temporary SQLite file, serving the bundle the benchmark built. */
export async function startBenchServer(staticDir: string): Promise<BenchServer> {
  const sqliteFile = temporarySqliteFile();
  const server = await startServer({ port: await freePort(), databaseUrl: sqliteFile, env: { STATIC_DIR: staticDir, LOG_LEVEL: 'warn' } });
  if (!server.enrolmentCode) throw new Error(`the server printed no kiosk enrolment code:\n${server.output()}`);
  return { server, sqliteFile };
}

/** Removes the temporary SQLite file's folder (with its WAL); call once the server has stopped. */
export function removeBenchDatabase(sqliteFile: string): void {
  rmSync(dirname(sqliteFile), { recursive: true, force: true });
}

export function newTabletProfile(): string {
  return mkdtempSync(join(tmpdir(), 'sipas-bench-tablet-'));
}

export async function firstPage(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}

/** Opens the enrolment link once, with the network (staff choose the PIN), and waits until the kiosk works offline too. */
export async function enrolTablet(server: RunningServer, profile: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await launchTablet(profile);
  const page = await firstPage(context);
  await enrolThroughScreen(page, server.origin, server.enrolmentCode ?? '');
  await waitForServiceWorker(page);
  return { context, page };
}

/** Counts the tablet's responses by status straight from IndexedDB, through the app's `status` index. */
export async function countStoredByStatus(page: Page, status: string): Promise<number> {
  return page.evaluate(
    (wanted) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('sipas-collect');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('responses').objectStore('responses').index('status').count(wanted);
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    status,
  );
}

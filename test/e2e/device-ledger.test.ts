import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, launchTablet } from './chromium.ts';
import { freePort, startServer, temporarySqliteFile, type RunningServer } from './server-process.ts';
import { enrolTablet, overrideKioskSettings, quickRate, readStoredResponses, waitForDeferredAssets, waitForServiceWorker } from './kiosk-pages.ts';
import { unlockStaffView } from './staff-exports.ts';

const DELETED_SEQUENCES = [7, 19];

/** Removes records from the tablet's IndexedDB behind the app's back, as a lost write or a wiped record would. */
async function deleteStoredResponses(page: Page, sequences: number[]): Promise<void> {
  await page.evaluate(
    (wanted) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('sipas-collect');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const transaction = open.result.transaction('responses', 'readwrite');
          const store = transaction.objectStore('responses');
          const cursor = store.openCursor();
          cursor.onsuccess = () => {
            const current = cursor.result;
            if (!current) return;
            if (wanted.includes((current.value as { deviceSequence: number }).deviceSequence)) current.delete();
            current.continue();
          };
          transaction.oncomplete = () => {
            open.result.close();
            resolve();
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    sequences,
  );
}

function demoAdmin(output: string): { username: string; password: string } {
  const match = /demo admin: (\S+) \/ (\S+)/.exec(output);
  if (!match) throw new Error(`the server printed no admin credentials:\n${output}`);
  return { username: match[1]!, password: match[2]! };
}

describe('the device ledger names the answers the server never received', () => {
  let server: RunningServer;
  let tablet: BrowserContext;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ port: await freePort(), databaseUrl: temporarySqliteFile() });
    tablet = await launchTablet(mkdtempSync(join(tmpdir(), 'sipas-tablet-')));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await tablet?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  });

  it('shows exactly the two deleted sequence numbers on the tablet and in the dashboard device view', async () => {
    const page = tablet.pages()[0] ?? (await tablet.newPage());
    await enrolTablet(page, server.origin, server.enrolmentCode!);
    await waitForServiceWorker(page);
    // The staff view is used offline below: its files are cached once the kiosk is ready.
    await waitForDeferredAssets(page);
    await overrideKioskSettings(page, { mode: 'quick', fixedServiceFieldId: 'ho-tich' });
    await tablet.setOffline(true);
    await page.reload();
    for (let rating = 0; rating < 30; rating += 1) await quickRate(page, ['Rất hài lòng', 'Hài lòng', 'Không hài lòng'][rating % 3]!);
    await deleteStoredResponses(page, DELETED_SEQUENCES);
    const left = await readStoredResponses(page);
    expect(left.map((record) => record.deviceSequence)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1).filter((n) => !DELETED_SEQUENCES.includes(n)),
    );

    await tablet.setOffline(false);
    await unlockStaffView(page);
    await page.getByRole('button', { name: 'Đồng bộ', exact: true }).click();
    await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect.poll(() => page.getByTestId('sync-synced').textContent(), { timeout: 30_000 }).toBe('28');
    await page.getByRole('button', { name: 'Kết quả' }).click();
    expect(await page.getByTestId('reconciliation-state').textContent()).toBe('Máy chủ thiếu 2');
    expect(await page.getByText('Số thứ tự máy chủ chưa nhận: #7, #19.').count()).toBe(1);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    const dashboard = await context.newPage();
    await dashboard.goto(`${server.origin}/manage`);
    const { username, password } = demoAdmin(server.output());
    await dashboard.getByLabel('Tên đăng nhập').fill(username);
    await dashboard.getByLabel('Mật khẩu').fill(password);
    await dashboard.getByRole('button', { name: 'Đăng nhập' }).click();
    await dashboard.getByRole('heading', { name: 'Báo cáo chỉ số hài lòng' }).waitFor();
    await dashboard.goto(`${server.origin}/manage/admin/devices`);
    // The demo's own tablets are listed too (one of them with #37–38 missing); this one is told by its gaps.
    const row = dashboard.getByRole('row').filter({ hasText: 'Thiếu 2: 7, 19' });
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('28 / 30');
    await context.close();
  });
});

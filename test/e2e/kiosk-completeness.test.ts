import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { localDayOf } from '../../src/domain/local-day.ts';
import { launchTablet } from './chromium.ts';
import { freePort, startServer, temporarySqliteFile, type RunningServer } from './server-process.ts';
import { enrolTablet, overrideKioskSettings, readStoredResponses, waitForServiceWorker } from './kiosk-pages.ts';
import { dailyReport, demoManagerCredentials, signIn } from './server-report.ts';
import { unlockStaffView } from './staff-exports.ts';

const DEMO_UNIT = 'demo-an-hoa-centre';
/** With a fixed service field: five elements, then the overall question, improvements, profile and comment. */
const SCREENS_AFTER_FIRST = 8;

async function goToLastScreen(page: Page, onElement?: () => Promise<void>) {
  await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
  for (let screen = 0; screen < SCREENS_AFTER_FIRST; screen += 1) {
    if (screen < 5) {
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(`Yếu tố ${screen + 1}/5`);
      await onElement?.();
    }
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
  }
}

/** Submits, is told nothing was rated, and finishes without rating. */
async function finishWithoutRating(page: Page) {
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Ông/Bà chưa đánh giá tiêu chí nào' });
  await dialog.waitFor();
  mkdirSync('test-results/kiosk-completeness', { recursive: true });
  const { width, height } = page.viewportSize()!;
  await page.screenshot({ path: `test-results/kiosk-completeness/nothing-rated-${width}x${height}.png` });
  await dialog.getByRole('button', { name: 'Kết thúc, không đánh giá' }).click();
  await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor();
}

describe('a survey without one rated criterion', () => {
  let server: RunningServer;
  let tablet: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ port: await freePort(), databaseUrl: temporarySqliteFile() });
    tablet = await launchTablet(mkdtempSync(join(tmpdir(), 'sipas-tablet-')));
    page = tablet.pages()[0] ?? (await tablet.newPage());
    await enrolTablet(page, server.origin, server.enrolmentCode!);
    await waitForServiceWorker(page);
    await overrideKioskSettings(page, { fixedServiceFieldId: 'ho-tich', keepPartialAnswers: true });
  });
  afterAll(async () => {
    await tablet?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  });

  it('is never counted complete: untouched, all "no opinion" or with only a comment, the unit\'s index does not move', async () => {
    const cookie = await signIn(server.origin, demoManagerCredentials(server.output()));
    const today = localDayOf(new Date().toISOString(), 'Asia/Ho_Chi_Minh');
    const before = await dailyReport(server.origin, cookie, DEMO_UNIT, today, 'sipas');
    await page.goto(`${server.origin}/kiosk`);

    // Untouched: no face starts chosen, and "Tiếp tục" through it ends at a gentle question, not a thank-you.
    await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
    await page.getByRole('radiogroup').first().waitFor();
    expect(await page.locator('[role="radio"][aria-checked="true"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Hủy' }).click();
    await goToLastScreen(page);
    await finishWithoutRating(page);

    // "No opinion" on every criterion: the method counts no level, so nothing is stored either.
    await goToLastScreen(page, async () => {
      const groups = page.getByRole('radiogroup');
      for (let row = 0; row < (await groups.count()); row += 1)
        await groups.nth(row).getByRole('radio', { name: 'Không có ý kiến', exact: true }).click();
    });
    await finishWithoutRating(page);
    expect(await readStoredResponses(page)).toEqual([]);

    // Only a comment: kept as an incomplete record, which is never counted.
    await goToLastScreen(page);
    await page.getByRole('textbox').fill('Cần thêm ghế ngồi chờ');
    await finishWithoutRating(page);
    const stored = await readStoredResponses(page);
    expect(stored.map((record) => [record.complete, record.answers])).toEqual([[false, { comment: 'Cần thêm ghế ngồi chờ' }]]);

    await expect.poll(async () => (await readStoredResponses(page))[0]?.status, { timeout: 60_000 }).toBe('synced');
    const after = await dailyReport(server.origin, cookie, DEMO_UNIT, today, 'sipas');
    expect(after.responses.complete).toBe(before.responses.complete);
    expect(after.responses.incomplete).toBe(before.responses.incomplete + 1);
    expect(after.overall.index).toBe(before.overall.index);
    expect(after.elements.map((element) => element.index)).toEqual(before.elements.map((element) => element.index));

    await unlockStaffView(page);
    expect(await page.getByTestId('count-complete').textContent()).toBe('0');
    expect(await page.getByTestId('count-incomplete').textContent()).toBe('1');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchTablet } from './chromium.ts';
import { freePort, startServer, temporarySqliteFile, type RunningServer } from './server-process.ts';
import { enrolTablet, overrideKioskSettings, quickRate, readStoredResponses, waitForServiceWorker } from './kiosk-pages.ts';
import { readServerResponses, wireFields } from './server-database.ts';

const FACES = ['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng'];

/** A short full survey: one criterion per element, chosen from the survey's number, then submit. */
async function answerShortSurvey(page: Page, surveyNumber: number) {
  await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
  for (let element = 0; element < 5; element += 1) {
    const face = FACES[(surveyNumber + element) % FACES.length]!;
    await page.getByRole('radiogroup').first().getByRole('radio', { name: face, exact: true }).click();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
  }
  for (let section = 0; section < 3; section += 1) await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('textbox').fill(`Góp ý số ${surveyNumber}: cảm ơn cán bộ`);
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await page.getByRole('button', { name: 'Xong' }).click();
}

async function waitUntilNothingPending(page: Page, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const records = await readStoredResponses(page);
    if (records.length > 0 && records.every((record) => record.status === 'synced')) return records;
    if (Date.now() > deadline) {
      const byStatus = records.reduce<Record<string, number>>(
        (counts, record) => ({ ...counts, [record.status]: (counts[record.status] ?? 0) + 1 }),
        {},
      );
      throw new Error(`records still not synced: ${JSON.stringify(byStatus)}`);
    }
    await page.waitForTimeout(250);
  }
}

describe('sync: every answer reaches the server exactly once', () => {
  const databaseFile = temporarySqliteFile();
  let port: number;
  let server: RunningServer;
  let tablet: BrowserContext;
  let page: Page;
  let demoDeviceResponses: number;

  beforeAll(async () => {
    port = await freePort();
    server = await startServer({ port, databaseUrl: databaseFile });
    demoDeviceResponses = readServerResponses(databaseFile).length;
    tablet = await launchTablet(mkdtempSync(join(tmpdir(), 'sipas-tablet-')));
    page = tablet.pages()[0] ?? (await tablet.newPage());
    await enrolTablet(page, server.origin, server.enrolmentCode!);
    await waitForServiceWorker(page);
    await overrideKioskSettings(page, { fixedServiceFieldId: 'ho-tich' });
  });
  afterAll(async () => {
    await tablet?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  });

  it('delivers 25 offline answers once each, with identical content, across an offline reload and a killed server', async () => {
    await tablet.setOffline(true);
    await page.reload();
    for (let survey = 1; survey <= 20; survey += 1) await answerShortSurvey(page, survey);
    await page.reload();
    await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor();
    for (let survey = 21; survey <= 25; survey += 1) await answerShortSurvey(page, survey);

    const onTablet = await readStoredResponses(page);
    expect(onTablet).toHaveLength(25);
    expect(onTablet.every((record) => record.status === 'pending')).toBe(true);

    await server.kill();
    server = await startServer({ port, databaseUrl: databaseFile });
    await tablet.setOffline(false);

    const synced = await waitUntilNothingPending(page);
    const deviceId = synced[0]!.deviceId as string;
    const onServer = readServerResponses(databaseFile).filter((record) => record.deviceId === deviceId);
    expect(onServer).toHaveLength(25);
    expect(new Set(onServer.map((record) => record.id)).size).toBe(25);
    expect(onServer).toEqual(synced.map(wireFields));
    expect(onServer.map((record) => record.deviceSequence)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(onServer[0]!.answers).toMatchObject({ comment: 'Góp ý số 1: cảm ơn cán bộ' });
  });

  it('still ends exactly once when the server is killed in the middle of a batch upload', async () => {
    await overrideKioskSettings(page, { fixedServiceFieldId: 'ho-tich', mode: 'quick' });
    await tablet.setOffline(true);
    await page.reload();
    for (let rating = 0; rating < 40; rating += 1) await quickRate(page, ['Rất hài lòng', 'Hài lòng', 'Không hài lòng'][rating % 3]!);
    expect((await readStoredResponses(page)).filter((record) => record.status === 'pending')).toHaveLength(40);

    const uploadStarted = page.waitForRequest((request) => request.url().endsWith('/api/v1/sync/responses') && request.method() === 'POST');
    await tablet.setOffline(false);
    await uploadStarted;
    await server.kill();
    server = await startServer({ port, databaseUrl: databaseFile });

    const synced = await waitUntilNothingPending(page);
    expect(synced).toHaveLength(65);
    const all = readServerResponses(databaseFile);
    expect(all).toHaveLength(demoDeviceResponses + 65);
    const mine = all.filter((record) => record.deviceId === synced[0]!.deviceId);
    expect(mine).toEqual(synced.map(wireFields));
  });

  it('quick mode: the rating is stored at the tap, a reason joins the same record, and each reaches the server once', async () => {
    await overrideKioskSettings(page, { fixedServiceFieldId: 'ho-tich', mode: 'quick' });
    await page.reload();
    const before = (await readStoredResponses(page)).length;

    // Taps the unhappy face and walks away from the reason screen.
    await page.getByRole('radio', { name: 'Không hài lòng', exact: true }).click();
    await page.getByRole('heading', { name: 'Ông/Bà có thể cho biết lý do không?' }).waitFor();
    const atTap = await readStoredResponses(page);
    expect(atTap).toHaveLength(before + 1);
    const walkedAway = atTap.at(-1)!;
    expect(walkedAway.answers).toEqual({ 'Q.1': 1 });
    // Held back while its reason may come: the server does not have it yet.
    await page.waitForTimeout(2_000);
    expect(readServerResponses(databaseFile).some((record) => record.id === walkedAway.id)).toBe(false);
    await page.getByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' }).waitFor({ timeout: 45_000 });
    await page.getByRole('button', { name: 'Xong' }).click();

    // The next citizen taps the unhappy face and gives a reason.
    await page.getByRole('radio', { name: 'Không hài lòng', exact: true }).click();
    await page.getByRole('checkbox', { name: 'Chờ lâu' }).click();
    await page.getByRole('button', { name: 'Gửi lý do' }).click();
    await page.getByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' }).waitFor();

    const synced = await waitUntilNothingPending(page);
    expect(synced).toHaveLength(before + 2);
    const [first, second] = synced.slice(-2);
    expect(first!.id).toBe(walkedAway.id);
    expect(first!.answers).toEqual({ 'Q.1': 1 });
    expect(second!.answers).toEqual({ 'Q.1': 1, reason: ['waiting'] });
    const onServer = readServerResponses(databaseFile).filter((record) => record.id === first!.id || record.id === second!.id);
    expect(onServer).toEqual([first!, second!].map(wireFields));
  });
});

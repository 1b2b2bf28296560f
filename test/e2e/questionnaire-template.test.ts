import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { localDayOf } from '../../src/domain/local-day.ts';
import { CSRF_HEADER } from '../../src/domain/manage-api.ts';
import { QUESTIONNAIRE_TEMPLATES } from '../../src/domain/templates/index.ts';
import { launchTablet } from './chromium.ts';
import { enrolTablet, readStoredResponses, waitForServiceWorker } from './kiosk-pages.ts';
import { freePort, startServer, temporarySqliteFile, type RunningServer } from './server-process.ts';
import { dailyReport, signIn } from './server-report.ts';

const DEMO_UNIT = 'demo-an-hoa-centre';
const [OUTPATIENT] = QUESTIONNAIRE_TEMPLATES;

function demoAdministrator(output: string): { username: string; password: string } {
  const match = /demo admin: (\S+) \/ (\S+)/.exec(output);
  if (!match) throw new Error(`the server printed no administrator credentials:\n${output}`);
  return { username: match[1]!, password: match[2]! };
}

async function asAdministrator(server: RunningServer, cookie: string, method: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${server.origin}${path}`, {
    method,
    headers: { cookie, 'content-type': 'application/json', [CSRF_HEADER]: '1' },
    body: JSON.stringify(body),
  });
}

async function waitUntilSynced(page: Page, count: number) {
  await expect
    .poll(async () => (await readStoredResponses(page)).filter((record) => record.status === 'synced').length, { timeout: 60_000, interval: 250 })
    .toBe(count);
}

describe("a hospital publishes the outpatient template and its kiosk collects answers scored by the template's method", () => {
  let server: RunningServer;
  let tablet: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ port: await freePort(), databaseUrl: temporarySqliteFile() });
    tablet = await launchTablet(mkdtempSync(join(tmpdir(), 'sipas-tablet-')));
    page = tablet.pages()[0] ?? (await tablet.newPage());
  });
  afterAll(async () => {
    await tablet?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  });

  it('publishes, assigns to the unit, and the tablet answers it offline after its configuration pull; the report states the method', async () => {
    const admin = await signIn(server.origin, demoAdministrator(server.output()));
    const published = await asAdministrator(server, admin, 'POST', '/api/v1/admin/questionnaires', OUTPATIENT);
    expect(published.status, await published.clone().text()).toBe(201);
    const assigned = await asAdministrator(server, admin, 'PUT', `/api/v1/admin/units/${DEMO_UNIT}/questionnaires`, { full: OUTPATIENT!.id });
    expect(assigned.status, await assigned.clone().text()).toBe(200);

    await enrolTablet(page, server.origin, server.enrolmentCode!);
    await waitForServiceWorker(page);
    await tablet.setOffline(true);
    await page.reload();

    await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
    const next = page.getByRole('button', { name: 'Tiếp tục' });
    // The demo centre asks for the service field first.
    const fieldChoice = page.getByRole('radio', { name: 'Hộ tịch', exact: true });
    if (await fieldChoice.isVisible().catch(() => false)) {
      await fieldChoice.click();
      await next.click();
    }
    for (const [position, element] of OUTPATIENT!.elements.entries()) {
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(`${position + 1}/5`);
      await expect(page.getByText(element.criteria[0]!.text.vi!, { exact: true }).first().isVisible()).resolves.toBe(true);
      const rows = page.getByRole('radiogroup');
      // Every criterion "Hài lòng" except the first of each element, "Không hài lòng".
      for (let row = 0; row < element.criteria.length; row += 1) {
        await rows
          .nth(row)
          .getByRole('radio', { name: row === 0 ? 'Không hài lòng' : 'Hài lòng', exact: true })
          .click();
      }
      await next.click();
    }
    const submit = page.getByRole('button', { name: 'Gửi đánh giá' });
    while (!(await submit.isVisible())) await next.click();
    await submit.click();
    await page.getByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' }).waitFor();
    const [stored] = await readStoredResponses(page);
    expect(stored).toMatchObject({ questionnaireId: OUTPATIENT!.id, status: 'pending', complete: true });

    await tablet.setOffline(false);
    await page.getByRole('button', { name: 'Xong' }).click();
    await waitUntilSynced(page, 1);

    const today = localDayOf(new Date().toISOString(), 'Asia/Ho_Chi_Minh');
    const report = await dailyReport(server.origin, admin, DEMO_UNIT, today, OUTPATIENT!.id);
    expect(report.method.id).toBe('outpatient-satisfaction-2019');
    expect(report.responses.complete).toBe(1);
    // Per element: all but one criterion satisfied; the index is the mean of the five elements' shares.
    const expected = OUTPATIENT!.elements.map((element) => (100 * (element.criteria.length - 1)) / element.criteria.length);
    expect(report.elements.map((element) => element.index)).toEqual(expected.map((share) => expect.closeTo(share, 9)));
    expect(report.overall.index).toBeCloseTo(expected.reduce((sum, share) => sum + share, 0) / expected.length, 9);
  });
});

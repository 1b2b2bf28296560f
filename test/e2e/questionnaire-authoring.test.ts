import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { localDayOf } from '../../src/domain/local-day.ts';
import { BUNDLED_QUESTIONNAIRES } from '../../src/domain/questionnaires/index.ts';
import { launchBrowser, launchTablet } from './chromium.ts';
import { completeFullSurvey, enrolTablet, readStoredResponses, waitForServiceWorker } from './kiosk-pages.ts';
import { freePort, startServer, temporarySqliteFile, type RunningServer } from './server-process.ts';
import { dailyReport, signIn } from './server-report.ts';

const DEMO_UNIT = 'demo-an-hoa-centre';
const SIPAS = BUNDLED_QUESTIONNAIRES.find((questionnaire) => questionnaire.id === 'sipas')!;
const NEW_ELEMENT_TITLE = 'Nơi tiếp nhận hồ sơ';
const NEW_CRITERION = 'Có nước uống miễn phí cho người chờ';
/** The province's method for version 2: only "Rất hài lòng" counts, and access weighs 40%. */
const WEIGHTS_IN_PERCENT = { E1: 40, E2: 15, E3: 15, E4: 15, E5: 15 };

function demoAdministrator(output: string): { username: string; password: string } {
  const match = /demo admin: (\S+) \/ (\S+)/.exec(output);
  if (!match) throw new Error(`the server printed no administrator credentials:\n${output}`);
  return { username: match[1]!, password: match[2]! };
}

/** The versions of a questionnaire the tablet's stored configuration holds, read from IndexedDB directly. */
async function heldVersions(page: Page, questionnaireId: string): Promise<number[]> {
  return page.evaluate(
    (id) =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open('sipas-collect');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('config').objectStore('config').get('config');
          request.onsuccess = () => {
            open.result.close();
            const stored = request.result as { config: { questionnaires: { id: string; version: number }[] } } | undefined;
            resolve((stored?.config.questionnaires ?? []).filter((held) => held.id === id).map((held) => held.version));
          };
          request.onerror = () => reject(request.error);
        };
      }),
    questionnaireId,
  );
}

describe('an administrator authors a questionnaire version in the editor, and a kiosk collects it offline under its method', () => {
  let server: RunningServer;
  let browser: Browser;
  let tablet: BrowserContext;

  beforeAll(async () => {
    server = await startServer({ port: await freePort(), databaseUrl: temporarySqliteFile() });
    browser = await launchBrowser();
    tablet = await launchTablet(mkdtempSync(join(tmpdir(), 'sipas-tablet-')));
  });
  afterAll(async () => {
    await tablet?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  });

  it('edits, previews and publishes version 2 with its own method; the tablet takes it at its next pull and answers it offline; the report scores it so', async () => {
    const kiosk = tablet.pages()[0] ?? (await tablet.newPage());
    await enrolTablet(kiosk, server.origin, server.enrolmentCode!);
    await waitForServiceWorker(kiosk);
    expect(await heldVersions(kiosk, 'sipas')).toEqual([1]);

    // The administrator, in the dashboard at a desktop's size.
    const administrator = demoAdministrator(server.output());
    const dashboard = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await dashboard.goto(`${server.origin}/manage`);
    await dashboard.getByLabel('Tên đăng nhập').fill(administrator.username);
    await dashboard.getByLabel('Mật khẩu').fill(administrator.password);
    await dashboard.getByRole('button', { name: 'Đăng nhập' }).click();
    await dashboard.getByRole('navigation', { name: 'Điều hướng trang quản lý' }).waitFor();
    // Khmer letters in the dashboard (the units form names the language in its own script) are drawn in the
    // Khmer font, not as empty boxes where the computer has no Khmer font of its own.
    await dashboard.goto(`${server.origin}/manage/admin/units`);
    await dashboard
      .getByText(/ភាសាខ្មែរ/)
      .first()
      .waitFor();
    await expect
      .poll(() => dashboard.evaluate(`[...document.fonts].some((face) => face.family.includes('Noto Sans Khmer') && face.status === 'loaded')`))
      .toBe(true);
    await dashboard.goto(`${server.origin}/manage/admin/questionnaires`);
    await dashboard
      .getByRole('region', { name: 'Các phiên bản đã công bố' })
      .getByRole('listitem')
      .filter({ hasText: SIPAS.title.vi! })
      .first()
      .getByRole('button', { name: 'Sao chép thành phiên bản 2' })
      .click();

    const firstElement = dashboard.getByRole('group', { name: 'Yếu tố 1 (E1)' });
    await firstElement.getByRole('textbox', { name: 'Tên yếu tố' }).fill(NEW_ELEMENT_TITLE);
    await firstElement.getByRole('button', { name: 'Thêm tiêu chí vào yếu tố E1' }).click();
    await firstElement.getByRole('textbox', { name: 'Tiêu chí E1.5' }).fill(NEW_CRITERION);

    // The live preview shows the kiosk's own screens of the draft as it is now.
    const preview = dashboard.frameLocator('iframe[title^="Xem trước kiosk"]');
    await preview.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
    await expect.poll(() => preview.getByRole('heading', { level: 1 }).textContent()).toContain(NEW_ELEMENT_TITLE);
    await preview.getByText(NEW_CRITERION, { exact: true }).waitFor();

    const method = dashboard.getByRole('group', { name: 'Cách tính chỉ số của phiên bản này' });
    await method.getByRole('checkbox', { name: '4 · Hài lòng' }).uncheck();
    await method.getByRole('textbox', { name: 'Căn cứ (số, ngày văn bản)' }).fill('Quyết định 123/QĐ-UBND ngày 01/12/2026 (thử nghiệm)');
    await method.getByRole('checkbox', { name: 'Các yếu tố có trọng số bằng nhau' }).uncheck();
    for (const [element, percent] of Object.entries(WEIGHTS_IN_PERCENT)) {
      await method.getByRole('textbox', { name: `Trọng số của yếu tố ${element} (%)` }).fill(String(percent));
    }
    await expect.poll(() => method.getByRole('status').textContent()).toBe('Tổng trọng số: 100%.');

    await dashboard.getByRole('button', { name: 'Kiểm tra và công bố' }).click();
    await dashboard.getByText('Đã công bố bảng hỏi sipas phiên bản 2.').waitFor();

    // The tablet's next configuration pull (at its start, online) brings version 2; then the network goes.
    await expect
      .poll(
        async () => {
          await kiosk.reload();
          await kiosk.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor();
          return heldVersions(kiosk, 'sipas');
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toContain(2);
    await tablet.setOffline(true);
    await kiosk.reload();

    const levels: number[][] = [
      [5, 5, 4, 4, 5],
      ...SIPAS.elements.slice(1).map((element, position) => element.criteria.map(() => [5, 4, 5, 3][position]!)),
    ];
    await completeFullSurvey(kiosk, { serviceField: 'Hộ tịch', levels, overall: 5 });
    const [stored] = await readStoredResponses(kiosk);
    expect(stored).toMatchObject({ questionnaireId: 'sipas', questionnaireVersion: 2, status: 'pending', complete: true });
    expect(stored!.answers['E1.5']).toBe(5);

    await tablet.setOffline(false);
    await expect
      .poll(async () => (await readStoredResponses(kiosk)).map((record) => record.status), { timeout: 60_000, interval: 500 })
      .toEqual(['synced']);

    // Scored by version 2's own method, by hand: E1 = 3 of 5 criteria at level 5 = 60; E2 and E4 all 5 = 100;
    // E3 all 4 and E5 all 3 = 0; index = 40% × 60 + 15% × (100 + 0 + 100 + 0) = 54.
    const cookie = await signIn(server.origin, administrator);
    const today = localDayOf(new Date().toISOString(), 'Asia/Ho_Chi_Minh');
    const report = await dailyReport(server.origin, cookie, DEMO_UNIT, today, 'sipas');
    expect(report.method).toMatchObject({ id: 'sipas-v2', version: 1 });
    expect(report.responses.complete).toBe(1);
    expect(report.elements.map((element) => [element.id, element.index])).toEqual([
      ['E1', 60],
      ['E2', 100],
      ['E3', 0],
      ['E4', 100],
      ['E5', 0],
    ]);
    expect(report.overall.index).toBeCloseTo(54, 9);
    await dashboard.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchTablet } from './chromium.ts';
import { writeReceiptVideo } from './fake-camera.ts';
import { freePort, startServer, temporarySqliteFile, type RunningServer } from './server-process.ts';
import { readServerResponses } from './server-database.ts';
import { enrolTablet, overrideKioskSettings, readStoredResponses, waitForServiceWorker } from './kiosk-pages.ts';

const DOSSIER_CODE = 'H12.34-261122-0042';
/** The receipt's link names the procedure too (the demo's "Đăng ký khai sinh"). */
const PROCEDURE_ID = '1.001193';
const RECEIPT_QR = `https://dichvucong.example.gov.vn/tra-cuu-ho-so?maHoSo=${DOSSIER_CODE}&maTTHC=${PROCEDURE_ID}`;

/** From the first element's screen: rates its first criterion, goes through the other screens and sends. */
async function rateFirstCriterionAndFinish(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Yếu tố 1/5');
  await page.getByRole('radiogroup').first().getByRole('radio', { name: 'Hài lòng', exact: true }).click();
  for (let step = 0; step < 8; step += 1) await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
}

describe('the dossier code from the receipt', () => {
  let server: RunningServer;
  let tablet: BrowserContext;
  let databaseFile: string;

  beforeAll(async () => {
    databaseFile = temporarySqliteFile();
    server = await startServer({ port: await freePort(), databaseUrl: databaseFile });
    const scratch = mkdtempSync(join(tmpdir(), 'sipas-camera-'));
    const video = join(scratch, 'receipt.y4m');
    writeReceiptVideo(video, RECEIPT_QR);
    tablet = await launchTablet(join(scratch, 'profile'), {
      extraArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
  });
  afterAll(async () => {
    await tablet?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  });

  it('is scanned from the receipt QR code with the camera and stored with the response', async () => {
    const page = tablet.pages()[0] ?? (await tablet.newPage());
    await enrolTablet(page, server.origin, server.enrolmentCode!);
    await waitForServiceWorker(page);
    await overrideKioskSettings(page, { fixedServiceFieldId: 'ho-tich', dossierCode: { ask: 'optional', pattern: '^[A-Z0-9.-]{6,40}$' } });
    await page.reload();

    await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
    await page.getByRole('button', { name: 'Quét mã QR trên giấy biên nhận' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Mã hồ sơ' }).inputValue(), { timeout: 30_000 }).toBe(DOSSIER_CODE);
    expect(await page.getByRole('dialog').count()).toBe(0);

    // The dossier-code screen, then one criterion rated (a form with none is not an answer), the rest of
    // the five elements, overall, improvements and profile, to the comment.
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await rateFirstCriterionAndFinish(page);
    await page.getByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' }).waitFor();
    const [stored] = await readStoredResponses(page);
    expect(stored).toMatchObject({ dossierCode: DOSSIER_CODE, complete: true });
  });

  it('refuses a typed code that does not match the unit format, with a clear message', async () => {
    const page = tablet.pages()[0]!;
    await page.getByRole('button', { name: 'Xong' }).click();
    await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
    await page.getByRole('textbox', { name: 'Mã hồ sơ' }).fill('mã sai!');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('Mã hồ sơ không đúng định dạng của đơn vị. Vui lòng kiểm tra lại.');
    await page.getByRole('textbox', { name: 'Mã hồ sơ' }).fill('H99-000001');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Yếu tố 1/5');
  });

  it('takes the procedure from the receipt link when the citizen skipped it, and the server stores it', async () => {
    const page = tablet.pages()[0]!;
    await overrideKioskSettings(page, {
      fixedServiceFieldId: 'ho-tich',
      askProcedure: true,
      dossierCode: { ask: 'optional', pattern: '^[A-Z0-9.-]{6,40}$' },
    });
    await page.reload();
    await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
    // The civil-status procedures the server published; the citizen goes on without choosing one.
    await page.getByRole('heading', { name: 'Ông/Bà đến làm thủ tục nào?' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Đăng ký khai sinh' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('button', { name: 'Quét mã QR trên giấy biên nhận' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Mã hồ sơ' }).inputValue(), { timeout: 30_000 }).toBe(DOSSIER_CODE);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await rateFirstCriterionAndFinish(page);
    await page.getByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' }).waitFor();
    const stored = (await readStoredResponses(page)).at(-1)!;
    expect(stored).toMatchObject({ procedureId: PROCEDURE_ID, dossierCode: DOSSIER_CODE, serviceFieldId: 'ho-tich' });

    // The tablet is online: the answer reaches the server with its procedure.
    await expect
      .poll(() => readServerResponses(databaseFile).find((response) => response.id === stored.id)?.procedureId ?? null, { timeout: 30_000 })
      .toBe(PROCEDURE_ID);
  });
});

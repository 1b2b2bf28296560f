import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../src/domain/manage-api.ts';
import { localDayOf } from '../../src/domain/local-day.ts';
import { launchTablet } from './chromium.ts';
import { completeFullSurvey, enrolTablet, waitForServiceWorker } from './kiosk-pages.ts';
import { freePort, startServer, temporarySqliteFile, type RunningServer } from './server-process.ts';
import { dailyReport, demoManagerCredentials, signIn } from './server-report.ts';
import { downloadByButton, unlockStaffView } from './staff-exports.ts';

const DEMO_UNIT = 'demo-an-hoa-centre';
const TYPED_COMMENT = 'Chờ lâu quá, gọi tôi 0912 345 678 hoặc chị Lê Thị Hoa';
const STORED_COMMENT = 'Chờ lâu quá, gọi tôi [số điện thoại] hoặc chị [họ tên]';
/** What must be found nowhere: the number as typed, its digits alone, the name. */
const PERSONAL = ['0912 345 678', '0912345678', 'Lê Thị Hoa'];

function expectNoPersonalData(where: string, text: string) {
  for (const fragment of PERSONAL) expect(text.includes(fragment), `${fragment} in ${where}`).toBe(false);
}

describe('a phone number typed into the kiosk comment', () => {
  let server: RunningServer;
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = temporarySqliteFile();
    server = await startServer({ port: await freePort(), databaseUrl });
  });
  afterAll(async () => {
    await server?.stop().catch(() => undefined);
  });

  it('is found in neither IndexedDB, the staff export, the server database, the reports, their exports nor the logs', async () => {
    const origin = server.origin;
    const tablet = await launchTablet(mkdtempSync(join(tmpdir(), 'sipas-redaction-tablet-')));
    const kiosk = tablet.pages()[0] ?? (await tablet.newPage());
    await enrolTablet(kiosk, origin, server.enrolmentCode!);
    await waitForServiceWorker(kiosk);
    await completeFullSurvey(kiosk, { serviceField: 'Hộ tịch', levels: [[4], [], [], [], []], overall: 4, comment: TYPED_COMMENT });

    const storedOnTablet = await kiosk.evaluate(async () => {
      const open = indexedDB.open('sipas-collect');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const dump: Record<string, unknown[]> = {};
      for (const name of [...db.objectStoreNames]) {
        const request = db.transaction(name).objectStore(name).getAll();
        dump[name] = await new Promise<unknown[]>((resolve) => (request.onsuccess = () => resolve(request.result)));
      }
      db.close();
      return JSON.stringify({ dump, localStorage: { ...localStorage } });
    });
    expect(storedOnTablet).toContain(STORED_COMMENT);
    expectNoPersonalData('IndexedDB and localStorage', storedOnTablet);

    await unlockStaffView(kiosk);
    expectNoPersonalData('the staff CSV export', (await downloadByButton(kiosk, 'Xuất CSV từng phiếu')).bytes.toString('utf8'));

    const today = localDayOf(new Date().toISOString(), 'Asia/Ho_Chi_Minh');
    const cookie = await signIn(origin, demoManagerCredentials(server.output()));
    await expect
      .poll(async () => (await dailyReport(origin, cookie, DEMO_UNIT, today, 'sipas')).comments.map((comment) => comment.text), { timeout: 30_000 })
      .toContain(STORED_COMMENT);
    expectNoPersonalData('the dashboard report', JSON.stringify(await dailyReport(origin, cookie, DEMO_UNIT, today, 'sipas')));
    const query = new URLSearchParams({ unitId: DEMO_UNIT, from: today, to: today, questionnaireId: 'sipas' });
    const exported = async (format: string) => {
      const reply = await fetch(`${origin}/api/v1/reports/export.${format}?${query}`, { headers: { cookie, [CSRF_HEADER]: '1' } });
      expect(reply.status).toBe(200);
      return Buffer.from(await reply.arrayBuffer());
    };
    expectNoPersonalData('the CSV export', (await exported('csv')).toString('utf8'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exported('xlsx')) as unknown as ArrayBuffer);
    expectNoPersonalData('the XLSX export', JSON.stringify(workbook.worksheets.map((sheet) => sheet.getSheetValues())));
    await tablet.close();

    await server.stop();
    for (const file of [databaseUrl, `${databaseUrl}-wal`]) {
      if (existsSync(file)) expectNoPersonalData(file, readFileSync(file).toString('utf8'));
    }
    expectNoPersonalData('the server log', server.output());
  });
});

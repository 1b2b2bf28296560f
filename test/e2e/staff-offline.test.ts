import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { launchTablet } from './chromium.ts';
import { freePort, startServer, temporarySqliteFile, type RunningServer } from './server-process.ts';
import {
  completeFullSurvey,
  deferredAssetsOf,
  enrolTablet,
  expectNoSeriousAxeViolations,
  waitForDeferredAssets,
  waitForServiceWorker,
  type FullSurveyAnswers,
} from './kiosk-pages.ts';
import { downloadByButton, unlockStaffView } from './staff-exports.ts';
import { parseCsv } from '../fixtures/csv.ts';
import { BUNDLED_QUESTIONNAIRES } from '../../src/domain/questionnaires/index.ts';
import { scoreQuestionnaire } from '../../src/domain/scoring.ts';
import { tallyFromEntries } from '../../src/domain/tally.ts';
import { addedLevelCounts, addedQuickCounts, dailyReport, demoManagerCredentials, signIn } from './server-report.ts';
import { formatIndexForExport } from '../../src/domain/format.ts';
import { localDayOf } from '../../src/domain/local-day.ts';

const DEMO_UNIT = 'demo-an-hoa-centre';

const VIETNAMESE_COMMENT = 'Cán bộ hướng dẫn rất tận tình, chu đáo.';
const FORMULA_COMMENT = '=1+1 là phép tính, không phải công thức';
const SURVEYS: FullSurveyAnswers[] = [
  {
    serviceField: 'Hộ tịch',
    levels: [
      [5, 5, 4, 4],
      [5, 4, 4, 4, 5],
      [5, 5, 5, 5, 5, 5],
      [4, 4, 4],
      [3, 3, null, 3],
    ],
    overall: 5,
    comment: VIETNAMESE_COMMENT,
  },
  {
    serviceField: 'Đất đai',
    levels: [
      [1, 2, 3, null],
      [2, 2, 2, 2, 2],
      [1, 1, 1, 1, 1, 1],
      [2, 3, 4],
      [5, 4, 3, 2],
    ],
    overall: 2,
    comment: FORMULA_COMMENT,
  },
  { serviceField: 'Hộ tịch', levels: [[4], [], [null, 5], [], []] },
];
/**
 * By hand, from SURVEYS: E1 = (2/3 + 1/2 + 1/2 + 1/1)·100 ÷ 4 = 66.67; E2 = 50 (each criterion 1 of 2);
 * E3 = (50 + 66.67 + 4·50) ÷ 6 = 52.78; E4 = (50 + 50 + 100) ÷ 3 = 66.67; E5 = (50 + 50 + 0 + 0) ÷ 4 = 25;
 * SIPAS = 261.11 ÷ 5 = 52.22. The quick rating "Hài lòng" is level 2 of 3, satisfied: 100.
 */
const ELEMENT_NAMES: Record<string, string> = Object.fromEntries(
  BUNDLED_QUESTIONNAIRES.find((questionnaire) => questionnaire.id === 'sipas')!.elements.map((element) => [element.id, element.title.vi!]),
);
const EXPECTED = { sipas: '52.22', elements: { E1: '66.67', E2: '50.00', E3: '52.78', E4: '66.67', E5: '25.00' }, quick: '100.00' };

describe('the staff view with no network', () => {
  let server: RunningServer;
  let port: number;
  let databaseUrl: string;

  beforeAll(async () => {
    port = await freePort();
    databaseUrl = temporarySqliteFile();
    server = await startServer({ port, databaseUrl });
  });
  afterAll(async () => {
    await server?.stop().catch(() => undefined);
  });

  it('unlocks with the PIN, exports CSV and XLSX that hold exactly the answers, and matches the server after sync', async () => {
    expect(server.enrolmentCode, server.output()).toBeTruthy();
    const origin = server.origin;
    const profile = mkdtempSync(join(tmpdir(), 'sipas-staff-tablet-'));
    const firstVisit = await launchTablet(profile);
    const setup = firstVisit.pages()[0] ?? (await firstVisit.newPage());
    await enrolTablet(setup, origin, server.enrolmentCode!);
    await waitForServiceWorker(setup);
    // The install precached the kiosk alone: the staff view's files (exceljs among them) are not in it.
    const precached = await setup.evaluate(async () => {
      const names = (await caches.keys()).filter((name) => name.startsWith('workbox-precache'));
      const urls = [];
      for (const name of names) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      return urls;
    });
    const { listed } = await deferredAssetsOf(setup);
    expect(listed.some((path) => path.includes('exceljs'))).toBe(true);
    expect(precached.some((path) => path.includes('/assets/SurveyRunner-'))).toBe(true);
    expect(precached.filter((path) => listed.includes(path))).toEqual([]);
    // Once the kiosk is ready it caches them, and the staff view below works with no network.
    await waitForDeferredAssets(setup);
    await firstVisit.close();

    // Only the first start prints the demo accounts.
    const managerCredentials = demoManagerCredentials(server.output());
    await server.kill();

    const tablet = await launchTablet(profile, { offline: true });
    const kiosk = tablet.pages()[0] ?? (await tablet.newPage());
    await kiosk.goto(`${origin}/kiosk`);
    await kiosk.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor({ timeout: 30_000 });
    for (const survey of SURVEYS) await completeFullSurvey(kiosk, survey);

    await unlockStaffView(kiosk);
    await expectNoSeriousAxeViolations(kiosk, 'staff results');
    // Staff switch the kiosk to quick mode, a citizen gives a quick rating, staff come back.
    await kiosk.getByRole('button', { name: 'Cài đặt' }).click();
    await kiosk.getByRole('radio', { name: 'Đánh giá nhanh' }).check();
    await kiosk.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await kiosk.getByText('Đã lưu cài đặt.').waitFor();
    await kiosk.getByRole('button', { name: 'Về màn hình khảo sát' }).click();
    await kiosk.getByRole('radio', { name: 'Hài lòng', exact: true }).click();
    await kiosk.getByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' }).waitFor();
    await kiosk.getByRole('button', { name: 'Xong' }).click();
    await unlockStaffView(kiosk);

    expect(await kiosk.getByTestId('count-total').textContent()).toBe('4');
    expect(await kiosk.getByTestId('reconciliation-state').textContent()).toBe('4 đang chờ mạng');
    expect(await kiosk.getByTestId('index-sipas').textContent()).toBe('52,22%');
    expect(await kiosk.getByTestId('index-counter-rating').textContent()).toBe('100,00%');
    expect(await kiosk.getByText(FORMULA_COMMENT, { exact: true }).count()).toBe(1);

    const today = localDayOf(new Date().toISOString(), 'Asia/Ho_Chi_Minh');
    const unitSlug = 'trung-tam-phuc-vu-hanh-chinh-cong-phuong-an-hoa';

    const sipasTitle = 'Khảo sát sự hài lòng về sự phục vụ của cơ quan hành chính nhà nước';
    const quickTitle = BUNDLED_QUESTIONNAIRES.find((questionnaire) => questionnaire.id === 'counter-rating')!.title.vi!;
    const responsesFile = await downloadByButton(kiosk, 'Xuất CSV từng phiếu');
    expect(responsesFile.name).toBe(`sipas_${unitSlug}_${today}.csv`);
    const responsesText = responsesFile.bytes.toString('utf8');
    expect(responsesText.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parseCsv(responsesText.slice(1));
    expect(rows).toHaveLength(4);
    const column = (name: string) => header!.findIndex((title) => title === name || title.startsWith(`${name}. `));
    expect(header!.slice(0, 3)).toEqual(['Mã phiếu', 'Số thứ tự', 'Thời gian (giờ địa phương)']);
    // Columns carry the criterion's and the question's own words, cells the names staff see on screen.
    expect(header![column('E1.1')]).toBe('E1.1. Nơi ngồi chờ có đủ chỗ ngồi');
    expect(header).toContain('Giới tính');
    expect(rows.map((row) => row[column('Số thứ tự')])).toEqual(['1', '2', '3', '4']);
    expect(rows.map((row) => row[column('Bảng hỏi')])).toEqual([sipasTitle, sipasTitle, sipasTitle, quickTitle]);
    expect(rows.map((row) => row[column('Đầy đủ')])).toEqual(['Có', 'Có', 'Có', 'Có']);
    expect(rows[0]![column('Ngôn ngữ')]).toBe('Tiếng Việt');
    const localTime = rows[0]![column('Thời gian (giờ địa phương)')]!;
    expect(localTime).toMatch(new RegExp(`^${today} \\d{2}:\\d{2}:\\d{2}$`));
    expect(rows[0]![column('Lĩnh vực')]).toBe('Hộ tịch');
    expect(rows[0]![column('E1.1')]).toBe('5');
    expect(rows[0]![column('E5.3')]).toBe('');
    expect(rows[3]![column('Q.1')]).toBe('2');
    expect(rows[0]![column('Góp ý')]).toBe(VIETNAMESE_COMMENT);
    // Neutralised: a spreadsheet shows the text instead of computing it.
    expect(rows[1]![column('Góp ý')]).toBe(`'${FORMULA_COMMENT}`);
    expect(responsesText).not.toMatch(/,(true|false|male|female|ho-tich)[,\r]/);

    // The variant for Excel under Vietnamese regional settings: ';' between cells, dates day first.
    const responsesVi = await downloadByButton(kiosk, 'Xuất CSV từng phiếu (Excel tiếng Việt, dấu ;)');
    expect(responsesVi.name).toBe(`sipas_${unitSlug}_${today}_excel-vi.csv`);
    const [headerVi, ...rowsVi] = parseCsv(responsesVi.bytes.toString('utf8').slice(1), ';');
    expect(headerVi).toEqual(header);
    const [year, month, day] = today.split('-');
    expect(rowsVi[0]![column('Thời gian (giờ địa phương)')]).toBe(`${day}/${month}/${year} ${localTime.slice(11)}`);
    expect(rowsVi[0]![column('Góp ý')]).toBe(VIETNAMESE_COMMENT);

    const summaryFile = await downloadByButton(kiosk, 'Xuất CSV tổng hợp');
    expect(summaryFile.name).toBe(`sipas_${unitSlug}_${today}_tong-hop.csv`);
    const summaryRows = parseCsv(summaryFile.bytes.toString('utf8').slice(1));
    expect(summaryRows[0]).toEqual(['Mục', 'Bảng hỏi', 'Tên', 'Số phiếu', 'Chỉ số (%)', 'Mục tiêu (%)']);
    const find = (kind: string, questionnaire: string | null, name: string | null) =>
      summaryRows.find((row) => row[0] === kind && (questionnaire === null || row[1] === questionnaire) && (name === null || row[2] === name));
    expect(find('Tổng số phiếu', null, null)?.[3]).toBe('4');
    expect(find('Phiếu đầy đủ', null, null)?.[3]).toBe('4');
    expect(find('Đang chờ mạng', null, null)?.[3]).toBe('4');
    expect(find('Chỉ số chung', sipasTitle, null)?.slice(3)).toEqual(['3', EXPECTED.sipas, '90']);
    expect(find('Chỉ số chung', quickTitle, null)?.slice(3)).toEqual(['1', EXPECTED.quick, '85']);
    for (const [element, index] of Object.entries(EXPECTED.elements)) expect(find('Yếu tố', sipasTitle, ELEMENT_NAMES[element]!)?.[4]).toBe(index);
    expect(find('Lĩnh vực', sipasTitle, 'Hộ tịch')?.[3]).toBe('2');
    expect(summaryFile.bytes.toString('utf8')).not.toMatch(/sipas@1|,E\d,/);

    const summaryVi = await downloadByButton(kiosk, 'Xuất CSV tổng hợp (Excel tiếng Việt, dấu ;)');
    const summaryRowsVi = parseCsv(summaryVi.bytes.toString('utf8').slice(1), ';');
    expect(summaryRowsVi.find((row) => row[0] === 'Chỉ số chung' && row[1] === sipasTitle)?.slice(3)).toEqual([
      '3',
      EXPECTED.sipas.replace('.', ','),
      '90',
    ]);

    const workbookFile = await downloadByButton(kiosk, 'Xuất Excel (XLSX)');
    expect(workbookFile.name).toBe(`sipas_${unitSlug}_${today}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(workbookFile.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['Tổng hợp', 'Từng phiếu']);
    const summarySheet = book.getWorksheet('Tổng hợp')!;
    const sipasRow = summarySheet
      .getSheetValues()
      .find((values) => Array.isArray(values) && values[1] === 'Chỉ số chung' && values[2] === sipasTitle) as unknown[];
    expect(sipasRow.slice(4, 7)).toEqual([3, Number(EXPECTED.sipas), 90]);
    expect(summarySheet.getSheetValues().some((values) => Array.isArray(values) && values[1] === 'Yếu tố' && values[3] === ELEMENT_NAMES.E1)).toBe(
      true,
    );
    const responseSheet = book.getWorksheet('Từng phiếu')!;
    expect(responseSheet.rowCount).toBe(5);
    expect(responseSheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const headers = responseSheet.getRow(1).values as unknown[];
    const sheetColumn = (name: string) =>
      headers.findIndex((title) => title === name || (typeof title === 'string' && title.startsWith(`${name}. `)));
    const commentColumn = sheetColumn('Góp ý');
    expect(responseSheet.getRow(2).getCell(commentColumn).value).toBe(VIETNAMESE_COMMENT);
    const formulaCell = responseSheet.getRow(3).getCell(commentColumn);
    expect(formulaCell.value).toBe(FORMULA_COMMENT);
    expect(formulaCell.type).toBe(ExcelJS.ValueType.String);
    expect(responseSheet.getRow(2).getCell(sheetColumn('E1.1')).value).toBe(5);
    // A real date, on the unit's wall clock, shown day first.
    const timeCell = responseSheet.getRow(2).getCell(sheetColumn('Thời gian (giờ địa phương)'));
    expect(timeCell.type).toBe(ExcelJS.ValueType.Date);
    expect((timeCell.value as Date).toISOString().slice(0, 19).replace('T', ' ')).toBe(localTime);
    expect(timeCell.numFmt).toBe('dd/mm/yyyy hh:mm:ss');
    expect(responseSheet.getRow(2).getCell(sheetColumn('Lĩnh vực')).value).toBe('Hộ tịch');

    // The network comes back. The server's report for today and this unit is read before and after the
    // sync: the demo history may already hold answers today, so what the sync added is compared.
    server = await startServer({ port, databaseUrl });
    const cookie = await signIn(origin, managerCredentials);
    const sipasBefore = await dailyReport(origin, cookie, DEMO_UNIT, today, 'sipas');
    await tablet.setOffline(false);
    await kiosk.getByRole('button', { name: 'Đồng bộ', exact: true }).click();
    await kiosk.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect.poll(() => kiosk.getByTestId('sync-synced').textContent(), { timeout: 30_000 }).toBe('4');
    expect(await kiosk.getByTestId('sync-pending').textContent()).toBe('0');
    await kiosk.getByRole('button', { name: 'Kết quả' }).click();
    expect(await kiosk.getByTestId('reconciliation-state').textContent()).toBe('Tất cả đã gửi');

    const sipasAfter = await dailyReport(origin, cookie, DEMO_UNIT, today, 'sipas');
    expect(sipasAfter.responses.complete - sipasBefore.responses.complete).toBe(3);
    const sipas = BUNDLED_QUESTIONNAIRES.find((questionnaire) => questionnaire.id === 'sipas')!;
    const added = scoreQuestionnaire(sipas, tallyFromEntries(addedLevelCounts(sipasBefore, sipasAfter)));
    expect(formatIndexForExport(added.overall)).toBe(EXPECTED.sipas);
    expect(Object.fromEntries(added.elements.map((element) => [element.elementId, formatIndexForExport(element.index)]))).toEqual(EXPECTED.elements);
    if (sipasBefore.responses.complete === 0) {
      // No demo answers yet today: the server's own figures are the tablet's, to the last decimal.
      expect(formatIndexForExport(sipasAfter.overall.index)).toBe(EXPECTED.sipas);
      expect(sipasAfter.elements.map((element) => formatIndexForExport(element.index))).toEqual(Object.values(EXPECTED.elements));
    }
    // The report gives the quick index beside the SIPAS one, never mixed into it.
    expect(addedQuickCounts(sipasBefore, sipasAfter)).toEqual({ n: 1, satisfied: 1 });
    await tablet.close();
  });
});

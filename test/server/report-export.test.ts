import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIndexForExport } from '../../src/domain/format.ts';
import { reportReplySchema } from '../../src/domain/manage-api.ts';
import { OFFICIAL_REPORT_LABELS } from '../../src/domain/official-report-labels.ts';
import { buildApp } from '../../src/server/app.ts';
import { neutraliseFormula } from '../../src/domain/export/csv.ts';
import { CENTRE_ID, PROVINCE_ID, batchOf, enrolNewDevice, seedTestUnits, sipasResponse, syncBatch } from './fixtures.ts';
import { ACCOUNTS, asSignedIn, dayAgo, seedAccounts, seedHistory, signIn } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';
import { parseCsv } from '../fixtures/csv.ts';

describe.each(databasesUnderTest)('report exports on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let cookie: string;
  const query = () => `unitId=${PROVINCE_ID}&from=${dayAgo(30)}&to=${dayAgo(0)}`;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    app = buildApp({ db: opened.db, staticDir: null });
    await seedHistory(app, opened.db, { days: 4, perDay: 5 });
    cookie = await signIn(app, ACCOUNTS.provinceManager.username);
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  const summary = async () =>
    reportReplySchema.parse((await asSignedIn(app, cookie, { method: 'GET', url: `/api/v1/reports/summary?${query()}` })).json());

  it('writes a CSV with a BOM, Vietnamese headers and dot decimals that match the report', async () => {
    const reply = await asSignedIn(app, cookie, { method: 'GET', url: `/api/v1/reports/export.csv?${query()}` });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(reply.headers['content-disposition']).toMatch(/^attachment; filename="sipas-test-province-.*\.csv"$/);
    expect(reply.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(reply.body.slice(1));
    const report = await summary();
    expect(rows.find((row) => row[0] === 'Chỉ số hài lòng chung (%)')?.[1]).toBe(formatIndexForExport(report.overall.index));
    expect(report.method).toMatchObject({ id: 'sipas-2017', version: 1 });
    expect(rows.find((row) => row[0] === 'Phương pháp tính')?.[1]).toBe(`${report.method.name.vi} (sipas-2017 v1)`);
    const header = rows.findIndex((row) => row[0] === 'Mã');
    expect(rows[header]).toContain('Chỉ số (%)');
    for (const element of report.elements) {
      const elementRow = rows.find((row) => row[0] === element.id)!;
      expect(elementRow[4]).toBe(formatIndexForExport(element.index));
      for (const criterion of element.criteria) {
        const row = rows.find((candidate) => candidate[0] === criterion.id)!;
        expect(row.slice(2, 5)).toEqual([String(criterion.n), String(criterion.satisfied), formatIndexForExport(criterion.index)]);
        expect(row.slice(11, 16)).toEqual(criterion.levelCounts.map(String));
      }
    }
    const audit = await opened.db.selectFrom('audit_log').selectAll().where('action', '=', 'report.exported.csv').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(`account:${ACCOUNTS.provinceManager.username}`);
  });

  it('writes an XLSX that exceljs reads back with the same figures', async () => {
    const reply = await asSignedIn(app, cookie, { method: 'GET', url: `/api/v1/reports/export.xlsx?${query()}` });
    expect(reply.statusCode).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(reply.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const report = await summary();
    const byId = new Map<string, unknown[]>();
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      byId.set(String(values[0]), values);
    });
    expect(byId.get('Chỉ số hài lòng chung (%)')?.[1]).toBe(Number(formatIndexForExport(report.overall.index)));
    expect(byId.get('Phương pháp tính')?.[1]).toBe(`${report.method.name.vi} (sipas-2017 v1)`);
    for (const element of report.elements) {
      for (const criterion of element.criteria) {
        const values = byId.get(criterion.id)!;
        expect(values[2]).toBe(criterion.n);
        expect(values[4]).toBe(criterion.index === null ? undefined : Number(formatIndexForExport(criterion.index)));
      }
    }
    expect(await opened.db.selectFrom('audit_log').selectAll().where('action', '=', 'report.exported.xlsx').execute()).toHaveLength(1);
  });

  it("writes the ranking, quick index, improvements, comments and trend as their own sheets with frozen headers, real dates and the screen's words", async () => {
    const reply = await asSignedIn(app, cookie, { method: 'GET', url: `/api/v1/reports/export.xlsx?${query()}` });
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(reply.rawPayload as unknown as ArrayBuffer);
    const report = await summary();
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Chỉ số',
      'Xếp hạng',
      'Đánh giá nhanh',
      'Mong muốn cải thiện',
      'Góp ý',
      'Diễn biến',
    ]);
    for (const sheet of workbook.worksheets) expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen' });
    const rows = (name: string) =>
      workbook
        .getWorksheet(name)!
        .getSheetValues()
        .slice(2)
        .map((row) => (row as unknown[]).slice(1));

    const texts = workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : []).map(String)));
    expect(texts).not.toContain('Dưới mục tiêu');
    const criterionWords = new Set(report.elements.flatMap((element) => element.criteria.map((criterion) => criterion.standing)));
    if (criterionWords.has('below')) expect(texts).toContain('Chưa đạt');

    expect(rows('Xếp hạng').map((row) => [row[1], row[3]])).toEqual(report.ranking.rows.map((row) => [row.name.vi, row.n]));
    expect(rows('Đánh giá nhanh')[0]![4]).toBe(report.quick!.n);
    expect(report.quick!.method).toMatchObject({ id: 'counter-rating-2025', version: 1 });
    expect(rows('Đánh giá nhanh')[0]![10]).toBe(`${report.quick!.method.name.vi} (counter-rating-2025 v1)`);
    expect(rows('Mong muốn cải thiện').map((row) => row[1] ?? 0)).toEqual(report.improvements.map((item) => item.count));
    const comments = rows('Góp ý');
    expect(comments).toHaveLength(report.comments.length);
    expect(comments[0]![1]).toEqual(new Date(`${report.comments[0]!.localDay}T00:00:00Z`));
    expect(comments[0]![6]).toBe(neutraliseFormula(report.comments[0]!.text));
    const trend = rows('Diễn biến');
    expect(trend.map((row) => row[0])).toEqual(report.trend.points.map((point) => new Date(`${point.from}T00:00:00Z`)));
    expect(trend.map((row) => row[1])).toEqual(report.trend.points.map((point) => new Date(`${point.to}T00:00:00Z`)));
    expect(trend.map((row) => row[3])).toEqual(report.trend.points.map((point) => point.responses));
    // After the target, one column per theme of the period, each point's count of it.
    expect(report.commentThemes.length).toBeGreaterThan(0);
    const trendHeader = (workbook.getWorksheet('Diễn biến')!.getRow(1).values as unknown[]).slice(2);
    expect(trendHeader).toEqual([
      'Đến ngày',
      'Chỉ số (%)',
      'Số phiếu',
      'Mục tiêu (%)',
      ...report.commentThemes.map((entry) => `Góp ý: ${OFFICIAL_REPORT_LABELS.vi.themes[entry.theme]}`),
    ]);
    expect(trend.map((row) => row.slice(5).map((cell) => cell ?? 0))).toEqual(
      report.trend.points.map((point) =>
        report.commentThemes.map((entry) => point.themes.find((counted) => counted.theme === entry.theme)?.count ?? 0),
      ),
    );
    expect(comments.map((row) => row[7] ?? '')).toEqual(
      report.comments.map((comment) => comment.themes.map((theme) => OFFICIAL_REPORT_LABELS.vi.themes[theme]).join(', ')),
    );
    expect(workbook.getWorksheet('Góp ý')!.getColumn(7).width).toBe(80);
  });

  it('honours includeFlagged=false and says how many flagged responses it left out and why', async () => {
    const admin = buildApp({ db: opened.db, staticDir: null });
    const stuffer = await enrolNewDevice(admin, opened.db, CENTRE_ID);
    const start = Date.parse(`${dayAgo(1)}T06:00:00.000Z`);
    await syncBatch(
      admin,
      stuffer.token,
      batchOf(Array.from({ length: 10 }, (_, i) => sipasResponse(stuffer, i + 1, { submittedAt: new Date(start + i * 1_000).toISOString() }))),
    );
    await admin.close();
    const csv = async (extra: string) =>
      parseCsv((await asSignedIn(app, cookie, { method: 'GET', url: `/api/v1/reports/export.csv?${query()}${extra}` })).body.slice(1));
    const cell = (rows: string[][], label: string) => rows.find((row) => row[0] === label)?.[1];
    const full = await csv('');
    const excluded = await csv('&includeFlagged=false');
    expect([cell(full, 'Câu trả lời bị gắn cờ'), cell(excluded, 'Câu trả lời bị gắn cờ')]).toEqual(['Đã bao gồm', 'Đã loại trừ']);
    expect(cell(excluded, 'Số phiếu bị gắn cờ')).toBe('10');
    expect(cell(excluded, 'Lý do gắn cờ: Nhiều phiếu liên tiếp trong thời gian ngắn')).toBe('10');
    expect(Number(cell(full, 'Số phiếu hợp lệ')) - Number(cell(excluded, 'Số phiếu hợp lệ'))).toBe(10);
  });

  it('keeps text cells from running as formulas', () => {
    expect(neutraliseFormula('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(neutraliseFormula('-1+2')).toBe("'-1+2");
    expect(neutraliseFormula('@SUM')).toBe("'@SUM");
    expect(neutraliseFormula('Phường An Hòa')).toBe('Phường An Hòa');
  });
});

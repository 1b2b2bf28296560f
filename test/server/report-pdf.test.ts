import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIndex } from '../../src/domain/format.ts';
import { reportReplySchema } from '../../src/domain/manage-api.ts';
import { buildApp } from '../../src/server/app.ts';
import { CENTRE_ID, OTHER_CENTRE_ID, PROVINCE_ID, seedTestUnits } from './fixtures.ts';
import { ACCOUNTS, asSignedIn, dayAgo, seedAccounts, seedHistory, signIn } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

/** The text of a PDF as poppler's pdftotext lays it out, one printed line per line. */
function pdfText(pdf: Buffer): string {
  const folder = mkdtempSync(join(tmpdir(), 'sipas-pdf-'));
  try {
    const file = join(folder, 'report.pdf');
    writeFileSync(file, pdf);
    return execFileSync('/usr/bin/pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The printed line that starts with `first` (a code or a name), with its cells. */
function lineStarting(text: string, first: string): string {
  const line = text.split('\n').find((candidate) => candidate.trim().startsWith(`${first} `));
  if (!line) throw new Error(`no line starts with "${first}"`);
  return line;
}

const vi = (value: number | null) => formatIndex(value, 'vi');
const count = (value: number) => new Intl.NumberFormat('vi').format(value);

describe.each(databasesUnderTest)('the official PDF report on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let cookie: string;
  const query = (extra = '') => `unitId=${PROVINCE_ID}&from=${dayAgo(30)}&to=${dayAgo(0)}${extra}`;

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

  const summary = async (extra = '') =>
    reportReplySchema.parse((await asSignedIn(app, cookie, { method: 'GET', url: `/api/v1/reports/summary?${query(extra)}` })).json());
  const pdf = (extra = '', as = cookie) => asSignedIn(app, as, { method: 'GET', url: `/api/v1/reports/report.pdf?${query(extra)}` });

  it('prints exactly the figures of the summary, in Vietnamese with its marks, numbered and signed, and audits it', async () => {
    const reply = await pdf('&minimumSample=20');
    expect(reply.statusCode, reply.body.slice(0, 200)).toBe(200);
    expect(reply.headers['content-type']).toBe('application/pdf');
    expect(reply.headers['content-disposition']).toMatch(/^attachment; filename="sipas-test-province-.*\.pdf"$/);
    expect(reply.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(reply.rawPayload);
    const report = await summary('&minimumSample=20');

    expect(text).toBe(text.normalize('NFC'));
    expect(text).toContain('BÁO CÁO KẾT QUẢ ĐO LƯỜNG SỰ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC');
    expect(text).toContain('TỈNH THỬ');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    const [from, to] = [dayAgo(30), dayAgo(0)].map((day) => day.split('-').reverse().join('/'));
    expect(text).toContain(`Từ ngày ${from} đến ngày ${to}`);
    expect(text).toMatch(/Số: 1\/BC-SIPAS/);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).split('-');
    expect(text).toContain(`ngày ${today[2]} tháng ${today[1]} năm ${today[0]}`);
    expect(text).toMatch(/NGƯỜI LẬP\s+THỦ TRƯỞNG ĐƠN VỊ/);
    expect(text.match(/\(Ký, ghi rõ họ tên\)/g)).toHaveLength(2);
    expect(text).toMatch(/Trang 1\/\d+/);

    const overall = lineStarting(text, 'Chỉ số hài lòng chung (SIPAS)');
    expect(report.overall.index).not.toBeNull();
    for (const figure of [
      count(report.overall.n),
      vi(report.overall.index),
      vi(report.overall.interval!.low),
      vi(report.overall.interval!.high),
      vi(report.overall.target),
    ]) {
      expect(overall).toContain(figure);
    }
    for (const element of report.elements) {
      expect(lineStarting(text, element.id)).toContain(vi(element.index));
      for (const criterion of element.criteria) {
        const line = lineStarting(text, criterion.id);
        expect(line).toContain(` ${count(criterion.n)} `);
        expect(line).toContain(vi(criterion.index));
        if (criterion.interval) expect(line).toContain(`${vi(criterion.interval.low)} – ${vi(criterion.interval.high)}`);
      }
    }

    expect(report.ranking.rows.map((row) => row.unitId).sort()).toEqual([CENTRE_ID, OTHER_CENTRE_ID].sort());
    for (const row of report.ranking.rows) {
      const line = text.split('\n').find((candidate) => candidate.includes(row.name.vi!))!;
      expect(line.trim().startsWith(`${row.rank ?? '—'} `)).toBe(true);
      expect(line).toContain(vi(row.index));
      expect(line).toContain(` ${count(row.n)} `);
      if (row.reason === 'below-minimum-sample') expect(line).toContain('Chưa xếp hạng (chưa đủ mẫu)');
    }
    // The seeded centres straddle the minimum sample of 20: one ranked, one listed unranked.
    expect(report.ranking.rows.map((row) => row.reason)).toEqual([null, 'below-minimum-sample']);
    expect(text).toContain(`Đơn vị có dưới ${report.ranking.minimumSample} phiếu hợp lệ không được xếp hạng`);

    for (const criterion of report.headline.weakestCriteria) {
      const weakLines = text.split('\n').filter((line) => line.trim().startsWith(`${criterion.criterionId} `));
      expect(weakLines.length).toBeGreaterThanOrEqual(2);
      expect(weakLines.at(-1)).toContain(vi(criterion.index));
    }
    expect(text).toContain(`(mã ${report.questionnaire.id}, phiên bản ${report.questionnaire.version})`);
    expect(text).toContain(`Phương pháp tính: ${report.method.name.vi} (mã ${report.method.id}, phiên bản ${report.method.version})`);

    const audit = await opened.db.selectFrom('audit_log').selectAll().where('action', '=', 'report.exported.pdf').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(`account:${ACCOUNTS.provinceManager.username}`);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ unitId: PROVINCE_ID, reportNumber: 1 });
  });

  it('numbers the next report of the unit one higher, and another unit from one', async () => {
    const before = (await opened.db.selectFrom('audit_log').select('id').where('action', '=', 'report.exported.pdf').execute()).length;
    const second = pdfText((await pdf()).rawPayload);
    expect(second).toMatch(new RegExp(`Số: ${before + 1}/BC-SIPAS`));
    const centre = await asSignedIn(app, cookie, {
      method: 'GET',
      url: `/api/v1/reports/report.pdf?unitId=${CENTRE_ID}&from=${dayAgo(30)}&to=${dayAgo(0)}`,
    });
    expect(pdfText(centre.rawPayload)).toMatch(/Số: 1\/BC-SIPAS/);
    expect(await opened.db.selectFrom('audit_log').select('id').where('action', '=', 'report.exported.pdf').execute()).toHaveLength(before + 2);
  });

  it('never hands out one number twice when reports of a unit are generated at the same time', async () => {
    const url = `/api/v1/reports/report.pdf?unitId=${OTHER_CENTRE_ID}&from=${dayAgo(30)}&to=${dayAgo(0)}`;
    const replies = await Promise.all(Array.from({ length: 4 }, () => asSignedIn(app, cookie, { method: 'GET', url })));
    const numbers = replies.map((reply) => Number(/Số: (\d+)\/BC-SIPAS/.exec(pdfText(reply.rawPayload))?.[1]));
    expect(numbers.sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
    const audited = await opened.db.selectFrom('audit_log').select('detail').where('action', '=', 'report.exported.pdf').execute();
    const ofUnit = audited
      .map((row) => JSON.parse(row.detail) as { unitId: string; reportNumber: number })
      .filter((detail) => detail.unitId === OTHER_CENTRE_ID);
    expect(ofUnit.map((detail) => detail.reportNumber).sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
  });

  it('speaks English when the query asks for it', async () => {
    const text = pdfText((await pdf('&locale=en')).rawPayload);
    const report = await summary();
    expect(text).toContain('REPORT ON THE SATISFACTION OF CITIZENS AND ORGANISATIONS');
    expect(text).toContain('TEST PROVINCE');
    expect(text).toMatch(/PREPARED BY\s+HEAD OF THE UNIT/);
    expect(lineStarting(text, 'Overall satisfaction index (SIPAS)')).toContain(formatIndex(report.overall.index, 'en'));
    expect(text).toMatch(/Page 1\/\d+/);
  });

  it("refuses a unit outside the manager's subtree with 403, and writes no audit entry", async () => {
    const before = await opened.db.selectFrom('audit_log').select('id').where('action', '=', 'report.exported.pdf').execute();
    const manager = await signIn(app, ACCOUNTS.manager.username);
    const reply = await asSignedIn(app, manager, {
      method: 'GET',
      url: `/api/v1/reports/report.pdf?unitId=${OTHER_CENTRE_ID}&from=${dayAgo(30)}&to=${dayAgo(0)}`,
    });
    expect(reply.statusCode).toBe(403);
    expect(reply.json().error.code).toBe('forbidden');
    expect(await opened.db.selectFrom('audit_log').select('id').where('action', '=', 'report.exported.pdf').execute()).toHaveLength(before.length);
  });

  it('answers a bad query with 400 naming the field', async () => {
    const reply = await asSignedIn(app, cookie, {
      method: 'GET',
      url: `/api/v1/reports/report.pdf?unitId=${PROVINCE_ID}&from=2026-02-30&to=2026-03-01`,
    });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().error).toMatchObject({ code: 'invalid-request', field: 'from' });
    const unsigned = await asSignedIn(app, null, { method: 'GET', url: `/api/v1/reports/report.pdf?${query()}` });
    expect(unsigned.statusCode).toBe(401);
  });
});

import { describe, expect, it } from 'vitest';
import { summarizeResponses } from '../../../../src/domain/daily-summary.ts';
import { languageName, responseTable, type ResponseNames } from '../../../../src/domain/export/response-rows.ts';
import { summaryRowCells, summaryRows, type SummaryNames } from '../../../../src/domain/export/summary-rows.ts';
import { toCsv } from '../../../../src/domain/export/csv.ts';
import { bundled, makeResponse } from '../factories.ts';

const questionnaires = [bundled('sipas'), bundled('counter-rating')];
const counters = [{ id: 'q1', name: { vi: 'Quầy 1 — Hộ tịch', en: 'Counter 1' } }];
const serviceFields = [{ id: 'land', name: { vi: 'Đất đai', en: 'Land' } }];
const procedures = [{ id: 'khai-sinh', name: { vi: 'Đăng ký khai sinh' } }];
const names: ResponseNames = { locale: 'vi', counters, serviceFields, procedures, yes: 'Có', no: 'Không' };
const summaryNames: SummaryNames = { locale: 'vi', questionnaires, counters, serviceFields, unspecified: 'Không ghi' };

describe('the per-response export', () => {
  const responses = [
    makeResponse({
      deviceSequence: 2,
      counterId: 'q1',
      procedureId: 'khai-sinh',
      answers: { 'E1.1': 5, improvements: ['staff', 'access'], gender: ['male'], comment: '=1+1' },
    }),
    makeResponse({ deviceSequence: 1, questionnaireId: 'counter-rating', complete: false, serviceFieldId: 'gone', answers: { 'Q.1': 3 } }),
  ];
  const table = responseTable(responses, questionnaires, 'Asia/Ho_Chi_Minh', names);
  const column = (key: string) => table.columns.findIndex((candidate) => candidate.key === key);

  it('has the fixed columns, one column per criterion across questionnaires named by its text, the other questions, then the comment', () => {
    expect(table.columns.slice(0, 10).map((c) => c.key)).toEqual([
      'id',
      'sequence',
      'localTime',
      'complete',
      'serviceField',
      'procedure',
      'counter',
      'locale',
      'questionnaire',
      'version',
    ]);
    expect(table.columns[column('E1.1')]!.label).toBe('E1.1. Nơi ngồi chờ có đủ chỗ ngồi');
    expect(table.columns[column('gender')]!.label).toBe('Giới tính');
    expect(column('Q.1')).toBeGreaterThan(column('E5.4'));
    expect(table.columns.at(-1)).toEqual({ key: 'comment', kind: 'comment', label: null });
  });

  it('writes names, not ids: the field, procedure, counter, language, questionnaire, options and yes/no', () => {
    const row = table.rows[1]!;
    expect(row[column('complete')]).toBe('Có');
    expect(row[column('serviceField')]).toBe('Đất đai');
    expect(row[column('procedure')]).toBe('Đăng ký khai sinh');
    expect(row[column('counter')]).toBe('Quầy 1 — Hộ tịch');
    expect(row[column('locale')]).toBe('Tiếng Việt');
    expect(row[column('questionnaire')]).toBe('Khảo sát sự hài lòng về sự phục vụ của cơ quan hành chính nhà nước');
    expect(row[column('gender')]).toBe('Nam');
    expect(row[column('improvements')]).toBe('Thái độ, năng lực của công chức; Tiếp cận dịch vụ, nơi chờ, trang thiết bị');
    expect(row[column('E1.1')]).toBe(5);
    expect(row[column('E1.2')]).toBeNull();
    expect(row.at(-1)).toBe('=1+1');
    const quick = table.rows[0]!;
    expect(quick[column('complete')]).toBe('Không');
    expect(quick[column('serviceField')]).toBe('gone');
    expect(quick[column('counter')]).toBeNull();
  });

  it('writes English words for an English reader', () => {
    const english = responseTable(responses, questionnaires, 'Asia/Ho_Chi_Minh', { ...names, locale: 'en', yes: 'Yes', no: 'No' });
    expect(english.rows[1]![column('gender')]).toBe('Male');
    expect(english.rows[1]![column('locale')]).toBe('Vietnamese');
    expect(languageName('km', 'vi')).toBe('Tiếng Khmer');
  });

  it('orders rows by sequence and keeps the time on the unit wall clock', () => {
    expect(table.rows.map((row) => row[1])).toEqual([1, 2]);
    expect(table.rows[1]![2]).toEqual({ localDateTime: '2025-05-06T09:14:30' });
    expect(responseTable(responses, questionnaires, 'UTC', names).rows[1]![2]).toEqual({ localDateTime: '2025-05-06T02:14:30' });
  });

  it('writes the time as a date each CSV variant reads, and neutralises a comment starting with "="', () => {
    const standard = toCsv([table.rows[1]!]);
    expect(standard).toContain(',2025-05-06 09:14:30,Có,');
    expect(standard).toContain(",'=1+1\r\n");
    const excelVi = toCsv([table.rows[1]!], 'excel-vi');
    expect(excelVi).toContain(';06/05/2025 09:14:30;Có;');
    expect(excelVi).toContain(";'=1+1\r\n");
  });
});

describe('the summary export', () => {
  const summary = summarizeResponses({
    responses: [
      makeResponse({ counterId: 'q1', answers: { 'E1.1': 5, 'E1.2': 2 } }),
      makeResponse({ answers: { 'E1.1': 4, 'E1.2': 4 } }),
      makeResponse({ answers: { 'E1.1': 1 } }),
    ],
    questionnaires,
    targets: [{ questionnaireId: 'sipas', percent: 87.5 }],
  });
  const rows = summaryRows(summary, summaryNames);

  it('names the questionnaire, the method, elements, fields and counters as the screen does', () => {
    expect(rows.slice(0, 3).map((row) => [row.kind, row.responses])).toEqual([
      ['total', 3],
      ['complete', 3],
      ['incomplete', 0],
    ]);
    const overall = rows.find((row) => row.kind === 'overall')!;
    expect(overall.questionnaire).toBe('Khảo sát sự hài lòng về sự phục vụ của cơ quan hành chính nhà nước');
    const method = rows.find((row) => row.kind === 'method')!;
    expect(method.name).toMatch(/SIPAS/);
    expect(rows.indexOf(method)).toBe(rows.indexOf(overall) - 1);
    expect(
      rows
        .filter((row) => row.kind === 'element')
        .map((row) => row.name)
        .slice(0, 2),
    ).toEqual(['Tiếp cận dịch vụ', 'Thủ tục hành chính']);
    expect(rows.find((row) => row.kind === 'element' && row.name === 'Thủ tục hành chính')!.index).toBeNull();
    expect(rows.filter((row) => row.kind === 'service-field').map((row) => row.name)).toEqual(['Đất đai']);
    expect(
      rows
        .filter((row) => row.kind === 'counter')
        .map((row) => row.name)
        .sort(),
    ).toEqual(['Không ghi', 'Quầy 1 — Hộ tịch']);
    for (const row of rows) expect(`${row.questionnaire} ${row.name}`).not.toMatch(/sipas@1|^E\d\b| E\d$/);
  });

  it('writes indices with two decimals, a dot in the standard CSV and a comma in the Vietnamese Excel one', () => {
    const overall = rows.find((row) => row.kind === 'overall')!;
    expect(summaryRowCells(overall).slice(3)).toEqual([3, '58.33', '87.5']);
    expect(summaryRowCells(overall, 'excel-vi').slice(3)).toEqual([3, '58,33', '87,5']);
    expect(toCsv([summaryRowCells(overall, 'excel-vi')], 'excel-vi')).toContain(';3;"58,33";"87,5"\r\n');
  });
});

describe('the summary export with the reconciliation', () => {
  it('adds what reached the server and the numbers it is missing', () => {
    const summary = summarizeResponses({ responses: [makeResponse()], questionnaires, targets: [] });
    const reconciliation = {
      answered: 1,
      confirmed: 0,
      pending: 1,
      rejected: 0,
      serverMissing: { count: 2, sequences: [37, 38], asOf: '2026-11-22T03:00:00.000Z' },
      state: { kind: 'server-missing' as const, count: 2 },
    };
    const rows = summaryRows(summary, summaryNames, reconciliation);
    expect(rows.slice(3, 7).map((row) => [row.kind, row.name, row.responses])).toEqual([
      ['confirmed', null, 0],
      ['pending', null, 1],
      ['rejected', null, 0],
      ['server-missing', '#37 #38', 2],
    ]);
  });
});

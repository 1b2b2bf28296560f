import { describe, expect, it } from 'vitest';
import { summarizeResponses } from '../../../../src/domain/daily-summary.ts';
import { responseTable } from '../../../../src/domain/export/response-rows.ts';
import { summaryRowCells, summaryRows } from '../../../../src/domain/export/summary-rows.ts';
import { toCsv } from '../../../../src/domain/export/csv.ts';
import { bundled, makeResponse } from '../factories.ts';

const questionnaires = [bundled('sipas'), bundled('counter-rating')];

describe('the per-response export', () => {
  const responses = [
    makeResponse({ deviceSequence: 2, answers: { 'E1.1': 5, improvements: ['shorter-time', 'fewer-documents'], comment: '=1+1' } }),
    makeResponse({ deviceSequence: 1, questionnaireId: 'counter-rating', answers: { 'Q.1': 3, reason: ['on-time'] } }),
  ];
  const table = responseTable(responses, questionnaires, 'Asia/Ho_Chi_Minh');
  const column = (key: string) => table.columns.findIndex((candidate) => candidate.key === key);

  it('has one column per criterion id across questionnaires, the other answers, then the comment', () => {
    expect(table.columns.slice(0, 9).map((c) => c.key)).toEqual(['id', 'sequence', 'localTime', 'complete', 'serviceField', 'counter', 'locale', 'questionnaire', 'version']);
    expect(column('E1.1')).toBeGreaterThan(8);
    expect(column('Q.1')).toBeGreaterThan(column('E5.4'));
    expect(table.columns.at(-1)!.key).toBe('comment');
  });

  it('orders rows by sequence with local time and answers', () => {
    expect(table.rows.map((row) => row[1])).toEqual([1, 2]);
    const sipasRow = table.rows[1]!;
    expect(sipasRow[2]).toBe('2025-05-06T09:14:30+07:00');
    expect(sipasRow[column('E1.1')]).toBe(5);
    expect(sipasRow[column('E1.2')]).toBeNull();
    expect(sipasRow[column('improvements')]).toBe('shorter-time; fewer-documents');
    expect(sipasRow.at(-1)).toBe('=1+1');
  });

  it('exports a comment starting with "=" as text in CSV', () => {
    expect(toCsv([table.rows[1]!])).toContain(",'=1+1\r\n");
  });
});

describe('the summary export', () => {
  it('writes indices with a dot and two decimals, and counts', () => {
    const summary = summarizeResponses({
      responses: [makeResponse({ answers: { 'E1.1': 5, 'E1.2': 2 } }), makeResponse({ answers: { 'E1.1': 4, 'E1.2': 4 } }), makeResponse({ answers: { 'E1.1': 1 } })],
      questionnaires,
      targets: [],
    });
    const rows = summaryRows(summary);
    expect(rows.slice(0, 3).map((row) => [row.kind, row.responses])).toEqual([['total', 3], ['complete', 3], ['incomplete', 0]]);
    const overall = rows.find((row) => row.kind === 'overall')!;
    expect(summaryRowCells(overall)).toEqual(['overall', 'sipas@1', 'sipas', 3, '58.33', 85]);
    const methods = rows.filter((row) => row.kind === 'method').map(summaryRowCells);
    expect(methods).toEqual([['method', 'sipas@1', 'sipas-2017@1', null, null, null]]);
    expect(rows.indexOf(rows.find((row) => row.kind === 'method')!)).toBe(rows.indexOf(overall) - 1);
    expect(rows.find((row) => row.kind === 'element' && row.id === 'E2')!.index).toBeNull();
  });
});

describe('the summary export with the reconciliation', () => {
  it('adds what reached the server and the numbers it is missing', () => {
    const summary = summarizeResponses({ responses: [makeResponse()], questionnaires, targets: [] });
    const reconciliation = { answered: 1, confirmed: 0, pending: 1, rejected: 0, serverMissing: { count: 2, sequences: [37, 38], asOf: '2026-11-22T03:00:00.000Z' }, state: { kind: 'server-missing' as const, count: 2 } };
    const rows = summaryRows(summary, reconciliation);
    expect(rows.slice(3, 7).map((row) => [row.kind, row.id, row.responses])).toEqual([
      ['confirmed', null, 0],
      ['pending', null, 1],
      ['rejected', null, 0],
      ['server-missing', '#37 #38', 2],
    ]);
  });
});

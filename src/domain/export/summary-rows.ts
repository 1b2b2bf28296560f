import type { DailySummary } from '../daily-summary.ts';
import type { Reconciliation } from '../reconciliation.ts';
import type { CellValue } from './csv.ts';

/**
 * The summary export: counts, then per questionnaire the scoring method it was scored by (id@version),
 * its overall index, element indices and breakdowns.
 * Indices are rounded to two decimals exactly as on screen (formatIndexForExport), and kept as numbers so
 * a spreadsheet can compute with them; a CSV writes them with a dot.
 */

export const SUMMARY_COLUMNS = ['kind', 'questionnaire', 'id', 'responses', 'index', 'target'] as const;

export type SummaryRowKind =
  | 'total'
  | 'complete'
  | 'incomplete'
  | 'method'
  | 'overall'
  | 'element'
  | 'service-field'
  | 'counter'
  | 'confirmed'
  | 'pending'
  | 'rejected'
  | 'server-missing';

export interface SummaryRow {
  kind: SummaryRowKind;
  questionnaire: string | null;
  id: string | null;
  responses: number | null;
  /** Rounded to two decimals; null when there is no index ("—" on screen, an empty cell here). */
  index: number | null;
  target: number | null;
}

/** With a reconciliation, the day's report also says what reached the server and what it lacks. */
export function summaryRows(summary: DailySummary, reconciliation?: Reconciliation): SummaryRow[] {
  const count = (kind: SummaryRowKind, responses: number): SummaryRow => ({ kind, questionnaire: null, id: null, responses, index: null, target: null });
  const rows: SummaryRow[] = [count('total', summary.total), count('complete', summary.complete), count('incomplete', summary.incomplete)];
  if (reconciliation) {
    rows.push(count('confirmed', reconciliation.confirmed), count('pending', reconciliation.pending), count('rejected', reconciliation.rejected));
    if (reconciliation.serverMissing) {
      const listed = reconciliation.serverMissing.sequences.map((sequence) => `#${sequence}`).join(' ');
      rows.push({ ...count('server-missing', reconciliation.serverMissing.count), id: listed || null });
    }
  }
  for (const part of summary.questionnaires) {
    const questionnaire = `${part.questionnaireId}@${part.questionnaireVersion}`;
    const row = (kind: SummaryRowKind, id: string | null, responses: number | null, index: number | null): SummaryRow => ({
      kind,
      questionnaire,
      id,
      responses,
      index: roundForExport(index),
      target: kind === 'overall' || kind === 'element' ? part.targetPercent : null,
    });
    rows.push(row('method', `${part.method.id}@${part.method.version}`, null, null));
    rows.push(row('overall', part.questionnaireId, part.responses, part.score.overall));
    // Quick mode has one element standing for the whole rating; repeating it would add nothing.
    if (part.mode === 'full') {
      for (const element of part.score.elements) {
        const answered = Math.max(0, ...element.criteria.map((criterion) => criterion.n));
        rows.push(row('element', element.elementId, answered, element.index));
      }
    }
    for (const field of part.byServiceField) rows.push(row('service-field', field.id, field.responses, field.index));
    for (const counter of part.byCounter) rows.push(row('counter', counter.id, counter.responses, counter.index));
  }
  return rows;
}

/** Two decimals, half away from zero on the value's shortest decimal, as formatIndexForExport rounds. */
export function roundForExport(index: number | null): number | null {
  if (index === null) return null;
  const text = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(index);
  return Number(text);
}

export function summaryRowCells(row: SummaryRow): CellValue[] {
  return [row.kind, row.questionnaire, row.id, row.responses, row.index === null ? null : row.index.toFixed(2), row.target];
}

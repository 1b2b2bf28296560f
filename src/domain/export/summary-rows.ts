import type { DailySummary } from '../daily-summary.ts';
import type { Reconciliation } from '../reconciliation.ts';
import type { CellValue, CsvDialect } from './csv.ts';
import { csvNumber } from './csv.ts';
import { localize, type LocalizedText } from '../localize.ts';
import type { Questionnaire } from '../questionnaire.ts';
import { formatIndexForExport } from '../format.ts';

/**
 * The summary export: counts, then per questionnaire the scoring method it was scored by, its overall
 * index, element indices and breakdowns — each named as on screen (the questionnaire's title, the
 * element's, the counter's), never by its id.
 * Indices are rounded to two decimals exactly as on screen (formatIndexForExport), and kept as numbers so
 * a spreadsheet can compute with them; a CSV writes them with a dot.
 */

export const SUMMARY_COLUMNS = ['kind', 'questionnaire', 'name', 'responses', 'index', 'target'] as const;

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

interface Named {
  id: string;
  name: LocalizedText;
}

/** What turns ids into the reader's words; `unspecified` names answers given with no field or counter. */
export interface SummaryNames {
  locale: string;
  questionnaires: readonly Questionnaire[];
  counters: readonly Named[];
  serviceFields: readonly Named[];
  unspecified: string;
}

export interface SummaryRow {
  kind: SummaryRowKind;
  /** The questionnaire's title in the reader's language. */
  questionnaire: string | null;
  /** The method's, element's, field's or counter's name; the missing sequence numbers. */
  name: string | null;
  responses: number | null;
  /** Rounded to two decimals; null when there is no index ("—" on screen, an empty cell here). */
  index: number | null;
  target: number | null;
}

/** With a reconciliation, the day's report also says what reached the server and what it lacks. */
export function summaryRows(summary: DailySummary, names: SummaryNames, reconciliation?: Reconciliation): SummaryRow[] {
  const { locale } = names;
  const count = (kind: SummaryRowKind, responses: number): SummaryRow => ({
    kind,
    questionnaire: null,
    name: null,
    responses,
    index: null,
    target: null,
  });
  const nameIn = (list: readonly Named[], id: string | null) => {
    if (id === null) return names.unspecified;
    const found = list.find((item) => item.id === id);
    return found ? localize(found.name, locale) : id;
  };
  const rows: SummaryRow[] = [count('total', summary.total), count('complete', summary.complete), count('incomplete', summary.incomplete)];
  if (reconciliation) {
    rows.push(count('confirmed', reconciliation.confirmed), count('pending', reconciliation.pending), count('rejected', reconciliation.rejected));
    if (reconciliation.serverMissing) {
      const listed = reconciliation.serverMissing.sequences.map((sequence) => `#${sequence}`).join(' ');
      rows.push({ ...count('server-missing', reconciliation.serverMissing.count), name: listed || null });
    }
  }
  for (const part of summary.questionnaires) {
    const definition = names.questionnaires.find((q) => q.id === part.questionnaireId && q.version === part.questionnaireVersion);
    const questionnaire = definition ? localize(definition.title, locale) : `${part.questionnaireId}@${part.questionnaireVersion}`;
    const elementName = (id: string) => {
      const element = definition?.elements.find((candidate) => candidate.id === id);
      return element ? localize(element.title, locale) : id;
    };
    const row = (kind: SummaryRowKind, name: string | null, responses: number | null, index: number | null): SummaryRow => ({
      kind,
      questionnaire,
      name,
      responses,
      index: roundForExport(index),
      target: kind === 'overall' || kind === 'element' ? part.targetPercent : null,
    });
    rows.push(row('method', localize(part.method.name, locale), null, null));
    rows.push(row('overall', null, part.responses, part.score.overall));
    // Quick mode has one element standing for the whole rating; repeating it would add nothing.
    if (part.mode === 'full') {
      for (const element of part.score.elements) {
        const answered = Math.max(0, ...element.criteria.map((criterion) => criterion.n));
        rows.push(row('element', elementName(element.elementId), answered, element.index));
      }
    }
    for (const field of part.byServiceField) rows.push(row('service-field', nameIn(names.serviceFields, field.id), field.responses, field.index));
    for (const counter of part.byCounter) rows.push(row('counter', nameIn(names.counters, counter.id), counter.responses, counter.index));
  }
  return rows;
}

/** Two decimals, half away from zero on the value's shortest decimal, as formatIndexForExport rounds. */
export function roundForExport(index: number | null): number | null {
  if (index === null) return null;
  const text = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(index);
  return Number(text);
}

/** A row's cells for CSV: the index with two decimals in the dialect's decimal sign ("58.33", "58,33"). */
export function summaryRowCells(row: SummaryRow, dialect: CsvDialect = 'standard'): CellValue[] {
  const index = row.index === null ? null : formatIndexForExport(row.index);
  return [
    row.kind,
    row.questionnaire,
    row.name,
    row.responses,
    index === null ? null : dialect === 'excel-vi' ? index.replace('.', ',') : index,
    row.target === null ? null : csvNumber(row.target, dialect),
  ];
}

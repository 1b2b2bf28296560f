import type { Kysely } from 'kysely';
import { addCounts } from './bulk-statements.ts';
import type { Database, ProcedureTotalRow, ScopeMeasure } from './schema.ts';
import { scopeTotalOf, type ScopeTotal } from './scope-totals-repository.ts';

/** The totals of responses that name a procedure (schema.ts, ProcedureTotalsTable): written at sync, read by filtered reports. */

const PROCEDURE_TOTALS_KEY = [
  'unit_id',
  'questionnaire_id',
  'procedure_id',
  'local_day',
  'questionnaire_version',
  'flagged',
  'measure',
  'item',
  'detail',
] as const satisfies readonly (keyof ProcedureTotalRow)[];

/** Adds aggregated rows (one per key). */
export async function addToProcedureTotals(db: Kysely<Database>, rows: readonly ProcedureTotalRow[]): Promise<void> {
  await addCounts<ProcedureTotalRow>(db, 'procedure_totals', PROCEDURE_TOTALS_KEY, rows);
}

export interface ProcedureTotalsQuery {
  unitIds: readonly string[];
  questionnaireId: string;
  procedureId: string;
  from: string;
  to: string;
  /** null: every version. */
  version: number | null;
  measures: readonly ScopeMeasure[];
}

/**
 * The units' rows over the days, each reported under `scopeOf(unit)` with its day as the period: the
 * same rows a report reads from the scope totals, so the report is built the same way.
 */
export async function readProcedureTotals(
  db: Kysely<Database>,
  query: ProcedureTotalsQuery,
  scopeOf: (unitId: string) => string,
): Promise<ScopeTotal[]> {
  if (query.unitIds.length === 0) return [];
  let select = db
    .selectFrom('procedure_totals')
    .select(['unit_id', 'local_day', 'questionnaire_version', 'flagged', 'measure', 'item', 'detail', 'count'])
    .where('unit_id', 'in', [...query.unitIds])
    .where('questionnaire_id', '=', query.questionnaireId)
    .where('procedure_id', '=', query.procedureId)
    .where('local_day', '>=', query.from)
    .where('local_day', '<=', query.to)
    .where('measure', 'in', [...query.measures]);
  if (query.version !== null) select = select.where('questionnaire_version', '=', query.version);
  return (await select.execute()).map((row) => scopeTotalOf(scopeOf(row.unit_id), row.local_day, row));
}

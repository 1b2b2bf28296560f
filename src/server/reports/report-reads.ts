import type { Kysely } from 'kysely';
import type { ReportQuery } from '../../domain/manage-api.ts';
import { coverOf, type PeriodCover } from '../../domain/calendar.ts';
import { readDailyTotals, sumDailyByUnit, type ReportSlice } from '../db/reports-repository.ts';
import { readScopeTotals, sumScopeTotals, type ScopeTotal } from '../db/scope-totals-repository.ts';
import { readProcedureTotals } from '../db/procedure-totals-repository.ts';
import type { Database, ScopeMeasure, UnitRow } from '../db/schema.ts';
import type { UnitTree } from './unit-tree.ts';

/** A range of local days, both ends counted. */
export interface DayRange {
  from: string;
  to: string;
}

export type ChildSum = Omit<ScopeTotal, 'period' | 'version'>;

/**
 * The aggregate reads of one report's unit and filters, for any range: the report's own period, the
 * previous comparable period and the sparkline's months or weeks all read the same way.
 */
export interface ReportReads {
  /** Rows of the unit's scope over `range`, by day when `cover` asks for days. */
  scopeRows(questionnaireId: string, measures: readonly ScopeMeasure[], range: DayRange, cover: PeriodCover): Promise<ScopeTotal[]>;
  /** Sums per direct sub-unit (keyed by the sub-unit's id) over `range`. */
  childSums(
    children: readonly UnitRow[],
    questionnaireId: string,
    version: number | null,
    measures: readonly ScopeMeasure[],
    range: DayRange,
  ): Promise<ChildSum[]>;
}

export function reportReads(db: Kysely<Database>, tree: UnitTree, unit: UnitRow, query: ReportQuery): ReportReads {
  const scope = tree.scopeOf(unit.id, query.includeSubunits);
  const serviceFieldId = query.serviceFieldId ?? null;
  const procedureId = query.procedureId ?? null;
  const dailySlice = (unitIds: readonly string[], id: string, version: number | null, range: DayRange): ReportSlice => ({
    unitIds,
    ...range,
    questionnaireId: id,
    version,
    serviceFieldId,
    includeFlagged: true,
  });
  // Day rows hold every service field together: a filtered range that needs days reads the daily tables.
  const totalsServe = (rowsCover: PeriodCover) => serviceFieldId === null || rowsCover.days.length === 0;
  // A scope holding more than its own unit is totalled; a unit on its own is one range of the daily tables.
  // Filtered by procedure, every unit's days come from the procedure totals.
  const totalled = query.includeSubunits && scope.length > 1;
  const procedureRows = (
    unitIds: readonly string[],
    id: string,
    version: number | null,
    measures: readonly ScopeMeasure[],
    range: DayRange,
    scopeOf: (unitId: string) => string,
  ) => readProcedureTotals(db, { unitIds, questionnaireId: id, procedureId: procedureId!, ...range, version, measures }, scopeOf);

  return {
    scopeRows(id, measures, range, rowsCover) {
      if (procedureId !== null) return procedureRows(scope, id, null, measures, range, () => unit.id);
      if (totalled && totalsServe(rowsCover)) {
        return readScopeTotals(db, { scopeIds: [unit.id], questionnaireId: id, serviceFieldId, version: null, cover: rowsCover, measures });
      }
      return readDailyTotals(db, dailySlice(scope, id, null, range), unit.id, measures);
    },

    async childSums(children, id, version, measures, range) {
      // Sub-units are summed on whole years and months where the range allows.
      const childCover = coverOf(range.from, range.to, { byDay: false, years: serviceFieldId === null });
      const totalledChildren: UnitRow[] = [];
      const childOfUnit = new Map<string, string>();
      for (const child of children) {
        if (procedureId === null && tree.scopeOf(child.id).length > 1 && totalsServe(childCover)) totalledChildren.push(child);
        else for (const memberId of tree.scopeOf(child.id)) childOfUnit.set(memberId, child.id);
      }
      const totalledSums = await sumScopeTotals(db, {
        scopeIds: totalledChildren.map((child) => child.id),
        questionnaireId: id,
        serviceFieldId,
        version,
        cover: childCover,
        measures: [...measures],
      });
      const members = [...childOfUnit.keys()];
      const dailySums =
        procedureId !== null
          ? await procedureRows(members, id, version, measures, range, (unitId) => childOfUnit.get(unitId)!)
          : (await sumDailyByUnit(db, dailySlice(members, id, version, range))).map((row) => ({ ...row, scopeId: childOfUnit.get(row.scopeId)! }));
      return [...totalledSums, ...dailySums];
    },
  };
}

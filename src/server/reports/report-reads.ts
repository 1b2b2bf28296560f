import type { Kysely } from 'kysely';
import type { ReportQuery } from '../../domain/manage-api.ts';
import { coverOf, type DayRange, type PeriodCover } from '../../domain/calendar.ts';
import { completeByChannel, readCounts, sumCounts, type Count, type CountsQuery, type CountSum } from '../db/counts-repository.ts';
import type { Database, CountMeasure, UnitRow } from '../db/schema.ts';
import type { UnitRowTree } from '../db/unit-row-tree.ts';

export type ChildSum = CountSum;

/**
 * The aggregate reads of one report's unit and filters, for any range: the report's own period, the
 * previous comparable period and the sparkline's months or weeks all read the same way.
 */
export interface ReportReads {
  /** Rows of the unit's scope over `range`, by day when `cover` asks for days. */
  scopeRows(questionnaireId: string, measures: readonly CountMeasure[], range: DayRange, cover: PeriodCover): Promise<Count[]>;
  /** Complete responses of the unit's scope over `range` by channel, version and flag state, whatever the channel filter. */
  channelMix(questionnaireId: string, range: DayRange, cover: PeriodCover): ReturnType<typeof completeByChannel>;
  /** Sums per direct sub-unit (keyed by the sub-unit's id) over `range`. */
  childSums(
    children: readonly UnitRow[],
    questionnaireId: string,
    version: number | null,
    measures: readonly CountMeasure[],
    range: DayRange,
  ): Promise<ChildSum[]>;
}

/** Every day of the range: units' own counts are kept by day. */
function daysOf(range: DayRange): PeriodCover {
  return { years: null, months: [], days: [range] };
}

export function reportReads(db: Kysely<Database>, tree: UnitRowTree, unit: UnitRow, query: ReportQuery): ReportReads {
  const scope = tree.scopeOf(unit.id, query.includeSubunits);
  const serviceFieldId = query.serviceFieldId ?? null;
  const procedureId = query.procedureId ?? null;
  const channel = query.channel ?? null;
  const countsOf = (
    place: CountsQuery['place'],
    unitIds: readonly string[],
    id: string,
    version: number | null,
    measures: readonly CountMeasure[],
    cover: PeriodCover,
  ) => ({ place, unitIds, questionnaireIds: [id], version, serviceFieldId, procedureId, cover, measures, channel }) satisfies CountsQuery;
  // A scope's day rows hold every service field together: a filtered range that needs days reads its units.
  const scopeRowsServe = (cover: PeriodCover) => procedureId === null && (serviceFieldId === null || cover.days.length === 0);
  // A scope holding more than its own unit is totalled; a unit on its own is read from its own day rows,
  // as is every unit filtered by procedure.
  const totalled = query.includeSubunits && scope.length > 1;

  return {
    async scopeRows(id, measures, range, rowsCover) {
      if (totalled && scopeRowsServe(rowsCover)) return readCounts(db, countsOf('scope', [unit.id], id, null, measures, rowsCover));
      const rows = await readCounts(db, countsOf('unit', scope, id, null, measures, daysOf(range)));
      return rows.map((row) => ({ ...row, unitId: unit.id }));
    },

    async channelMix(id, range, mixCover) {
      if (totalled && scopeRowsServe(mixCover)) return completeByChannel(db, countsOf('scope', [unit.id], id, null, [], mixCover));
      return completeByChannel(db, countsOf('unit', scope, id, null, [], daysOf(range)));
    },

    async childSums(children, id, version, measures, range) {
      // Sub-units are summed on whole years and months where the range allows.
      const childCover = coverOf(range.from, range.to, { byDay: false, years: serviceFieldId === null });
      const totalledChildren: string[] = [];
      const childOfUnit = new Map<string, string>();
      for (const child of children) {
        if (tree.scopeOf(child.id).length > 1 && scopeRowsServe(childCover)) totalledChildren.push(child.id);
        else for (const memberId of tree.scopeOf(child.id)) childOfUnit.set(memberId, child.id);
      }
      const [totalledSums, unitSums] = await Promise.all([
        sumCounts(db, countsOf('scope', totalledChildren, id, version, measures, childCover)),
        sumCounts(db, countsOf('unit', [...childOfUnit.keys()], id, version, measures, daysOf(range))),
      ]);
      return [...totalledSums, ...unitSums.map((sum) => ({ ...sum, unitId: childOfUnit.get(sum.unitId)! }))];
    },
  };
}

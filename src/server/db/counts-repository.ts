import type { ResponseChannel } from '../../domain/response-channel.ts';
import { sql, type Kysely } from 'kysely';
import type { PeriodCover } from '../../domain/calendar.ts';
import { addCounts } from './bulk-statements.ts';
import type { CountGranularity, CountMeasure, CountPlace, CountRow, Database } from './schema.ts';

/**
 * The one table of counts (schema.ts, CountsTable): the one statement that adds to it and the one read
 * that every report, ranking and figure makes of it.
 */

/** The dimension value of a row that holds every service field, counter or procedure together. */
export const ALL = '*';

export const COUNTS_KEY = [
  'place',
  'unit_id',
  'questionnaire_id',
  'granularity',
  'period',
  'service_field_id',
  'procedure_id',
  'counter_id',
  'channel',
  'questionnaire_version',
  'flagged',
  'measure',
  'item',
  'detail',
] as const satisfies readonly (keyof CountRow)[];

/**
 * Adds counted rows (one per key; a negative count takes back) and raises the revision of every unit
 * whose own rows changed, in the caller's transaction: what keeps sums of a unit's rows between reads
 * (alerts/window-sums.ts) knows to read that unit again.
 */
export async function addToCounts(db: Kysely<Database>, rows: readonly CountRow[]): Promise<void> {
  await addCounts<CountRow>(db, 'counts', COUNTS_KEY, rows);
  // Sorted: concurrent transactions on PostgreSQL then lock the revision rows in one order.
  const unitIds = [...new Set(rows.filter((row) => row.place === 'unit').map((row) => row.unit_id))].sort();
  if (unitIds.length === 0) return;
  await db
    .insertInto('unit_count_revisions')
    .values(unitIds.map((unitId) => ({ unit_id: unitId, revision: 1 })))
    .onConflict((conflict) => conflict.column('unit_id').doUpdateSet({ revision: sql<number>`unit_count_revisions.revision + 1` }))
    .execute();
}

/** The revision of each unit's own counts (0 for a unit whose rows never changed since migration 0023). */
export async function unitCountRevisions(db: Kysely<Database>, unitIds: readonly string[]): Promise<Map<string, number>> {
  const revisions = new Map(unitIds.map((unitId) => [unitId, 0]));
  if (unitIds.length === 0) return revisions;
  const rows = await db
    .selectFrom('unit_count_revisions')
    .select(['unit_id', 'revision'])
    .where('unit_id', 'in', [...unitIds])
    .execute();
  for (const row of rows) revisions.set(row.unit_id, Number(row.revision));
  return revisions;
}

export interface CountsQuery {
  /** 'scope': the totals of totalled scopes; 'unit': units' own day rows. */
  place: CountPlace;
  unitIds: readonly string[];
  /** One questionnaire for a report; every one a figure may count in for stuffing flags. */
  questionnaireIds: readonly string[];
  /** null: every version. */
  version: number | null;
  /** null: every service field together. Ignored with a procedure (a procedure belongs to one field). */
  serviceFieldId: string | null;
  /** null: every procedure together. Only units' rows are kept per procedure. */
  procedureId: string | null;
  /** Units' rows are days only: a cover of place 'unit' must hold days alone. */
  cover: PeriodCover;
  measures: readonly CountMeasure[];
  /** null: every channel together. */
  channel: ResponseChannel | null;
}

/** A count as reports read it (drivers differ in number types). */
export interface Count {
  /** The unit (or scope) the row is counted under. */
  unitId: string;
  /** A year 'YYYY', a month 'YYYY-MM' or a day 'YYYY-MM-DD', as the cover asked for it. */
  period: string;
  version: number;
  flagged: boolean;
  measure: CountMeasure;
  item: string;
  detail: string;
  count: number;
}

export type CountSum = Omit<Count, 'period' | 'version'>;

/**
 * One (granularity, period range) per part of the cover: each is a plain range of the key, which a single
 * query with OR-ed ranges would not be (SQLite then reads every period of each place).
 */
function partsOf(cover: PeriodCover): { granularity: CountGranularity; from: string; to: string }[] {
  return [
    ...(cover.years ? [{ granularity: 'year' as const, ...cover.years }] : []),
    ...cover.months.map((range) => ({ granularity: 'month' as const, ...range })),
    ...cover.days.map((range) => ({ granularity: 'day' as const, ...range })),
  ];
}

function rowsOf(db: Kysely<Database>, query: CountsQuery, part: ReturnType<typeof partsOf>[number]) {
  if (query.place === 'unit' && part.granularity !== 'day') throw new Error(`units' counts are kept by day, not by ${part.granularity}`);
  let select = db
    .selectFrom('counts')
    .where('place', '=', query.place)
    .where('unit_id', 'in', [...query.unitIds])
    .where('questionnaire_id', 'in', [...query.questionnaireIds])
    .where('granularity', '=', part.granularity)
    .where('period', '>=', part.from)
    .where('period', '<=', part.to);
  if (query.procedureId !== null) {
    if (query.place === 'scope') throw new Error('scopes are not counted per procedure: read their units');
    select = select.where('procedure_id', '=', query.procedureId);
  } else {
    select = select.where('procedure_id', '=', ALL);
    // A scope's rows are per service field or for all together; a unit's are per field and counter.
    if (query.serviceFieldId !== null || query.place === 'scope') select = select.where('service_field_id', '=', query.serviceFieldId ?? ALL);
  }
  select = select.where('measure', 'in', [...query.measures]);
  if (query.channel !== null) select = select.where('channel', '=', query.channel);
  if (query.version !== null) select = select.where('questionnaire_version', '=', query.version);
  return select;
}

/** Counts of the places over the cover, one per place, period and what is counted (the trend, the versions, the comment days). */
export async function readCounts(db: Kysely<Database>, query: CountsQuery): Promise<Count[]> {
  if (query.unitIds.length === 0 || query.questionnaireIds.length === 0) return [];
  const counts: Count[] = [];
  for (const part of partsOf(query.cover)) {
    const rows = await rowsOf(db, query, part)
      .select((eb) => ['unit_id', 'period', 'questionnaire_version', 'flagged', 'measure', 'item', 'detail', eb.fn.sum<number>('count').as('count')])
      .groupBy(['unit_id', 'period', 'questionnaire_version', 'flagged', 'measure', 'item', 'detail'])
      .execute();
    for (const row of rows) {
      const count = Number(row.count);
      if (count === 0) continue;
      counts.push({
        unitId: row.unit_id,
        period: row.period,
        version: Number(row.questionnaire_version),
        flagged: Number(row.flagged) === 1,
        measure: row.measure,
        item: row.item,
        detail: row.detail,
        count,
      });
    }
  }
  return counts;
}

/** The same counts summed over the cover per place (the ranking of sub-units reads only these sums). */
export async function sumCounts(db: Kysely<Database>, query: CountsQuery): Promise<CountSum[]> {
  const sums = await summed(db, query, (row) => `${row.unitId}\n${row.flagged}\n${row.measure}\n${row.item}\n${row.detail}`);
  return sums.map(({ version: _summedOverVersions, ...sum }) => sum);
}

export type VersionedSum = CountSum & { version: number };

/** The same sums kept apart by questionnaire version (a rolling window judges each unit by its newest version with answers). */
export async function sumCountsByVersion(db: Kysely<Database>, query: CountsQuery): Promise<VersionedSum[]> {
  return summed(db, query, (row) => `${row.unitId}\n${row.flagged}\n${row.measure}\n${row.item}\n${row.detail}\n${row.version}`);
}

/** Summed in the database per version, and over the parts of the cover and whatever `keyOf` leaves out here. */
async function summed(db: Kysely<Database>, query: CountsQuery, keyOf: (row: VersionedSum) => string): Promise<VersionedSum[]> {
  if (query.unitIds.length === 0 || query.questionnaireIds.length === 0) return [];
  const sums = new Map<string, VersionedSum>();
  for (const part of partsOf(query.cover)) {
    const rows = await rowsOf(db, query, part)
      .select((eb) => ['unit_id', 'questionnaire_version', 'flagged', 'measure', 'item', 'detail', eb.fn.sum<number>('count').as('count')])
      .groupBy(['unit_id', 'questionnaire_version', 'flagged', 'measure', 'item', 'detail'])
      .execute();
    for (const row of rows) {
      const summand: VersionedSum = {
        unitId: row.unit_id,
        version: Number(row.questionnaire_version),
        flagged: Number(row.flagged) === 1,
        measure: row.measure,
        item: row.item,
        detail: row.detail,
        count: Number(row.count),
      };
      const key = keyOf(summand);
      const sum = sums.get(key);
      if (sum) sum.count += summand.count;
      else sums.set(key, summand);
    }
  }
  return [...sums.values()].filter((sum) => sum.count !== 0);
}

/** Complete responses by channel, version and flag state over the cover: a report's channel mix, read whatever channel the report keeps to. */
export async function completeByChannel(
  db: Kysely<Database>,
  query: Omit<CountsQuery, 'measures' | 'channel'>,
): Promise<{ channel: ResponseChannel; version: number; flagged: boolean; count: number }[]> {
  if (query.unitIds.length === 0 || query.questionnaireIds.length === 0) return [];
  const counts: { channel: ResponseChannel; version: number; flagged: boolean; count: number }[] = [];
  for (const part of partsOf(query.cover)) {
    const rows = await rowsOf(db, { ...query, measures: ['responses'], channel: null }, part)
      .where('item', '=', '1')
      .select((eb) => ['channel', 'questionnaire_version', 'flagged', eb.fn.sum<number>('count').as('count')])
      .groupBy(['channel', 'questionnaire_version', 'flagged'])
      .execute();
    for (const row of rows) {
      counts.push({ channel: row.channel, version: Number(row.questionnaire_version), flagged: Number(row.flagged) === 1, count: Number(row.count) });
    }
  }
  return counts;
}

import type { ProcedureTotalRow, ScopeMeasure, ScopeTotalRow } from '../db/schema.ts';
import { ALL_SERVICE_FIELDS } from '../db/scope-totals-repository.ts';
import { dailyAggregatesOf, type DailyAggregates, type StoredResponse } from './daily-aggregates.ts';

interface Dimensions {
  local_day: string;
  unit_id: string;
  service_field_id: string;
  questionnaire_id: string;
  questionnaire_version: number;
  count: number;
}

type MeasureVisitor = (row: Dimensions, flagged: 0 | 1, measure: ScopeMeasure, item: string, detail: string) => void;

/** Each daily row as one count of a measure (schema.ts, ScopeTotalsTable): the shape totals are kept in. */
function forEachMeasure(aggregates: DailyAggregates, visit: MeasureVisitor): void {
  for (const row of aggregates.tallies) visit(row, row.flagged, 'tally', row.criterion_id, String(row.level));
  for (const row of aggregates.responseCounts) visit(row, row.flagged, 'responses', String(row.complete), '');
  for (const row of aggregates.choices) visit(row, row.flagged, 'choice', row.question_id, row.option_id);
  for (const row of aggregates.flagCounts) visit(row, 1, 'flag', row.flag, '');
  for (const row of aggregates.markCounts) visit(row, row.flagged, 'mark', row.mark, '');
}

/** A count under one questionnaire version, flag state and measure item, before it is placed in a scope. */
type Counted = Pick<ScopeTotalRow, 'questionnaire_id' | 'questionnaire_version' | 'flagged' | 'measure' | 'item' | 'detail' | 'count'>;

/** Counts keyed by what they count (version, flag state, measure, item, detail) under one place. */
type CountsByWhat = Map<string, Counted>;

function countedIn(counts: Map<string, CountsByWhat>, placeKey: string): CountsByWhat {
  let found = counts.get(placeKey);
  if (!found) counts.set(placeKey, (found = new Map()));
  return found;
}

/**
 * What a batch's daily rows add to the scope totals: each row once per totalled scope its unit counts in,
 * by month under its service field and under all of them, by day and by year under all of them (the
 * same rule as the rebuild from the daily tables in scope-totals-repository.ts, which a test holds them
 * to). Rows differing only by counter fall into one total, so they are summed first, per unit, day and
 * service field; each sum is then added to its four places in every scope. The key of what is counted
 * is built once per daily row and reused for every place: V8 hashes a string once, a new one each time.
 */
export function scopeTotalsOf(aggregates: DailyAggregates, scopesOfUnit: ReadonlyMap<string, readonly string[]>): ScopeTotalRow[] {
  const byDayAndField = new Map<string, { unitId: string; day: string; serviceFieldId: string; counts: CountsByWhat }>();
  forEachMeasure(aggregates, (row, flagged, measure, item, detail) => {
    if (row.count === 0 || !scopesOfUnit.has(row.unit_id)) return;
    const placeKey = `${row.unit_id}\n${row.local_day}\n${row.service_field_id}`;
    let bucket = byDayAndField.get(placeKey);
    if (!bucket)
      byDayAndField.set(placeKey, (bucket = { unitId: row.unit_id, day: row.local_day, serviceFieldId: row.service_field_id, counts: new Map() }));
    const what = `${row.questionnaire_id}\n${row.questionnaire_version}\n${flagged}\n${measure}\n${item}\n${detail}`;
    const counted = bucket.counts.get(what);
    if (counted) counted.count += row.count;
    else
      bucket.counts.set(what, {
        questionnaire_id: row.questionnaire_id,
        questionnaire_version: row.questionnaire_version,
        flagged,
        measure,
        item,
        detail,
        count: row.count,
      });
  });

  const places = new Map<string, { scopeId: string; granularity: ScopeTotalRow['granularity']; period: string; serviceFieldId: string }>();
  const totals = new Map<string, CountsByWhat>();
  for (const { unitId, day, serviceFieldId, counts } of byDayAndField.values()) {
    const month = day.slice(0, 7);
    for (const scopeId of scopesOfUnit.get(unitId)!) {
      const wanted: [ScopeTotalRow['granularity'], string, string][] = [
        ['month', month, serviceFieldId],
        ['month', month, ALL_SERVICE_FIELDS],
        ['day', day, ALL_SERVICE_FIELDS],
        ['year', day.slice(0, 4), ALL_SERVICE_FIELDS],
      ];
      for (const [granularity, period, placeField] of wanted) {
        const placeKey = `${scopeId}\n${granularity}\n${period}\n${placeField}`;
        if (!places.has(placeKey)) places.set(placeKey, { scopeId, granularity, period, serviceFieldId: placeField });
        const target = countedIn(totals, placeKey);
        for (const [what, counted] of counts) {
          const total = target.get(what);
          if (total) total.count += counted.count;
          else target.set(what, { ...counted });
        }
      }
    }
  }

  const rows: ScopeTotalRow[] = [];
  for (const [placeKey, counts] of totals) {
    const { scopeId, granularity, period, serviceFieldId } = places.get(placeKey)!;
    for (const counted of counts.values()) {
      if (counted.count !== 0) rows.push({ scope_unit_id: scopeId, service_field_id: serviceFieldId, granularity, period, ...counted });
    }
  }
  return rows;
}

/**
 * What newly stored (or re-flagged) responses that name a procedure add to the procedure totals: the
 * daily aggregation of each procedure's responses, counters and service fields summed together.
 */
export function procedureTotalsOf(responses: readonly StoredResponse[]): ProcedureTotalRow[] {
  const byProcedure = new Map<string, StoredResponse[]>();
  for (const response of responses) {
    const procedureId = response.row.procedure_id;
    if (procedureId === null) continue;
    const group = byProcedure.get(procedureId);
    if (group) group.push(response);
    else byProcedure.set(procedureId, [response]);
  }
  const totals = new Map<string, ProcedureTotalRow>();
  for (const [procedureId, group] of byProcedure) {
    forEachMeasure(dailyAggregatesOf(group), (row, flagged, measure, item, detail) => {
      const key = `${row.unit_id}\n${row.local_day}\n${row.questionnaire_id}\n${row.questionnaire_version}\n${procedureId}\n${flagged}\n${measure}\n${item}\n${detail}`;
      const total = totals.get(key);
      if (total) total.count += row.count;
      else {
        totals.set(key, {
          unit_id: row.unit_id,
          local_day: row.local_day,
          questionnaire_id: row.questionnaire_id,
          questionnaire_version: row.questionnaire_version,
          procedure_id: procedureId,
          flagged,
          measure,
          item,
          detail,
          count: row.count,
        });
      }
    });
  }
  return nonZero(totals.values());
}

function nonZero<Row extends { count: number }>(rows: Iterable<Row>): Row[] {
  const kept: Row[] = [];
  for (const row of rows) if (row.count !== 0) kept.push(row);
  return kept;
}

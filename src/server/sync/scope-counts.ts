import { ALL } from '../db/counts-repository.ts';
import type { CountGranularity, CountRow } from '../db/schema.ts';
import { unitCountsOf, type StoredResponse } from './unit-counts.ts';

/** A count under one questionnaire version, flag state and measure item, before it is placed. */
type Counted = Pick<CountRow, 'questionnaire_id' | 'channel' | 'questionnaire_version' | 'flagged' | 'measure' | 'item' | 'detail' | 'count'>;

/** Counts keyed by what they count (version, flag state, measure, item, detail) under one place. */
type CountsByWhat = Map<string, Counted>;

function countedIn(counts: Map<string, CountsByWhat>, placeKey: string): CountsByWhat {
  let found = counts.get(placeKey);
  if (!found) counts.set(placeKey, (found = new Map()));
  return found;
}

function whatKeyOf(row: Counted): string {
  return `${row.questionnaire_id}\n${row.channel}\n${row.questionnaire_version}\n${row.flagged}\n${row.measure}\n${row.item}\n${row.detail}`;
}

function addCounted(target: CountsByWhat, what: string, counted: Counted): void {
  const total = target.get(what);
  if (total) total.count += counted.count;
  else {
    // Only what is counted: a unit's row also carries its own place, which must not reach the scope's.
    const { questionnaire_id, channel, questionnaire_version, flagged, measure, item, detail, count } = counted;
    target.set(what, { questionnaire_id, channel, questionnaire_version, flagged, measure, item, detail, count });
  }
}

/**
 * What a batch's unit counts add to the totalled scopes their units count in: each row once per scope,
 * by month under its service field and under all of them, by day and by year under all of them (the
 * same rule as the rebuild in counts-repository.ts, which a test holds them to). Rows differing only by
 * counter fall into one total, so they are summed first, per unit, day and service field; each sum is
 * then added to its four places in every scope. The key of what is counted is built once per unit row
 * and reused for every place: V8 hashes a string once, a new one each time.
 */
export function scopeCountsOf(unitCounts: readonly CountRow[], scopesOfUnit: ReadonlyMap<string, readonly string[]>): CountRow[] {
  const byDayAndField = new Map<string, { unitId: string; day: string; serviceFieldId: string; counts: CountsByWhat }>();
  for (const row of unitCounts) {
    if (row.count === 0 || !scopesOfUnit.has(row.unit_id)) continue;
    const placeKey = `${row.unit_id}\n${row.period}\n${row.service_field_id}`;
    let bucket = byDayAndField.get(placeKey);
    if (!bucket)
      byDayAndField.set(placeKey, (bucket = { unitId: row.unit_id, day: row.period, serviceFieldId: row.service_field_id, counts: new Map() }));
    addCounted(bucket.counts, whatKeyOf(row), row);
  }

  const places = new Map<string, { scopeId: string; granularity: CountGranularity; period: string; serviceFieldId: string }>();
  const totals = new Map<string, CountsByWhat>();
  for (const { unitId, day, serviceFieldId, counts } of byDayAndField.values()) {
    const month = day.slice(0, 7);
    for (const scopeId of scopesOfUnit.get(unitId)!) {
      const wanted: [CountGranularity, string, string][] = [
        ['month', month, serviceFieldId],
        ['month', month, ALL],
        ['day', day, ALL],
        ['year', day.slice(0, 4), ALL],
      ];
      for (const [granularity, period, placeField] of wanted) {
        const placeKey = `${scopeId}\n${granularity}\n${period}\n${placeField}`;
        if (!places.has(placeKey)) places.set(placeKey, { scopeId, granularity, period, serviceFieldId: placeField });
        const target = countedIn(totals, placeKey);
        for (const [what, counted] of counts) addCounted(target, what, counted);
      }
    }
  }

  const rows: CountRow[] = [];
  for (const [placeKey, counts] of totals) {
    const { scopeId, granularity, period, serviceFieldId } = places.get(placeKey)!;
    for (const counted of counts.values()) {
      if (counted.count === 0) continue;
      rows.push({
        place: 'scope',
        unit_id: scopeId,
        granularity,
        period,
        service_field_id: serviceFieldId,
        procedure_id: ALL,
        counter_id: ALL,
        ...counted,
      });
    }
  }
  return rows;
}

/**
 * What newly stored (or re-flagged) responses that name a procedure add to their unit's counts by day and
 * procedure: the unit counts of each procedure's responses, counters and service fields summed together.
 */
export function procedureCountsOf(responses: readonly StoredResponse[]): CountRow[] {
  const byProcedure = new Map<string, StoredResponse[]>();
  for (const response of responses) {
    const procedureId = response.row.procedure_id;
    if (procedureId === null) continue;
    const group = byProcedure.get(procedureId);
    if (group) group.push(response);
    else byProcedure.set(procedureId, [response]);
  }
  const totals = new Map<string, CountRow>();
  for (const [procedureId, group] of byProcedure) {
    for (const row of unitCountsOf(group)) {
      const key = `${row.unit_id}\n${row.period}\n${procedureId}\n${whatKeyOf(row)}`;
      const total = totals.get(key);
      if (total) total.count += row.count;
      else totals.set(key, { ...row, service_field_id: ALL, counter_id: ALL, procedure_id: procedureId });
    }
  }
  return [...totals.values()].filter((row) => row.count !== 0);
}

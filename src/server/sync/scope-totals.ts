import type { ScopeMeasure, ScopeTotalRow } from '../db/schema.ts';
import { ALL_SERVICE_FIELDS } from '../db/scope-totals-repository.ts';
import type { DailyAggregates } from './daily-aggregates.ts';

interface Dimensions {
  local_day: string;
  unit_id: string;
  service_field_id: string;
  questionnaire_id: string;
  questionnaire_version: number;
  flagged: 0 | 1;
  count: number;
}

/**
 * What a batch's daily rows add to the scope totals: each row once per totalled scope its unit counts in,
 * by month under its service field and under all of them, by day and by year under all of them (the same rule as the
 * rebuild from the daily tables in scope-totals-repository.ts, which a test holds them to). Rows differing
 * only by counter fall into one total, so they are summed here before they are written.
 */
export function scopeTotalsOf(aggregates: DailyAggregates, scopesOfUnit: ReadonlyMap<string, readonly string[]>): ScopeTotalRow[] {
  const totals = new Map<string, ScopeTotalRow>();
  const add = (row: Dimensions, flagged: 0 | 1, measure: ScopeMeasure, item: string, detail: string) => {
    if (row.count === 0) return;
    const scopes = scopesOfUnit.get(row.unit_id);
    if (!scopes) return;
    const month = row.local_day.slice(0, 7);
    const year = row.local_day.slice(0, 4);
    const what = `${row.questionnaire_id}\n${row.questionnaire_version}\n${flagged}\n${measure}\n${item}\n${detail}`;
    for (const scopeId of scopes) {
      const places: [ScopeTotalRow['granularity'], string, string][] = [
        ['month', month, row.service_field_id],
        ['month', month, ALL_SERVICE_FIELDS],
        ['day', row.local_day, ALL_SERVICE_FIELDS],
        ['year', year, ALL_SERVICE_FIELDS],
      ];
      for (const [granularity, period, serviceFieldId] of places) {
        const key = `${scopeId}\n${granularity}\n${period}\n${serviceFieldId}\n${what}`;
        const total = totals.get(key);
        if (total) total.count += row.count;
        else {
          totals.set(key, {
            scope_unit_id: scopeId,
            questionnaire_id: row.questionnaire_id,
            service_field_id: serviceFieldId,
            granularity,
            period,
            questionnaire_version: row.questionnaire_version,
            flagged,
            measure,
            item,
            detail,
            count: row.count,
          });
        }
      }
    }
  };
  for (const row of aggregates.tallies) add(row, row.flagged, 'tally', row.criterion_id, String(row.level));
  for (const row of aggregates.responseCounts) add(row, row.flagged, 'responses', String(row.complete), '');
  for (const row of aggregates.choices) add(row, row.flagged, 'choice', row.question_id, row.option_id);
  for (const row of aggregates.flagCounts) add({ ...row, flagged: 1 }, 1, 'flag', row.flag, '');
  for (const row of aggregates.markCounts) add(row, row.flagged, 'mark', row.mark, '');
  const rows: ScopeTotalRow[] = [];
  for (const total of totals.values()) if (total.count !== 0) rows.push(total);
  return rows;
}

import type { ScopeMeasure, ScopeTotalRow } from '../db/schema.ts';
import { ALL_SERVICE_FIELDS } from '../db/scope-totals-repository.ts';
import type { DailyAggregates } from './daily-aggregates.ts';

interface MeasuredRow {
  local_day: string;
  unit_id: string;
  service_field_id: string;
  questionnaire_id: string;
  questionnaire_version: number;
  flagged: 0 | 1;
  measure: ScopeMeasure;
  item: string;
  detail: string;
  count: number;
}

function measuredRowsOf(aggregates: DailyAggregates): MeasuredRow[] {
  return [
    ...aggregates.tallies.map((row) => ({ ...row, measure: 'tally' as const, item: row.criterion_id, detail: String(row.level) })),
    ...aggregates.responseCounts.map((row) => ({ ...row, measure: 'responses' as const, item: String(row.complete), detail: '' })),
    ...aggregates.choices.map((row) => ({ ...row, measure: 'choice' as const, item: row.question_id, detail: row.option_id })),
    ...aggregates.flagCounts.map((row) => ({ ...row, flagged: 1 as const, measure: 'flag' as const, item: row.flag, detail: '' })),
    ...aggregates.markCounts.map((row) => ({ ...row, measure: 'mark' as const, item: row.mark, detail: '' })),
  ];
}

/**
 * What a batch's daily rows add to the scope totals: each row once per totalled scope its unit counts in,
 * by month under its service field and under all of them, by day under all of them (the same rule as the
 * rebuild from the daily tables in scope-totals-repository.ts, which a test holds them to).
 */
export function scopeTotalsOf(aggregates: DailyAggregates, scopesOfUnit: ReadonlyMap<string, readonly string[]>): ScopeTotalRow[] {
  const totals = new Map<string, ScopeTotalRow>();
  for (const row of measuredRowsOf(aggregates)) {
    if (row.count === 0) continue;
    for (const scopeId of scopesOfUnit.get(row.unit_id) ?? []) {
      for (const [granularity, period] of [['month', row.local_day.slice(0, 7)], ['day', row.local_day]] as const) {
        for (const serviceFieldId of granularity === 'month' ? [row.service_field_id, ALL_SERVICE_FIELDS] : [ALL_SERVICE_FIELDS]) {
          const key = `${scopeId}\n${row.questionnaire_id}\n${serviceFieldId}\n${granularity}\n${period}\n${row.questionnaire_version}\n${row.flagged}\n${row.measure}\n${row.item}\n${row.detail}`;
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
              flagged: row.flagged,
              measure: row.measure,
              item: row.item,
              detail: row.detail,
              count: row.count,
            });
          }
        }
      }
    }
  }
  return [...totals.values()].filter((row) => row.count !== 0);
}

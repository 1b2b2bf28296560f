import type { ScopeMeasure } from './schema.ts';

/**
 * Each daily table as counts of one measure of the scope totals (schema.ts, ScopeTotalsTable), as SQL over
 * its row `d`: what building the totals and reading a scope no total holds both need.
 */
export interface DailySource {
  table: 'daily_tallies' | 'daily_response_counts' | 'daily_choice_tallies' | 'daily_flag_counts' | 'daily_mark_counts';
  measure: ScopeMeasure;
  item: string;
  detail: string;
  /** daily_flag_counts has no `flagged` column: every row of it is flagged. */
  flagged: string;
}

export const DAILY_SOURCES: readonly DailySource[] = [
  { table: 'daily_tallies', measure: 'tally', item: 'd.criterion_id', detail: 'cast(d.level as text)', flagged: 'd.flagged' },
  { table: 'daily_response_counts', measure: 'responses', item: 'cast(d.complete as text)', detail: "''", flagged: 'd.flagged' },
  { table: 'daily_choice_tallies', measure: 'choice', item: 'd.question_id', detail: 'd.option_id', flagged: 'd.flagged' },
  { table: 'daily_flag_counts', measure: 'flag', item: 'd.flag', detail: "''", flagged: '1' },
  { table: 'daily_mark_counts', measure: 'mark', item: 'd.mark', detail: "''", flagged: 'd.flagged' },
];

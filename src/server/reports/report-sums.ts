import { COMMENT_THEME_IDS, type CommentThemeId } from '../../domain/comment-themes.ts';
import { themeOfMark } from '../../domain/response-marks.ts';
import { methodFor } from '../../domain/methods/index.ts';
import type { Questionnaire } from '../../domain/questionnaire.ts';
import { criterionResult } from '../../domain/scoring.ts';
import { levelCounts, tallyFromEntries, withRespondents, type Tally } from '../../domain/tally.ts';
import type { Count } from '../db/counts-repository.ts';
import type { CountMeasure } from '../db/schema.ts';

/** Small sums over aggregate rows, shared by the report's parts. */

export function sumOf(rows: readonly { count: number }[]): number {
  let total = 0;
  for (const row of rows) total += row.count;
  return total;
}

export function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** What a score is computed from: answers per criterion and level, and respondents' shares per element where the method counts them. */
export const SCORED_MEASURES = ['tally', 'respondent'] as const satisfies readonly CountMeasure[];

export function tallyOf(rows: readonly Pick<Count, 'measure' | 'item' | 'detail' | 'count'>[]): Tally {
  return withRespondents(
    tallyFromEntries(
      rows.filter((row) => row.measure === 'tally').map((row) => ({ criterionId: row.item, level: Number(row.detail), count: row.count })),
    ),
    rows.filter((row) => row.measure === 'respondent').map((row) => ({ elementId: row.item, share: row.detail, count: row.count })),
  );
}

/** Complete responses among the rows. */
export function completeOf(rows: readonly Pick<Count, 'measure' | 'item' | 'count'>[]): number {
  return sumOf(rows.filter((row) => row.measure === 'responses' && row.item === '1'));
}

/**
 * The quick questionnaire's one criterion scored over a tally (every version: its criterion id is stable),
 * with the satisfied levels of the quick questionnaire's method.
 */
export function quickIndexOfTally(quick: Questionnaire, tally: Tally) {
  const element = quick.elements[0];
  const criterion = element?.criteria[0];
  if (!element || !criterion) return null;
  const satisfiedLevels = methodFor(quick).satisfiedLevels[element.scale];
  if (!satisfiedLevels) return null;
  const counts = levelCounts(tally, criterion.id, element.scale);
  return { ...criterionResult(counts, element.scale, satisfiedLevels), levelCounts: counts };
}

/**
 * How many complete responses of the rows have comments of each theme (their 'theme:<id>' marks), most
 * first, ties in COMMENT_THEME_IDS order; themes no comment has are left out.
 */
export function themeCountsOf(rows: readonly Pick<Count, 'measure' | 'item' | 'count'>[]): { theme: CommentThemeId; count: number }[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const theme = row.measure === 'mark' ? themeOfMark(row.item) : null;
    if (theme !== null) counts.set(theme, (counts.get(theme) ?? 0) + row.count);
  }
  return COMMENT_THEME_IDS.map((theme) => ({ theme, count: counts.get(theme) ?? 0 }))
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.count - a.count);
}

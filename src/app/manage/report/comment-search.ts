import type { ReportComment } from '../../../domain/manage-api.ts';

/** Text folded for search: lower case, without Vietnamese marks, so "cho lau" finds "Chờ lâu". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

export type RatingFilter = 'dissatisfied-first' | 'dissatisfied' | 'all';

/** The loaded comments matching a search, dissatisfied ones first (stable: newest first within each). */
export function filterComments(comments: readonly ReportComment[], search: string, rating: RatingFilter): ReportComment[] {
  const needle = foldForSearch(search.trim());
  const matching = comments.filter(
    (comment) =>
      (rating !== 'dissatisfied' || comment.dissatisfied) &&
      (needle === '' || foldForSearch(comment.text).includes(needle) || foldForSearch(Object.values(comment.unitName).join(' ')).includes(needle)),
  );
  if (rating === 'all') return matching;
  return [...matching.filter((comment) => comment.dissatisfied), ...matching.filter((comment) => !comment.dissatisfied)];
}

/** How many of the loaded comments each unit has, most first. */
export function commentsPerUnit(comments: readonly ReportComment[]): { unitId: string; unitName: ReportComment['unitName']; count: number }[] {
  const counts = new Map<string, { unitId: string; unitName: ReportComment['unitName']; count: number }>();
  for (const comment of comments) {
    const entry = counts.get(comment.unitId) ?? { unitId: comment.unitId, unitName: comment.unitName, count: 0 };
    entry.count++;
    counts.set(comment.unitId, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count);
}

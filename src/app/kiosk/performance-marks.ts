/**
 * User-timing marks the benchmarks read (`npm run bench`); they cost nothing measurable and let the
 * production build be measured as it is, without a special build.
 */
export const MARKS = {
  submitTapped: 'sipas:submit-tapped',
  submitToCommit: 'sipas:submit-to-commit',
  welcomeShown: 'sipas:welcome-shown',
} as const;

export function markSubmitTapped(): void {
  performance.mark(MARKS.submitTapped);
}

export function measureSubmitToCommit(): void {
  if (performance.getEntriesByName(MARKS.submitTapped, 'mark').length === 0) return;
  performance.measure(MARKS.submitToCommit, MARKS.submitTapped);
  performance.clearMarks(MARKS.submitTapped);
}

/** Only the first welcome screen of a page load counts as the cold start. */
export function markWelcomeShown(): void {
  if (performance.getEntriesByName(MARKS.welcomeShown, 'mark').length === 0) performance.mark(MARKS.welcomeShown);
}

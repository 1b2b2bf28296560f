/**
 * User-timing marks the benchmarks read (`npm run bench`); they cost nothing measurable and let the
 * production build be measured as it is, without a special build.
 */
export const MARKS = {
  submitTapped: 'sipas:submit-tapped',
  submitToCommit: 'sipas:submit-to-commit',
  welcomeShown: 'sipas:welcome-shown',
  startupEvaluated: 'sipas:startup-evaluated',
} as const;

export function markSubmitTapped(): void {
  performance.mark(MARKS.submitTapped);
}

export function measureSubmitToCommit(): void {
  if (performance.getEntriesByName(MARKS.submitTapped, 'mark').length === 0) return;
  performance.measure(MARKS.submitToCommit, MARKS.submitTapped);
  performance.clearMarks(MARKS.submitTapped);
}

/**
 * Element Timing (Chromium): the browser records when an element carrying this identifier was first
 * painted. On the welcome screen's title, that is when a citizen can see it, a frame or so after the
 * component mounted and marked `welcomeShown`.
 */
export const WELCOME_PAINT_IDENTIFIER = 'sipas:welcome-painted';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- an augmentation must repeat React's own type parameter
  interface HTMLAttributes<T> {
    /** The Element Timing identifier: https://wicg.github.io/element-timing/ */
    elementtiming?: string;
  }
}

/** Only the first welcome screen of a page load counts as the cold start. */
export function markWelcomeShown(): void {
  if (performance.getEntriesByName(MARKS.welcomeShown, 'mark').length === 0) performance.mark(MARKS.welcomeShown);
}

/**
 * The entry runs after every module it imports statically: this splits a cold start into loading and
 * evaluating the start-up JavaScript, and what comes after it (first render, the store, the welcome screen).
 */
export function markStartupEvaluated(): void {
  performance.mark(MARKS.startupEvaluated);
}

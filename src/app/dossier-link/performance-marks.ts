/**
 * Element Timing (Chromium) on the page's first question, so `npm run bench` reads when a citizen can see
 * it in the production build as it is (test/bench/dossier-link-browser.ts).
 */
export const FIRST_QUESTION_PAINT_IDENTIFIER = 'sipas:first-question-painted';

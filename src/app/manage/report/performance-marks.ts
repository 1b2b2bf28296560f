/**
 * The Element Timing identifier of the headline's figure (the paragraph with the index: Chromium times
 * text by its block, not by an inline span) (`npm run bench -- dashboard-browser`): Chromium
 * records when it is first painted, which is when a manager can read the answer. The benchmark's
 * hand-written floor page carries the same identifier, so both are timed by the browser alike.
 */
export const HEADLINE_PAINT_IDENTIFIER = 'sipas:headline-painted';

/**
 * Rating scales. Levels are 1-based. Which levels count as satisfied is the scoring method's to say
 * (scoring-method.ts), not the scale's.
 * Kept apart from the zod schemas so the kiosk's first screen does not load the validation library.
 */
export const SCALES = {
  'five-level': { levels: [1, 2, 3, 4, 5] },
  'three-level': { levels: [1, 2, 3] },
} as const;

export type ScaleKind = keyof typeof SCALES;

/**
 * Rating scales. Levels are 1-based; `satisfiedLevels` are the ones the index counts as satisfied.
 * Kept apart from the zod schemas so the kiosk's first screen does not load the validation library.
 */
export const SCALES = {
  'five-level': { levels: [1, 2, 3, 4, 5], satisfiedLevels: [4, 5] },
  'three-level': { levels: [1, 2, 3], satisfiedLevels: [2, 3] },
} as const;

export type ScaleKind = keyof typeof SCALES;

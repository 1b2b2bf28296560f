import type { TFunction } from 'i18next';
import { SCALES, type ScaleKind } from '../../domain/scales.ts';
import type { RatingLevel } from './RatingScale.tsx';

/**
 * The labelled levels of a scale in the current language, always from the unhappiest to the happiest
 * (1 → 5 as on the national form): the kiosk's survey and counter rating, the dossier link's page and the
 * dashboard's method form read them the same way.
 */
export function ratingLevels(scale: ScaleKind, t: TFunction): RatingLevel[] {
  const levels = SCALES[scale].levels;
  const key = scale === 'five-level' ? 'five' : 'three';
  return levels.map((level) => ({
    level,
    label: t(`scale.${key}.${level}`),
    mood: (level - 1) / (levels.length - 1),
  }));
}

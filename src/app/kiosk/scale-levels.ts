import type { TFunction } from 'i18next';
import { SCALES, type ScaleKind } from '../../domain/scales.ts';
import type { RatingLevel } from '../ui/RatingScale.tsx';

/**
 * The labelled levels of a scale in the current language. The five-level scale reads 1 → 5 as on the
 * national form; the counter rating lists "Rất hài lòng" first, as the one-stop regulations do.
 */
export function ratingLevels(scale: ScaleKind, t: TFunction): RatingLevel[] {
  const levels = SCALES[scale].levels;
  const key = scale === 'five-level' ? 'five' : 'three';
  const labelled = levels.map((level) => ({
    level,
    label: t(`scale.${key}.${level}`),
    mood: (level - 1) / (levels.length - 1),
  }));
  return scale === 'three-level' ? labelled.reverse() : labelled;
}

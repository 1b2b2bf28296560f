import type { Questionnaire } from '../../domain/questionnaire.ts';
import type { SurveyScreen } from '../../domain/survey-flow.ts';

/** A screen of the kiosk: an element may be split into pages of criteria when the text is large. */
export type KioskScreen = SurveyScreen & { page?: { number: number; count: number; from: number; to: number } };

/**
 * Splits every element with more than `perPage` criteria into as few pages as it needs, balanced (six
 * criteria at most four a page make two pages of three; five make three and two). Pages keep their
 * element's id, so the time spent on an element is recorded the same way in both modes.
 */
export function pagedScreens(screens: readonly SurveyScreen[], questionnaire: Questionnaire, perPage: number | null): KioskScreen[] {
  return screens.flatMap((screen): KioskScreen[] => {
    if (screen.kind !== 'element' || perPage === null) return [screen];
    const criteria = questionnaire.elements[screen.elementIndex]?.criteria.length ?? 0;
    if (criteria <= perPage) return [screen];
    const count = Math.ceil(criteria / perPage);
    const size = Math.ceil(criteria / count);
    return Array.from({ length: count }, (_, index) => ({
      ...screen,
      page: { number: index + 1, count, from: index * size, to: Math.min(criteria, (index + 1) * size) },
    }));
  });
}

import { questionnaireSchema, type Questionnaire } from '../questionnaire.ts';
import sipasV1 from './sipas.v1.json';
import counterRatingV1 from './counter-rating.v1.json';

/** The questionnaires that ship with the product; a province publishes further versions as data. */
export const BUNDLED_QUESTIONNAIRES: readonly Questionnaire[] = [sipasV1, counterRatingV1].map((data) => questionnaireSchema.parse(data));

export const DEFAULT_FULL_QUESTIONNAIRE_ID = 'sipas';
export const DEFAULT_QUICK_QUESTIONNAIRE_ID = 'counter-rating';

/** A unit's own choice of questionnaire per kiosk mode; null inherits its parent's. */
export interface QuestionnaireChoice {
  full: string | null;
  quick: string | null;
}

/**
 * The questionnaire id each kiosk mode uses in a unit, from its ancestry (the unit first, then up to its
 * root): the nearest unit's own choice, else the shipped default. Tablets, reports and the administrators'
 * screen resolve it alike.
 */
export function activeQuestionnaireIds(ancestry: readonly QuestionnaireChoice[]): { full: string; quick: string } {
  return {
    full: ancestry.find((unit) => unit.full !== null)?.full ?? DEFAULT_FULL_QUESTIONNAIRE_ID,
    quick: ancestry.find((unit) => unit.quick !== null)?.quick ?? DEFAULT_QUICK_QUESTIONNAIRE_ID,
  };
}

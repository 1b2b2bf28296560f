import { questionnaireSchema, type Questionnaire } from '../questionnaire.ts';
import sipasV1 from './sipas.v1.json';
import counterRatingV1 from './counter-rating.v1.json';

/** The questionnaires that ship with the product; a province publishes further versions as data. */
export const BUNDLED_QUESTIONNAIRES: readonly Questionnaire[] = [sipasV1, counterRatingV1].map((data) =>
  questionnaireSchema.parse(data),
);

export const DEFAULT_FULL_QUESTIONNAIRE_ID = 'sipas';
export const DEFAULT_QUICK_QUESTIONNAIRE_ID = 'counter-rating';

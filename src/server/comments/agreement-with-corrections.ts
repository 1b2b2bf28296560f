import type { Kysely } from 'kysely';
import { themesOfComments } from '../../domain/comment-themes.ts';
import type { SurveyResponse } from '../../domain/response.ts';
import { commentsOfAnswers } from '../../domain/response-marks.ts';
import { themeAgreement, type ThemeAgreement } from '../../domain/theme-agreement.ts';
import { correctedResponses } from '../db/comment-classifications-repository.ts';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import type { Database } from '../db/schema.ts';
import { freeTextIdsOfPublished } from './theme-changes.ts';

/**
 * How the current classifier agrees with what managers corrected: its themes of each corrected comment
 * against the person's. Every correction is a case the classifier got wrong once, so this measures the
 * classifier where it is weakest; a new lexicon should raise it.
 */
export async function agreementWithCorrections(db: Kysely<Database>, catalog: QuestionnaireCatalog): Promise<ThemeAgreement> {
  const freeTextIdsOf = freeTextIdsOfPublished(catalog);
  const pairs = [];
  for (const response of await correctedResponses(db)) {
    const answers = JSON.parse(response.answers) as SurveyResponse['answers'];
    const comments = commentsOfAnswers(answers, await freeTextIdsOf(response.questionnaireId, response.questionnaireVersion));
    pairs.push({ expected: response.corrected, found: themesOfComments(comments) });
  }
  return themeAgreement(pairs);
}

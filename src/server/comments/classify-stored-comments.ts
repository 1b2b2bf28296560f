import type { Kysely } from 'kysely';
import { THEME_CLASSIFIER_VERSION } from '../../domain/comment-themes.ts';
import { freeTextQuestionIds } from '../../domain/response-marks.ts';
import { outdatedClassificationIdsAfter, unclassifiedResponseIdsAfter } from '../db/comment-classifications-repository.ts';
import { finishedJobVersion, markJobFinished } from '../db/data-jobs-repository.ts';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import type { Database } from '../db/schema.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { classifyResponses, freeTextIdsOfPublished, reclassifyResponses } from './theme-changes.ts';

export const CLASSIFY_STORED_COMMENTS_JOB = 'classify-stored-comments';
/** Responses per transaction: short enough not to hold up a tablet's sync for long. */
const PAGE = 200;

export interface ClassifiedCounts {
  /** Responses stored before themes were kept, now classified. */
  classified: number;
  /** Responses an older classifier had classified, classified again. */
  reclassified: number;
}

/**
 * Gives the comments stored before this release (or classified by an older classifier) the current
 * classifier's themes and their counts, once per THEME_CLASSIFIER_VERSION; a person's correction is never
 * replaced. The sync transaction classifies every new response itself. Several processes may run it at
 * once: each page is one transaction over locked rows that skips what another process did meanwhile.
 */
export async function classifyStoredComments(db: Kysely<Database>, catalog: QuestionnaireCatalog, now: () => Date): Promise<ClassifiedCounts | null> {
  if ((await finishedJobVersion(db, CLASSIFY_STORED_COMMENTS_JOB)) >= THEME_CLASSIFIER_VERSION) return null;
  const freeTextIdsOf = freeTextIdsOfPublished(catalog);
  const allTextIds = await allFreeTextIds(db, catalog);
  const counts: ClassifiedCounts = { classified: 0, reclassified: 0 };

  for (let after = ''; ;) {
    const ids = await unclassifiedResponseIdsAfter(db, allTextIds, after, PAGE);
    if (ids.length === 0) break;
    after = ids.at(-1)!;
    counts.classified += await inWriteTransaction(db, (trx) => classifyResponses(trx, ids, freeTextIdsOf));
  }
  for (let after = ''; ;) {
    const ids = await outdatedClassificationIdsAfter(db, THEME_CLASSIFIER_VERSION, after, PAGE);
    if (ids.length === 0) break;
    after = ids.at(-1)!;
    counts.reclassified += await inWriteTransaction(db, (trx) => reclassifyResponses(trx, ids, freeTextIdsOf));
  }
  await markJobFinished(db, CLASSIFY_STORED_COMMENTS_JOB, THEME_CLASSIFIER_VERSION, now());
  return counts;
}

async function allFreeTextIds(db: Kysely<Database>, catalog: QuestionnaireCatalog): Promise<string[]> {
  const versions = await db.selectFrom('questionnaires').select(['id', 'version']).execute();
  const ids = new Set<string>();
  for (const { id, version } of versions) {
    const questionnaire = await catalog.findPublished(id, Number(version));
    if (questionnaire) for (const textId of freeTextQuestionIds(questionnaire)) ids.add(textId);
  }
  return [...ids];
}

import type { Kysely } from 'kysely';
import { questionnaireKey, questionnaireSchema, type Questionnaire } from '../../domain/questionnaire.ts';
import type { Database } from './schema.ts';

/**
 * Stores bundled questionnaire versions that are not in the database yet. A stored version is never
 * overwritten: responses are tied to it, so a changed text must ship as a new version.
 */
export async function insertMissingQuestionnaires(db: Kysely<Database>, questionnaires: readonly Questionnaire[], publishedAt: Date): Promise<void> {
  if (questionnaires.length === 0) return;
  await db
    .insertInto('questionnaires')
    .values(
      questionnaires.map((questionnaire) => ({
        id: questionnaire.id,
        version: questionnaire.version,
        mode: questionnaire.mode,
        definition: JSON.stringify(questionnaire),
        published_at: publishedAt.toISOString(),
      })),
    )
    .onConflict((conflict) => conflict.columns(['id', 'version']).doNothing())
    .execute();
}

/**
 * Published questionnaire versions, parsed once per process. Caching forever is safe because a published
 * version is immutable; a version not found is asked again next time, as it may be published meanwhile.
 */
export class QuestionnaireCatalog {
  private readonly parsed = new Map<string, Questionnaire>();

  constructor(private readonly db: Kysely<Database>) {}

  async findPublished(id: string, version: number): Promise<Questionnaire | undefined> {
    const key = questionnaireKey({ id, version });
    const cached = this.parsed.get(key);
    if (cached) return cached;
    const row = await this.db
      .selectFrom('questionnaires')
      .select(['definition'])
      .where('id', '=', id)
      .where('version', '=', version)
      .where('published_at', 'is not', null)
      .executeTakeFirst();
    if (!row) return undefined;
    return this.remember(row.definition);
  }

  /** Every published version of the given ids, oldest first: a device answers records of older versions too. */
  async listPublishedVersions(ids: readonly string[]): Promise<Questionnaire[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('questionnaires')
      .select(['id', 'version', 'definition'])
      .where('id', 'in', [...ids])
      .where('published_at', 'is not', null)
      .orderBy('id')
      .orderBy('version')
      .execute();
    return rows.map((row) => this.parsed.get(questionnaireKey(row)) ?? this.remember(row.definition));
  }

  private remember(definition: string): Questionnaire {
    const questionnaire = questionnaireSchema.parse(JSON.parse(definition));
    this.parsed.set(questionnaireKey(questionnaire), questionnaire);
    return questionnaire;
  }
}

import type { Kysely } from 'kysely';
import type { DraftHead } from '../../domain/questionnaire-drafts.ts';
import type { Database } from './schema.ts';

/** Keeps the draft of one version: a second save of the same id and version replaces the first. */
export async function saveQuestionnaireDraft(
  db: Kysely<Database>,
  draft: { id: string; version: number; title: Record<string, string> | null; text: string; savedAt: Date; savedBy: string },
): Promise<void> {
  const row = {
    questionnaire_id: draft.id,
    version: draft.version,
    text: draft.text,
    title: draft.title === null ? null : JSON.stringify(draft.title),
    saved_at: draft.savedAt.toISOString(),
    saved_by: draft.savedBy,
  };
  await db
    .insertInto('questionnaire_drafts')
    .values(row)
    .onConflict((conflict) =>
      conflict
        .columns(['questionnaire_id', 'version'])
        .doUpdateSet({ text: row.text, title: row.title, saved_at: row.saved_at, saved_by: row.saved_by }),
    )
    .execute();
}

/** Every draft, the most recently saved first, without its text. */
export async function listQuestionnaireDrafts(db: Kysely<Database>): Promise<DraftHead[]> {
  const rows = await db
    .selectFrom('questionnaire_drafts')
    .select(['questionnaire_id', 'version', 'title', 'saved_at', 'saved_by'])
    .orderBy('saved_at', 'desc')
    .execute();
  return rows.map(headOf);
}

export async function findQuestionnaireDraft(db: Kysely<Database>, id: string, version: number): Promise<(DraftHead & { text: string }) | undefined> {
  const row = await db
    .selectFrom('questionnaire_drafts')
    .selectAll()
    .where('questionnaire_id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return row && { ...headOf(row), text: row.text };
}

/** Removes a version's draft; true when there was one. */
export async function deleteQuestionnaireDraft(db: Kysely<Database>, id: string, version: number): Promise<boolean> {
  const result = await db.deleteFrom('questionnaire_drafts').where('questionnaire_id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

function headOf(row: { questionnaire_id: string; version: number; title: string | null; saved_at: string; saved_by: string }): DraftHead {
  return {
    id: row.questionnaire_id,
    version: Number(row.version),
    title: row.title === null ? null : (JSON.parse(row.title) as Record<string, string>),
    savedAt: row.saved_at,
    savedBy: row.saved_by,
  };
}

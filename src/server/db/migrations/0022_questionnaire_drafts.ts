import type { Kysely } from 'kysely';

/**
 * Drafts of questionnaire versions (issue 19): what an administrator is writing before it is published,
 * kept on the server so it survives a reload, another browser and a colleague's review. One draft per
 * questionnaire id and version; `text` is the draft as written (JSON that may not yet be a valid
 * questionnaire), `title` its title as JSON when it names one, so a list need not read the text.
 * Publishing the version removes its draft. Nothing else reads this table.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('questionnaire_drafts')
    .addColumn('questionnaire_id', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('title', 'text')
    .addColumn('saved_at', 'text', (col) => col.notNull())
    .addColumn('saved_by', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('questionnaire_drafts_pk', ['questionnaire_id', 'version'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('questionnaire_drafts').execute();
}

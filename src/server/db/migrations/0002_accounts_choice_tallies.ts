import type { Kysely } from 'kysely';

/**
 * People's accounts and sessions for the dashboard, and the daily tally of choice answers (which
 * improvements people ask for, profile answers) so reports read them from small rows like the criteria.
 * The back-fill below is a frozen copy of the counting rule (complete responses only, options named
 * by the questionnaire version the response answered): a migration must not change with later code.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('username', 'text', (col) => col.notNull().unique())
    .addColumn('display_name', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('unit_id', 'text', (col) => col.references('units.id'))
    .addColumn('disabled_at', 'text')
    .addColumn('failed_logins', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    // SHA-256 of the cookie's token: a stolen database copy holds no usable session.
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('account_id', 'text', (col) => col.notNull().references('accounts.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('last_seen_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('sessions_account_idx').on('sessions').column('account_id').execute();

  await db.schema
    .createTable('daily_choice_tallies')
    .addColumn('local_day', 'text', (col) => col.notNull())
    .addColumn('unit_id', 'text', (col) => col.notNull())
    .addColumn('counter_id', 'text', (col) => col.notNull())
    .addColumn('service_field_id', 'text', (col) => col.notNull())
    .addColumn('questionnaire_id', 'text', (col) => col.notNull())
    .addColumn('questionnaire_version', 'integer', (col) => col.notNull())
    .addColumn('question_id', 'text', (col) => col.notNull())
    .addColumn('option_id', 'text', (col) => col.notNull())
    .addColumn('flagged', 'integer', (col) => col.notNull())
    .addColumn('count', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('daily_choice_tallies_pk', [
      'unit_id',
      'local_day',
      'questionnaire_id',
      'questionnaire_version',
      'counter_id',
      'service_field_id',
      'question_id',
      'option_id',
      'flagged',
    ])
    .execute();

  await backfillChoiceTallies(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['daily_choice_tallies', 'sessions', 'accounts']) await db.schema.dropTable(table).execute();
}

interface FrozenQuestion {
  id: string;
  kind: string;
  options?: { id: string }[];
}

const PAGE = 2000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function backfillChoiceTallies(db: Kysely<any>): Promise<void> {
  const choiceOptions = new Map<string, Map<string, { multiple: boolean; options: Set<string> }>>();
  const definitions = (await db.selectFrom('questionnaires').select(['id', 'version', 'definition']).execute()) as {
    id: string;
    version: number;
    definition: string;
  }[];
  for (const row of definitions) {
    const parsed = JSON.parse(row.definition) as { sections?: { questions?: FrozenQuestion[] }[] };
    const questions = new Map<string, { multiple: boolean; options: Set<string> }>();
    for (const section of parsed.sections ?? []) {
      for (const question of section.questions ?? []) {
        if (question.kind !== 'single-choice' && question.kind !== 'multiple-choice') continue;
        questions.set(question.id, {
          multiple: question.kind === 'multiple-choice',
          options: new Set((question.options ?? []).map((option) => option.id)),
        });
      }
    }
    choiceOptions.set(`${row.id}@${Number(row.version)}`, questions);
  }

  const counts = new Map<string, Record<string, string | number>>();
  let after = '';
  for (;;) {
    const rows = (await db
      .selectFrom('responses')
      .select(['id', 'local_day', 'unit_id', 'counter_id', 'service_field_id', 'questionnaire_id', 'questionnaire_version', 'complete', 'answers'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute()) as Record<string, string | number | null>[];
    if (rows.length === 0) break;
    after = String(rows[rows.length - 1]!.id);
    for (const row of rows) {
      if (Number(row.complete) !== 1) continue;
      const questions = choiceOptions.get(`${String(row.questionnaire_id)}@${Number(row.questionnaire_version)}`);
      if (!questions) continue;
      const answers = JSON.parse(String(row.answers)) as Record<string, unknown>;
      for (const [questionId, value] of Object.entries(answers)) {
        const question = questions.get(questionId);
        if (!question) continue;
        const chosen = question.multiple ? (Array.isArray(value) ? value : []) : typeof value === 'string' ? [value] : [];
        for (const optionId of new Set(chosen)) {
          if (typeof optionId !== 'string' || !question.options.has(optionId)) continue;
          const dimensions = {
            local_day: String(row.local_day),
            unit_id: String(row.unit_id),
            counter_id: row.counter_id === null ? '' : String(row.counter_id),
            service_field_id: row.service_field_id === null ? '' : String(row.service_field_id),
            questionnaire_id: String(row.questionnaire_id),
            questionnaire_version: Number(row.questionnaire_version),
            question_id: questionId,
            option_id: optionId,
            // As the criterion tallies of this schema version: flags are not a dimension yet.
            flagged: 0,
          };
          const key = JSON.stringify(Object.values(dimensions));
          const existing = counts.get(key);
          if (existing) existing.count = Number(existing.count) + 1;
          else counts.set(key, { ...dimensions, count: 1 });
        }
      }
    }
  }
  const all = [...counts.values()];
  for (let start = 0; start < all.length; start += 500) {
    await db.insertInto('daily_choice_tallies').values(all.slice(start, start + 500)).execute();
  }
}

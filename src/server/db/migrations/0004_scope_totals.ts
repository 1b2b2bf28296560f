import { sql, type Kysely } from 'kysely';
import { marksOfResponse } from '../../../domain/response-marks.ts';
import { UnitTree } from '../../reports/unit-tree.ts';
import { dialectOf } from '../database.ts';
import { rebuildScopeTotals } from '../scope-totals-repository.ts';
import type { Database, UnitRow } from '../schema.ts';

/**
 * Daily counts of complete responses with a comment and with a dossier code: a report lists comments by
 * reading only the days that have some, and shows the share with a dossier code. Filled from the
 * responses stored so far (the rule is the domain's marksOfResponse, as at sync).
 * Totals per report scope by month and by day (schema.ts, ScopeTotalsTable), so a report over a province
 * and a year no longer sums every commune's every day. Only scopes holding more than their own unit have
 * totals: a unit on its own is one range of the daily tables already. Filled from the daily tables, which hold every
 * response stored so far; the tree's scopes come from the same UnitTree the reports use, so the two
 * cannot disagree about which units a scope holds.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('daily_mark_counts')
    .addColumn('local_day', 'text', (col) => col.notNull())
    .addColumn('unit_id', 'text', (col) => col.notNull())
    .addColumn('counter_id', 'text', (col) => col.notNull())
    .addColumn('service_field_id', 'text', (col) => col.notNull())
    .addColumn('questionnaire_id', 'text', (col) => col.notNull())
    .addColumn('questionnaire_version', 'integer', (col) => col.notNull())
    .addColumn('flagged', 'integer', (col) => col.notNull())
    .addColumn('mark', 'text', (col) => col.notNull())
    .addColumn('count', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('daily_mark_counts_pk', [
      'unit_id',
      'local_day',
      'questionnaire_id',
      'questionnaire_version',
      'counter_id',
      'service_field_id',
      'flagged',
      'mark',
    ])
    .execute();
  await backfillMarkCounts(db);

  await db.schema
    .createTable('unit_scope_members')
    .addColumn('member_unit_id', 'text', (col) => col.notNull())
    .addColumn('scope_unit_id', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('unit_scope_members_pk', ['member_unit_id', 'scope_unit_id'])
    .execute();
  await db.schema.createIndex('unit_scope_members_scope_idx').on('unit_scope_members').columns(['scope_unit_id', 'member_unit_id']).execute();

  // Key order: a report reads one scope, questionnaire and service field over a run of periods. On SQLite
  // the key is the table (WITHOUT ROWID): the sync transaction upserts these rows, and one b-tree instead
  // of a table and its key index halves that work.
  const withoutRowid = dialectOf(db as Kysely<Database>) === 'sqlite';
  await db.schema
    .createTable('scope_totals')
    .addColumn('scope_unit_id', 'text', (col) => col.notNull())
    .addColumn('questionnaire_id', 'text', (col) => col.notNull())
    .addColumn('service_field_id', 'text', (col) => col.notNull())
    .addColumn('granularity', 'text', (col) => col.notNull())
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('questionnaire_version', 'integer', (col) => col.notNull())
    .addColumn('flagged', 'integer', (col) => col.notNull())
    .addColumn('measure', 'text', (col) => col.notNull())
    .addColumn('item', 'text', (col) => col.notNull())
    .addColumn('detail', 'text', (col) => col.notNull())
    .addColumn('count', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('scope_totals_pk', [
      'scope_unit_id',
      'questionnaire_id',
      'service_field_id',
      'granularity',
      'period',
      'questionnaire_version',
      'flagged',
      'measure',
      'item',
      'detail',
    ])
    .$call((builder) => (withoutRowid ? builder.modifyEnd(sql`without rowid`) : builder))
    .execute();

  const typed = db as Kysely<Database>;
  const units = (await typed.selectFrom('units').selectAll().execute()) as UnitRow[];
  const memberships = new UnitTree(units).scopeMemberships();
  for (let start = 0; start < memberships.length; start += 500) {
    await typed
      .insertInto('unit_scope_members')
      .values(memberships.slice(start, start + 500).map((row) => ({ scope_unit_id: row.scopeUnitId, member_unit_id: row.memberUnitId })))
      .execute();
  }
  await rebuildScopeTotals(typed);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['scope_totals', 'unit_scope_members', 'daily_mark_counts']) await db.schema.dropTable(table).execute();
}

const PAGE = 2000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function backfillMarkCounts(db: Kysely<any>): Promise<void> {
  const freeTextIds = new Map<string, string[]>();
  for (const row of (await db.selectFrom('questionnaires').select(['id', 'version', 'definition']).execute()) as { id: string; version: number; definition: string }[]) {
    const definition = JSON.parse(row.definition) as { sections?: { questions?: { id: string; kind: string }[] }[] };
    const ids = (definition.sections ?? []).flatMap((section) => (section.questions ?? []).filter((question) => question.kind === 'free-text').map((question) => question.id));
    freeTextIds.set(`${row.id}@${Number(row.version)}`, ids);
  }
  const counts = new Map<string, Record<string, string | number>>();
  let after = '';
  for (;;) {
    const rows = (await db
      .selectFrom('responses')
      .select(['id', 'local_day', 'unit_id', 'counter_id', 'service_field_id', 'questionnaire_id', 'questionnaire_version', 'complete', 'flags', 'answers', 'dossier_code'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute()) as Record<string, string | number | null>[];
    if (rows.length === 0) break;
    after = String(rows[rows.length - 1]!.id);
    for (const row of rows) {
      const ids = freeTextIds.get(`${String(row.questionnaire_id)}@${Number(row.questionnaire_version)}`) ?? [];
      const response = {
        answers: JSON.parse(String(row.answers)),
        complete: Number(row.complete) === 1,
        dossierCode: row.dossier_code === null ? null : String(row.dossier_code),
      };
      for (const mark of marksOfResponse(response, ids)) {
      const dimensions = {
        local_day: String(row.local_day),
        unit_id: String(row.unit_id),
        counter_id: row.counter_id === null ? '' : String(row.counter_id),
        service_field_id: row.service_field_id === null ? '' : String(row.service_field_id),
        questionnaire_id: String(row.questionnaire_id),
        questionnaire_version: Number(row.questionnaire_version),
        flagged: row.flags === '' ? 0 : 1,
        mark,
      };
      const key = JSON.stringify(Object.values(dimensions));
      const existing = counts.get(key);
      if (existing) existing.count = Number(existing.count) + 1;
      else counts.set(key, { ...dimensions, count: 1 });
      }
    }
  }
  const all = [...counts.values()];
  for (let start = 0; start < all.length; start += 500) await db.insertInto('daily_mark_counts').values(all.slice(start, start + 500)).execute();
}

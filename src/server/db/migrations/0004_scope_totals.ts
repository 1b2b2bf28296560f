import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Daily counts of complete responses with a comment and with a dossier code: a report lists comments by
 * reading only the days that have some, and shows the share with a dossier code. Filled from the
 * responses stored so far (the rule is the domain's marksOfResponse, as at sync).
 * Totals per report scope by month and by day (schema.ts, ScopeTotalsTable), so a report over a province
 * and a year no longer sums every commune's every day. Only scopes holding more than their own unit have
 * totals: a unit on its own is one range of the daily tables already. Filled from the daily tables, which hold every
 * response stored so far; the tree's scopes come from the same UnitTree the reports use, so the two
 * cannot disagree about which units a scope holds.
 *
 * Self-contained, as every migration must be: the rules it applies (which responses carry a mark, which
 * units a scope holds, which daily table feeds which measure) are copied here as they were when it
 * shipped, so later changes to the application cannot change what this migration does.
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
  const withoutRowid = !(db.getExecutor().adapter instanceof PostgresAdapter);
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

  const units = (await db.selectFrom('units').select(['id', 'parent_id', 'merged_into_id']).execute()) as FrozenUnit[];
  const memberships = scopeMemberships(units);
  for (let start = 0; start < memberships.length; start += 500) {
    await db.insertInto('unit_scope_members').values(memberships.slice(start, start + 500)).execute();
  }
  await buildScopeTotals(db);
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
      for (const mark of marksOf(response, ids)) {
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

/** A complete response's marks: 'comment' when a free-text answer is not blank, 'dossier' when a code was given. */
function marksOf(response: { answers: Record<string, unknown>; complete: boolean; dossierCode: string | null }, freeTextIds: readonly string[]): string[] {
  if (!response.complete) return [];
  const marks: string[] = [];
  if (freeTextIds.some((id) => { const text = response.answers[id]; return typeof text === 'string' && text.trim() !== ''; })) marks.push('comment');
  if (response.dossierCode !== null && response.dossierCode !== '') marks.push('dossier');
  return marks;
}

interface FrozenUnit {
  id: string;
  parent_id: string | null;
  merged_into_id: string | null;
}

/**
 * Every (scope, member) pair: a unit's scope is itself, every unit below it and every unit merged into any
 * of those, with what is below them.
 */
function scopeMemberships(units: readonly FrozenUnit[]): { scope_unit_id: string; member_unit_id: string }[] {
  const known = new Set(units.map((unit) => unit.id));
  const below = new Map<string, string[]>();
  for (const unit of units) {
    for (const above of [unit.parent_id, unit.merged_into_id]) {
      if (above !== null) below.set(above, [...(below.get(above) ?? []), unit.id]);
    }
  }
  return units.flatMap((scope) => {
    const seen = new Set<string>();
    const stack = [scope.id];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id) || !known.has(id)) continue;
      seen.add(id);
      stack.push(...(below.get(id) ?? []));
    }
    return [...seen].map((member) => ({ scope_unit_id: scope.id, member_unit_id: member }));
  });
}

const SCOPE_TOTALS_COLUMNS =
  'scope_unit_id, questionnaire_id, service_field_id, granularity, period, questionnaire_version, flagged, measure, item, detail';

/** Each daily table as counts of one measure, as SQL over its row `d`. */
const DAILY_SOURCES = [
  { table: 'daily_tallies', measure: 'tally', item: 'd.criterion_id', detail: 'cast(d.level as text)', flagged: 'd.flagged' },
  { table: 'daily_response_counts', measure: 'responses', item: 'cast(d.complete as text)', detail: "''", flagged: 'd.flagged' },
  { table: 'daily_choice_tallies', measure: 'choice', item: 'd.question_id', detail: 'd.option_id', flagged: 'd.flagged' },
  { table: 'daily_flag_counts', measure: 'flag', item: 'd.flag', detail: "''", flagged: '1' },
  { table: 'daily_mark_counts', measure: 'mark', item: 'd.mark', detail: "''", flagged: 'd.flagged' },
] as const;

/**
 * Month rows per service field and day rows of all service fields, copied from the daily tables into every
 * scope holding more than its own unit; then month rows of all service fields, summed from the first.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function buildScopeTotals(db: Kysely<any>): Promise<void> {
  const places = [
    { granularity: 'month', period: 'substr(d.local_day, 1, 7)', serviceField: 'd.service_field_id' },
    { granularity: 'day', period: 'd.local_day', serviceField: "'*'" },
  ];
  for (const source of DAILY_SOURCES) {
    for (const place of places) {
      await sql`
        insert into scope_totals (${sql.raw(SCOPE_TOTALS_COLUMNS)}, count)
        select m.scope_unit_id, d.questionnaire_id, ${sql.raw(place.serviceField)}, ${sql.lit(place.granularity)}, ${sql.raw(place.period)},
               d.questionnaire_version, ${sql.raw(source.flagged)}, ${sql.lit(source.measure)}, ${sql.raw(source.item)},
               ${sql.raw(source.detail)}, sum(d.count)
        from ${sql.table(source.table)} d join unit_scope_members m on m.member_unit_id = d.unit_id
        where m.scope_unit_id in (select other.scope_unit_id from unit_scope_members other where other.member_unit_id <> other.scope_unit_id)
        group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
        on conflict (${sql.raw(SCOPE_TOTALS_COLUMNS)}) do update set count = scope_totals.count + excluded.count
      `.execute(db);
    }
  }
  await sql`
    insert into scope_totals (${sql.raw(SCOPE_TOTALS_COLUMNS)}, count)
    select scope_unit_id, questionnaire_id, '*', 'month', period, questionnaire_version, flagged, measure, item, detail, sum(count)
    from scope_totals
    where granularity = 'month' and service_field_id <> '*'
    group by scope_unit_id, questionnaire_id, period, questionnaire_version, flagged, measure, item, detail
    having sum(count) <> 0
  `.execute(db);
}

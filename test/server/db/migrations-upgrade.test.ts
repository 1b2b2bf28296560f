import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/server/app.ts';
import { classifyStoredComments } from '../../../src/server/comments/classify-stored-comments.ts';
import { migrateTo, migrateToLatest } from '../../../src/server/db/migrate.ts';
import { QuestionnaireCatalog } from '../../../src/server/db/questionnaires-repository.ts';
import { COUNTS_KEY } from '../../../src/server/db/counts-repository.ts';
import type { Database } from '../../../src/server/db/schema.ts';
import { CENTRE_ID, OTHER_CENTRE_ID, PROVINCE_ID, seedTestUnits } from '../fixtures.ts';
import { ACCOUNTS, asSignedIn, dayAgo, seedAccounts, seedHistory, signIn } from '../manage-fixtures.ts';
import { withLegacyCountViews } from '../legacy-counts.ts';
import { databasesUnderTest, type OpenedDatabase } from '../test-databases.ts';

/**
 * A deployment made before the aggregate layer (schema 0003: responses and daily tables, no scope
 * totals, no mark counts, no procedures) holds the same answers as one that received them today. Migrated
 * forward (and its stored comments classified, as the server does after it starts), every report it
 * serves must equal the report of the database that ingested them live.
 */
const OLDEST_UPGRADED_SCHEMA = '0003_stuffing_flags';

const REPORTS: Record<string, string>[] = [
  { unitId: PROVINCE_ID, from: dayAgo(30), to: dayAgo(0) },
  { unitId: PROVINCE_ID, from: dayAgo(10), to: dayAgo(2), serviceFieldId: 'land' },
  { unitId: PROVINCE_ID, from: dayAgo(30), to: dayAgo(0), questionnaireId: 'counter-rating' },
  { unitId: PROVINCE_ID, from: dayAgo(30), to: dayAgo(0), includeFlagged: 'false' },
  { unitId: CENTRE_ID, from: dayAgo(8), to: dayAgo(4) },
  { unitId: OTHER_CENTRE_ID, from: dayAgo(3), to: dayAgo(3) },
];

/** Tables others refer to come first; the rest in any order. */
const REFERENCED_FIRST = ['units', 'service_fields', 'questionnaires', 'counters', 'accounts', 'devices'];

/** Parents before their sub-units, as the units table's foreign key wants them. */
function parentsFirst(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const ordered: Record<string, unknown>[] = [];
  const placed = new Set<unknown>();
  while (ordered.length < rows.length) {
    const ready = rows.filter((row) => !placed.has(row.id) && (row.parent_id === null || placed.has(row.parent_id)));
    if (ready.length === 0) throw new Error('the unit tree has a cycle');
    for (const row of ready) placed.add(row.id);
    ordered.push(...ready);
  }
  return ordered;
}

/** Copies every table of the older schema, with the columns it has, from the live database. */
async function copyIntoOlderSchema(source: Kysely<Database>, target: Kysely<Database>): Promise<void> {
  const rank = (name: string) => (REFERENCED_FIRST.includes(name) ? REFERENCED_FIRST.indexOf(name) : REFERENCED_FIRST.length);
  const tables = (await target.introspection.getTables()).sort((a, b) => rank(a.name) - rank(b.name));
  for (const table of tables) {
    if (table.name.startsWith('kysely_migration')) continue;
    const columns = table.columns.map((column) => column.name);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const selected = (await (source as Kysely<any>).selectFrom(table.name).select(columns).execute()) as Record<string, unknown>[];
    const rows = table.name === 'units' ? parentsFirst(selected) : selected;
    for (let start = 0; start < rows.length; start += 200) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      await (target as Kysely<any>)
        .insertInto(table.name)
        .values(rows.slice(start, start + 200))
        .onConflict((conflict) => conflict.doNothing())
        .execute();
    }
  }
}

describe.each(databasesUnderTest)('a database of an older schema migrated forward on $name', (database) => {
  let live: OpenedDatabase;
  let upgraded: OpenedDatabase;
  let liveApp: FastifyInstance;
  let upgradedApp: FastifyInstance;

  beforeAll(async () => {
    live = await database.open();
    await seedTestUnits(live.db);
    await seedAccounts(live.db);
    liveApp = buildApp({ db: live.db, staticDir: null });
    await seedHistory(liveApp, live.db, { days: 20, perDay: 5 });

    upgraded = await database.open();
    await migrateTo(upgraded.db, OLDEST_UPGRADED_SCHEMA);
    // The live database keeps its counts in one table; the older schema's count tables are copied from views of it.
    await copyIntoOlderSchema(await withLegacyCountViews(live.db), upgraded.db);
    await migrateToLatest(upgraded.db);
    // What the server does after it starts: the themes of the comments stored before themes were kept.
    await classifyStoredComments(upgraded.db, new QuestionnaireCatalog(upgraded.db), () => new Date());
    upgradedApp = buildApp({ db: upgraded.db, staticDir: null });
  });
  afterAll(async () => {
    await liveApp?.close();
    await upgradedApp?.close();
    await live?.close();
    await upgraded?.close();
  });

  it('serves every report equal to the database that ingested the answers live', async () => {
    const liveCookie = await signIn(liveApp, ACCOUNTS.admin.username);
    const upgradedCookie = await signIn(upgradedApp, ACCOUNTS.admin.username);
    for (const params of REPORTS) {
      const url = `/api/v1/reports/summary?${new URLSearchParams(params)}`;
      const fromLive = await asSignedIn(liveApp, liveCookie, { method: 'GET', url });
      const fromUpgraded = await asSignedIn(upgradedApp, upgradedCookie, { method: 'GET', url });
      expect(fromLive.statusCode, fromLive.body).toBe(200);
      expect(fromUpgraded.json(), url).toEqual(fromLive.json());
    }
  });

  it('holds the same scope totals row for row', async () => {
    const rowsOf = (db: Kysely<Database>) =>
      db
        .selectFrom('counts')
        .selectAll()
        .where('place', '=', 'scope')
        .where('count', '<>', 0)
        .orderBy([...COUNTS_KEY])
        .execute();
    const liveRows = await rowsOf(live.db);
    expect(liveRows.length).toBeGreaterThan(100);
    expect((await rowsOf(upgraded.db)).map((row) => ({ ...row, count: Number(row.count) }))).toEqual(
      liveRows.map((row) => ({ ...row, count: Number(row.count) })),
    );
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportQuerySchema } from '../../src/domain/manage-api.ts';
import { createDatabase } from '../../src/server/db/database.ts';
import { prepareDatabase } from '../../src/server/db/prepare.ts';
import { QuestionnaireCatalog } from '../../src/server/db/questionnaires-repository.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { listUnits } from '../../src/server/db/units-repository.ts';
import { DEMO_KIOSK_UNIT_ID, DEMO_PROVINCE_ID, seedDemo } from '../../src/server/demo-seed.ts';
import { buildReport } from '../../src/server/reports/build-report.ts';
import { UnitRowTree } from '../../src/server/db/unit-row-tree.ts';
import { databasesUnderTest } from './test-databases.ts';

const run = promisify(execFile);

async function admin(...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/server/cli/admin.ts', ...args]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

async function onMaintenanceDatabase(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Every row of every table, in a stable order: two databases holding the same data give the same value. */
async function everyRow(db: Kysely<Database>, tables: string[]): Promise<Record<string, string[]>> {
  const contents: Record<string, string[]> = {};
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    contents[table] = rows
      .map((row) =>
        JSON.stringify(
          Object.keys(row)
            .sort()
            .map((key) => [key, row[key]]),
        ),
      )
      .sort();
  }
  return contents;
}

function month(offset: number, now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
}

async function reports(db: Kysely<Database>, now: Date): Promise<unknown> {
  const tree = new UnitRowTree(await listUnits(db));
  const catalog = new QuestionnaireCatalog(db);
  const replies = [];
  const today = now.toISOString().slice(0, 10);
  for (const unitId of [DEMO_PROVINCE_ID, DEMO_KIOSK_UNIT_ID]) {
    for (const [from, to] of [
      [month(-11, now), today],
      [month(0, now), today],
    ] as const) {
      for (const includeFlagged of ['true', 'false']) {
        replies.push((await buildReport(db, catalog, tree, reportQuerySchema.parse({ unitId, from, to, includeFlagged }))).reply);
      }
    }
  }
  return JSON.parse(JSON.stringify(replies));
}

/** Like every server test, PostgreSQL is used when DATABASE_URL names a PostgreSQL server (CI does). */
const postgresServers = databasesUnderTest.some((database) => database.name === 'postgres') ? [process.env.DATABASE_URL!] : [];

describe('admin migrate-to-postgres', () => {
  const folder = mkdtempSync(join(tmpdir(), 'sipas-migrate-'));
  const sqliteFile = join(folder, 'province.sqlite');
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('refuses a target that is not PostgreSQL and a source that does not exist', async () => {
    const notPostgres = await admin('migrate-to-postgres', '--from', sqliteFile, '--to', join(folder, 'other.sqlite'));
    expect(notPostgres.code).toBe(2);
    expect(notPostgres.output).toContain('postgres://');
    const noSource = await admin('migrate-to-postgres', '--from', join(folder, 'none.sqlite'), '--to', 'postgres://sipas@127.0.0.1:1/sipas');
    expect(noSource.code).toBe(2);
    expect(noSource.output).toContain('no SQLite database');
  }, 60_000);

  describe.each(postgresServers)('into PostgreSQL (%s)', (postgresUrl) => {
    const name = `sipas_migrate_${process.pid}_${Date.now()}`;
    const now = new Date();
    let targetUrl: string;
    let source: Kysely<Database>;
    let target: Kysely<Database>;

    beforeAll(async () => {
      source = createDatabase(sqliteFile);
      await prepareDatabase(source, now);
      await seedDemo(source, now);
      await onMaintenanceDatabase(postgresUrl, `create database ${name}`);
      const url = new URL(postgresUrl);
      url.pathname = `/${name}`;
      targetUrl = url.toString();
      target = createDatabase(targetUrl);
    }, 120_000);
    afterAll(async () => {
      await source?.destroy();
      await target?.destroy();
      await onMaintenanceDatabase(postgresUrl, `drop database if exists ${name} with (force)`);
    });

    it('copies every row of every table, so every report equals the SQLite deployment’s', async () => {
      const migrated = await admin('migrate-to-postgres', '--from', sqliteFile, '--to', targetUrl);
      expect(migrated.code, migrated.output).toBe(0);
      const tables = (
        await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(source)
      ).rows.map((row) => row.name);
      expect(tables.length).toBeGreaterThan(15);
      const sourceRows = await everyRow(source, tables);
      expect(sourceRows.responses!.length).toBeGreaterThan(100);
      expect(await everyRow(target, tables)).toEqual(sourceRows);
      expect(await reports(target, now)).toEqual(await reports(source, now));

      // Once it holds data, a second copy into it is refused and changes nothing.
      const again = await admin('migrate-to-postgres', '--from', sqliteFile, '--to', targetUrl);
      expect(again.code).toBe(1);
      expect(again.output).toContain('not empty');
      expect((await everyRow(target, ['responses'])).responses).toEqual(sourceRows.responses);
      // Two command-line processes: seconds each on a quiet machine.
    }, 120_000);
  });
});

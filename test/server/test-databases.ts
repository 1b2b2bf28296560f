import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { createDatabase } from '../../src/server/db/database.ts';
import { prepareDatabase } from '../../src/server/db/prepare.ts';
import type { Database } from '../../src/server/db/schema.ts';

/**
 * The databases every server test runs against: a fresh SQLite file always, and a fresh PostgreSQL
 * database when DATABASE_URL names a PostgreSQL server (its maintenance database, e.g.
 * postgres://postgres@127.0.0.1:5432/postgres). Each open() makes a new, migrated, empty database.
 */
export interface OpenedDatabase {
  db: Kysely<Database>;
  /** What DATABASE_URL would be for a process that should use this database. */
  url: string;
  close(): Promise<void>;
}

export interface DatabaseUnderTest {
  name: 'sqlite' | 'postgres';
  open(): Promise<OpenedDatabase>;
}

const sqlite: DatabaseUnderTest = {
  name: 'sqlite',
  async open() {
    const folder = mkdtempSync(join(tmpdir(), 'sipas-test-'));
    const url = join(folder, 'test.sqlite');
    const db = createDatabase(url);
    await prepareDatabase(db);
    return {
      db,
      url,
      async close() {
        await db.destroy();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  },
};

function postgres(maintenanceUrl: string): DatabaseUnderTest {
  return {
    name: 'postgres',
    async open() {
      const name = `sipas_test_${process.pid}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
      await onMaintenanceDatabase(maintenanceUrl, `create database ${name}`);
      const url = new URL(maintenanceUrl);
      url.pathname = `/${name}`;
      const db = createDatabase(url.toString());
      await prepareDatabase(db);
      return {
        db,
        url: url.toString(),
        async close() {
          await db.destroy();
          await dropWhenUnused(maintenanceUrl, name);
        },
      };
    },
  };
}

/**
 * The pool's end() resolves before every backend has exited; forcing the drop at once would terminate a
 * backend whose client is still closing, and pg reports that as an uncaught error in whichever test runs.
 * So wait for the connections to go, and force only as a last resort.
 */
async function dropWhenUnused(maintenanceUrl: string, name: string): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      await onMaintenanceDatabase(maintenanceUrl, `drop database if exists ${name}`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  await onMaintenanceDatabase(maintenanceUrl, `drop database if exists ${name} with (force)`);
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

const configuredUrl = process.env.DATABASE_URL;

export const databasesUnderTest: DatabaseUnderTest[] = [
  sqlite,
  ...(configuredUrl && /^postgres(ql)?:\/\//.test(configuredUrl) ? [postgres(configuredUrl)] : []),
];

import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, type LogConfig } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { withStatementCache } from './statement-cache.ts';

export const DEFAULT_SQLITE_FILE = 'data/sipas.sqlite';

export type DialectName = 'sqlite' | 'postgres';

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/**
 * Opens the database named by `url`: PostgreSQL for postgres:// or postgresql:// URLs, otherwise a
 * SQLite file at that path (default data/sipas.sqlite), so a newcomer needs no database server.
 */
export function createDatabase(url?: string, options: { log?: LogConfig } = {}): Kysely<Database> {
  const target = url?.trim() || DEFAULT_SQLITE_FILE;
  return isPostgresUrl(target) ? createPostgresDatabase(target, options.log) : createSqliteDatabase(target, options.log);
}

function createSqliteDatabase(path: string, log?: LogConfig): Kysely<Database> {
  const inMemory = path === ':memory:';
  if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const connection = new SqliteDatabase(inMemory ? ':memory:' : resolve(path));
  // WAL lets reports read while a batch is written; busy_timeout makes a second process (the admin CLI)
  // wait for the write lock instead of failing; SQLite enforces foreign keys only when asked.
  connection.pragma('journal_mode = WAL');
  connection.pragma('busy_timeout = 5000');
  connection.pragma('foreign_keys = ON');
  // FULL: a batch the server acknowledged survives a power cut too (NORMAL may lose the last commits, and
  // the tablet, told "accepted", would never send them again). One fsync per batch of up to 500 is cheap.
  connection.pragma('synchronous = FULL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(connection) }), ...(log ? { log } : {}) });
  sqliteConnections.set(db, connection);
  return db;
}

const PG_INT8_OID = 20;
const PG_NUMERIC_OID = 1700;

function createPostgresDatabase(url: string, log?: LogConfig): Kysely<Database> {
  // bigint and numeric arrive as strings by default (they may exceed 2^53); our bigints are clock skews
  // and sums of counts, far below that, so reading them as numbers keeps one row shape for both dialects.
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === PG_INT8_OID || oid === PG_NUMERIC_OID
        ? (value: string) => Number(value)
        : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max: 10, types });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(log ? { log } : {}) });
  postgresPools.set(db, pool);
  return db;
}

/** Kept beside each database so metrics can read the pool and backups the SQLite connection. */
const postgresPools = new WeakMap<Kysely<Database>, pg.Pool>();
const sqliteConnections = new WeakMap<Kysely<Database>, SqliteDatabase.Database>();

/** The PostgreSQL pool behind `db` (its total, idle and waiting counts), or null for SQLite. */
export function postgresPoolOf(db: Kysely<Database>): pg.Pool | null {
  return postgresPools.get(db) ?? null;
}

/** The SQLite connection behind `db` (for the online backup), or null for PostgreSQL. */
export function sqliteConnectionOf(db: Kysely<Database>): SqliteDatabase.Database | null {
  return sqliteConnections.get(db) ?? null;
}

export function dialectOf(db: Kysely<Database>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

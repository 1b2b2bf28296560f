import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';

/**
 * Backups of a SQLite deployment with SQLite's online backup API: a consistent copy taken while the
 * server keeps accepting batches (WAL: the copy reads one snapshot, writers are not blocked), and a
 * restore that refuses to run under a live server. PostgreSQL deployments use pg_dump / pg_restore
 * (docs/deployment.md).
 */

export class BackupRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefused';
  }
}

export interface BackupSummary {
  file: string;
  bytes: number;
  responses: number;
}

/**
 * Pages copied per step of the backup API. A copy in several steps starts over whenever the server
 * commits between two of them, which a busy server would do forever; one step copies one snapshot.
 */
const ALL_PAGES_IN_ONE_STEP = 2_147_483_647;

function summaryOf(file: string): BackupSummary {
  const copy = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupRefused(`${file} is damaged: ${String(integrity)}`);
    const { count } = copy.prepare('select count(*) as count from responses').get() as { count: number };
    return { file, bytes: statSync(file).size, responses: count };
  } finally {
    copy.close();
  }
}

/** Copies the live database at `source` into a new file `out`, checked before it is given its name. */
export async function backupSqlite(source: string, out: string): Promise<BackupSummary> {
  const target = resolve(out);
  if (existsSync(target)) throw new BackupRefused(`${out} exists already; a backup never overwrites a file.`);
  if (!existsSync(source)) throw new BackupRefused(`there is no database at ${source}.`);
  if (!existsSync(dirname(target))) throw new BackupRefused(`the folder ${dirname(out)} does not exist.`);
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const live = new SqliteDatabase(source, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000');
    await live.backup(partial, { progress: () => ALL_PAGES_IN_ONE_STEP });
  } finally {
    live.close();
  }
  try {
    summaryOf(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  renameSync(partial, target);
  return summaryOf(target);
}

/**
 * Replaces the database at `target` by the backup `from`. Refused while any process has the database
 * open (a running server, an admin command): SQLite grants the exclusive lock only to a sole user.
 */
export async function restoreSqlite(from: string, target: string): Promise<BackupSummary> {
  if (!existsSync(from)) throw new BackupRefused(`there is no backup at ${from}.`);
  summaryOf(from);
  const destination = resolve(target);
  if (existsSync(destination)) assertUnused(destination);
  const incoming = `${destination}.restoring`;
  rmSync(incoming, { force: true });
  const backup = new SqliteDatabase(resolve(from), { readonly: true, fileMustExist: true });
  try {
    await backup.backup(incoming, { progress: () => ALL_PAGES_IN_ONE_STEP });
  } finally {
    backup.close();
  }
  // The old database's write-ahead log belongs to the old file: left beside the new one, SQLite would replay it.
  for (const leftover of [`${destination}-wal`, `${destination}-shm`]) rmSync(leftover, { force: true });
  renameSync(incoming, destination);
  return summaryOf(destination);
}

function assertUnused(file: string): void {
  const probe = new SqliteDatabase(file, { fileMustExist: true });
  try {
    probe.pragma('busy_timeout = 0');
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE; COMMIT;');
  } catch {
    throw new BackupRefused(`${file} is in use (is the server running?). Stop it first, e.g. systemctl stop sipas-collect.`);
  } finally {
    probe.close();
  }
}

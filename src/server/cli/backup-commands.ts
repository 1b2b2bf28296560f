import { parseArgs } from 'node:util';
import { DEFAULT_SQLITE_FILE, isPostgresUrl } from '../db/database.ts';
import { backupSqlite, BackupRefused, restoreSqlite } from '../db/backup.ts';

/**
 * `backup --out FILE` and `restore --from FILE`: they work on the database file itself, so they run
 * without opening (or migrating) the database the way the other commands do.
 */

export class BackupUsageError extends Error {}

const PG_DUMP_HINT =
  'DATABASE_URL names PostgreSQL: back it up with pg_dump --format=custom --file=sipas.dump "$DATABASE_URL" and restore ' +
  'with pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" sipas.dump (docs/deployment.md).';

function sqliteFile(): string {
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_SQLITE_FILE;
  if (isPostgresUrl(url)) throw new BackupRefused(PG_DUMP_HINT);
  return url;
}

async function backup(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true });
  if (!values.out) throw new BackupUsageError('backup needs --out FILE (a new file; an existing one is never overwritten)');
  const summary = await backupSqlite(sqliteFile(), values.out);
  console.info(`Backed up ${summary.responses} answers into ${summary.file} (${(summary.bytes / 1024 / 1024).toFixed(1)} MB), checked.`);
}

async function restore(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' } }, strict: true });
  if (!values.from) throw new BackupUsageError('restore needs --from FILE (a file made by "backup")');
  const target = sqliteFile();
  const summary = await restoreSqlite(values.from, target);
  console.info(`Restored ${summary.responses} answers into ${target}. Start the server; it migrates the copy if it is older.`);
}

export const FILE_COMMANDS: Record<string, (args: string[]) => Promise<void>> = { backup, restore };

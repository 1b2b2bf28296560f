import { parseArgs } from 'node:util';
import { DEFAULT_SQLITE_FILE, isPostgresUrl } from '../db/database.ts';
import { backupSqlite, BackupRefused, restoreSqlite } from '../db/backup.ts';
import { migrateToPostgres } from './migrate-command.ts';
import { CommandUsageError } from './usage-error.ts';

/**
 * `backup --out FILE`, `restore --from FILE` and `migrate-to-postgres`: they work on database files and
 * URLs of their own, so they run without opening (or migrating) DATABASE_URL the way the other commands do.
 */

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
  if (!values.out) throw new CommandUsageError('backup needs --out FILE (a new file; an existing one is never overwritten)');
  const summary = await backupSqlite(sqliteFile(), values.out);
  console.info(`Backed up ${summary.responses} answers into ${summary.file} (${(summary.bytes / 1024 / 1024).toFixed(1)} MB), checked.`);
}

async function restore(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' } }, strict: true });
  if (!values.from) throw new CommandUsageError('restore needs --from FILE (a file made by "backup")');
  const target = sqliteFile();
  const summary = await restoreSqlite(values.from, target);
  console.info(`Restored ${summary.responses} answers into ${target}. Start the server; it migrates the copy if it is older.`);
}

export const FILE_COMMANDS: Record<string, (args: string[]) => Promise<void>> = { backup, restore, 'migrate-to-postgres': migrateToPostgres };

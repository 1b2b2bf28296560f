import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { copySqliteToPostgres } from '../db/copy-to-postgres.ts';
import { createDatabase, isPostgresUrl } from '../db/database.ts';
import { CommandUsageError } from './usage-error.ts';

/** `migrate-to-postgres --from FILE --to URL`: a SQLite deployment moved into a new PostgreSQL database. */
export async function migrateToPostgres(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, to: { type: 'string' } }, strict: true });
  if (!values.from || !values.to)
    throw new CommandUsageError('migrate-to-postgres needs --from FILE (the SQLite database) and --to URL (postgres://…)');
  if (!isPostgresUrl(values.to)) throw new CommandUsageError('--to must be a postgres:// URL');
  if (!existsSync(values.from)) throw new CommandUsageError(`there is no SQLite database at ${values.from}`);
  const source = createDatabase(values.from);
  const target = createDatabase(values.to);
  try {
    const copied = await copySqliteToPostgres(source, target);
    const total = Object.values(copied).reduce((sum, count) => sum + count, 0);
    console.info(`Copied ${total} rows in ${Object.keys(copied).length} tables (${copied.responses ?? 0} answers) into PostgreSQL.`);
    for (const [table, count] of Object.entries(copied)) console.info(`  ${table.padEnd(28)} ${count}`);
    console.info('Point DATABASE_URL at it and start the server; keep the SQLite file as a backup.');
  } finally {
    await source.destroy();
    await target.destroy();
  }
}

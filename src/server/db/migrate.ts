import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/0001_initial.ts';
import * as accountsChoiceTallies from './migrations/0002_accounts_choice_tallies.ts';
import * as stuffingFlags from './migrations/0003_stuffing_flags.ts';
import * as scopeTotals from './migrations/0004_scope_totals.ts';
import * as scopeYearTotals from './migrations/0005_scope_year_totals.ts';
import * as procedures from './migrations/0006_procedures.ts';
import * as redactComments from './migrations/0009_redact_comments.ts';
import * as rateLimitBuckets from './migrations/0010_rate_limit_buckets.ts';
import * as commentClassifications from './migrations/0014_comment_classifications.ts';
import * as alerts from './migrations/0015_alerts.ts';
import * as alertDeliveries from './migrations/0016_alert_deliveries.ts';
import * as dossierLinks from './migrations/0017_dossier_links.ts';
import * as responsesUnitDayTimeIndex from './migrations/0018_responses_unit_day_time_index.ts';
import * as oneCountTable from './migrations/0019_one_count_table.ts';
import * as unitAgencyCodes from './migrations/0020_unit_agency_codes.ts';
import * as responseChannels from './migrations/0021_response_channels.ts';
import * as questionnaireDrafts from './migrations/0022_questionnaire_drafts.ts';
import * as unitCountRevisions from './migrations/0023_unit_count_revisions.ts';
import type { Database } from './schema.ts';

/** Listed here rather than read from a folder, so the set is fixed at build time and works from any cwd. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_accounts_choice_tallies': accountsChoiceTallies,
  '0003_stuffing_flags': stuffingFlags,
  '0004_scope_totals': scopeTotals,
  '0005_scope_year_totals': scopeYearTotals,
  '0006_procedures': procedures,
  '0009_redact_comments': redactComments,
  '0010_rate_limit_buckets': rateLimitBuckets,
  '0014_comment_classifications': commentClassifications,
  '0015_alerts': alerts,
  '0016_alert_deliveries': alertDeliveries,
  '0017_dossier_links': dossierLinks,
  '0018_responses_unit_day_time_index': responsesUnitDayTimeIndex,
  '0019_one_count_table': oneCountTable,
  '0020_unit_agency_codes': unitAgencyCodes,
  '0021_response_channels': responseChannels,
  '0022_questionnaire_drafts': questionnaireDrafts,
  '0023_unit_count_revisions': unitCountRevisions,
};

const staticProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};

export class MigrationFailedError extends Error {
  constructor(migrationName: string | undefined, cause: unknown) {
    super(`database migration ${migrationName ?? '(unknown)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'MigrationFailedError';
  }
}

/** Brings the schema to the newest version; safe to run at every start and from several processes at once. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: staticProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) throw new MigrationFailedError(failed?.migrationName, error);
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** Brings the schema to exactly `migrationName` (tests of a data migration start from the schema before it). */
export async function migrateTo(db: Kysely<Database>, migrationName: string): Promise<void> {
  const migrator = new Migrator({ db, provider: staticProvider });
  const { error, results } = await migrator.migrateTo(migrationName);
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) throw new MigrationFailedError(failed?.migrationName, error);
}

/** Names of the migrations this release ships that the database has not run yet (readiness waits for none). */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: staticProvider });
  const migrations = await migrator.getMigrations();
  return migrations.filter((migration) => migration.executedAt === undefined).map((migration) => migration.name);
}

import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { countMissing } from '../../domain/ledger.ts';
import { appendAudit } from '../db/audit-repository.ts';
import { createDatabase, DEFAULT_SQLITE_FILE } from '../db/database.ts';
import { findTablet, listDeviceOverviews, revokeDevice } from '../db/devices-repository.ts';
import { prepareDatabase } from '../db/prepare.ts';
import type { Database } from '../db/schema.ts';
import { findUnit, listUnits, parseLocalizedText } from '../db/units-repository.ts';
import { createAccountSchema } from '../../domain/manage-api.ts';
import { createAccount } from '../auth/create-account.ts';
import { findAccountByUsername } from '../db/accounts-repository.ts';
import { EnrolmentRefused, issueEnrolmentCode } from '../enrolment/enrolment.ts';
import { formatTable, formatUnitTree, missingRangesText } from './admin-output.ts';
import { FILE_COMMANDS } from './backup-commands.ts';
import { CommandUsageError } from './usage-error.ts';
import { BackupRefused } from '../db/backup.ts';
import { CopyRefused } from '../db/copy-to-postgres.ts';
import { agreementWithCorrections } from '../comments/agreement-with-corrections.ts';
import { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';

/** `npm run admin -- <command>`: what an administrator does before the dashboard has a screen for it. */

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  enrol --unit <id> [--expires-days N]   a one-time enrolment code for a tablet of that unit (default 7 days)
  devices                                enrolled devices: unit, last seen, last batch, ledger, revoked
  revoke --device <id>                   revoke a device; it must be enrolled again with a new code
  units                                  the unit tree with ids
  create-admin --username U --password P [--unit id] [--name "Display name"]
                                         an administrator account for the dashboard (/manage)
  backup --out FILE                      a consistent copy of the SQLite database, taken while the server runs
  restore --from FILE                    replace the SQLite database by a backup (the server must be stopped)
  migrate-to-postgres --from FILE --to URL
                                         copy a SQLite deployment into a new, empty PostgreSQL database
  theme-agreement                        how the comment-theme classifier agrees with managers' corrections

Uses DATABASE_URL like the server (default ${DEFAULT_SQLITE_FILE}); PUBLIC_URL sets the origin printed in links.`;

/** A mistake in the command line: printed with the usage, exit code 2. */
class UsageError extends Error {}

const ACTOR = `cli:${process.env.USER ?? 'admin'}`;

async function enrol(db: Kysely<Database>, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { unit: { type: 'string' }, 'expires-days': { type: 'string' } }, strict: true });
  if (!values.unit) throw new UsageError('enrol needs --unit <id> ("npm run admin -- units" lists the ids)');
  const days = values['expires-days'] === undefined ? undefined : Number(values['expires-days']);
  if (days !== undefined && !(Number.isFinite(days) && days > 0)) throw new UsageError('--expires-days must be a positive number');
  const issued = await issueEnrolmentCode(db, { unitId: values.unit, expiresInDays: days, now: new Date(), actor: ACTOR });
  const origin = (process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 8080}`).replace(/\/+$/, '');
  console.info(`Enrolment code for unit ${issued.unitId}: ${issued.code}`);
  console.info(`Valid once, until ${issued.expiresAt.toISOString()}. Open on the tablet, with the network:`);
  console.info(`  ${origin}/kiosk?enrol=${issued.code}`);
}

async function devices(db: Kysely<Database>, args: string[]): Promise<void> {
  parseArgs({ args, options: {}, strict: true });
  const overviews = await listDeviceOverviews(db);
  if (overviews.length === 0) {
    console.info('No devices are enrolled yet. "npm run admin -- enrol --unit <id>" makes a code for one.');
    return;
  }
  const rows = overviews.map((device) => {
    const missing = countMissing(device);
    return [
      device.id,
      device.unitId,
      device.name,
      device.lastSeenAt ?? 'never',
      device.lastBatchAt ? `${device.lastBatchAt} (${device.lastBatchSize ?? 0})` : 'none',
      String(device.highestIssued),
      String(device.receivedCount),
      missing === 0 ? '0' : `${missing}: ${missingRangesText(device.missing)}`,
      device.revokedAt ?? 'no',
    ];
  });
  console.info(formatTable(['device', 'unit', 'name', 'last seen', 'last batch (size)', 'issued', 'received', 'missing', 'revoked'], rows));
}

async function revoke(db: Kysely<Database>, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { device: { type: 'string' } }, strict: true });
  if (!values.device) throw new UsageError('revoke needs --device <id> ("npm run admin -- devices" lists them)');
  const deviceId = values.device.toLowerCase();
  const device = await findTablet(db, deviceId);
  if (!device) throw new UsageError(`there is no device with id ${deviceId}`);
  const now = new Date();
  if (!(await revokeDevice(db, deviceId, now))) {
    console.info(`Device ${deviceId} (${device.name}) was already revoked on ${device.revoked_at}.`);
    return;
  }
  await appendAudit(db, { at: now, actor: ACTOR, action: 'device.revoked', detail: { deviceId, unitId: device.unit_id } });
  console.info(`Revoked device ${deviceId} (${device.name}, unit ${device.unit_id}). Its next sync is refused (403);`);
  console.info('the answers it already delivered stay. Enrol it again with a new code to let it sync.');
}

async function units(db: Kysely<Database>, args: string[]): Promise<void> {
  parseArgs({ args, options: {}, strict: true });
  const all = await listUnits(db);
  if (all.length === 0) {
    console.info('No units yet. Start the server on an empty database to seed the demo province.');
    return;
  }
  const counters = await db.selectFrom('counters').select(['unit_id']).execute();
  const counterCount = new Map<string, number>();
  for (const { unit_id } of counters) counterCount.set(unit_id, (counterCount.get(unit_id) ?? 0) + 1);
  console.info(
    formatUnitTree(
      all.map((unit) => ({
        id: unit.id,
        parentId: unit.parent_id,
        label: `${parseLocalizedText(unit.name).vi} [${unit.kind}, ${unit.time_zone}${counterCount.has(unit.id) ? `, ${counterCount.get(unit.id)} counters` : ''}]`,
      })),
    ),
  );
}

async function createAdmin(db: Kysely<Database>, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { username: { type: 'string' }, password: { type: 'string' }, unit: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  });
  if (!values.username || !values.password) throw new UsageError('create-admin needs --username and --password');
  if (values.unit && !(await findUnit(db, values.unit))) throw new UsageError(`there is no unit with id ${values.unit}`);
  if (await findAccountByUsername(db, values.username.trim().toLowerCase())) throw new UsageError(`the username ${values.username} is taken`);
  const input = {
    username: values.username,
    password: values.password,
    displayName: values.name ?? values.username,
    role: 'admin' as const,
    unitId: values.unit ?? null,
  };
  const checked = createAccountSchema.safeParse(input);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new UsageError(`--${String(issue?.path[0] ?? 'username')}: ${issue?.message ?? 'invalid'}`);
  }
  await createAccount(db, input, { now: new Date(), actor: ACTOR });
  console.info(`Created administrator ${checked.data.username}. Sign in at /manage.`);
}

async function themeAgreementCommand(db: Kysely<Database>, args: string[]): Promise<void> {
  parseArgs({ args, options: {}, strict: true });
  const agreement = await agreementWithCorrections(db, new QuestionnaireCatalog(db));
  if (agreement.comments === 0) {
    console.info('No manager has corrected the themes of a comment yet: there is nothing to measure the classifier against.');
    return;
  }
  const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
  console.info(`Comments whose themes a manager corrected: ${agreement.comments}`);
  console.info(
    `The classifier against the corrections: precision ${percent(agreement.overall.precision)}, recall ${percent(agreement.overall.recall)}`,
  );
  const rows = Object.entries(agreement.perTheme)
    .filter(([, counts]) => counts.truePositives + counts.falsePositives + counts.falseNegatives > 0)
    .map(([theme, counts]) => [
      theme,
      String(counts.truePositives),
      String(counts.falsePositives),
      String(counts.falseNegatives),
      percent(counts.precision),
      percent(counts.recall),
    ]);
  console.info(formatTable(['theme', 'agreed', 'found, not kept', 'added by a person', 'precision', 'recall'], rows));
}

const COMMANDS: Record<string, (db: Kysely<Database>, args: string[]) => Promise<void>> = {
  'theme-agreement': themeAgreementCommand,
  enrol,
  devices,
  revoke,
  units,
  'create-admin': createAdmin,
};

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.info(USAGE);
    return command ? 0 : 2;
  }
  const fileCommand = FILE_COMMANDS[command];
  if (fileCommand) return runFileCommand(command, () => fileCommand(args));
  const run = COMMANDS[command];
  if (!run) {
    console.error(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  const db = createDatabase(process.env.DATABASE_URL);
  try {
    await prepareDatabase(db);
    await run(db, args);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof EnrolmentRefused) {
      console.error(error.message);
      return 1;
    }
    console.error(`admin ${command} failed:`, error instanceof Error ? error.message : error);
    return 1;
  } finally {
    await db.destroy();
  }
}

async function runFileCommand(command: string, run: () => Promise<void>): Promise<number> {
  try {
    await run();
    return 0;
  } catch (error) {
    if (error instanceof CommandUsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(
      error instanceof BackupRefused || error instanceof CopyRefused
        ? `admin ${command} refused: ${error.message}`
        : `admin ${command} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

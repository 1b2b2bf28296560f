import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp, DEFAULT_STATIC_DIR } from './app.ts';
import { createDatabase, DEFAULT_SQLITE_FILE, isPostgresUrl } from './db/database.ts';
import { prepareDatabase } from './db/prepare.ts';
import { countUnits, findUnit } from './db/units-repository.ts';
import { DEMO_ACCOUNTS, DEMO_KIOSK_UNIT_ID, seedDemo } from './demo-seed.ts';
import { findAccountByUsername } from './db/accounts-repository.ts';
import { issueEnrolmentCode } from './enrolment/enrolment.ts';
import { parseTrustedProxies } from './http/trusted-proxies.ts';

/**
 * Starts the server as an administrator runs it: env → database (migrated, demo-seeded when empty) →
 * HTTP. Prints where to open the kiosk, the staff view and the dashboard.
 */

function envFlag(value: string | undefined): boolean | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return !/^(0|false|no|off)$/i.test(value.trim());
}

function portFrom(value: string | undefined): number {
  const port = Number(value ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be a port number, got "${value}"`);
  return port;
}

async function main(): Promise<void> {
  const port = portFrom(process.env.PORT);
  const host = process.env.HOST || '0.0.0.0';
  const databaseUrl = process.env.DATABASE_URL?.trim() || DEFAULT_SQLITE_FILE;
  const staticDir = process.env.STATIC_DIR || DEFAULT_STATIC_DIR;
  const db = createDatabase(databaseUrl);
  await prepareDatabase(db);

  const seedWanted = envFlag(process.env.SEED_DEMO);
  const isEmpty = (await countUnits(db)) === 0;
  if (isEmpty && seedWanted !== false) {
    const summary = await seedDemo(db);
    console.info(`Seeded the demo province: ${summary.units} units, ${summary.devices} demo tablets, ${summary.responses} answers.`);
  } else if (seedWanted === true && !isEmpty) {
    console.info('SEED_DEMO is set, but the database already holds units; the demo is only seeded into an empty database.');
  }

  const app = buildApp({
    db,
    staticDir,
    logger: { level: process.env.LOG_LEVEL || 'warn' },
    trustedProxies: parseTrustedProxies(process.env.TRUST_PROXY),
  });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      console.error(`${signal} again: stopping at once.`);
      process.exit(1);
    }
    closing = true;
    console.info(`${signal}: finishing requests in progress, then stopping.`);
    try {
      await app.close();
      await db.destroy();
      process.exit(0);
    } catch (error) {
      console.error('Shutdown failed:', error);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port, host });
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const origin = `http://${shownHost}:${port}`;
  const where = isPostgresUrl(databaseUrl) ? 'PostgreSQL' : `SQLite file ${databaseUrl}`;
  console.info(`SIPAS Collect is running on ${origin} (${where}).`);
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.info(`  The web app is not built (${staticDir}/index.html is missing): run "npm run build" and restart.`);
  }
  if (await findUnit(db, DEMO_KIOSK_UNIT_ID)) {
    const { code, expiresAt } = await issueEnrolmentCode(db, { unitId: DEMO_KIOSK_UNIT_ID, now: new Date(), actor: 'server-start' });
    console.info(`  Kiosk (opens once with the network to enrol the tablet; code valid until ${expiresAt.toISOString().slice(0, 10)}):`);
    console.info(`    ${origin}/kiosk?enrol=${code}`);
  } else {
    console.info('  Kiosk: make an enrolment code with "npm run admin -- enrol --unit <id>" ("npm run admin -- units" lists ids).');
  }
  console.info('  Staff view: the "Nhân viên" button on the kiosk, with the PIN chosen at enrolment');
  console.info(`  Dashboard:                ${origin}/manage`);
  if (await findUnit(db, DEMO_KIOSK_UNIT_ID)) {
    for (const account of DEMO_ACCOUNTS) {
      if (await findAccountByUsername(db, account.username)) {
        console.info(`    demo ${account.role}: ${account.username} / ${account.password}${account.unitId ? ` (${account.unitId})` : ''}`);
      }
    }
  }
}

main().catch((error: unknown) => {
  console.error('SIPAS Collect could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp, DEFAULT_STATIC_DIR } from './app.ts';
import { ServerLifecycle } from './http/lifecycle.ts';
import { serverLoggerOptions } from './http/logging.ts';
import { createDatabase, DEFAULT_SQLITE_FILE, isPostgresUrl } from './db/database.ts';
import { prepareDatabase } from './db/prepare.ts';
import { QuestionnaireCatalog } from './db/questionnaires-repository.ts';
import { classifyStoredComments } from './comments/classify-stored-comments.ts';
import type { Kysely } from 'kysely';
import { findUnit } from './db/units-repository.ts';
import type { Database } from './db/schema.ts';
import { DEMO_ACCOUNTS, DEMO_KIOSK_UNIT_ID } from './demo-seed.ts';
import { seedDemoIfEmpty } from './demo/seed-once.ts';
import { countActiveAdministrators, findAccountByUsername } from './db/accounts-repository.ts';
import { issueEnrolmentCode } from './enrolment/enrolment.ts';
import { parseTrustedProxies } from './http/trusted-proxies.ts';
import { deliverySettingsFrom } from './alerts/delivery-env.ts';
import { linkKeysSecretFrom } from './dossier-links/sealed-secrets.ts';

/**
 * Starts the server as an administrator runs it: env → database (migrated; the demo seeded into an empty
 * one only when asked: SEED_DEMO=true or --demo, as `npm start` does, never in production) → HTTP.
 * Prints where to open the kiosk, the staff view and the dashboard, and how to create the first
 * administrator when there is none.
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

function positiveNumberFrom(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number, got "${value}"`);
  return parsed;
}

/** PUBLIC_URL: the origin tablets reach the server at (links and QR codes point there). */
function publicUrlFrom(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`PUBLIC_URL must be an address such as https://sipas.example.gov.vn, got "${text}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`PUBLIC_URL must start with https:// or http://, got "${text}"`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * SIGTERM or SIGINT: the server stops taking requests, finishes those in progress (at most
 * SHUTDOWN_TIMEOUT_SECONDS), closes the database and exits; a second signal stops it at once.
 * Returns whether a shutdown has begun.
 */
function stopOnSignals(app: ReturnType<typeof buildApp>, db: Kysely<Database>, lifecycle: ServerLifecycle): () => boolean {
  const shutdownSeconds = positiveNumberFrom('SHUTDOWN_TIMEOUT_SECONDS', process.env.SHUTDOWN_TIMEOUT_SECONDS, 25);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      console.error(`${signal} again: stopping at once.`);
      process.exit(1);
    }
    closing = true;
    lifecycle.beginShutdown();
    console.info(`${signal}: finishing requests in progress, then stopping.`);
    // A request that never ends (a client holding its body open) must not keep the service from stopping.
    setTimeout(() => {
      console.error(`Requests still open after ${shutdownSeconds} s (SHUTDOWN_TIMEOUT_SECONDS): stopping anyway.`);
      process.exit(1);
    }, shutdownSeconds * 1000).unref();
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
  return () => closing;
}

/** The work a running server does besides answering: alert checks, deliveries, digests, stored comments' themes. */
function startBackgroundWork(app: ReturnType<typeof buildApp>, db: Kysely<Database>, isClosing: () => boolean): void {
  app.alerts.startTimer(positiveNumberFrom('ALERT_INTERVAL_SECONDS', process.env.ALERT_INTERVAL_SECONDS, 300) * 1000);
  app.digests.start(60_000);
  app.deliveries.start(positiveNumberFrom('DELIVERY_INTERVAL_SECONDS', process.env.DELIVERY_INTERVAL_SECONDS, 10) * 1000);
  // Comments stored before their themes were kept: in the background, so the server answers meanwhile.
  classifyStoredComments(db, new QuestionnaireCatalog(db), () => new Date()).then(
    (counts) => {
      if (counts) console.info(`Comment themes: ${counts.classified} stored comments classified, ${counts.reclassified} classified again.`);
    },
    (error: unknown) => {
      if (!isClosing())
        console.error(
          `Classifying the stored comments failed; it runs again at the next start: ${error instanceof Error ? error.message : String(error)}`,
        );
    },
  );
}

async function main(): Promise<void> {
  const port = portFrom(process.env.PORT);
  const host = process.env.HOST || '0.0.0.0';
  const databaseUrl = process.env.DATABASE_URL?.trim() || DEFAULT_SQLITE_FILE;
  const staticDir = process.env.STATIC_DIR || DEFAULT_STATIC_DIR;
  const production = process.env.NODE_ENV === 'production';
  const demoAsked = process.argv.includes('--demo') || envFlag(process.env.SEED_DEMO) === true;
  // A production server never has demo accounts that sign in, whatever else is set.
  const demo = demoAsked && !production;
  const trustedProxies = parseTrustedProxies(process.env.TRUST_PROXY);
  const publicUrl = publicUrlFrom(process.env.PUBLIC_URL) ?? (production ? undefined : `http://localhost:${port}`);
  // Read before the database opens: a malformed secret stops the start instead of failing later.
  const linkKeysSecret = linkKeysSecretFrom(process.env.LINK_KEYS_SECRET);
  const db = createDatabase(databaseUrl);
  await prepareDatabase(db);

  if (demoAsked && production) console.warn('SEED_DEMO is ignored with NODE_ENV=production: a production server has no demo.');
  if (demo) {
    const summary = await seedDemoIfEmpty(db);
    if (summary)
      console.info(
        `Seeded the demo province: ${summary.units} units, ${summary.devices} demo tablets, ${summary.responses} answers (${summary.dossierLinkRatings} of them rated on phones through dossier links).`,
      );
  }

  const lifecycle = new ServerLifecycle();
  const app = buildApp({
    db,
    staticDir,
    lifecycle,
    metricsToken: process.env.METRICS_TOKEN?.trim() || undefined,
    logger: serverLoggerOptions(process.env.LOG_LEVEL || 'warn'),
    trustedProxies,
    publicUrl,
    demo,
    alwaysHsts: envFlag(process.env.HSTS) === true,
    delivery: deliverySettingsFrom(process.env),
    ...(linkKeysSecret ? { linkKeysSecret } : {}),
  });
  const isClosing = stopOnSignals(app, db, lifecycle);

  await app.listen({ port, host });
  startBackgroundWork(app, db, isClosing);
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const origin = `http://${shownHost}:${port}`;
  const where = isPostgresUrl(databaseUrl) ? 'PostgreSQL' : `SQLite file ${databaseUrl}`;
  console.info(`SIPAS Collect is running on ${origin} (${where}).`);
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.info(`  The web app is not built (${staticDir}/index.html is missing): run "npm run build" and restart.`);
  }
  const demoUnit = demo && (await findUnit(db, DEMO_KIOSK_UNIT_ID));
  if (demoUnit) {
    const { code, expiresAt } = await issueEnrolmentCode(db, { unitId: DEMO_KIOSK_UNIT_ID, now: new Date(), actor: 'server-start' });
    console.info(`  Kiosk (opens once with the network to enrol the tablet; code valid until ${expiresAt.toISOString().slice(0, 10)}):`);
    console.info(`    ${publicUrl ?? origin}/kiosk?enrol=${code}`);
  } else {
    console.info('  Kiosk: make an enrolment code with "npm run admin -- enrol --unit <id>" ("npm run admin -- units" lists ids).');
  }
  console.info('  Staff view: the "Nhân viên" button on the kiosk, with the PIN chosen at enrolment');
  console.info(`  Dashboard:                ${origin}/manage`);
  if (demo) await printDemoWarning(db);
  if (!publicUrl) {
    console.info('  PUBLIC_URL is not set: the dashboard refuses to make enrolment links until it names the address tablets reach.');
  } else if (!process.env.PUBLIC_URL) {
    console.info(`  Enrolment links point to ${publicUrl}; set PUBLIC_URL to the address tablets reach (e.g. http://192.168.1.10:${port}).`);
  }
  if ((await countActiveAdministrators(db)) === 0) {
    console.info('');
    console.info('  No administrator account exists yet. Create the first one with:');
    console.info('    npm run admin -- create-admin --username <name> --password <a long password>');
  }
}

/** Said loudly at every demo start: the accounts below have a published password. */
async function printDemoWarning(db: Kysely<Database>): Promise<void> {
  const rule = '='.repeat(78);
  console.info('');
  console.info(rule);
  console.info('  DEMO SERVER: a demo province with demo accounts whose password is published.');
  console.info('  Do not collect real answers here. For a real deployment start with "npm run serve" (no demo),');
  console.info('  NODE_ENV=production and PUBLIC_URL set, and create an administrator (see below / README).');
  for (const account of DEMO_ACCOUNTS) {
    if (await findAccountByUsername(db, account.username)) {
      console.info(`    demo ${account.role}: ${account.username} / ${account.password}${account.unitId ? ` (${account.unitId})` : ''}`);
    }
  }
  console.info(rule);
}

main().catch((error: unknown) => {
  console.error('SIPAS Collect could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});

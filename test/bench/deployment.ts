import { readFileSync } from 'node:fs';
import { request as httpsRequest, Agent } from 'node:https';
import { cpus } from 'node:os';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { EnrolmentReply } from '../../src/domain/sync-protocol.ts';
import { buildApp } from '../../src/server/app.ts';
import { prepareDatabase } from '../../src/server/db/prepare.ts';
import { QuestionnaireCatalog } from '../../src/server/db/questionnaires-repository.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { enrolDevice, issueEnrolmentCode } from '../../src/server/enrolment/enrolment.ts';
import { useApiConventions } from '../../src/server/http/api-failure.ts';
import { DEFAULT_BODY_LIMIT_BYTES } from '../../src/server/http/limits.ts';
import { syncRoutes } from '../../src/server/routes/sync.ts';
import { startCaddy } from '../e2e/caddy-process.ts';
import { freePort, startServer, type RunningServer } from '../e2e/server-process.ts';
import {
  batchBodies,
  BATCH_SIZE,
  COUNTER_IDS,
  enrol,
  openPostgres,
  openSqlite,
  postgresMaintenanceUrl,
  seedUnit,
  SERVICE_FIELD_IDS,
  storedResponseCount,
  UNIT_ID,
} from './ingest.ts';
import { median, percentile, type BenchmarkOutcome, type Metric } from './report.ts';
import { sipasResponses } from './survey-responses.ts';

/**
 * What a province's deployment adds to the server (issue 16), each against a floor measured in the same run:
 * - scale-out: two server processes on one PostgreSQL against one process, the same senders, A-B-A;
 * - fleet: 1,000 tablets syncing small batches through Caddy (TLS, round-robin) to two processes on
 *   PostgreSQL for BENCH_FLEET_MINUTES (default 10), each batch's latency from the tablet's side;
 * - security overhead: the shipped app (headers, CSRF guard, text guard, timeouts, request ids, metrics)
 *   against a bare Fastify with only the sync routes, both in this process on SQLite, alternating.
 */

const SCALE_OUT_SENDERS = 8;
const SCALE_OUT_BATCHES_PER_SENDER = 5;
const FLEET_TABLETS = 1_000;
/** The kiosk's own sync interval when idle (src/app/sync/engine.ts); each sync carries a busy counter's two answers. */
const FLEET_SYNC_INTERVAL_MS = 60_000;
const FLEET_RESPONSES_PER_SYNC = 2;
const OVERHEAD_ROUNDS = 6;
const OVERHEAD_BATCHES = 10;
const GENEROUS_LIMIT = { max: 100_000, timeWindowMs: 60_000 };

interface Upload {
  origin: string;
  token: string;
  bodies: string[];
}

/** Each upload's batches one after another (as a tablet sends them), all uploads at once; responses per second. */
async function sendAll(uploads: Upload[]): Promise<number> {
  const began = performance.now();
  let stored = 0;
  await Promise.all(
    uploads.map(async ({ origin, token, bodies }) => {
      for (const body of bodies) {
        const reply = await fetch(`${origin}/api/v1/sync/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body,
        });
        if (!reply.ok) throw new Error(`a batch failed: ${reply.status} ${await reply.text()}`);
        const { results } = (await reply.json()) as { results: { status: string }[] };
        stored += results.filter((result) => result.status === 'accepted').length;
      }
    }),
  );
  if (stored !== uploads.reduce((sum, upload) => sum + upload.bodies.length * BATCH_SIZE, 0)) throw new Error(`only ${stored} records were accepted`);
  return stored / ((performance.now() - began) / 1000);
}

/** Busy and total jiffies of all the machine's cores so far (Linux /proc/stat). */
function machineCpu(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3]! + fields[4]!;
  const total = fields.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

/** The share of the machine's cores busy while `work` ran (anything else running counts too). */
async function withMachineLoad<T>(work: () => Promise<T>): Promise<{ result: T; busyShare: number }> {
  const before = machineCpu();
  const result = await work();
  const after = machineCpu();
  return { result, busyShare: (after.busy - before.busy) / Math.max(1, after.total - before.total) };
}

async function uploadsFor(db: Kysely<Database>, origins: string[], seed: number): Promise<Upload[]> {
  const uploads: Upload[] = [];
  for (let sender = 0; sender < SCALE_OUT_SENDERS; sender += 1) {
    const origin = origins[sender % origins.length]!;
    const device = await enrol(origin, db);
    uploads.push({ origin, token: device.token, bodies: batchBodies(device, SCALE_OUT_BATCHES_PER_SENDER, seed + sender) });
  }
  return uploads;
}

async function scaleOut(metrics: Metric[], details: Record<string, unknown>, maintenanceUrl: string): Promise<void> {
  const opened = await openPostgres(maintenanceUrl);
  const servers: RunningServer[] = [];
  try {
    await prepareDatabase(opened.db);
    await seedUnit(opened.db);
    for (let index = 0; index < 2; index += 1) {
      servers.push(
        await startServer({ port: await freePort(), databaseUrl: opened.url, env: { SEED_DEMO: '0', STATIC_DIR: 'no-build-for-the-benchmark' } }),
      );
    }
    const one = [servers[0]!.origin];
    const two = servers.map((server) => server.origin);
    // Untimed: both processes compile their hot paths and prepare their statements.
    await sendAll(await uploadsFor(opened.db, two, 900));
    const phase = async (origins: string[], seed: number) => {
      const uploads = await uploadsFor(opened.db, origins, seed);
      return withMachineLoad(() => sendAll(uploads));
    };
    const before = await phase(one, 100);
    const during = await phase(two, 200);
    const after = await phase(one, 300);
    const [oneBefore, twoProcesses, oneAfter] = [before.result, during.result, after.result];
    const oneProcess = (oneBefore + oneAfter) / 2;
    const ratio = twoProcesses / oneProcess;
    const busy = (share: number) => `${Math.round(share * 100)}%`;
    // With every core already busy under one process, a second process has nothing to run on.
    console.info(
      `    one process ${Math.round(oneBefore)} and ${Math.round(oneAfter)}/s (cores busy ${busy(before.busyShare)}, ${busy(after.busyShare)}), two processes ${Math.round(twoProcesses)}/s (cores busy ${busy(during.busyShare)}): ${ratio.toFixed(2)}× (${SCALE_OUT_SENDERS} senders, batches of ${BATCH_SIZE}, ${cpus().length} cores)`,
    );
    metrics.push(
      { label: 'PostgreSQL ingest, 1 process (floor, mean of before and after)', value: oneProcess, unit: 'responses/s' },
      { label: 'PostgreSQL ingest, 2 processes', value: twoProcesses, unit: 'responses/s' },
      { label: 'Ingest of 2 processes ÷ 1 process, one PostgreSQL', value: ratio, unit: '×', target: { kind: 'at least', limit: 1.6 } },
    );
    details.scaleOut = {
      oneBefore,
      twoProcesses,
      oneAfter,
      coresBusy: [before.busyShare, during.busyShare, after.busyShare],
      cores: cpus().length,
      senders: SCALE_OUT_SENDERS,
      batchesPerSender: SCALE_OUT_BATCHES_PER_SENDER,
    };
  } finally {
    for (const server of servers) await server.stop();
    await opened.close();
  }
}

interface FleetTablet {
  token: string;
  bodies: string[];
}

/** Enrols tablets straight through the enrolment service: 1,000 over HTTP from one address would meet its limit. */
async function enrolFleet(db: Kysely<Database>): Promise<FleetTablet[]> {
  const syncs = Math.ceil((fleetMinutes() * 60_000) / FLEET_SYNC_INTERVAL_MS) + 1;
  const tablets: FleetTablet[] = [];
  for (let index = 0; index < FLEET_TABLETS; index += 1) {
    const now = new Date();
    const { code } = await issueEnrolmentCode(db, { unitId: UNIT_ID, now, actor: 'bench' });
    const device: EnrolmentReply = await enrolDevice(db, { code, deviceId: uuidv7(), deviceName: `fleet ${index + 1}` }, now);
    const responses = sipasResponses({
      deviceId: device.deviceId,
      unitId: device.unitId,
      counterIds: COUNTER_IDS,
      serviceFieldIds: SERVICE_FIELD_IDS,
      firstSequence: 1,
      count: syncs * FLEET_RESPONSES_PER_SYNC,
      seed: 10_000 + index,
    });
    const bodies: string[] = [];
    for (let start = 0; start < responses.length; start += FLEET_RESPONSES_PER_SYNC) {
      const batch = responses.slice(start, start + FLEET_RESPONSES_PER_SYNC);
      bodies.push(
        JSON.stringify({
          deviceTime: new Date().toISOString(),
          highestIssuedSequence: batch.at(-1)!.deviceSequence,
          pendingCount: 0,
          responses: batch,
        }),
      );
    }
    tablets.push({ token: device.token, bodies });
  }
  return tablets;
}

function fleetMinutes(): number {
  const configured = Number(process.env.BENCH_FLEET_MINUTES);
  return Number.isFinite(configured) && configured > 0 ? configured : 10;
}

function postOverTls(origin: string, agent: Agent, token: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      new URL('/api/v1/sync/responses', origin),
      {
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function fleet(metrics: Metric[], details: Record<string, unknown>, maintenanceUrl: string): Promise<void> {
  const opened = await openPostgres(maintenanceUrl);
  const servers: RunningServer[] = [];
  let caddy: Awaited<ReturnType<typeof startCaddy>> | undefined;
  try {
    await prepareDatabase(opened.db);
    await seedUnit(opened.db);
    const tablets = await enrolFleet(opened.db);
    for (let index = 0; index < 2; index += 1) {
      servers.push(
        await startServer({
          port: await freePort(),
          databaseUrl: opened.url,
          env: { SEED_DEMO: '0', STATIC_DIR: 'no-build-for-the-benchmark', TRUST_PROXY: '127.0.0.1' },
        }),
      );
    }
    caddy = await startCaddy(servers.map((server) => new URL(server.origin).host));
    // Every tablet keeps its own connection, as 1,000 tablets on a LAN would.
    const agent = new Agent({ ca: caddy.ca, keepAlive: true, maxSockets: FLEET_TABLETS });
    const durationMs = fleetMinutes() * 60_000;
    const latencies: number[] = [];
    const laterLatencies: number[] = [];
    let failures = 0;
    let sent = 0;
    const began = performance.now();
    await Promise.all(
      tablets.map(async (tablet) => {
        // Tablets start at random moments and then sync every interval, a little early or late.
        let due = began + Math.random() * FLEET_SYNC_INTERVAL_MS;
        for (const [index, body] of tablet.bodies.entries()) {
          if (due - began >= durationMs) break;
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
          const sentAt = performance.now();
          const status = await postOverTls(caddy!.origin, agent, tablet.token, body).catch(() => 0);
          latencies.push(performance.now() - sentAt);
          // A tablet's first sync also opens its TLS connection; the later ones reuse it.
          if (index > 0) laterLatencies.push(performance.now() - sentAt);
          if (status === 200) sent += FLEET_RESPONSES_PER_SYNC;
          else failures += 1;
          due += FLEET_SYNC_INTERVAL_MS * (0.9 + Math.random() * 0.2);
        }
      }),
    );
    agent.destroy();
    const stored = await storedResponseCount(opened.db);
    if (stored !== sent) throw new Error(`the fleet was told ${sent} records were stored, the database holds ${stored}`);
    const p99 = percentile(latencies, 99);
    console.info(
      `    ${FLEET_TABLETS} tablets for ${fleetMinutes()} min: ${latencies.length} batches, ${failures} failed, latency median ${median(latencies).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...latencies).toFixed(0)} ms; after each tablet's first sync p99 ${percentile(laterLatencies, 99).toFixed(1)} ms`,
    );
    metrics.push(
      {
        label: `Fleet of ${FLEET_TABLETS} tablets through Caddy, ${fleetMinutes()} min: batch latency p99`,
        value: p99,
        unit: 'ms',
        target: { kind: 'under', limit: 500 },
      },
      { label: 'Fleet batch latency, median', value: median(latencies), unit: 'ms' },
      { label: 'Fleet batch latency p99 after each tablet’s first sync', value: percentile(laterLatencies, 99), unit: 'ms' },
      { label: 'Fleet batches failed', value: failures, unit: 'batches', target: { kind: 'at most', limit: 0 } },
    );
    details.fleet = {
      tablets: FLEET_TABLETS,
      minutes: fleetMinutes(),
      batches: latencies.length,
      failures,
      stored,
      p50: median(latencies),
      p95: percentile(latencies, 95),
      p99,
      p99AfterFirstSync: percentile(laterLatencies, 99),
    };
  } finally {
    await caddy?.stop();
    for (const server of servers) await server.stop();
    await opened.close();
  }
}

/** Only the sync routes, with the API's error shape: the floor the shipped app's hooks are measured against. */
function bareSyncApp(db: Kysely<Database>): FastifyInstance {
  const app = Fastify({ bodyLimit: DEFAULT_BODY_LIMIT_BYTES });
  useApiConventions(app);
  app.register(syncRoutes, { db, catalog: new QuestionnaireCatalog(db), now: () => new Date(), rateLimit: GENEROUS_LIMIT });
  return app;
}

async function securityOverhead(metrics: Metric[], details: Record<string, unknown>): Promise<void> {
  const opened = await openSqlite();
  const apps: FastifyInstance[] = [];
  try {
    await prepareDatabase(opened.db);
    await seedUnit(opened.db);
    const shipped = buildApp({ db: opened.db, staticDir: null, rateLimit: GENEROUS_LIMIT });
    const bare = bareSyncApp(opened.db);
    apps.push(shipped, bare);
    const shippedOrigin = await shipped.listen({ port: 0, host: '127.0.0.1' });
    const bareOrigin = await bare.listen({ port: 0, host: '127.0.0.1' });
    const rates: Record<'shipped' | 'bare', number[]> = { shipped: [], bare: [] };
    for (let round = 0; round <= OVERHEAD_ROUNDS; round += 1) {
      // Alternating which goes first, so neither always meets the larger database or the warmer machine.
      const order: ('shipped' | 'bare')[] = round % 2 === 0 ? ['shipped', 'bare'] : ['bare', 'shipped'];
      for (const which of order) {
        const origin = which === 'shipped' ? shippedOrigin : bareOrigin;
        const device = await enrol(shippedOrigin, opened.db);
        const rate = await sendAll([
          { origin, token: device.token, bodies: batchBodies(device, OVERHEAD_BATCHES, round * 10 + (which === 'shipped' ? 1 : 2)) },
        ]);
        // Round 0 warms both up and is not counted.
        if (round > 0) rates[which].push(rate);
      }
    }
    // Paired by round: each round's two runs met the same machine and nearly the same database.
    const overheadPercent = median(rates.bare.map((bareRate, round) => (bareRate / rates.shipped[round]! - 1) * 100));
    console.info(
      `    bare sync routes ${Math.round(median(rates.bare))}/s, shipped app ${Math.round(median(rates.shipped))}/s: the hooks cost ${overheadPercent.toFixed(1)}%`,
    );
    metrics.push(
      { label: 'SQLite ingest in process, bare sync routes (floor)', value: median(rates.bare), unit: 'responses/s' },
      { label: 'SQLite ingest in process, shipped app', value: median(rates.shipped), unit: 'responses/s' },
      { label: 'Security headers and checks: ingest cost', value: overheadPercent, unit: '%', target: { kind: 'at most', limit: 3 } },
    );
    details.securityOverhead = { rates, rounds: OVERHEAD_ROUNDS, batches: OVERHEAD_BATCHES };
  } finally {
    for (const app of apps) await app.close();
    await opened.close();
  }
}

export async function deploymentBenchmark(): Promise<BenchmarkOutcome> {
  const metrics: Metric[] = [];
  const details: Record<string, unknown> = {};
  await securityOverhead(metrics, details);
  const maintenanceUrl = await postgresMaintenanceUrl();
  if (!maintenanceUrl) {
    console.info('    PostgreSQL: skipped (DATABASE_URL is not a PostgreSQL URL and nothing listens on 127.0.0.1:5432)');
    details.postgres = 'skipped: no PostgreSQL reachable';
    return { metrics, details };
  }
  await scaleOut(metrics, details, maintenanceUrl);
  await fleet(metrics, details, maintenanceUrl);
  return { metrics, details };
}

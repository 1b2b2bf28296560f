import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BatchReply } from '../../domain/sync-protocol.ts';
import { postgresPoolOf } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { errorBody } from './api-failure.ts';

/**
 * Prometheus metrics on GET /metrics (see docs/deployment.md). Counters and the latency histogram are
 * this process's; the device, ledger and pool gauges are read at scrape time, so every process behind a
 * proxy reports the same database-wide device and gap numbers (sum the counters, not those gauges).
 *
 * Who may read them: a scraper presenting `Authorization: Bearer <METRICS_TOKEN>`, or — with no token
 * asked for — a client on this machine talking to the server directly (loopback, no proxy's forwarding
 * header). Behind a local proxy every request comes from loopback, so a forwarded request always needs
 * the token, and the shipped Caddyfile does not pass /metrics on at all.
 */

const SYNC_ROUTE = '/api/v1/sync/responses';
export const METRICS_PATH = '/metrics';

/** Last-seen age buckets of enrolled, unrevoked tablets: what an operator checks each morning. */
const LAST_SEEN_BUCKETS = [
  { label: 'under-1h', maxAgeMs: 3_600_000 },
  { label: '1h-24h', maxAgeMs: 86_400_000 },
  { label: '1d-7d', maxAgeMs: 7 * 86_400_000 },
] as const;

const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

export interface MetricsOptions {
  db: Kysely<Database>;
  now: () => Date;
  /** The bearer token a scraper must present; without one, only direct loopback clients may read. */
  token?: string;
}

/**
 * CPU, memory, event-loop lag and GC belong to the process, and their collectors run timers and observers:
 * started once per process, however many app instances (tests build hundreds) share it.
 */
let processMetrics: Registry | null = null;

function processRegistry(): Registry {
  if (processMetrics === null) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

export function registerMetrics(app: FastifyInstance, { db, now, token }: MetricsOptions): Registry {
  const registry = new Registry();

  const records = new Counter({
    name: 'sipas_sync_records_total',
    help: 'Records received in sync batches, by outcome and, for rejected ones, the rejection code.',
    labelNames: ['status', 'reason'] as const,
    registers: [registry],
  });
  const batchSeconds = new Histogram({
    name: 'sipas_sync_batch_duration_seconds',
    help: 'Time from receiving a sync batch to sending its answer, by HTTP status.',
    labelNames: ['status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  registerStateGauges(registry, db, now);

  app.addHook('preSerialization', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (request.routeOptions.url === SYNC_ROUTE && reply.statusCode === 200) countRecords(records, payload as BatchReply);
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    if (request.routeOptions.url === SYNC_ROUTE && request.method === 'POST') {
      batchSeconds.observe({ status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    }
  });

  app.get(METRICS_PATH, async (request, reply) => {
    if (!mayReadMetrics(request, token)) {
      return reply
        .code(token ? 401 : 403)
        .send(
          errorBody(
            'metrics-forbidden',
            token ? 'Send the metrics token as a bearer token.' : 'Metrics are readable from this machine only (or set METRICS_TOKEN).',
          ),
        );
    }
    const exposed = Registry.merge([processRegistry(), registry]);
    reply.header('cache-control', 'no-store').type(exposed.contentType);
    return exposed.metrics();
  });
  return registry;
}

function countRecords(records: Counter<'status' | 'reason'>, reply: BatchReply): void {
  let accepted = 0;
  let duplicate = 0;
  for (const result of reply.results) {
    if (result.status === 'accepted') accepted += 1;
    else if (result.status === 'duplicate') duplicate += 1;
    else records.inc({ status: 'rejected', reason: result.code });
  }
  if (accepted > 0) records.inc({ status: 'accepted', reason: '' }, accepted);
  if (duplicate > 0) records.inc({ status: 'duplicate', reason: '' }, duplicate);
}

function mayReadMetrics(request: FastifyRequest, token: string | undefined): boolean {
  const presented = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
  if (token && presented) {
    const expected = Buffer.from(token);
    const given = Buffer.from(presented);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
  if (token) return false;
  const direct = FORWARDING_HEADERS.every((header) => request.headers[header] === undefined);
  return direct && isLoopback(request.socket.remoteAddress);
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

async function devicesByLastSeen(db: Kysely<Database>, at: Date): Promise<Record<string, number>> {
  const cutoffs = LAST_SEEN_BUCKETS.map((bucket) => new Date(at.getTime() - bucket.maxAgeMs).toISOString());
  const row = await db
    .selectFrom('devices')
    .where('kind', '=', 'tablet')
    .where('revoked_at', 'is', null)
    .select([
      sql<number>`sum(case when last_seen_at >= ${cutoffs[0]} then 1 else 0 end)`.as('b0'),
      sql<number>`sum(case when last_seen_at < ${cutoffs[0]} and last_seen_at >= ${cutoffs[1]} then 1 else 0 end)`.as('b1'),
      sql<number>`sum(case when last_seen_at < ${cutoffs[1]} and last_seen_at >= ${cutoffs[2]} then 1 else 0 end)`.as('b2'),
      sql<number>`sum(case when last_seen_at < ${cutoffs[2]} then 1 else 0 end)`.as('older'),
      sql<number>`sum(case when last_seen_at is null then 1 else 0 end)`.as('never'),
    ])
    .executeTakeFirstOrThrow();
  return {
    [LAST_SEEN_BUCKETS[0].label]: Number(row.b0 ?? 0),
    [LAST_SEEN_BUCKETS[1].label]: Number(row.b1 ?? 0),
    [LAST_SEEN_BUCKETS[2].label]: Number(row.b2 ?? 0),
    'over-7d': Number(row.older ?? 0),
    never: Number(row.never ?? 0),
  };
}

async function openLedgerGaps(db: Kysely<Database>): Promise<{ devices: number; missingSequences: number }> {
  const rows = await db
    .selectFrom('device_ledgers')
    .innerJoin('devices', 'devices.id', 'device_ledgers.device_id')
    .where('devices.revoked_at', 'is', null)
    .where('device_ledgers.missing', '<>', '[]')
    .select('device_ledgers.missing')
    .execute();
  let missingSequences = 0;
  for (const row of rows) {
    for (const [from, to] of JSON.parse(row.missing) as [number, number][]) missingSequences += to - from + 1;
  }
  return { devices: rows.length, missingSequences };
}

/** Gauges read when Prometheus scrapes: tablets by last contact, ledger gaps, the PostgreSQL pool. */
function registerStateGauges(registry: Registry, db: MetricsOptions['db'], now: () => Date): void {
  new Gauge({
    name: 'sipas_devices',
    help: 'Enrolled, unrevoked tablets by how long ago the server last heard from them.',
    labelNames: ['last_seen'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [label, count] of Object.entries(await devicesByLastSeen(db, now()))) this.set({ last_seen: label }, count);
    },
  });
  new Gauge({
    name: 'sipas_ledger_open_gaps',
    help: 'Sequence numbers tablets issued that have not reached the server (answers still on a tablet or lost).',
    registers: [registry],
    async collect() {
      this.set((await openLedgerGaps(db)).missingSequences);
    },
  });
  new Gauge({
    name: 'sipas_ledger_devices_with_gaps',
    help: 'Unrevoked tablets whose ledger has at least one missing sequence number.',
    registers: [registry],
    async collect() {
      this.set((await openLedgerGaps(db)).devices);
    },
  });

  const pool = postgresPoolOf(db);
  if (pool) {
    new Gauge({
      name: 'sipas_db_pool_connections',
      help: 'PostgreSQL connection pool of this process: total, idle, and requests waiting for a connection.',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }
}

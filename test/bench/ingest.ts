import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import type { BatchReply, EnrolmentReply } from '../../src/domain/sync-protocol.ts';
import { readFileSync } from 'node:fs';
import { freePort, startServer, type RunningServer } from '../e2e/server-process.ts';
import { createDatabase, postgresPoolOf, sqliteConnectionOf } from '../../src/server/db/database.ts';
import { responseRow } from '../../src/server/sync/ingest-batch.ts';
import { timeZoneOfUnit } from '../../src/server/sync/unit-time-zone.ts';
import { prepareDatabase } from '../../src/server/db/prepare.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { findUnit, insertCounter, insertServiceField, insertUnit, offerServiceFields } from '../../src/server/db/units-repository.ts';
import { issueEnrolmentCode } from '../../src/server/enrolment/enrolment.ts';
import type { BenchmarkOutcome, Metric } from './report.ts';
import { sipasResponses } from './survey-responses.ts';

/**
 * Server ingest through the real HTTP API: the real server process (`src/server/main.ts`, as an
 * administrator starts it) on loopback, real fetch from this process, batches of 500 valid SIPAS
 * responses, on a fresh SQLite file and (when reachable) a fresh PostgreSQL database. Request bodies are
 * serialised before the clock starts, and the server has its own process as it would in production,
 * so the tablets' side is not charged to the server. CPU per response is the server process's own. A
 * tablet of its own sends a few untimed batches first, so the timings are of a warm server.
 *
 * The floor, measured in the same run on the same database: the same rows (as the server would store
 * them) written by this process straight through the driver, one multi-row INSERT per batch of 500, each
 * its own transaction with the server's durability (createDatabase's synchronous = FULL on SQLite, the
 * server's default commit on PostgreSQL). Half its batches run before the single sender and half after,
 * so a machine that slows down during the run weighs on both sides alike.
 */

export const BATCH_SIZE = 500;
const SINGLE_SENDER_BATCHES = 40;
const CONCURRENT_BATCHES_PER_SENDER = 20;
const WARM_UP_BATCHES = 6;
const TARGET_PER_SECOND_SQLITE = 5_000;
/** The issue's bar: ingest through the HTTP API at a third (0.3×) of the raw insert of the same rows. */
const TARGET_RATIO_TO_RAW = 0.3;
const RAW_ROUND_BATCHES = SINGLE_SENDER_BATCHES / 2;
const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export const UNIT_ID = 'bench-centre';
export const COUNTER_IDS = ['bench-counter-1', 'bench-counter-2', 'bench-counter-3'];
export const SERVICE_FIELD_IDS = ['dat-dai', 'ho-tich', 'tu-phap', 'khac'];

export interface OpenedDatabase {
  db: Kysely<Database>;
  /** What the server process is given as DATABASE_URL. */
  url: string;
  close(): Promise<void>;
}

interface SendResult {
  responses: number;
  seconds: number;
  perSecond: number;
  /** CPU the server process used per response: less sensitive to other work on the machine than wall time. */
  cpuMicrosecondsPerResponse: number;
  accepted: number;
  duplicate: number;
  rejected: number;
}

export async function openSqlite(): Promise<OpenedDatabase> {
  const folder = mkdtempSync(join(tmpdir(), 'sipas-bench-ingest-'));
  const file = join(folder, 'bench.sqlite');
  const db = createDatabase(file);
  return {
    db,
    url: file,
    async close() {
      await db.destroy();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function onMaintenanceDatabase(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function openPostgres(maintenanceUrl: string): Promise<OpenedDatabase> {
  const name = `sipas_bench_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  await onMaintenanceDatabase(maintenanceUrl, `create database ${name}`);
  const url = new URL(maintenanceUrl);
  url.pathname = `/${name}`;
  const db = createDatabase(url.toString());
  return {
    db,
    url: url.toString(),
    async close() {
      await db.destroy();
      await onMaintenanceDatabase(maintenanceUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

function isPortOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const finish = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1_000, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** DATABASE_URL when it names PostgreSQL, else the local default when something listens on 5432. */
export async function postgresMaintenanceUrl(): Promise<string | null> {
  const configured = process.env.DATABASE_URL?.trim();
  if (configured && /^postgres(ql)?:\/\//i.test(configured)) return configured;
  return (await isPortOpen('127.0.0.1', 5432)) ? DEFAULT_POSTGRES_URL : null;
}

/**
 * Runs `benchOn` on a fresh SQLite file, then on a fresh PostgreSQL database when one is reachable,
 * collecting each database's details under its name.
 */
export async function onBothDatabases(
  metrics: Metric[],
  details: Record<string, unknown>,
  benchOn: (opened: OpenedDatabase, label: string, metrics: Metric[]) => Promise<unknown>,
): Promise<BenchmarkOutcome> {
  const sqlite = await openSqlite();
  try {
    details.sqlite = await benchOn(sqlite, 'SQLite', metrics);
  } finally {
    await sqlite.close();
  }
  const postgresUrl = await postgresMaintenanceUrl();
  if (!postgresUrl) {
    console.info('    PostgreSQL: skipped (DATABASE_URL is not a PostgreSQL URL and nothing listens on 127.0.0.1:5432)');
    details.postgres = 'skipped: no PostgreSQL reachable';
    return { metrics, details };
  }
  const postgres = await openPostgres(postgresUrl);
  try {
    details.postgres = await benchOn(postgres, 'PostgreSQL', metrics);
  } finally {
    await postgres.close();
  }
  return { metrics, details };
}

export async function seedUnit(db: Kysely<Database>): Promise<void> {
  await insertUnit(db, { id: 'bench-province', parentId: null, kind: 'province', name: { vi: 'Tỉnh Đo', en: 'Bench Province' } });
  await insertUnit(db, { id: UNIT_ID, parentId: 'bench-province', kind: 'service-centre', name: { vi: 'Trung tâm Đo' } });
  for (const [position, id] of COUNTER_IDS.entries())
    await insertCounter(db, { id, unitId: UNIT_ID, name: { vi: `Quầy ${position + 1}` }, position });
  for (const [position, id] of SERVICE_FIELD_IDS.entries()) await insertServiceField(db, { id, name: { vi: id }, position });
  await offerServiceFields(db, 'bench-province', SERVICE_FIELD_IDS);
}

export async function enrol(origin: string, db: Kysely<Database>): Promise<EnrolmentReply> {
  const { code } = await issueEnrolmentCode(db, { unitId: UNIT_ID, now: new Date(), actor: 'bench' });
  const reply = await fetch(`${origin}/api/v1/devices/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceId: uuidv7(), deviceName: 'bench tablet' }),
  });
  if (!reply.ok) throw new Error(`enrolment failed: ${reply.status} ${await reply.text()}`);
  return (await reply.json()) as EnrolmentReply;
}

/** One device's upload, ready to send: JSON bodies of BATCH_SIZE consecutive records each. */
export function batchBodies(device: EnrolmentReply, batches: number, seed: number): string[] {
  const count = batches * BATCH_SIZE;
  const responses = sipasResponses({
    deviceId: device.deviceId,
    unitId: device.unitId,
    counterIds: COUNTER_IDS,
    serviceFieldIds: SERVICE_FIELD_IDS,
    firstSequence: 1,
    count,
    seed,
  });
  const bodies: string[] = [];
  for (let start = 0; start < count; start += BATCH_SIZE) {
    bodies.push(
      JSON.stringify({
        deviceTime: new Date().toISOString(),
        highestIssuedSequence: count,
        pendingCount: count - start,
        responses: responses.slice(start, start + BATCH_SIZE),
      }),
    );
  }
  return bodies;
}

interface Upload {
  token: string;
  bodies: string[];
}

/** User and system CPU a process has used so far, in microseconds (Linux /proc). */
export function processCpuMicroseconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1_000_000) / 100;
}

/** Sends each device's batches one after another (as a tablet does), all devices at once; times the lot. */
async function sendConcurrently(server: RunningServer, uploads: Upload[]): Promise<SendResult> {
  const { origin } = server;
  const counts = { accepted: 0, duplicate: 0, rejected: 0 };
  const firstRejections: string[] = [];
  const began = performance.now();
  const cpuBefore = processCpuMicroseconds(server.pid);
  await Promise.all(
    uploads.map(async ({ token, bodies }) => {
      for (const body of bodies) {
        const reply = await fetch(`${origin}/api/v1/sync/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body,
        });
        if (!reply.ok) throw new Error(`a batch failed: ${reply.status} ${await reply.text()}`);
        const { results } = (await reply.json()) as BatchReply;
        for (const result of results) {
          counts[result.status] += 1;
          if (result.status === 'rejected' && firstRejections.length < 3) firstRejections.push(`${result.code}: ${result.message}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  const cpuMicroseconds = processCpuMicroseconds(server.pid) - cpuBefore;
  if (counts.rejected > 0) throw new Error(`the server rejected ${counts.rejected} generated records, e.g. ${firstRejections.join('; ')}`);
  const responses = counts.accepted + counts.duplicate;
  return { responses, seconds, perSecond: responses / seconds, cpuMicrosecondsPerResponse: cpuMicroseconds / responses, ...counts };
}

export async function storedResponseCount(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('responses')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

interface RawResult {
  rows: number;
  seconds: number;
  perSecond: number;
  /** CPU of this process per row (on PostgreSQL the server backend's own is not in it, as for the ingest). */
  cpuMicrosecondsPerRow: number;
}

const RAW_COLUMNS = [
  'id',
  'questionnaire_id',
  'questionnaire_version',
  'device_id',
  'device_sequence',
  'unit_id',
  'counter_id',
  'service_field_id',
  'locale',
  'started_at',
  'submitted_at',
  'complete',
  'answers',
  'screen_durations_ms',
  'dossier_code',
  'received_at',
  'clock_skew_ms',
  'corrected_submitted_at',
  'local_day',
  'flags',
  'procedure_id',
] as const;

/** A raw writer of batches: one prepared multi-row INSERT of BATCH_SIZE rows, run once per batch. */
interface RawWriter {
  insert(values: unknown[]): Promise<void>;
  close(): Promise<void>;
}

async function rawWriterOf(opened: OpenedDatabase): Promise<RawWriter> {
  const postgres = postgresPoolOf(opened.db) !== null;
  let next = 1;
  const groups = Array.from({ length: BATCH_SIZE }, () => `(${RAW_COLUMNS.map(() => (postgres ? `$${next++}` : '?')).join(', ')})`);
  const text = `insert into responses (${RAW_COLUMNS.join(', ')}) values ${groups.join(', ')}`;
  if (!postgres) {
    const statement = sqliteConnectionOf(opened.db)!.prepare(text);
    return { insert: async (values) => void statement.run(values), close: async () => undefined };
  }
  const client = new pg.Client({ connectionString: opened.url });
  await client.connect();
  return {
    insert: async (values) => void (await client.query({ name: 'raw-batch-insert', text, values })),
    close: () => client.end(),
  };
}

/** The rows one device's batches are stored as (responseRow, as ingest builds them), flattened per batch. */
async function rawBatches(db: Kysely<Database>, device: EnrolmentReply, batches: number, seed: number): Promise<unknown[][]> {
  const count = batches * BATCH_SIZE;
  const responses = sipasResponses({
    deviceId: device.deviceId,
    unitId: device.unitId,
    counterIds: COUNTER_IDS,
    serviceFieldIds: SERVICE_FIELD_IDS,
    firstSequence: 1,
    count,
    seed,
  });
  const clock = { receivedAt: new Date(), skewMs: 0, timeZone: timeZoneOfUnit(await findUnit(db, device.unitId)) };
  const values: unknown[][] = [];
  for (let start = 0; start < count; start += BATCH_SIZE) {
    const batch: unknown[] = [];
    for (const response of responses.slice(start, start + BATCH_SIZE)) {
      const row: Record<string, unknown> = { ...responseRow(response, clock), flags: '' };
      for (const column of RAW_COLUMNS) batch.push(row[column] ?? null);
    }
    values.push(batch);
  }
  return values;
}

async function insertRaw(writer: RawWriter, batches: readonly unknown[][]): Promise<RawResult> {
  const began = performance.now();
  const cpuBefore = process.cpuUsage();
  for (const values of batches) await writer.insert(values);
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = (performance.now() - began) / 1000;
  const rows = batches.length * BATCH_SIZE;
  return { rows, seconds, perSecond: rows / seconds, cpuMicrosecondsPerRow: (cpu.user + cpu.system) / rows };
}

function addedRaw(a: RawResult, b: RawResult): RawResult {
  const rows = a.rows + b.rows;
  const seconds = a.seconds + b.seconds;
  const cpuMicrosecondsPerRow = (a.cpuMicrosecondsPerRow * a.rows + b.cpuMicrosecondsPerRow * b.rows) / rows;
  return { rows, seconds, perSecond: rows / seconds, cpuMicrosecondsPerRow };
}

async function ingestOn(
  opened: OpenedDatabase,
): Promise<{ raw: RawResult; single: SendResult; ratioToRaw: number; concurrent: SendResult; duplicates: SendResult; stored: number }> {
  const { db } = opened;
  await prepareDatabase(db);
  await seedUnit(db);
  // 40 batches from one tablet stay within the default per-device limit (120 a minute), so the server runs as shipped.
  const server = await startServer({
    port: await freePort(),
    databaseUrl: opened.url,
    env: { SEED_DEMO: '0', STATIC_DIR: 'no-build-for-the-benchmark' },
  });
  const origin = server.origin;
  try {
    const [warmer, first, second, third, rawDevice] = [
      await enrol(origin, db),
      await enrol(origin, db),
      await enrol(origin, db),
      await enrol(origin, db),
      await enrol(origin, db),
    ];
    // Untimed: a server in use has compiled its hot paths and prepared its statements; a fresh process has not.
    await sendConcurrently(server, [{ token: warmer.token, bodies: batchBodies(warmer, WARM_UP_BATCHES, 4) }]);
    const singleUpload = { token: first.token, bodies: batchBodies(first, SINGLE_SENDER_BATCHES, 1) };
    // The same seed as the single sender: the same answers, under the raw device's ids.
    const raw = await rawBatches(db, rawDevice, SINGLE_SENDER_BATCHES, 1);
    const writer = await rawWriterOf(opened);
    let rawRounds: RawResult;
    let single: SendResult;
    try {
      const before = await insertRaw(writer, raw.slice(0, RAW_ROUND_BATCHES));
      single = await sendConcurrently(server, [singleUpload]);
      rawRounds = addedRaw(before, await insertRaw(writer, raw.slice(RAW_ROUND_BATCHES)));
    } finally {
      await writer.close();
    }
    if (single.accepted !== SINGLE_SENDER_BATCHES * BATCH_SIZE) throw new Error(`expected every record accepted, got ${JSON.stringify(single)}`);
    const concurrent = await sendConcurrently(server, [
      { token: second.token, bodies: batchBodies(second, CONCURRENT_BATCHES_PER_SENDER, 2) },
      { token: third.token, bodies: batchBodies(third, CONCURRENT_BATCHES_PER_SENDER, 3) },
    ]);
    // A tablet that never heard the replies sends everything again; every record must come back `duplicate`.
    const duplicates = await sendConcurrently(server, [singleUpload]);
    if (duplicates.duplicate !== singleUpload.bodies.length * BATCH_SIZE)
      throw new Error(`expected every resent record to be a duplicate, got ${JSON.stringify(duplicates)}`);
    return {
      raw: rawRounds,
      single,
      ratioToRaw: single.perSecond / rawRounds.perSecond,
      concurrent,
      duplicates,
      stored: await storedResponseCount(db),
    };
  } finally {
    await server.stop();
  }
}

function reportRaw(name: string, raw: RawResult, ratio: number): string {
  return `    ${name}: raw multi-row insert ${raw.rows.toLocaleString('en-US')} rows in ${raw.seconds.toFixed(2)} s = ${Math.round(raw.perSecond).toLocaleString('en-US')}/s (${Math.round((raw.seconds * 1_000_000) / raw.rows)} µs a row, ${Math.round(raw.cpuMicrosecondsPerRow)} µs CPU); ingest, 1 sender = ${ratio.toFixed(2)}× raw (target ≥ ${TARGET_RATIO_TO_RAW}×)`;
}

function report(name: string, result: SendResult, target?: number): string {
  return `    ${name}: ${result.responses.toLocaleString('en-US')} responses in ${result.seconds.toFixed(2)} s = ${Math.round(result.perSecond).toLocaleString('en-US')}/s, ${Math.round(result.cpuMicrosecondsPerResponse)} µs CPU each${target ? ` (target ≥ ${target.toLocaleString('en-US')}/s)` : ''}`;
}

export async function ingestBenchmark(): Promise<BenchmarkOutcome> {
  const metrics: Metric[] = [];
  const details: Record<string, unknown> = {
    batchSize: BATCH_SIZE,
    singleSenderBatches: SINGLE_SENDER_BATCHES,
    concurrentBatchesPerSender: CONCURRENT_BATCHES_PER_SENDER,
  };

  const sqlite = await openSqlite();
  try {
    const result = await ingestOn(sqlite);
    console.info(report('SQLite, 1 sender', result.single, TARGET_PER_SECOND_SQLITE));
    console.info(report('SQLite, 2 senders', result.concurrent, TARGET_PER_SECOND_SQLITE));
    console.info(report('SQLite, duplicate resend', result.duplicates));
    console.info(reportRaw('SQLite', result.raw, result.ratioToRaw));
    metrics.push(
      { label: 'SQLite raw multi-row insert (floor, same run)', value: result.raw.perSecond, unit: 'rows/s' },
      {
        label: 'SQLite ingest, 1 sender ÷ raw insert',
        value: result.ratioToRaw,
        unit: '×',
        target: { kind: 'at least', limit: TARGET_RATIO_TO_RAW },
      },
      {
        label: 'SQLite ingest, 1 sender, batches of 500',
        value: result.single.perSecond,
        unit: 'responses/s',
        target: { kind: 'at least', limit: TARGET_PER_SECOND_SQLITE },
      },
      {
        label: 'SQLite ingest, 2 concurrent senders',
        value: result.concurrent.perSecond,
        unit: 'responses/s',
        target: { kind: 'at least', limit: TARGET_PER_SECOND_SQLITE },
      },
      { label: 'SQLite duplicate resend', value: result.duplicates.perSecond, unit: 'responses/s' },
      { label: 'SQLite ingest CPU per response, 1 sender', value: result.single.cpuMicrosecondsPerResponse, unit: 'µs' },
    );
    details.sqlite = result;
  } finally {
    await sqlite.close();
  }

  const postgresUrl = await postgresMaintenanceUrl();
  if (!postgresUrl) {
    console.info('    PostgreSQL: skipped (DATABASE_URL is not a PostgreSQL URL and nothing listens on 127.0.0.1:5432)');
    details.postgres = 'skipped: no PostgreSQL reachable';
    return { metrics, details };
  }
  const postgres = await openPostgres(postgresUrl);
  try {
    const result = await ingestOn(postgres);
    console.info(report('PostgreSQL, 1 sender', result.single));
    console.info(report('PostgreSQL, 2 senders', result.concurrent));
    console.info(report('PostgreSQL, duplicate resend', result.duplicates));
    console.info(reportRaw('PostgreSQL', result.raw, result.ratioToRaw));
    metrics.push(
      { label: 'PostgreSQL raw multi-row insert (floor, same run)', value: result.raw.perSecond, unit: 'rows/s' },
      {
        label: 'PostgreSQL ingest, 1 sender ÷ raw insert',
        value: result.ratioToRaw,
        unit: '×',
        target: { kind: 'at least', limit: TARGET_RATIO_TO_RAW },
      },
      { label: 'PostgreSQL ingest, 1 sender', value: result.single.perSecond, unit: 'responses/s' },
      { label: 'PostgreSQL ingest, 2 concurrent senders', value: result.concurrent.perSecond, unit: 'responses/s' },
      { label: 'PostgreSQL duplicate resend', value: result.duplicates.perSecond, unit: 'responses/s' },
    );
    details.postgres = result;
  } finally {
    await postgres.close();
  }
  return { metrics, details };
}

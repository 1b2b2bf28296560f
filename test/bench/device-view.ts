import type { FastifyInstance } from 'fastify';
import type { Insertable, Kysely } from 'kysely';
import { sql } from 'kysely';
import { orderDevicesForAttention } from '../../src/domain/device-attention.ts';
import { DEFAULT_KIOSK_SETTINGS } from '../../src/domain/kiosk-settings.ts';
import { countMissing, type DeviceLedger, type SequenceRange } from '../../src/domain/ledger.ts';
import { CSRF_HEADER, type DeviceItem } from '../../src/domain/manage-api.ts';
import { buildApp } from '../../src/server/app.ts';
import { createAccount } from '../../src/server/auth/create-account.ts';
import { seededRandom } from '../../src/server/demo/demo-history.ts';
import { prepareDatabase } from '../../src/server/db/prepare.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { onBothDatabases, type OpenedDatabase } from './ingest.ts';
import { median, percentile, type BenchmarkOutcome, type Metric } from './report.ts';

/**
 * Issue 7's device view over a year: 1,000 tablets in 500 service centres (a province, 100 communes,
 * 5 centres under each, 2 tablets per centre), on a fresh SQLite file and a fresh PostgreSQL database.
 * What 10 million responses leave behind for this view is written straight into `devices` and
 * `device_ledgers` (sending them through the API would take hours):
 * - each tablet received 5,000–15,000 answers (the total, about 10 M, is printed with the run);
 * - gaps, as a year in the field makes them: 85% of tablets have none, 8% lost 1–3 scattered answers,
 *   4% have a trailing gap (answers still waiting for the network, pending_reported set), 2% have
 *   50–300 scattered gaps (a tablet whose storage was cleared again and again), 1% lost one run of
 *   500–3,000 answers;
 * - last seen: most within the last day, 7% 2–30 days ago, 2% 30–200 days ago; 1% are revoked;
 * - half the centres have their own kiosk settings with a fixed counter.
 * The responses table stays empty: the view reads the ledger, which the sync transaction maintains,
 * and never the responses themselves (so their number cannot slow it down, only the ledger's size can).
 * Timed, as the dashboard asks: GET /api/v1/admin/devices through the whole Fastify app in this process
 * (session check, unit tree, the devices repository, JSON), plus the "gaps or silent first" ordering
 * the dashboard applies to the reply (orderDevicesForAttention). One untimed run first, then RUNS.
 */

const COMMUNES = 100;
const CENTRES_PER_COMMUNE = 5;
const TABLETS_PER_CENTRE = 2;
const TARGET_MS = 200;
/** BENCH_DEVICE_VIEW_RUNS: more runs for a steadier median on a busy machine. */
const RUNS = Math.max(5, Number(process.env.BENCH_DEVICE_VIEW_RUNS ?? 20));
const ADMIN = { username: 'bench-admin', password: 'bench device view password' };
const DAY_MS = 86_400_000;
const INSERT_CHUNK = 100;

interface Generated {
  units: number;
  devices: number;
  receivedResponses: number;
  missingResponses: number;
  gapRanges: number;
  devicesWithGaps: number;
  largestLedgerBytes: number;
  seconds: number;
}

/** Scattered gaps, sorted and apart from each other (never adjacent), each 1–3 numbers long, within 2..top-1. */
function scatteredGaps(random: () => number, count: number, top: number): SequenceRange[] {
  const starts = new Set<number>();
  while (starts.size < count) starts.add(2 + Math.floor(random() * (top - 8)));
  const gaps: SequenceRange[] = [];
  for (const from of [...starts].sort((a, b) => a - b)) {
    const to = from + Math.floor(random() * 3);
    const previous = gaps.at(-1);
    if (previous && from <= previous[1] + 1) continue;
    gaps.push([from, to]);
  }
  return gaps;
}

interface DeviceHistory extends DeviceLedger {
  pendingReported: number;
}

/** The ledger of a tablet that received `receivedCount` answers and never these: it issued both. */
function historyWith(receivedCount: number, missing: SequenceRange[], pendingReported = 0): DeviceHistory {
  const lost = countMissing({ highestIssued: 0, receivedCount, missing });
  return { highestIssued: receivedCount + lost, receivedCount, missing, pendingReported };
}

/**
 * A year of one tablet: how many answers arrived and which numbers never did. Every gap lies within
 * 1..received + missing, the highest number the tablet issued.
 */
function historyOf(random: () => number): DeviceHistory {
  const receivedCount = 5_000 + Math.floor(random() * 10_001);
  const draw = random();
  if (draw < 0.08) return historyWith(receivedCount, scatteredGaps(random, 1 + Math.floor(random() * 3), receivedCount));
  if (draw < 0.12) {
    const waiting = 5 + Math.floor(random() * 400);
    return historyWith(receivedCount, [[receivedCount + 1, receivedCount + waiting]], waiting);
  }
  if (draw < 0.14) return historyWith(receivedCount, scatteredGaps(random, 50 + Math.floor(random() * 251), receivedCount));
  if (draw < 0.15) {
    const from = 1_000 + Math.floor(random() * (receivedCount - 2_000));
    return historyWith(receivedCount, [[from, from + 500 + Math.floor(random() * 2_501)]]);
  }
  return historyWith(receivedCount, []);
}

function lastSeenOf(random: () => number, now: number): number {
  const draw = random();
  if (draw < 0.91) return now - Math.floor(random() * DAY_MS);
  if (draw < 0.98) return now - (2 + random() * 28) * DAY_MS;
  return now - (30 + random() * 170) * DAY_MS;
}

async function generate(db: Kysely<Database>, now: Date): Promise<Generated> {
  const began = performance.now();
  await prepareDatabase(db);
  const random = seededRandom(7);
  const name = (vi: string) => JSON.stringify({ vi });
  const units: Insertable<Database['units']>[] = [
    {
      id: 'tinh',
      parent_id: null,
      kind: 'province',
      name: name('Tỉnh Đo'),
      merged_into_id: null,
      full_questionnaire_id: null,
      quick_questionnaire_id: null,
      position: 0,
    },
  ];
  const centres: string[] = [];
  for (let c = 0; c < COMMUNES; c++) {
    units.push({
      id: `xa-${c}`,
      parent_id: 'tinh',
      kind: 'commune',
      name: name(`Xã ${c}`),
      merged_into_id: null,
      full_questionnaire_id: null,
      quick_questionnaire_id: null,
      position: c,
    });
    for (let s = 0; s < CENTRES_PER_COMMUNE; s++) {
      const id = `xa-${c}-tt-${s}`;
      centres.push(id);
      units.push({
        id,
        parent_id: `xa-${c}`,
        kind: 'service-centre',
        name: name(`Bộ phận ${c}.${s}`),
        merged_into_id: null,
        full_questionnaire_id: null,
        quick_questionnaire_id: null,
        position: s,
      });
    }
  }
  const nowMs = now.getTime();
  const yearAgo = new Date(nowMs - 365 * DAY_MS).toISOString();
  const settings: Insertable<Database['kiosk_settings']>[] = centres
    .filter((_, index) => index % 2 === 0)
    .map((unitId) => ({
      unit_id: unitId,
      settings: JSON.stringify({ ...DEFAULT_KIOSK_SETTINGS, counterId: `${unitId}-quay-1` }),
      updated_at: yearAgo,
    }));
  const devices: Insertable<Database['devices']>[] = [];
  const ledgers: Insertable<Database['device_ledgers']>[] = [];
  const totals = { received: 0, missing: 0, gapRanges: 0, withGaps: 0, largestLedgerBytes: 0 };
  for (const [centreIndex, unitId] of centres.entries()) {
    for (let t = 0; t < TABLETS_PER_CENTRE; t++) {
      const id = `0190${String(centreIndex).padStart(4, '0')}-0000-7000-8000-${String(t).padStart(12, '0')}`;
      const history = historyOf(random);
      const lastSeen = lastSeenOf(random, nowMs);
      const lost = history.highestIssued - history.receivedCount;
      const missingJson = JSON.stringify(history.missing);
      totals.received += history.receivedCount;
      totals.missing += lost;
      totals.gapRanges += history.missing.length;
      totals.withGaps += lost > 0 ? 1 : 0;
      totals.largestLedgerBytes = Math.max(totals.largestLedgerBytes, missingJson.length);
      devices.push({
        id,
        unit_id: unitId,
        name: `Quầy ${t + 1}`,
        token_hash: `bench-token-hash-${id}`,
        enrolled_at: yearAgo,
        revoked_at: random() < 0.01 ? new Date(lastSeen).toISOString() : null,
        last_seen_at: new Date(lastSeen).toISOString(),
        last_batch_at: new Date(lastSeen).toISOString(),
        last_batch_size: 1 + Math.floor(random() * 60),
        pending_reported: history.pendingReported,
        last_clock_skew_ms: Math.floor((random() - 0.5) * 4_000),
      });
      ledgers.push({
        device_id: id,
        highest_issued: history.highestIssued,
        received_count: history.receivedCount,
        missing: missingJson,
        updated_at: new Date(lastSeen).toISOString(),
      });
    }
  }
  for (const [table, rows] of [
    ['units', units],
    ['kiosk_settings', settings],
    ['devices', devices],
    ['device_ledgers', ledgers],
  ] as const) {
    for (let start = 0; start < rows.length; start += INSERT_CHUNK)
      await db
        .insertInto(table)
        .values(rows.slice(start, start + INSERT_CHUNK) as never)
        .execute();
  }
  await createAccount(
    db,
    { username: ADMIN.username, password: ADMIN.password, displayName: 'Bench admin', role: 'admin', unitId: null },
    { now, actor: 'bench' },
  );
  // Fresh statistics, as a database that has been running for a year would have.
  await sql`analyze`.execute(db);
  return {
    units: units.length,
    devices: devices.length,
    receivedResponses: totals.received,
    missingResponses: totals.missing,
    gapRanges: totals.gapRanges,
    devicesWithGaps: totals.withGaps,
    largestLedgerBytes: totals.largestLedgerBytes,
    seconds: (performance.now() - began) / 1000,
  };
}

async function signIn(app: FastifyInstance): Promise<string> {
  const reply = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { [CSRF_HEADER]: '1' }, payload: ADMIN });
  if (reply.statusCode !== 200) throw new Error(`the bench administrator could not sign in: ${reply.statusCode} ${reply.body}`);
  return String(reply.headers['set-cookie']).split(';')[0]!;
}

interface Timing {
  medianMs: number;
  p95Ms: number;
  runsMs: number[];
  devices: number;
  firstInLine: Pick<DeviceItem, 'name' | 'unitId' | 'missingCount' | 'lastSeenAt'>[];
}

/** The device view as an administrator opens it: the API request and the dashboard's ordering. */
async function timeDeviceView(app: FastifyInstance, cookie: string, now: Date, unitId?: string): Promise<Timing> {
  const url = unitId ? `/api/v1/admin/devices?unitId=${encodeURIComponent(unitId)}` : '/api/v1/admin/devices';
  const runsMs: number[] = [];
  let ordered: DeviceItem[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const began = performance.now();
    const reply = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (reply.statusCode !== 200) throw new Error(`the device view failed: ${reply.statusCode} ${reply.body}`);
    ordered = orderDevicesForAttention((reply.json() as { devices: DeviceItem[] }).devices, now);
    const ms = performance.now() - began;
    if (run > 0) runsMs.push(ms);
  }
  return {
    medianMs: median(runsMs),
    p95Ms: percentile(runsMs, 95),
    runsMs: runsMs.map((ms) => Math.round(ms * 10) / 10),
    devices: ordered.length,
    firstInLine: ordered.slice(0, 3).map(({ name, unitId: unit, missingCount, lastSeenAt }) => ({ name, unitId: unit, missingCount, lastSeenAt })),
  };
}

async function benchOn(opened: OpenedDatabase, label: string, metrics: Metric[]): Promise<Record<string, unknown>> {
  const now = new Date();
  const generated = await generate(opened.db, now);
  console.info(
    `    ${label}: ${generated.devices.toLocaleString('en-US')} devices in ${generated.units} units; ledgers of ${generated.receivedResponses.toLocaleString('en-US')} received responses, ` +
      `${generated.missingResponses.toLocaleString('en-US')} missing in ${generated.gapRanges.toLocaleString('en-US')} gaps on ${generated.devicesWithGaps} devices ` +
      `(largest gap list ${generated.largestLedgerBytes.toLocaleString('en-US')} bytes); generated in ${generated.seconds.toFixed(1)} s`,
  );
  const app = buildApp({ db: opened.db, staticDir: null, now: () => now });
  try {
    const cookie = await signIn(app);
    const province = await timeDeviceView(app, cookie, now);
    if (province.devices !== generated.devices) throw new Error(`the device view listed ${province.devices} devices, expected ${generated.devices}`);
    console.info(
      `    ${label}, whole province (${province.devices} devices): median ${province.medianMs.toFixed(1)} ms, p95 ${province.p95Ms.toFixed(1)} ms of ${province.runsMs.join(', ')}`,
    );
    const commune = await timeDeviceView(app, cookie, now, 'xa-42');
    console.info(`    ${label}, one commune (${commune.devices} devices): median ${commune.medianMs.toFixed(1)} ms of ${commune.runsMs.join(', ')}`);
    metrics.push(
      {
        label: `${label} device view, ${province.devices.toLocaleString('en-US')} devices (ledgers ≈ ${(generated.receivedResponses / 1e6).toFixed(1)} M responses)`,
        value: province.medianMs,
        unit: 'ms',
        target: { kind: 'under', limit: TARGET_MS },
      },
      { label: `${label} device view, p95 of ${RUNS} runs`, value: province.p95Ms, unit: 'ms' },
      { label: `${label} device view, one commune`, value: commune.medianMs, unit: 'ms' },
    );
    return { generated, province, commune };
  } finally {
    await app.close();
  }
}

export async function deviceViewBenchmark(): Promise<BenchmarkOutcome> {
  const metrics: Metric[] = [];
  const details: Record<string, unknown> = {
    communes: COMMUNES,
    centresPerCommune: CENTRES_PER_COMMUNE,
    tabletsPerCentre: TABLETS_PER_CENTRE,
    runs: RUNS,
    rows: 'device and ledger rows written directly; no raw responses',
  };
  return onBothDatabases(metrics, details, benchOn);
}

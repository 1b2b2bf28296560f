import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { buildApp } from '../../src/server/app.ts';
import { saveFlagThresholds } from '../../src/server/db/flags-repository.ts';
import { DEFAULT_FLAG_THRESHOLDS } from '../../src/domain/stuffing-flags.ts';
import type { Database } from '../../src/server/db/schema.ts';
import {
  batchOf,
  CENTRE_ID,
  enrolNewDevice,
  recountedResponseCounts,
  recountedTallies,
  seedTestUnits,
  sipasResponse,
  storedResponseCounts,
  storedTallies,
  syncBatch,
  type EnrolledDevice,
} from './fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';
import { withLegacyCountViews } from './legacy-counts.ts';

const SECOND = 1_000;

/** Responses `spacingMs` apart from `start`, each taking a plausible 90 s from start to submit. */
function spacedResponses(device: EnrolledDevice, firstSequence: number, count: number, start: number, spacingMs: number) {
  return Array.from({ length: count }, (_, i) =>
    sipasResponse(device, firstSequence + i, { submittedAt: new Date(start + i * spacingMs).toISOString() }),
  );
}

async function responseCountsOf(db: Kysely<Database>, deviceId: string) {
  const rows = await db.selectFrom('responses').select(['flags']).where('device_id', '=', deviceId).execute();
  return { all: rows.length, flagged: rows.filter((row) => row.flags !== '').length };
}

async function unflaggedCompleteCount(db: Kysely<Database>, unitId: string): Promise<number> {
  const rows = await (
    await withLegacyCountViews(db)
  )
    .selectFrom('daily_response_counts')
    .select(['count', 'flagged', 'complete'])
    .where('unit_id', '=', unitId)
    .execute();
  return rows.filter((row) => row.flagged === 0 && row.complete === 1).reduce((sum, row) => sum + Number(row.count), 0);
}

async function allCompleteCount(db: Kysely<Database>, unitId: string): Promise<number> {
  const rows = await (
    await withLegacyCountViews(db)
  )
    .selectFrom('daily_response_counts')
    .select(['count', 'complete'])
    .where('unit_id', '=', unitId)
    .execute();
  return rows.filter((row) => row.complete === 1).reduce((sum, row) => sum + Number(row.count), 0);
}

describe.each(databasesUnderTest)('ballot-stuffing flags on $name', (database) => {
  let opened: OpenedDatabase;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
  });
  afterAll(async () => {
    await opened.close();
  });

  it('flags ten completions within 20 seconds as a burst, even across two batches, and excluding them removes exactly those ten', async () => {
    const now = Date.now();
    const app = buildApp({ db: opened.db, staticDir: null, now: () => new Date(now) });
    const device = await enrolNewDevice(app, opened.db);
    const calm = spacedResponses(device, 1, 6, now - 3_600_000, 5 * 60 * SECOND);
    const burst = spacedResponses(device, 7, 10, now - 600_000, 2 * SECOND);
    const unitBefore = await allCompleteCount(opened.db, CENTRE_ID);

    await syncBatch(app, device.token, batchOf([...calm, ...burst.slice(0, 5)]));
    expect(await responseCountsOf(opened.db, device.deviceId)).toEqual({ all: 11, flagged: 0 });
    await syncBatch(app, device.token, batchOf(burst.slice(5)));

    const flags = await opened.db
      .selectFrom('responses')
      .select(['id', 'flags'])
      .where('device_id', '=', device.deviceId)
      .orderBy('device_sequence')
      .execute();
    expect(flags.filter((row) => row.flags !== '').map((row) => row.id)).toEqual(burst.map((response) => response.id));
    expect(new Set(flags.filter((row) => row.flags !== '').map((row) => row.flags))).toEqual(new Set(['burst']));

    expect((await allCompleteCount(opened.db, CENTRE_ID)) - unitBefore).toBe(16);
    expect((await allCompleteCount(opened.db, CENTRE_ID)) - (await unflaggedCompleteCount(opened.db, CENTRE_ID))).toBe(10);
    const reasons = await (
      await withLegacyCountViews(opened.db)
    )
      .selectFrom('daily_flag_counts')
      .select(['flag', 'count'])
      .where('unit_id', '=', CENTRE_ID)
      .execute();
    expect(reasons.filter((row) => row.flag === 'burst').reduce((sum, row) => sum + Number(row.count), 0)).toBe(10);

    expect(await storedTallies(opened.db)).toEqual(await recountedTallies(opened.db));
    expect(await storedResponseCounts(opened.db)).toEqual(await recountedResponseCounts(opened.db));
  });

  it('never changes a flag or a ledger count on a duplicate upload', async () => {
    const now = Date.now();
    const app = buildApp({ db: opened.db, staticDir: null, now: () => new Date(now) });
    const device = await enrolNewDevice(app, opened.db);
    const burst = spacedResponses(device, 1, 12, now - 120_000, SECOND);
    const first = await syncBatch(app, device.token, batchOf(burst));
    const flagsAfterFirst = await opened.db.selectFrom('responses').select(['id', 'flags']).where('device_id', '=', device.deviceId).execute();
    const talliesAfterFirst = await storedTallies(opened.db);
    const reasonsAfterFirst = await (await withLegacyCountViews(opened.db)).selectFrom('daily_flag_counts').selectAll().execute();

    const again = await syncBatch(app, device.token, batchOf(burst));
    expect(again.results.every((result) => result.status === 'duplicate')).toBe(true);
    expect(again.ledger).toEqual(first.ledger);
    expect(await opened.db.selectFrom('responses').select(['id', 'flags']).where('device_id', '=', device.deviceId).execute()).toEqual(
      flagsAfterFirst,
    );
    expect(await storedTallies(opened.db)).toEqual(talliesAfterFirst);
    expect(await (await withLegacyCountViews(opened.db)).selectFrom('daily_flag_counts').selectAll().execute()).toEqual(reasonsAfterFirst);
  });

  it('flags an implausibly fast full survey and a skewed clock, with the thresholds of the nearest unit', async () => {
    const now = Date.now();
    const app = buildApp({ db: opened.db, staticDir: null, now: () => new Date(now) });
    await saveFlagThresholds(opened.db, CENTRE_ID, { ...DEFAULT_FLAG_THRESHOLDS, tooFastSeconds: 40 }, new Date(now));
    const device = await enrolNewDevice(app, opened.db);
    const submittedAt = new Date(now - 60_000).toISOString();
    const fast = sipasResponse(device, 1, { submittedAt, startedAt: new Date(now - 90_000).toISOString() });
    const normal = sipasResponse(device, 2, { submittedAt: new Date(now - 30_000).toISOString(), startedAt: new Date(now - 120_000).toISOString() });
    await syncBatch(app, device.token, batchOf([fast, normal]));
    const rows = await opened.db
      .selectFrom('responses')
      .select(['id', 'flags'])
      .where('device_id', '=', device.deviceId)
      .orderBy('device_sequence')
      .execute();
    expect(rows.map((row) => row.flags)).toEqual(['too-fast', '']);

    const skewedDevice = await enrolNewDevice(app, opened.db);
    const hoursBehind = (iso: string) => new Date(Date.parse(iso) - 3 * 3_600_000).toISOString();
    const skewed = sipasResponse(skewedDevice, 1, {
      submittedAt: hoursBehind(new Date(now - 60_000).toISOString()),
      startedAt: hoursBehind(new Date(now - 150_000).toISOString()),
    });
    await syncBatch(app, skewedDevice.token, batchOf([skewed], { deviceTime: hoursBehind(new Date(now).toISOString()) }));
    const skewedRow = await opened.db.selectFrom('responses').select(['flags']).where('id', '=', skewed.id).executeTakeFirstOrThrow();
    expect(skewedRow.flags).toBe('clock-skew');
  });
});

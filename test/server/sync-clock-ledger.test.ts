import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { listDeviceOverviews } from '../../src/server/db/devices-repository.ts';
import { batchOf, enrolNewDevice, seedTestUnits, sipasResponse, syncBatch } from './fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';
import { withLegacyCountViews } from './legacy-counts.ts';

const HOUR_MS = 3_600_000;

describe.each(databasesUnderTest)('clock skew and the device ledger on $name', (database) => {
  let opened: OpenedDatabase;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
  });
  afterAll(async () => {
    await opened.close();
  });

  it('lands the answers of a tablet 3 hours behind on the right local day', async () => {
    // True time of the upload: 02:00 on 11 March in Hà Nội (UTC+7). The tablet's clock reads 23:00 on the 10th.
    const serverNow = new Date('2025-03-10T19:00:00.000Z');
    const app = buildApp({ db: opened.db, staticDir: null, now: () => serverNow });
    try {
      const device = await enrolNewDevice(app, opened.db);
      const behind = (trueIso: string) => new Date(Date.parse(trueIso) - 3 * HOUR_MS).toISOString();
      // 23:30 local on the 10th by true time; the tablet wrote 20:30.
      const lateEvening = sipasResponse(device, 1, { submittedAt: behind('2025-03-10T16:30:00.000Z') });
      // 00:30 local on the 11th by true time; the tablet wrote 21:30 on the 10th, the wrong day.
      const afterMidnight = sipasResponse(device, 2, { submittedAt: behind('2025-03-10T17:30:00.000Z') });

      await syncBatch(app, device.token, batchOf([lateEvening, afterMidnight], { deviceTime: behind(serverNow.toISOString()) }));

      const rows = await opened.db
        .selectFrom('responses')
        .select(['id', 'local_day', 'corrected_submitted_at', 'clock_skew_ms', 'received_at'])
        .where('device_id', '=', device.deviceId)
        .orderBy('device_sequence')
        .execute();
      expect(rows.map((row) => row.local_day)).toEqual(['2025-03-10', '2025-03-11']);
      expect(rows.map((row) => row.corrected_submitted_at)).toEqual(['2025-03-10T16:30:00.000Z', '2025-03-10T17:30:00.000Z']);
      // Negative: the tablet's clock is behind the server's.
      expect(rows.map((row) => Number(row.clock_skew_ms))).toEqual([-3 * HOUR_MS, -3 * HOUR_MS]);
      expect(rows[0]?.received_at).toBe(serverNow.toISOString());
      const days = await (
        await withLegacyCountViews(opened.db)
      )
        .selectFrom('daily_response_counts')
        .select('local_day')
        .where('unit_id', '=', device.unitId)
        .execute();
      expect(new Set(days.map((row) => row.local_day))).toEqual(new Set(['2025-03-10', '2025-03-11']));
      const [overview] = (await listDeviceOverviews(opened.db)).filter((d) => d.id === device.deviceId);
      expect(overview?.lastClockSkewMs).toBe(-3 * HOUR_MS);
    } finally {
      await app.close();
    }
  });

  it('keeps an answer on a possible day when the tablet clock jumped between answering and sending', async () => {
    const serverNow = new Date('2025-03-12T03:00:00.000Z');
    const app = buildApp({ db: opened.db, staticDir: null, now: () => serverNow });
    try {
      const device = await enrolNewDevice(app, opened.db);
      // Answered on 11 March with a correct clock; then the battery ran flat and the clock restarted in 1970.
      const answered = sipasResponse(device, 1, { submittedAt: '2025-03-11T04:00:00.000Z' });
      const reply = await syncBatch(app, device.token, batchOf([answered], { deviceTime: '1970-01-01T00:05:00.000Z' }));

      expect(reply.results).toEqual([{ id: answered.id, status: 'accepted' }]);
      const row = await opened.db
        .selectFrom('responses')
        .select(['local_day', 'corrected_submitted_at'])
        .where('id', '=', answered.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ local_day: '2025-03-11', corrected_submitted_at: '2025-03-11T04:00:00.000Z' });
    } finally {
      await app.close();
    }
  });

  it('reports missing ranges and the highest contiguous sequence; duplicates do not change the ledger', async () => {
    const app = buildApp({ db: opened.db, staticDir: null });
    try {
      const device = await enrolNewDevice(app, opened.db);
      const records = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((sequence) => sipasResponse(device, sequence));
      const pick = (...sequences: number[]) => sequences.map((sequence) => records[sequence - 1]!);

      const first = await syncBatch(app, device.token, batchOf(pick(1, 2, 5, 6, 9), { highestIssuedSequence: 10 }));
      expect(first.ledger).toEqual({
        highestContiguousSequence: 2,
        receivedCount: 5,
        missing: [
          [3, 4],
          [7, 8],
          [10, 10],
        ],
      });

      const resent = await syncBatch(app, device.token, batchOf(pick(1, 2, 5), { highestIssuedSequence: 10 }));
      expect(resent.results.map((result) => result.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
      expect(resent.ledger).toEqual(first.ledger);

      const rest = await syncBatch(app, device.token, batchOf(pick(3, 4, 7, 8, 10), { highestIssuedSequence: 10 }));
      expect(rest.ledger).toEqual({ highestContiguousSequence: 10, receivedCount: 10, missing: [] });
    } finally {
      await app.close();
    }
  });

  it('marks the tail missing when a heartbeat reports numbers issued beyond those received', async () => {
    const app = buildApp({ db: opened.db, staticDir: null });
    try {
      const device = await enrolNewDevice(app, opened.db);
      await syncBatch(app, device.token, batchOf([1, 2, 3].map((sequence) => sipasResponse(device, sequence))));

      const heartbeat = await syncBatch(app, device.token, batchOf([], { highestIssuedSequence: 5, pendingCount: 2 }));

      expect(heartbeat.ledger).toEqual({ highestContiguousSequence: 3, receivedCount: 3, missing: [[4, 5]] });
      const [overview] = (await listDeviceOverviews(opened.db)).filter((d) => d.id === device.deviceId);
      expect(overview).toMatchObject({ highestIssued: 5, receivedCount: 3, missing: [[4, 5]], pendingReported: 2, lastBatchSize: 3 });
    } finally {
      await app.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import type { SurveyResponse } from '../../src/domain/response.ts';
import { batchOf, enrolNewDevice, seedTestUnits, sipasResponse, syncBatch, type EnrolledDevice } from './fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

/**
 * Each answer carries the tablet's clock offset at the moment it was given (domain/device-clock.ts), so a
 * clock changed between answering and syncing no longer moves answers to another day unflagged. The unit
 * is in Hà Nội (UTC+7): 17:30 UTC is 00:30 on the next local day.
 */
const HOUR_MS = 3_600_000;
const SERVER_NOW = new Date('2025-03-11T03:00:00.000Z');

describe.each(databasesUnderTest)('per-answer clock offsets on $name', (database) => {
  let opened: OpenedDatabase;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
  });
  afterAll(async () => {
    await opened.close();
  });

  async function syncAt(deviceTime: string, build: (device: EnrolledDevice) => SurveyResponse[]) {
    const app = buildApp({ db: opened.db, staticDir: null, now: () => SERVER_NOW });
    try {
      const device = await enrolNewDevice(app, opened.db);
      const responses = build(device);
      const reply = await syncBatch(app, device.token, batchOf(responses, { deviceTime }));
      expect(reply.results.map((result) => result.status)).toEqual(responses.map(() => 'accepted'));
      const rows = await opened.db
        .selectFrom('responses')
        .select(['local_day', 'corrected_submitted_at', 'clock_skew_ms', 'flags'])
        .where('device_id', '=', device.deviceId)
        .orderBy('device_sequence')
        .execute();
      return { rows: rows.map((row) => ({ ...row, clock_skew_ms: Number(row.clock_skew_ms) })) };
    } finally {
      await app.close();
    }
  }

  it('clock behind, then fixed before the sync: the answer lands on the day it was given', async () => {
    // Given at 00:30 on the 11th (true time) while the tablet was 3 hours behind: it wrote 21:30 on the 10th.
    // Staff fixed the clock before the sync, so the batch shows no skew at all.
    const { rows } = await syncAt(SERVER_NOW.toISOString(), (device) => [
      sipasResponse(device, 1, {
        startedAt: '2025-03-10T14:28:00.000Z',
        submittedAt: '2025-03-10T14:30:00.000Z',
        clockOffset: { ms: -3 * HOUR_MS, forwardMs: 0, basis: 'session' },
      }),
      // Given after the fix, at 09:00 on the 11th: the fix showed as a forward drift of 3 hours.
      sipasResponse(device, 2, {
        startedAt: '2025-03-11T01:58:00.000Z',
        submittedAt: '2025-03-11T02:00:00.000Z',
        clockOffset: { ms: -3 * HOUR_MS, forwardMs: 3 * HOUR_MS, basis: 'session' },
      }),
    ]);

    expect(rows).toEqual([
      // The clock was far off when it was given: flagged as before, but placed right and not as uncertain.
      { local_day: '2025-03-11', corrected_submitted_at: '2025-03-10T17:30:00.000Z', clock_skew_ms: -3 * HOUR_MS, flags: 'clock-skew' },
      { local_day: '2025-03-11', corrected_submitted_at: '2025-03-11T02:00:00.000Z', clock_skew_ms: 0, flags: '' },
    ]);
  });

  it('clock right, then jumped ahead before the sync: the answer stays on the day it was given, unflagged', async () => {
    // Given at 00:30 on the 11th with a right clock; then the clock jumped 5 hours ahead before the sync.
    const jumpedDeviceTime = new Date(SERVER_NOW.getTime() + 5 * HOUR_MS).toISOString();
    const { rows } = await syncAt(jumpedDeviceTime, (device) => [
      sipasResponse(device, 1, {
        startedAt: '2025-03-10T17:28:00.000Z',
        submittedAt: '2025-03-10T17:30:00.000Z',
        clockOffset: { ms: 0, forwardMs: 0, basis: 'session' },
      }),
    ]);

    // The batch's skew alone would have put it at 19:30 on the 10th, the wrong day.
    expect(rows).toEqual([{ local_day: '2025-03-11', corrected_submitted_at: '2025-03-10T17:30:00.000Z', clock_skew_ms: 0, flags: '' }]);
  });

  it('flags an answer whose real time it cannot know, and still places it on a day', async () => {
    // After a reboot the tablet carried a right offset; the clock was 5 hours ahead by the sync, changed
    // while no page ran: before or after the answer, nobody knows. And one answer knew no offset at all.
    const jumpedDeviceTime = new Date(SERVER_NOW.getTime() + 5 * HOUR_MS).toISOString();
    const { rows } = await syncAt(jumpedDeviceTime, (device) => [
      sipasResponse(device, 1, {
        startedAt: '2025-03-10T17:28:00.000Z',
        submittedAt: '2025-03-10T17:30:00.000Z',
        clockOffset: { ms: 0, forwardMs: 0, basis: 'carried' },
      }),
      sipasResponse(device, 2, { startedAt: '2025-03-11T06:58:00.000Z', submittedAt: '2025-03-11T07:00:00.000Z', clockOffset: null }),
    ]);

    expect(rows).toEqual([
      { local_day: '2025-03-11', corrected_submitted_at: '2025-03-10T17:30:00.000Z', clock_skew_ms: 0, flags: 'clock-uncertain' },
      {
        local_day: '2025-03-11',
        corrected_submitted_at: '2025-03-11T02:00:00.000Z',
        clock_skew_ms: 5 * HOUR_MS,
        flags: 'clock-skew,clock-uncertain',
      },
    ]);
  });

  it('places the records of a client without offsets by the batch skew, as before', async () => {
    const behindDeviceTime = new Date(SERVER_NOW.getTime() - 3 * HOUR_MS).toISOString();
    const { rows } = await syncAt(behindDeviceTime, (device) => [
      sipasResponse(device, 1, { startedAt: '2025-03-10T14:28:00.000Z', submittedAt: '2025-03-10T14:30:00.000Z' }),
    ]);

    expect(rows).toEqual([
      { local_day: '2025-03-11', corrected_submitted_at: '2025-03-10T17:30:00.000Z', clock_skew_ms: -3 * HOUR_MS, flags: 'clock-skew' },
    ]);
  });
});

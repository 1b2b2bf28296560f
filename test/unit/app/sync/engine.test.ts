import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchReply } from '../../../../src/domain/sync-protocol.ts';
import { makeResponse } from '../../domain/factories.ts';
import { localDayOf } from '../../../../src/domain/local-day.ts';
import { KioskDatabase } from '../../../../src/app/store/db.ts';
import { newResponseId } from '../../../../src/app/store/device.ts';
import { openKioskDatabaseAsVersion } from '../../../fixtures/kiosk-schema-history.ts';
import {
  createManualClock,
  createRecordingFetch,
  engineFor,
  enrolledDevice,
  seedPending,
  startTestServer,
  TIME_ZONE,
  UNIT_ID,
  type TestServer,
} from './harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function setUp() {
  const recording = createRecordingFetch();
  const device = await enrolledDevice(server, recording);
  const clock = createManualClock();
  const engine = engineFor(device, clock);
  return { recording, device, clock, engine };
}

describe('pushing pending responses', () => {
  it('drains 1,200 pending responses in 3 batches, oldest first, and marks them synced', async () => {
    const { recording, device, engine } = await setUp();
    const seeded = await seedPending(device.db, 1200);

    const result = await engine.syncNow();

    expect(result).toMatchObject({ outcome: 'synced', batches: 3, sent: 1200, accepted: 1200, rejected: 0, unanswered: 0 });
    const batches = recording.batches();
    expect(batches.map((batch) => batch.responses.length)).toEqual([500, 500, 200]);
    expect(batches.map((batch) => batch.pendingCount)).toEqual([1200, 700, 200]);
    expect(batches.every((batch) => batch.highestIssuedSequence === 1200)).toBe(true);
    const sentSequences = batches.flatMap((batch) => batch.responses.map((response) => response.deviceSequence));
    expect(sentSequences).toEqual(seeded.map((record) => record.deviceSequence));

    expect(await device.db.responses.where('status').equals('synced').count()).toBe(1200);
    expect(await server.storedResponseCount(device.deviceId)).toBe(1200);
    const stored = await device.db.responses.get(seeded[0]!.id);
    expect(stored?.syncedAt).toEqual(expect.any(String));
    expect(engine.getStatus()).toMatchObject({ state: 'idle', pending: 0, synced: 1200, rejected: 0, lastError: null });
  });

  it('sends exactly the wire record, without the fields only the tablet keeps', async () => {
    const { recording, device, engine } = await setUp();
    const [seeded] = await seedPending(device.db, 1);

    await engine.syncNow();

    const sent = recording.batches()[0]?.responses[0];
    expect(Object.keys(sent ?? {}).sort()).toEqual(Object.keys(makeResponse()).sort());
    const { status: _status, localDay: _localDay, ...wire } = seeded!;
    expect(sent).toEqual(wire);
  });

  it('keeps rejected responses with their reason, never deletes them and never sends them again', async () => {
    const { recording, device, engine } = await setUp();
    const seeded = await seedPending(device.db, 6, (sequence) => (sequence % 3 === 0 ? { questionnaireId: 'no-such-questionnaire' } : {}));

    const first = await engine.syncNow();
    const second = await engine.syncNow();

    expect(first).toMatchObject({ outcome: 'synced', accepted: 4, rejected: 2 });
    const rejected = await device.db.responses.where('status').equals('rejected').sortBy('deviceSequence');
    expect(rejected.map((record) => record.deviceSequence)).toEqual([3, 6]);
    expect(rejected[0]?.rejection).toEqual({
      code: 'unknown-questionnaire',
      message: expect.stringContaining('no-such-questionnaire'),
      at: expect.any(String),
    });
    expect(await device.db.responses.count()).toBe(seeded.length);
    expect(second).toMatchObject({ sent: 0, heartbeat: true });
    expect(recording.batches().flatMap((batch) => batch.responses)).toHaveLength(6);
    expect(engine.getStatus()).toMatchObject({ pending: 0, synced: 4, rejected: 2 });
  });

  it('counts duplicate answers as synced when a reply was lost on the way back', async () => {
    const { recording, device, engine } = await setUp();
    await seedPending(device.db, 30);
    recording.intercept(async (request, forward) => {
      if (request.path !== '/api/v1/sync/responses') return null;
      await forward();
      throw new TypeError('fetch failed: the connection dropped before the reply');
    });

    const lost = await engine.syncNow();
    expect(lost).toMatchObject({ outcome: 'failed', error: { code: 'network' } });
    expect(await device.db.responses.where('status').equals('pending').count()).toBe(30);
    expect(await server.storedResponseCount(device.deviceId)).toBe(30);

    recording.intercept(null);
    const retried = await engine.syncNow();

    expect(retried).toMatchObject({ outcome: 'synced', accepted: 0, duplicate: 30 });
    expect(await device.db.responses.where('status').equals('synced').count()).toBe(30);
    expect(await server.storedResponseCount(device.deviceId)).toBe(30);
  });

  it('leaves a response the server did not answer for pending, and sends it again in the next run', async () => {
    const { recording, device, engine } = await setUp();
    const seeded = await seedPending(device.db, 3);
    const forgotten = seeded[1]!.id;
    recording.intercept(async (request, forward) => {
      if (request.path !== '/api/v1/sync/responses') return null;
      const reply = (await (await forward()).json()) as BatchReply;
      const partial = { ...reply, results: reply.results.filter((result) => result.id !== forgotten) };
      return new Response(JSON.stringify(partial), { status: 200, headers: { 'content-type': 'application/json' } });
    });

    const first = await engine.syncNow();
    expect(first).toMatchObject({ outcome: 'synced', batches: 1, sent: 3, accepted: 2, unanswered: 1 });
    expect((await device.db.responses.get(forgotten))?.status).toBe('pending');

    recording.intercept(null);
    const second = await engine.syncNow();
    expect(second).toMatchObject({ sent: 1, duplicate: 1 });
    expect(recording.batches()[1]?.responses.map((response) => response.id)).toEqual([forgotten]);
  });
});

describe('heartbeat and ledger', () => {
  it('sends an empty heartbeat with the highest issued sequence when nothing is pending', async () => {
    const { recording, device, engine } = await setUp();
    await seedPending(device.db, 4);
    await engine.syncNow();

    const result = await engine.syncNow();

    expect(result).toMatchObject({ outcome: 'synced', heartbeat: true, batches: 1, sent: 0 });
    const heartbeat = recording.batches().at(-1);
    expect(heartbeat).toMatchObject({ responses: [], highestIssuedSequence: 4, pendingCount: 0 });
  });

  it('saves the server ledger, which names the sequence numbers the server never received', async () => {
    const { device, engine } = await setUp();
    const seeded = await seedPending(device.db, 5);
    // Records lost on the tablet (evicted storage): the heartbeat's sequence makes even the last one visible.
    await device.db.responses.bulkDelete([seeded[1]!.id, seeded[4]!.id]);

    await engine.syncNow();

    const ledger = {
      highestContiguousSequence: 1,
      receivedCount: 3,
      missing: [
        [2, 2],
        [5, 5],
      ],
    };
    expect((await device.db.sync.get('sync'))?.serverLedger).toEqual({ ...ledger, at: expect.any(String) });
    expect(engine.getStatus().serverLedger).toEqual({ ...ledger, at: expect.any(String) });
    expect(engine.getStatus().lastSuccessAt).toEqual(expect.any(String));
  });
});

describe('configuration pull', () => {
  it('stores the configuration and sends its ETag the next time', async () => {
    const { recording, device, engine } = await setUp();

    const first = await engine.syncNow();
    const stored = await device.db.config.get('config');
    expect(first.config).toBe('updated');
    expect(stored?.config.unit.id).toBe('test.commune');
    expect(stored?.etag).toMatch(/^"/);
    expect(recording.configRequests()[0]?.headers.get('if-none-match')).toBeNull();

    const second = await engine.syncNow();
    expect(second.config).toBe('unchanged');
    expect(recording.configRequests()[1]?.headers.get('if-none-match')).toBe(stored?.etag);
    expect((await device.db.config.get('config'))?.fetchedAt).toBe(stored?.fetchedAt);
  });

  it('keeps the last configuration when the pull fails, and still pushes the answers', async () => {
    const { recording, device, engine } = await setUp();
    await engine.syncNow();
    const before = await device.db.config.get('config');
    await seedPending(device.db, 2);
    recording.intercept((request) => (request.path === '/api/v1/sync/config' ? new Response('upstream broke', { status: 502 }) : null));

    const result = await engine.syncNow();

    expect(result).toMatchObject({ outcome: 'synced', config: 'failed', accepted: 2, error: { code: 'http-502' } });
    expect(await device.db.config.get('config')).toEqual(before);
    expect(engine.getStatus().lastError).toMatchObject({ code: 'http-502' });
  });

  it('still tries the push when the configuration request finds no network', async () => {
    const { recording, device, engine } = await setUp();
    await seedPending(device.db, 2);
    recording.intercept(() => {
      throw new TypeError('fetch failed');
    });

    const result = await engine.syncNow();

    expect(result).toMatchObject({ outcome: 'failed', config: 'failed', batches: 0, error: { code: 'network' } });
    // On a flaky network the next request may well get through: the answers do not wait for the configuration.
    expect(recording.batches()).toHaveLength(1);
    expect(await device.db.responses.where('status').equals('pending').count()).toBe(2);
  });
});

describe("a tablet's answers stored before the channel existed", () => {
  it('keep every field, become kiosk answers on upgrade, and reach the server as such beside a new assisted one', async () => {
    const name = `channel-upgrade-${process.pid}`;
    const deviceId = '0190a8b4-7c1e-7000-8000-00000000c0de';
    const previous = openKioskDatabaseAsVersion(name, 2);
    const kept = [1, 2].map((deviceSequence) => {
      const { channel: _notYetThere, ...response } = makeResponse({ id: newResponseId(), deviceId, deviceSequence, unitId: UNIT_ID });
      return { ...response, status: 'pending', localDay: localDayOf(response.submittedAt, TIME_ZONE) };
    });
    await previous.table('device').put({ key: 'device', deviceId, highestIssuedSequence: 2, createdAt: new Date().toISOString() });
    await previous.table('responses').bulkAdd(kept);
    await previous
      .table('staffAccess')
      .put({ key: 'pin', hash: 'h', salt: 's', iterations: 1, failedAttempts: 0, lockedUntil: null, changedAt: 'x' });
    previous.close();

    const recording = createRecordingFetch();
    const device = await enrolledDevice(server, recording, name);
    expect(device.db).toBeInstanceOf(KioskDatabase);
    expect(device.deviceId).toBe(deviceId);
    expect(device.db.verno).toBe(3);
    const upgraded = await device.db.responses.orderBy('deviceSequence').toArray();
    expect(upgraded).toEqual(kept.map((record) => ({ ...record, channel: 'kiosk' })));
    expect(await device.db.staffAccess.get('pin')).toMatchObject({ hash: 'h', failedAttempts: 0 });

    const [assisted] = await seedPending(device.db, 1, () => ({ channel: 'staff-assisted' }));
    await engineFor(device, createManualClock()).syncNow();

    const sent = recording.batches().flatMap((batch) => batch.responses.map((response) => [response.deviceSequence, response.channel]));
    expect(sent).toEqual([
      [1, 'kiosk'],
      [2, 'kiosk'],
      [3, 'staff-assisted'],
    ]);
    const stored = await server.serverDb
      .selectFrom('responses')
      .select(['id', 'channel'])
      .where('device_id', '=', deviceId)
      .orderBy('device_sequence')
      .execute();
    expect(stored).toEqual([
      { id: kept[0]!.id, channel: 'kiosk' },
      { id: kept[1]!.id, channel: 'kiosk' },
      { id: assisted!.id, channel: 'staff-assisted' },
    ]);
    expect((await device.db.responses.toArray()).every((record) => record.status === 'synced')).toBe(true);
  });
});

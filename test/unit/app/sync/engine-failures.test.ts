import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { saveEnrolment } from '../../../../src/app/store/device.ts';
import type { SyncEngine, SyncEngineOptions } from '../../../../src/app/sync/engine.ts';
import { revokeDevice } from '../../../../src/server/db/devices-repository.ts';
import {
  createManualClock,
  createRecordingFetch,
  engineFor,
  enrolledDevice,
  errorReply,
  seedPending,
  startTestServer,
  type TestServer,
} from './harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const engines: SyncEngine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.stop();
});

const BATCH_PATH = '/api/v1/sync/responses';

async function setUp(draws: number[] = [0.5], options: Partial<SyncEngineOptions> = {}) {
  const recording = createRecordingFetch();
  const device = await enrolledDevice(server, recording);
  const clock = createManualClock();
  const events = new EventTarget();
  let drawIndex = 0;
  // The jitter draws, in order; the last one repeats.
  const random = () => draws[Math.min(drawIndex++, draws.length - 1)] ?? 0.5;
  const engine = engineFor(device, clock, { random, events, ...options });
  engines.push(engine);
  return { recording, device, clock, events, engine };
}

function failBatches(recording: ReturnType<typeof createRecordingFetch>, answer: () => Response) {
  recording.intercept((request) => (request.path === BATCH_PATH ? answer() : null));
}

describe('a batch that fails as a whole', () => {
  it('changes no record, records the error and retries after a jittered, growing delay', async () => {
    const { recording, device, clock, engine } = await setUp([0.5, 0.999, 0.25]);
    await seedPending(device.db, 12);
    const before = await device.db.responses.toArray();
    recording.intercept((request) => {
      if (request.path === BATCH_PATH) throw new TypeError('fetch failed');
      return null;
    });

    engine.start();
    await vi.waitFor(() => expect(engine.getStatus().state).toBe('offline'));

    expect(await device.db.responses.toArray()).toEqual(before);
    const failedAt = clock.now().getTime();
    expect(engine.getStatus()).toMatchObject({ pending: 12, lastError: { code: 'network' } });
    expect((await device.db.sync.get('sync'))?.lastError).toMatchObject({ code: 'network', message: 'no network' });
    // 1st failure: ceiling 1 s, draw 0.5.
    expect(Date.parse(engine.getStatus().nextAttemptAt!) - failedAt).toBe(500);
    expect(clock.pendingDelays()).toEqual([500, 60_000]);

    clock.advance(500);
    // 2nd failure: ceiling 2 s, draw 0.999 → just under the ceiling.
    await vi.waitFor(() => expect(clock.pendingDelays()[0]).toBe(1_998));
    clock.advance(1_998);
    // 3rd failure: ceiling 4 s, draw 0.25.
    await vi.waitFor(() => expect(clock.pendingDelays()[0]).toBe(1_000));
    expect(recording.batches()).toHaveLength(3);
    expect(await device.db.responses.toArray()).toEqual(before);

    recording.intercept(null);
    clock.advance(1_000);
    await vi.waitFor(() => expect(engine.getStatus()).toMatchObject({ state: 'idle', pending: 0, synced: 12, nextAttemptAt: null }));
    expect(engine.getStatus().lastError).toBeNull();
    // Only the interval is left, 3,498 ms closer.
    expect(clock.pendingDelays()).toEqual([60_000 - 3_498]);
  });

  it('keeps waiting for its retry across stop() and start()', async () => {
    const { recording, device, clock, engine } = await setUp([0.5]);
    await seedPending(device.db, 1);
    failBatches(recording, () => errorReply(500, 'internal'));
    engine.start();
    await vi.waitFor(() => expect(engine.getStatus().state).toBe('backing-off'));

    engine.stop();
    clock.advance(400);
    engine.start();
    expect(clock.pendingDelays()).toEqual([100, 60_000]);

    recording.intercept(null);
    clock.advance(100);
    await vi.waitFor(() => expect(engine.getStatus()).toMatchObject({ state: 'idle', synced: 1 }));
  });

  it('treats 5xx as backing off, not offline, and keeps every record pending', async () => {
    const { recording, device, engine } = await setUp();
    await seedPending(device.db, 3);
    failBatches(recording, () => errorReply(503, 'unavailable'));

    const result = await engine.syncNow();

    expect(result).toMatchObject({ outcome: 'failed', accepted: 0, error: { code: 'unavailable' } });
    expect(engine.getStatus().state).toBe('backing-off');
    expect(await device.db.responses.where('status').equals('pending').count()).toBe(3);
  });

  it('classifies a timeout as offline', async () => {
    const { recording, device, engine } = await setUp();
    await seedPending(device.db, 1);
    recording.intercept(() => {
      throw new DOMException('the signal timed out', 'TimeoutError');
    });

    const result = await engine.syncNow();

    expect(result.error?.code).toBe('timeout');
    expect(engine.getStatus().state).toBe('offline');
  });

  it('honours Retry-After on 429, even when the network event fires', async () => {
    const { recording, device, clock, events, engine } = await setUp([0.5]);
    await seedPending(device.db, 2);
    failBatches(recording, () => errorReply(429, 'rate-limited', { 'retry-after': '30' }));

    engine.start();
    await vi.waitFor(() => expect(engine.getStatus().state).toBe('backing-off'));
    expect(clock.pendingDelays()[0]).toBe(30_000);

    recording.intercept(null);
    events.dispatchEvent(new Event('online'));
    engine.requestSoon();
    clock.advance(29_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(recording.batches()).toHaveLength(1);

    clock.advance(1_000);
    await vi.waitFor(() => expect(engine.getStatus()).toMatchObject({ state: 'idle', synced: 2 }));
  });

  it('cuts an offline backoff short when the `online` event says the network is back', async () => {
    const { recording, device, clock, events, engine } = await setUp([0.9], { submitDelayMs: 300 });
    await seedPending(device.db, 2);
    recording.intercept(() => {
      throw new TypeError('fetch failed');
    });
    engine.start();
    await vi.waitFor(() => expect(engine.getStatus().state).toBe('offline'));

    // A submit while waiting does not bring the retry forward: the network is still gone.
    engine.requestSoon();
    clock.advance(300);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(recording.configRequests()).toHaveLength(1);

    recording.intercept(null);
    events.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(engine.getStatus()).toMatchObject({ state: 'idle', synced: 2, nextAttemptAt: null }));
  });
});

describe('refused credentials', () => {
  it('stops on 401, keeps every record and syncs again after re-enrolment', async () => {
    const { recording, device, clock, engine } = await setUp();
    await seedPending(device.db, 4);
    const identity = (await device.db.device.get('device'))!;
    await device.db.device.put({ ...identity, token: 'A'.repeat(43) });

    const refused = await engine.syncNow();

    expect(refused).toMatchObject({ outcome: 'stopped', error: { code: expect.any(String) } });
    expect(engine.getStatus()).toMatchObject({ state: 'stopped', stoppedReason: 'unauthorized', pending: 4, nextAttemptAt: null });
    expect((await device.db.sync.get('sync'))?.stoppedReason).toBe('unauthorized');

    // Stopped means stopped: neither the start-up run nor the interval sends anything.
    const requestsWhenStopped = recording.requests.length;
    engine.start();
    clock.advance(60_000 * 3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(recording.requests.length).toBe(requestsWhenStopped);
    expect(await device.db.responses.where('status').equals('pending').count()).toBe(4);

    // The tablet keeps its id, so an administrator revokes it first ("replace this tablet"): an enrolment
    // never takes over an enrolled device.
    await revokeDevice(server.serverDb, device.deviceId, new Date());
    const enrolment = await device.api.enrol({ code: await server.issueCode(), deviceId: device.deviceId });
    await saveEnrolment(device.db, enrolment);
    const resumed = await engine.syncNow();

    expect(resumed).toMatchObject({ outcome: 'synced', accepted: 4 });
    expect(engine.getStatus()).toMatchObject({ state: 'idle', stoppedReason: null, synced: 4 });
  });

  it('stops on 403 when the device was revoked', async () => {
    const { device, engine } = await setUp();
    await seedPending(device.db, 2);
    await revokeDevice(server.serverDb, device.deviceId, new Date());

    const result = await engine.syncNow();

    expect(result.outcome).toBe('stopped');
    expect(engine.getStatus()).toMatchObject({ state: 'stopped', stoppedReason: 'device-revoked', pending: 2 });
  });

  it('changes no record when the device is revoked between the config pull and the batch', async () => {
    const { recording, device, engine } = await setUp();
    await seedPending(device.db, 2);
    const before = await device.db.responses.toArray();
    failBatches(recording, () => errorReply(403, 'device-revoked'));

    const result = await engine.syncNow();

    expect(result).toMatchObject({ outcome: 'stopped', config: 'updated' });
    expect(await device.db.responses.toArray()).toEqual(before);
    expect((await device.db.sync.get('sync'))?.stoppedReason).toBe('device-revoked');
  });
});

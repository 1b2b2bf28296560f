import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SyncEngine } from '../../../../src/app/sync/engine.ts';
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

/**
 * How fast answers arrive once a usable network is there: tries the browser knows cannot succeed are not
 * failures, the backoff starts again when the network returns, the upload does not wait for the
 * configuration, and no wait grows past the cap.
 */

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

const CONFIG_PATH = '/api/v1/sync/config';
const BATCH_PATH = '/api/v1/sync/responses';
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

async function setUp(options: { draw?: number; intervalMs?: number } = {}) {
  const recording = createRecordingFetch();
  const device = await enrolledDevice(server, recording);
  const clock = createManualClock();
  const events = new EventTarget();
  const network = { online: true };
  const engine = engineFor(device, clock, {
    random: () => options.draw ?? 0.5,
    events,
    isOnline: () => network.online,
    // Long unless a test needs it, so the retry timer is the only one a test advances to.
    intervalMs: options.intervalMs ?? 60 * 60_000,
  });
  engines.push(engine);
  return { recording, device, clock, events, network, engine };
}

function loseEveryRequest(recording: ReturnType<typeof createRecordingFetch>) {
  recording.intercept(() => {
    throw new TypeError('fetch failed');
  });
}

describe('offline is not failure', () => {
  it('does not try while the browser knows it is offline, and runs at once when the network returns', async () => {
    const { recording, device, clock, events, network, engine } = await setUp({ intervalMs: 60_000 });
    network.online = false;
    loseEveryRequest(recording);
    await seedPending(device.db, 5);

    engine.start();
    engine.requestSoon();
    clock.advance(59_000);
    await settle();
    // Start-up and the submit were skipped.
    expect(recording.configRequests()).toHaveLength(0);
    for (let minute = 1; minute <= 4; minute += 1) {
      clock.advance(minute === 1 ? 1_000 : 60_000);
      // The interval tries anyway (the browser's flag may be wrong), and its failure grows no backoff.
      await vi.waitFor(() => expect(recording.configRequests()).toHaveLength(minute));
      await vi.waitFor(() => expect(engine.getStatus()).toMatchObject({ state: 'offline', pending: 5, nextAttemptAt: null }));
      expect(clock.pendingDelays()).toEqual([60_000]);
    }

    network.online = true;
    recording.intercept(null);
    events.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(engine.getStatus()).toMatchObject({ state: 'idle', pending: 0, synced: 5 }));
  });

  it('counts no failure for a staff "sync now" while offline: the next real failure starts from the first delay', async () => {
    const { recording, device, clock, network, engine } = await setUp();
    await seedPending(device.db, 2);
    loseEveryRequest(recording);
    network.online = false;
    engine.start();
    for (let press = 0; press < 6; press += 1) {
      const result = await engine.syncNow();
      expect(result).toMatchObject({ outcome: 'failed', nextAttemptAt: null });
    }

    network.online = true;
    const failedAt = clock.now().getTime();
    const flaky = await engine.syncNow();
    // The first failure: ceiling 1 s, draw 0.5.
    expect(Date.parse(flaky.nextAttemptAt!) - failedAt).toBe(500);
  });
});

describe('the network returns', () => {
  it('starts the backoff again and runs at once instead of waiting out the grown delay', async () => {
    const { recording, device, clock, events, engine } = await setUp({ draw: 0.99 });
    await seedPending(device.db, 3);
    loseEveryRequest(recording);
    engine.start();
    for (let failures = 1; failures <= 5; failures += 1) {
      // The retry timer beside the interval's.
      await vi.waitFor(() => expect(clock.pendingDelays()).toHaveLength(2));
      clock.advance(clock.pendingDelays()[0]!);
    }
    await vi.waitFor(() => expect(recording.configRequests()).toHaveLength(6));
    await vi.waitFor(() => expect(clock.pendingDelays()).toHaveLength(2));
    expect(clock.pendingDelays()[0]).toBeGreaterThan(15_000);

    // The network comes back (the Wi-Fi reconnects) but the first try is lost again.
    const triesBefore = recording.configRequests().length;
    events.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(recording.configRequests()).toHaveLength(triesBefore + 1));
    // That failure is the first of a new backoff: ceiling 1 s, draw 0.99.
    await vi.waitFor(() => expect(clock.pendingDelays()[0]).toBe(990));

    recording.intercept(null);
    clock.advance(990);
    await vi.waitFor(() => expect(engine.getStatus()).toMatchObject({ state: 'idle', synced: 3 }));
  });

  it('still honours a Retry-After the server asked for', async () => {
    const { recording, device, clock, events, engine } = await setUp();
    await seedPending(device.db, 1);
    recording.intercept((request) => (request.path === BATCH_PATH ? errorReply(503, 'unavailable', { 'retry-after': '20' }) : null));
    engine.start();
    await vi.waitFor(() => expect(clock.pendingDelays()[0]).toBe(20_000));

    recording.intercept(null);
    events.dispatchEvent(new Event('online'));
    await settle();
    expect(recording.batches()).toHaveLength(1);
    clock.advance(20_000);
    await vi.waitFor(() => expect(engine.getStatus()).toMatchObject({ state: 'idle', synced: 1 }));
  });
});

describe('the upload does not depend on the configuration', () => {
  it('uploads when the configuration request is lost', async () => {
    const { recording, device, engine } = await setUp();
    await engine.syncNow();
    await seedPending(device.db, 4);
    recording.intercept((request) => {
      if (request.path === CONFIG_PATH) throw new TypeError('fetch failed');
      return null;
    });

    const result = await engine.syncNow();

    expect(result).toMatchObject({ outcome: 'synced', config: 'failed', accepted: 4, error: { code: 'network' } });
    expect(await server.storedResponseCount(device.deviceId)).toBe(4);
  });
});

describe('the backoff cap', () => {
  it('never waits more than 30 s between tries while a network is there, however many tries failed', async () => {
    const { recording, device, clock, engine } = await setUp({ draw: 0.999_999 });
    await seedPending(device.db, 1);
    recording.intercept((request) => (request.path === BATCH_PATH ? errorReply(500, 'internal') : null));
    engine.start();
    const delays: number[] = [];
    for (let failures = 1; failures <= 12; failures += 1) {
      await vi.waitFor(() => expect(recording.batches()).toHaveLength(failures));
      await vi.waitFor(() => expect(clock.pendingDelays()).toHaveLength(2));
      const delay = clock.pendingDelays()[0]!;
      delays.push(delay);
      clock.advance(delay);
    }
    expect(Math.max(...delays)).toBeLessThanOrEqual(30_000);
    expect(delays.at(-1)).toBeGreaterThan(29_000);
  });
});

describe('the first configuration of a newly enrolled kiosk', () => {
  it('is retried from about a second after a 5xx, growing, until it arrives', async () => {
    const { recording, device, clock, engine } = await setUp({ intervalMs: 60_000 });
    let refusals = 0;
    recording.intercept((request) => (request.path === CONFIG_PATH && refusals++ < 2 ? errorReply(503, 'unavailable') : null));
    engine.start();

    // The first request gets a 5xx: a retry in 500 ms (ceiling 1 s, draw 0.5), beside the 60 s interval.
    await vi.waitFor(() => expect(clock.pendingDelays()).toEqual([500, 60_000]));
    expect(engine.getStatus()).toMatchObject({ state: 'backing-off', lastError: { code: 'unavailable' } });
    expect(await device.db.config.count()).toBe(0);

    clock.advance(500);
    // The second refusal: ceiling 2 s, draw 0.5.
    await vi.waitFor(() => expect(recording.configRequests().length).toBeGreaterThanOrEqual(2));
    await vi.waitFor(() => expect(clock.pendingDelays()).toEqual([1_000, expect.any(Number)]));
    clock.advance(1_000);
    await vi.waitFor(() => expect(engine.getStatus()).toMatchObject({ state: 'idle', nextAttemptAt: null, lastError: null }));
    expect(await device.db.config.count()).toBe(1);
    expect(recording.configRequests().length).toBe(3);
  });

  it('does not turn a kiosk that has a configuration into a failing one when a later pull gets a 5xx', async () => {
    const { recording, engine } = await setUp();
    await engine.syncNow();
    recording.intercept((request) => (request.path === CONFIG_PATH ? errorReply(503, 'unavailable') : null));

    const result = await engine.syncNow();

    expect(result).toMatchObject({ outcome: 'synced', config: 'failed', nextAttemptAt: null });
  });
});

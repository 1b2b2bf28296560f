import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { KioskDatabase } from '../../../../src/app/store/db.ts';
import { ensureDeviceIdentity } from '../../../../src/app/store/device.ts';
import { createApiClient } from '../../../../src/app/sync/api.ts';
import type { SyncEngine } from '../../../../src/app/sync/engine.ts';
import {
  createManualClock,
  createRecordingFetch,
  createSharedLockManager,
  engineFor,
  enrolledDevice,
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

/** Long enough for a wrongly started run to reach the network on loopback. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('one sender per device', () => {
  it('two tabs on one database never send the same record, and the server stores each record once', async () => {
    const recording = createRecordingFetch();
    const databaseName = `two-tabs-${process.pid}`;
    const firstTab = await enrolledDevice(server, recording, databaseName);
    const secondTab = { db: new KioskDatabase(databaseName), api: firstTab.api };
    const locks = createSharedLockManager();
    const clock = createManualClock();
    const tabs = [engineFor(firstTab, clock, { locks }), engineFor(secondTab, clock, { locks })];
    engines.push(...tabs);

    let seeded = 0;
    for (let round = 0; round < 4; round += 1) {
      seeded += (await seedPending(firstTab.db, 300 + round * 250)).length;
      const results = await Promise.all(tabs.flatMap((tab) => [tab.syncNow(), tab.syncNow()]));
      expect(results.filter((result) => result.outcome === 'busy').length).toBeGreaterThan(0);
    }

    const sentIds = recording.batches().flatMap((batch) => batch.responses.map((response) => response.id as string));
    expect(sentIds).toHaveLength(seeded);
    expect(new Set(sentIds).size).toBe(seeded);
    expect(recording.maxConcurrentBatches()).toBe(1);
    expect(await server.storedResponseCount(firstTab.deviceId)).toBe(seeded);
    expect(await firstTab.db.responses.where('status').equals('synced').count()).toBe(seeded);
    expect(locks.refusals).toBeGreaterThan(0);
  });

  it('never overlaps two runs in one page, even without Web Locks', async () => {
    const recording = createRecordingFetch();
    const device = await enrolledDevice(server, recording);
    const engine = engineFor(device, createManualClock(), { locks: null });
    await seedPending(device.db, 1100);

    const [first, second, third] = await Promise.all([engine.syncNow(), engine.syncNow(), engine.syncNow()]);

    expect(first).toMatchObject({ outcome: 'synced', sent: 1100 });
    // The calls made during the first run share one follow-up run, which finds nothing left to send.
    expect(second).toBe(third);
    expect(second).toMatchObject({ outcome: 'synced', sent: 0, heartbeat: true });
    expect(recording.maxConcurrentBatches()).toBe(1);
    expect(recording.batches()).toHaveLength(4);
  });
});

describe('triggers', () => {
  it('runs at start-up, on the interval and once after a burst of submits', async () => {
    const recording = createRecordingFetch();
    const device = await enrolledDevice(server, recording);
    const clock = createManualClock();
    const engine = engineFor(device, clock, { intervalMs: 60_000, submitDelayMs: 1_500 });
    engines.push(engine);

    engine.start();
    engine.start();
    await vi.waitFor(() => expect(recording.batches()).toHaveLength(1));
    await vi.waitFor(() => expect(engine.getStatus().state).toBe('idle'));

    await seedPending(device.db, 3);
    engine.requestSoon();
    clock.advance(1_000);
    engine.requestSoon();
    clock.advance(1_000);
    engine.requestSoon();
    await vi.waitFor(() => expect(engine.getStatus().pending).toBe(3));
    expect(recording.batches()).toHaveLength(1);

    clock.advance(1_500);
    await vi.waitFor(() => expect(engine.getStatus()).toMatchObject({ pending: 0, synced: 3 }));
    expect(recording.batches()).toHaveLength(2);

    clock.advance(60_000 - 3_500);
    await vi.waitFor(() => expect(recording.batches()).toHaveLength(3));
    expect(recording.batches()[2]).toMatchObject({ responses: [], highestIssuedSequence: 3 });
  });

  it('runs when the browser says it is online, and stop() ends every trigger', async () => {
    const recording = createRecordingFetch();
    const device = await enrolledDevice(server, recording);
    const clock = createManualClock();
    const events = new EventTarget();
    const engine = engineFor(device, clock, { events });
    engines.push(engine);
    engine.start();
    await vi.waitFor(() => expect(recording.batches()).toHaveLength(1));
    await vi.waitFor(() => expect(engine.getStatus().state).toBe('idle'));

    events.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(recording.batches()).toHaveLength(2));
    await vi.waitFor(() => expect(engine.getStatus().state).toBe('idle'));

    engine.stop();
    expect(clock.pendingDelays()).toEqual([]);
    events.dispatchEvent(new Event('online'));
    engine.requestSoon();
    clock.advance(10 * 60_000);
    await settle();
    expect(recording.batches()).toHaveLength(2);
  });

  it('does nothing but report when the device is not enrolled', async () => {
    const recording = createRecordingFetch();
    const db = new KioskDatabase(`not-enrolled-${process.pid}`);
    await ensureDeviceIdentity(db);
    const engine = engineFor({ db, api: createApiClient({ baseUrl: server.baseUrl, fetch: recording.fetch }) }, createManualClock());

    const result = await engine.syncNow();

    expect(result.outcome).toBe('not-enrolled');
    expect(recording.requests).toHaveLength(0);
    expect(engine.getStatus().state).toBe('not-enrolled');
  });
});

describe('status', () => {
  it('keeps the same object until something changes, and tells subscribers when it does', async () => {
    const recording = createRecordingFetch();
    const device = await enrolledDevice(server, recording);
    const engine = engineFor(device, createManualClock());
    const { getStatus, subscribe } = engine;
    const notified = vi.fn();
    const unsubscribe = subscribe(notified);

    // A fresh, enrolled device with nothing stored reads as the initial status: no new object, no call.
    const initial = getStatus();
    engine.requestSoon();
    engine.requestSoon();
    await settle();
    expect(getStatus()).toBe(initial);
    expect(getStatus()).toBe(getStatus());
    expect(notified).not.toHaveBeenCalled();

    await seedPending(device.db, 2);
    engine.requestSoon();
    await vi.waitFor(() => expect(getStatus().pending).toBe(2));
    expect(getStatus()).not.toBe(initial);
    expect(notified).toHaveBeenCalled();

    unsubscribe();
    notified.mockClear();
    await engine.syncNow();
    expect(notified).not.toHaveBeenCalled();
    expect(getStatus()).toMatchObject({ state: 'idle', pending: 0, synced: 2, lastSuccessAt: expect.any(String) });
  });

  it('shows the counts moving while a long backlog drains', async () => {
    const recording = createRecordingFetch();
    const device = await enrolledDevice(server, recording);
    const engine = engineFor(device, createManualClock());
    await seedPending(device.db, 1_000);
    engine.requestSoon();
    await vi.waitFor(() => expect(engine.getStatus().pending).toBe(1_000));
    const seen: { state: string; pending: number }[] = [];
    engine.subscribe(() => seen.push({ state: engine.getStatus().state, pending: engine.getStatus().pending }));

    await engine.syncNow();

    expect(seen).toContainEqual({ state: 'syncing', pending: 1_000 });
    expect(seen).toContainEqual({ state: 'syncing', pending: 500 });
    expect(seen.at(-1)).toEqual({ state: 'idle', pending: 0 });
  });
});

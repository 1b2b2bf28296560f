import { afterAll, beforeAll, expect, it } from 'vitest';
import { createManualClock, createRecordingFetch, engineFor, enrolledDevice, seedPending, startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

// The target: a tablet holding 10,000 pending responses drains them in under 10 s on loopback.
it('drains 10,000 pending responses to the real server in under 10 s', { timeout: 60_000 }, async () => {
  const recording = createRecordingFetch();
  const device = await enrolledDevice(server, recording);
  const engine = engineFor(device, createManualClock());
  await seedPending(device.db, 10_000);

  const startedAt = performance.now();
  const result = await engine.syncNow();
  const elapsedMs = performance.now() - startedAt;

  console.info(`sync drain: 10,000 responses in ${Math.round(elapsedMs)} ms (${result.batches} batches)`);
  expect(result).toMatchObject({ outcome: 'synced', batches: 20, accepted: 10_000 });
  expect(await server.storedResponseCount(device.deviceId)).toBe(10_000);
  expect(await device.db.responses.where('status').equals('pending').count()).toBe(0);
  expect(elapsedMs).toBeLessThan(10_000);
});

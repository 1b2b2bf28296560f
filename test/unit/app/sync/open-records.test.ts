import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeOpenResponse } from '../../../../src/app/store/responses.ts';
import { createManualClock, createRecordingFetch, engineFor, enrolledDevice, seedPending, startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("a record the kiosk holds open (quick mode's reason screen)", () => {
  it('is not sent while open, and goes exactly once with its reason after it is closed', async () => {
    const recording = createRecordingFetch();
    const device = await enrolledDevice(server, recording);
    const clock = createManualClock();
    const engine = engineFor(device, clock);
    const [before, held, after] = await seedPending(device.db, 3);
    const openUntil = new Date(clock.now().getTime() + 180_000).toISOString();
    await device.db.responses.update(held!.id, { reasonOpenUntil: openUntil });

    await engine.syncNow();
    const sentFirst = recording.batches().flatMap((batch) => batch.responses.map((response) => response.id));
    expect(sentFirst).toEqual([before!.id, after!.id]);
    expect((await device.db.responses.get(held!.id))?.status).toBe('pending');

    expect(await closeOpenResponse(device.db, held!.id, { comment: 'Chờ lâu' })).toBe(true);
    await engine.syncNow();
    const sentHeld = recording
      .batches()
      .flatMap((batch) => batch.responses)
      .filter((response) => response.id === held!.id);
    expect(sentHeld).toHaveLength(1);
    expect(sentHeld[0]!.answers).toMatchObject({ comment: 'Chờ lâu' });
    expect(Object.keys(sentHeld[0]!)).not.toContain('reasonOpenUntil');
    expect(await server.storedResponseCount(device.deviceId)).toBe(3);
  });

  it('is sent once its open time has passed, as a tablet that died on the reason screen would need', async () => {
    const recording = createRecordingFetch();
    const device = await enrolledDevice(server, recording);
    const clock = createManualClock();
    const engine = engineFor(device, clock);
    const [held] = await seedPending(device.db, 1);
    await device.db.responses.update(held!.id, { reasonOpenUntil: new Date(clock.now().getTime() + 180_000).toISOString() });

    await engine.syncNow();
    expect((await device.db.responses.get(held!.id))?.status).toBe('pending');
    clock.advance(181_000);
    await engine.syncNow();
    expect((await device.db.responses.get(held!.id))?.status).toBe('synced');
    // Too late for a reason: the rating stands as sent.
    expect(await closeOpenResponse(device.db, held!.id, { reason: ['late'] })).toBe(false);
    expect(await server.storedResponseCount(device.deviceId)).toBe(1);
  });
});

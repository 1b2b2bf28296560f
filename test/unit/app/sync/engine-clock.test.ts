import { afterAll, beforeAll, expect, it } from 'vitest';
import { localDayOf } from '../../../../src/domain/local-day.ts';
import { newResponseId } from '../../../../src/app/store/device.ts';
import { storeResponse } from '../../../../src/app/store/responses.ts';
import { makeResponse } from '../../domain/factories.ts';
import {
  createManualClock,
  createRecordingFetch,
  engineFor,
  enrolledDevice,
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

function answerFor(deviceId: string) {
  const { deviceSequence: _sequence, clockOffset: _offset, ...response } = makeResponse({ id: newResponseId(), deviceId, unitId: UNIT_ID });
  return response;
}

it('records the clock offset with each answer from the last sync of this page, and the server places the answer by it', async () => {
  const recording = createRecordingFetch();
  const device = await enrolledDevice(server, recording);
  const engine = engineFor(device, createManualClock());

  // Before any sync there is nothing to measure against: the answer is placed by its batch's skew, as before.
  const unanchored = await storeResponse(device.db, answerFor(device.deviceId), TIME_ZONE);
  expect(unanchored).not.toHaveProperty('clockOffset');
  await engine.syncNow();

  const anchored = await storeResponse(device.db, answerFor(device.deviceId), TIME_ZONE);
  // Same machine, same clock: the offset is the time of one loopback request at most.
  expect(anchored.clockOffset).toMatchObject({ basis: 'session', forwardMs: 0 });
  expect(Math.abs(anchored.clockOffset!.ms)).toBeLessThan(2_000);
  expect((await device.db.device.get('device'))?.clockAnchor).toMatchObject({ serverMs: expect.any(Number), wallMs: expect.any(Number) });

  await engine.syncNow();
  const sent = recording.batches().flatMap((batch) => batch.responses);
  expect(sent.find((record) => record.id === anchored.id)?.clockOffset).toEqual(anchored.clockOffset);
  const row = await server.serverDb.selectFrom('responses').select(['local_day', 'flags']).where('id', '=', anchored.id).executeTakeFirstOrThrow();
  expect(row).toEqual({ local_day: localDayOf(anchored.submittedAt, TIME_ZONE), flags: '' });
  const legacy = await server.serverDb.selectFrom('responses').select('flags').where('id', '=', unanchored.id).executeTakeFirstOrThrow();
  expect(legacy.flags).toBe('');
});

import { Dexie } from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDayOf } from '../../../../src/domain/local-day.ts';
import { KioskDatabase } from '../../../../src/app/store/db.ts';
import { newResponseId } from '../../../../src/app/store/device.ts';
import { makeResponse } from '../../domain/factories.ts';
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

/** The tablet's database exactly as version 2 of the schema declared it, before responses had a channel. */
function openAsSchemaTwo(name: string): Dexie {
  const db = new Dexie(name);
  db.version(1).stores({
    responses: 'id, status, localDay, deviceSequence, [status+deviceSequence], [localDay+status]',
    device: 'key',
    config: 'key',
    settings: 'key',
    sync: 'key',
  });
  db.version(2).stores({ staffAccess: 'key' });
  return db;
}

describe("a tablet's answers stored before the channel existed", () => {
  it('keep every field, become kiosk answers on upgrade, and reach the server as such beside a new assisted one', async () => {
    const name = `channel-upgrade-${process.pid}`;
    const deviceId = '0190a8b4-7c1e-7000-8000-00000000c0de';
    const previous = openAsSchemaTwo(name);
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

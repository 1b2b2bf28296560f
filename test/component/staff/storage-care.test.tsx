import { describe, expect, it } from 'vitest';
import { openKioskDatabaseAsVersion } from '../../fixtures/kiosk-schema-history.ts';
import { KioskDatabase } from '../../../src/app/store/db.ts';
import { pruneSyncedResponses } from '../../../src/app/store/retention.ts';
import { freshTablet, storeAnswers } from './render-staff.tsx';

const DAY_MS = 86_400_000;

describe('pruning synced responses', () => {
  it('removes only synced responses older than the retention, and never resets the sequence counter', async () => {
    const db = await freshTablet();
    const old = new Date(Date.now() - 100 * DAY_MS).toISOString();
    const oldSynced = await storeAnswers(db, { 'E1.1': 5 }, { submittedAt: old, startedAt: old });
    const oldPending = await storeAnswers(db, { 'E1.1': 4 }, { submittedAt: old, startedAt: old });
    const oldRejected = await storeAnswers(db, { 'E1.1': 3 }, { submittedAt: old, startedAt: old });
    const recentSynced = await storeAnswers(db, { 'E1.1': 2 });
    await db.responses.update(oldSynced.id, { status: 'synced' });
    await db.responses.update(recentSynced.id, { status: 'synced' });
    await db.responses.update(oldRejected.id, { status: 'rejected' });

    expect(await pruneSyncedResponses(db, 90)).toBe(1);
    expect((await db.responses.toArray()).map((response) => response.id).sort()).toEqual([oldPending.id, oldRejected.id, recentSynced.id].sort());
    expect((await db.device.get('device'))?.highestIssuedSequence).toBe(4);
    expect((await storeAnswers(db, { 'E1.1': 5 })).deviceSequence).toBe(5);
  });
});

describe('the Dexie upgrade from version 1 to the current schema', () => {
  it('keeps every stored response (a kiosk answer), the device and its sequence, and adds the staff PIN table', async () => {
    const name = 'upgrade-v1-to-v2';
    const v1 = openKioskDatabaseAsVersion(name, 1);
    const records = [1, 2, 3].map((sequence) => ({
      id: `r${sequence}`,
      status: sequence === 2 ? 'synced' : 'pending',
      localDay: '2026-11-22',
      deviceSequence: sequence,
      answers: { 'E1.1': sequence },
    }));
    await v1.table('responses').bulkAdd(records);
    await v1.table('device').add({ key: 'device', deviceId: 'd', highestIssuedSequence: 3, createdAt: '2026-11-22T00:00:00.000Z', token: 't' });
    await v1.table('settings').add({ key: 'settings', overrides: { mode: 'quick' } });
    v1.close();

    const current = new KioskDatabase(name);
    await current.open();
    expect(current.verno).toBe(3);
    expect(await current.responses.orderBy('deviceSequence').toArray()).toEqual(records.map((record) => ({ ...record, channel: 'kiosk' })));
    expect(await current.responses.where('status').equals('pending').count()).toBe(2);
    expect((await current.device.get('device'))?.highestIssuedSequence).toBe(3);
    expect((await current.settings.get('settings'))?.overrides).toEqual({ mode: 'quick' });
    expect(await current.staffAccess.count()).toBe(0);
  });
});

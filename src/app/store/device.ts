import { uuidv7 } from 'uuidv7';
import type { DeviceIdentity, KioskDatabase } from './db.ts';

/**
 * The tablet's identity is made once, on first start, before any enrolment, so answers collected
 * before the network ever came keep one device id and one sequence.
 */
export async function ensureDeviceIdentity(db: KioskDatabase, now = new Date()): Promise<DeviceIdentity> {
  return db.transaction('rw', db.device, async () => {
    const existing = await db.device.get('device');
    if (existing) return existing;
    const created: DeviceIdentity = {
      key: 'device',
      deviceId: crypto.randomUUID(),
      highestIssuedSequence: 0,
      createdAt: now.toISOString(),
    };
    await db.device.add(created);
    return created;
  });
}

export async function saveEnrolment(db: KioskDatabase, enrolment: { token: string; unitId: string }, now = new Date()) {
  await db.transaction('rw', db.device, db.sync, async () => {
    const identity = await db.device.get('device');
    if (!identity) throw new Error('the device identity must exist before enrolment');
    await db.device.put({ ...identity, token: enrolment.token, unitId: enrolment.unitId, enrolledAt: now.toISOString() });
    const sync = (await db.sync.get('sync')) ?? { key: 'sync' as const };
    await db.sync.put({ ...sync, stoppedReason: undefined, lastError: undefined });
  });
}

/** A fresh UUID v7 (time-ordered) for a response; made on the device, never again for the same answer. */
export function newResponseId(): string {
  return uuidv7();
}

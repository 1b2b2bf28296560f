import type { KioskDatabase, SyncState } from '../store/db.ts';
import { countByStatus } from '../store/responses.ts';

export type SyncStatePatch = Partial<Omit<SyncState, 'key'>>;

/** Merges into the single sync row; a transaction keeps a concurrent re-enrolment's changes intact. */
export async function patchSyncState(db: KioskDatabase, patch: SyncStatePatch): Promise<void> {
  await db.transaction('rw', db.sync, async () => {
    const current = (await db.sync.get('sync')) ?? { key: 'sync' as const };
    await db.sync.put({ ...current, ...patch });
  });
}

/** What the status shows that lives in IndexedDB, shared by every tab of the device. */
export interface StoredSyncSnapshot {
  enrolled: boolean;
  counts: { pending: number; synced: number; rejected: number };
  state: SyncState | undefined;
}

export async function readSyncSnapshot(db: KioskDatabase): Promise<StoredSyncSnapshot> {
  const [identity, counts, state] = await Promise.all([db.device.get('device'), countByStatus(db), db.sync.get('sync')]);
  return { enrolled: Boolean(identity?.token), counts, state };
}

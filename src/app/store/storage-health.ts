export type PersistenceState = 'granted' | 'denied' | 'unsupported';

export interface StorageHealth {
  persistence: PersistenceState;
  usageBytes: number | null;
  quotaBytes: number | null;
}

/** Share of the quota above which staff are warned that the tablet is running out of space. */
export const STORAGE_NEARLY_FULL_RATIO = 0.9;

/**
 * Browsers evict non-persistent storage (Safari's 7-day rule, low disk). Asking once at start-up and
 * showing the answer to staff is the only way they learn of the risk before data is lost.
 */
export async function requestPersistentStorage(storage: StorageManager | undefined = navigator.storage): Promise<PersistenceState> {
  if (!storage?.persist || !storage.persisted) return 'unsupported';
  try {
    if (await storage.persisted()) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}

export async function checkStorageHealth(storage: StorageManager | undefined = navigator.storage): Promise<StorageHealth> {
  const persistence = await requestPersistentStorage(storage);
  const estimate = storage?.estimate ? await storage.estimate().catch(() => null) : null;
  return { persistence, usageBytes: estimate?.usage ?? null, quotaBytes: estimate?.quota ?? null };
}

export function isNearlyFull(health: StorageHealth): boolean {
  return health.usageBytes !== null && !!health.quotaBytes && health.usageBytes / health.quotaBytes >= STORAGE_NEARLY_FULL_RATIO;
}

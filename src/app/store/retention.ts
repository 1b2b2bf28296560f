import { DEFAULT_KIOSK_SETTINGS } from '../../domain/kiosk-settings.ts';
import type { KioskDatabase } from './db.ts';
import { effectiveSettings } from './config.ts';

const DAY_MS = 86_400_000;

/**
 * Deletes synced responses submitted more than `retentionDays` ago. Pending and rejected ones are never
 * touched (the server does not hold them yet), and neither is the device's sequence counter, which lives
 * on the device row: a pruned number is never issued again.
 */
export async function pruneSyncedResponses(db: KioskDatabase, retentionDays: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  return db.transaction('rw', db.responses, () =>
    db.responses
      .where('status')
      .equals('synced')
      .filter((response) => response.submittedAt < cutoff)
      .delete(),
  );
}

/** The retention staff or the unit set; settings stored before the field existed fall back to the default. */
export async function retentionDaysOf(db: KioskDatabase): Promise<number> {
  const [stored, local] = await Promise.all([db.config.get('config'), db.settings.get('settings')]);
  const settings = stored ? effectiveSettings(stored, local?.overrides) : DEFAULT_KIOSK_SETTINGS;
  return (settings as Partial<typeof settings>).retentionDays ?? DEFAULT_KIOSK_SETTINGS.retentionDays;
}

/** Prunes at start-up and then once a day, for tablets that stay on for months. */
export function startDailyPruning(db: KioskDatabase, onError: (error: unknown) => void): () => void {
  const prune = () =>
    void retentionDaysOf(db)
      .then((days) => pruneSyncedResponses(db, days))
      .catch(onError);
  prune();
  const timer = setInterval(prune, DAY_MS);
  return () => clearInterval(timer);
}

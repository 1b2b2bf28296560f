import { saveConfig } from '../store/config.ts';
import type { KioskDatabase } from '../store/db.ts';
import type { ApiClient } from './api.ts';

export type ConfigPullOutcome = 'updated' | 'unchanged';

/**
 * Fetches the device's configuration, sending the ETag of the copy we hold so an unchanged one costs a
 * 304. A failure throws and leaves the stored copy in place: the kiosk keeps working with the last one.
 */
export async function pullConfig(db: KioskDatabase, api: Pick<ApiClient, 'fetchConfig'>, token: string, now: () => Date): Promise<ConfigPullOutcome> {
  const stored = await db.config.get('config');
  const fetched = await api.fetchConfig(token, stored?.etag ?? null);
  if (!fetched) return 'unchanged';
  await saveConfig(db, fetched.config, fetched.etag, now());
  return 'updated';
}

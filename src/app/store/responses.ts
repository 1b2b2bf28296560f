import type { SurveyResponse } from '../../domain/response.ts';
import { localDayOf } from '../../domain/local-day.ts';
import type { KioskDatabase, StoredResponse } from './db.ts';
import { clockOffsetNow } from './device-clock.ts';

export type UnsequencedResponse = Omit<SurveyResponse, 'deviceSequence'>;

/**
 * Stores a response as `pending`, issuing the device's next sequence number in the same transaction,
 * so a number is never reused and never skipped by a failed write. Resolves only once IndexedDB has
 * committed: the kiosk shows its thank-you after this and never before. Saving the same id again returns
 * the stored record, so a retry after an unclear failure cannot store an answer twice. The answer carries
 * the tablet's clock offset to trusted time at this moment (device-clock.ts).
 */
export async function storeResponse(
  db: KioskDatabase,
  response: UnsequencedResponse,
  timeZone: string,
): Promise<StoredResponse> {
  return db.transaction('rw', db.device, db.responses, async () => {
    const alreadyStored = await db.responses.get(response.id);
    if (alreadyStored) return alreadyStored;
    const identity = await db.device.get('device');
    if (!identity) throw new Error('the device identity must exist before responses are stored');
    const deviceSequence = identity.highestIssuedSequence + 1;
    const clockOffset = response.clockOffset !== undefined ? response.clockOffset : clockOffsetNow(db, identity);
    const stored: StoredResponse = {
      ...response,
      ...(clockOffset === undefined ? {} : { clockOffset }),
      deviceSequence,
      status: 'pending',
      localDay: localDayOf(response.submittedAt, timeZone),
    };
    await db.device.put({ ...identity, highestIssuedSequence: deviceSequence });
    await db.responses.add(stored);
    return stored;
  });
}

export async function countByStatus(db: KioskDatabase): Promise<Record<StoredResponse['status'], number>> {
  const [pending, synced, rejected] = await Promise.all([
    db.responses.where('status').equals('pending').count(),
    db.responses.where('status').equals('synced').count(),
    db.responses.where('status').equals('rejected').count(),
  ]);
  return { pending, synced, rejected };
}

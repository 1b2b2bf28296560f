import { Dexie } from 'dexie';
import type { AnswerValue, SurveyResponse } from '../../domain/response.ts';
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
  options: { openUntil?: Date } = {},
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
      ...(options.openUntil ? { reasonOpenUntil: options.openUntil.toISOString() } : {}),
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

/**
 * Adds answers (quick mode's reason) to a stored record that is still open and makes it ready to send.
 * The same record, never a second one: its id and sequence stay. Resolves false when the record was
 * already sent (its open time had passed): the rating stands and the late reason is not kept.
 */
export async function closeOpenResponse(db: KioskDatabase, id: string, answers: Record<string, AnswerValue> = {}): Promise<boolean> {
  return db.transaction('rw', db.responses, async () => {
    const record = await db.responses.get(id);
    if (!record || record.status !== 'pending') return false;
    const { reasonOpenUntil: _open, ...closed } = record;
    await db.responses.put({ ...closed, answers: { ...record.answers, ...answers } });
    return true;
  });
}

function isOpen(record: StoredResponse, now: Date): boolean {
  return record.reasonOpenUntil !== undefined && record.reasonOpenUntil > now.toISOString();
}

/**
 * The outbox's next batch: pending records after `afterSequence`, oldest first, leaving out those the
 * kiosk still holds open. `lastSequence` is the cursor past every record read, held ones included, so a
 * sync run moves on and sends a held record in a later run, once it is closed or its time has passed.
 */
export async function nextPendingBatch(
  db: KioskDatabase,
  afterSequence: number,
  size: number,
  now: Date,
): Promise<{ records: StoredResponse[]; lastSequence: number | null }> {
  const read = await db.responses
    .where('[status+deviceSequence]')
    .between(['pending', afterSequence], ['pending', Dexie.maxKey], false, true)
    .limit(size)
    .toArray();
  return { records: read.filter((record) => !isOpen(record, now)), lastSequence: read.at(-1)?.deviceSequence ?? null };
}

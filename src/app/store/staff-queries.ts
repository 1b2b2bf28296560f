import type { KioskDatabase, StoredResponse } from './db.ts';

/** Responses of the unit's local days from `from` to `to`, both included ('YYYY-MM-DD'). */
export function responsesInDays(db: KioskDatabase, from: string, to: string): Promise<StoredResponse[]> {
  if (from > to) return Promise.resolve([]);
  return db.responses.where('localDay').between(from, to, true, true).toArray();
}

export function rejectedResponses(db: KioskDatabase): Promise<StoredResponse[]> {
  return db.responses.where('[status+deviceSequence]').between(['rejected', 0], ['rejected', Infinity]).toArray();
}

/** The first and last local days still on the tablet, for the date picker's bounds. */
export async function daysOnTablet(db: KioskDatabase): Promise<{ first: string; last: string } | null> {
  const [first, last] = await Promise.all([db.responses.orderBy('localDay').first(), db.responses.orderBy('localDay').last()]);
  return first && last ? { first: first.localDay, last: last.localDay } : null;
}

/** Age of the oldest answer the server does not hold yet: what eviction would lose. */
export async function oldestPendingSubmittedAt(db: KioskDatabase): Promise<string | null> {
  const pending = await db.responses.where('status').equals('pending').toArray();
  return pending.reduce<string | null>(
    (oldest, response) => (oldest === null || response.submittedAt < oldest ? response.submittedAt : oldest),
    null,
  );
}

/** Every pending or rejected sequence on the tablet: waiting or refused, so never "missing" on the server. */
export async function openSequences(db: KioskDatabase): Promise<Set<number>> {
  const keys = await Promise.all(
    (['pending', 'rejected'] as const).map((status) => db.responses.where('[status+deviceSequence]').between([status, 0], [status, Infinity]).keys()),
  );
  return new Set(keys.flat().map((key) => (key as unknown as [string, number])[1]));
}

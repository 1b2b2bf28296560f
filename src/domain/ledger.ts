/**
 * A per-device ledger of sequence numbers: which of 1..highest the server holds and which it has
 * never received. Gaps are kept as inclusive ranges, so the ledger stays small whatever the history.
 */
export type SequenceRange = readonly [from: number, to: number];

export interface DeviceLedger {
  /** The highest sequence number the device says it has issued (or the highest received, if larger). */
  readonly highestIssued: number;
  /** How many distinct sequence numbers the server holds. */
  readonly receivedCount: number;
  /** Sequence numbers in 1..highestIssued not received, as sorted, disjoint, non-adjacent ranges. */
  readonly missing: readonly SequenceRange[];
}

export const EMPTY_LEDGER: DeviceLedger = { highestIssued: 0, receivedCount: 0, missing: [] };

/** Every number from 1 up to this one has been received. */
export function highestContiguousSequence(ledger: DeviceLedger): number {
  const firstGap = ledger.missing[0];
  return firstGap ? firstGap[0] - 1 : ledger.highestIssued;
}

export function countMissing(ledger: DeviceLedger): number {
  return ledger.missing.reduce((sum, [from, to]) => sum + (to - from + 1), 0);
}

/** Raises the issued high-water mark; numbers above the old mark are missing until they arrive. */
export function recordIssued(ledger: DeviceLedger, highestIssued: number): DeviceLedger {
  if (highestIssued <= ledger.highestIssued) return ledger;
  return {
    highestIssued,
    receivedCount: ledger.receivedCount,
    missing: normalizeRanges([...ledger.missing, [ledger.highestIssued + 1, highestIssued]]),
  };
}

/**
 * Marks sequence numbers as received. A number already received is ignored, so a duplicate upload
 * never changes the ledger.
 */
export function recordReceived(ledger: DeviceLedger, sequences: Iterable<number>): DeviceLedger {
  const incoming = [...new Set(sequences)].filter((n) => Number.isInteger(n) && n >= 1).sort((a, b) => a - b);
  if (incoming.length === 0) return ledger;
  const top = incoming[incoming.length - 1] ?? 0;
  let current = recordIssued(ledger, top);
  let newlyReceived = 0;
  let missing = current.missing;
  for (const sequence of incoming) {
    const next: SequenceRange[] = [];
    for (const [from, to] of missing) {
      if (sequence < from || sequence > to) {
        next.push([from, to]);
        continue;
      }
      newlyReceived += 1;
      if (from < sequence) next.push([from, sequence - 1]);
      if (sequence < to) next.push([sequence + 1, to]);
    }
    missing = next;
  }
  current = { highestIssued: current.highestIssued, receivedCount: current.receivedCount + newlyReceived, missing };
  return current;
}

/** Combines two partial views of one device (e.g. from two server processes); order does not matter. */
export function mergeLedgers(a: DeviceLedger, b: DeviceLedger): DeviceLedger {
  const highestIssued = Math.max(a.highestIssued, b.highestIssued);
  const missingA = recordIssued(a, highestIssued).missing;
  const missingB = recordIssued(b, highestIssued).missing;
  const missing = intersectRanges(missingA, missingB);
  const missingCount = missing.reduce((sum, [from, to]) => sum + (to - from + 1), 0);
  return { highestIssued, receivedCount: highestIssued - missingCount, missing };
}

export function ledgerFromReceived(sequences: Iterable<number>, highestIssued = 0): DeviceLedger {
  return recordReceived(recordIssued(EMPTY_LEDGER, highestIssued), sequences);
}

function intersectRanges(a: readonly SequenceRange[], b: readonly SequenceRange[]): SequenceRange[] {
  const result: SequenceRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [fromA, toA] = a[i]!;
    const [fromB, toB] = b[j]!;
    const from = Math.max(fromA, fromB);
    const to = Math.min(toA, toB);
    if (from <= to) result.push([from, to]);
    if (toA < toB) i += 1;
    else j += 1;
  }
  return normalizeRanges(result);
}

function normalizeRanges(ranges: readonly SequenceRange[]): SequenceRange[] {
  const sorted = ranges.filter(([from, to]) => from <= to).sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

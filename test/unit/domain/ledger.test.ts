import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countMissing,
  EMPTY_LEDGER,
  highestContiguousSequence,
  ledgerFromReceived,
  mergeLedgers,
  recordIssued,
  recordReceived,
  type DeviceLedger,
} from '../../../src/domain/ledger.ts';

/** Every number the missing ranges cover, in order. */
function expandMissing(ledger: DeviceLedger): number[] {
  return ledger.missing.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i));
}

describe('ledger', () => {
  it('starts empty, with nothing missing', () => {
    expect(highestContiguousSequence(EMPTY_LEDGER)).toBe(0);
    expect(countMissing(EMPTY_LEDGER)).toBe(0);
  });

  it('keeps the gaps between received numbers as ranges', () => {
    const ledger = ledgerFromReceived([1, 2, 3, 5, 8]);
    expect(ledger).toEqual({
      highestIssued: 8,
      receivedCount: 5,
      missing: [
        [4, 4],
        [6, 7],
      ],
    });
    expect(highestContiguousSequence(ledger)).toBe(3);
    expect(countMissing(ledger)).toBe(3);
  });

  it('shows a gap at the end once the device reports having issued more', () => {
    const ledger = recordIssued(ledgerFromReceived([1, 2]), 5);
    expect(ledger.missing).toEqual([[3, 5]]);
    expect(highestContiguousSequence(ledger)).toBe(2);
  });

  it('never lowers the issued high-water mark', () => {
    const ledger = ledgerFromReceived([1, 2, 3]);
    expect(recordIssued(ledger, 2)).toBe(ledger);
  });

  it('closes a gap when the missing record arrives late', () => {
    const ledger = recordReceived(ledgerFromReceived([1, 3]), [2]);
    expect(ledger).toEqual({ highestIssued: 3, receivedCount: 3, missing: [] });
    expect(highestContiguousSequence(ledger)).toBe(3);
  });

  it('counts a duplicate upload once', () => {
    expect(recordReceived(ledgerFromReceived([1, 2, 4]), [2, 4, 4])).toEqual(ledgerFromReceived([1, 2, 4]));
  });

  it('ignores numbers that cannot be sequence numbers', () => {
    expect(recordReceived(EMPTY_LEDGER, [0, -3, 2.5, Number.NaN])).toBe(EMPTY_LEDGER);
  });

  it('merges two servers’ views into what both received', () => {
    const merged = mergeLedgers(ledgerFromReceived([1, 2, 5]), ledgerFromReceived([3], 7));
    expect(merged).toEqual({
      highestIssued: 7,
      receivedCount: 4,
      missing: [
        [4, 4],
        [6, 7],
      ],
    });
  });
});

describe('ledger properties', () => {
  const sequences = fc.array(fc.integer({ min: 1, max: 120 }), { maxLength: 80 });
  const issued = fc.integer({ min: 0, max: 150 });

  it('partitions 1..highest exactly into received and missing numbers', () => {
    fc.assert(
      fc.property(sequences, issued, (received, highestIssued) => {
        const ledger = ledgerFromReceived(received, highestIssued);
        const distinct = new Set(received);
        const highest = Math.max(highestIssued, ...received, 0);
        const expectedMissing = Array.from({ length: highest }, (_, i) => i + 1).filter((s) => !distinct.has(s));
        expect(ledger.highestIssued).toBe(highest);
        expect(expandMissing(ledger)).toEqual(expectedMissing);
        expect(ledger.receivedCount).toBe(distinct.size);
        expect(ledger.receivedCount + countMissing(ledger)).toBe(highest);
      }),
    );
  });

  it('keeps missing ranges sorted, disjoint and non-adjacent', () => {
    fc.assert(
      fc.property(sequences, issued, (received, highestIssued) => {
        const { missing } = ledgerFromReceived(received, highestIssued);
        missing.forEach(([from, to], i) => {
          expect(from).toBeLessThanOrEqual(to);
          const previous = missing[i - 1];
          if (previous) expect(from).toBeGreaterThan(previous[1] + 1);
        });
      }),
    );
  });

  it('gives as highest contiguous number the largest m with 1..m all received', () => {
    fc.assert(
      fc.property(sequences, issued, (received, highestIssued) => {
        const distinct = new Set(received);
        let m = 0;
        while (distinct.has(m + 1)) m += 1;
        expect(highestContiguousSequence(ledgerFromReceived(received, highestIssued))).toBe(m);
      }),
    );
  });

  it('ends the same whatever order and batches the numbers arrive in', () => {
    fc.assert(
      fc.property(
        sequences.chain((received) => fc.tuple(fc.constant(received), fc.shuffledSubarray(received, { minLength: received.length }))),
        fc.integer({ min: 1, max: 10 }),
        ([received, shuffled], batchSize) => {
          let ledger = EMPTY_LEDGER;
          for (let i = 0; i < shuffled.length; i += batchSize) ledger = recordReceived(ledger, shuffled.slice(i, i + batchSize));
          expect(ledger).toEqual(ledgerFromReceived(received));
        },
      ),
    );
  });

  it('merges partial views in any order into the view of everything received', () => {
    const views = fc
      .array(fc.tuple(sequences, issued), { minLength: 1, maxLength: 5 })
      .chain((all) => fc.tuple(fc.constant(all), fc.shuffledSubarray(all, { minLength: all.length })));
    fc.assert(
      fc.property(views, ([inOrder, shuffled]) => {
        const ledgerOf = ([received, highestIssued]: [number[], number]) => ledgerFromReceived(received, highestIssued);
        const everything = ledgerFromReceived(
          inOrder.flatMap(([received]) => received),
          Math.max(...inOrder.map(([, highestIssued]) => highestIssued)),
        );
        expect(inOrder.map(ledgerOf).reduce(mergeLedgers, EMPTY_LEDGER)).toEqual(everything);
        expect(shuffled.map(ledgerOf).reduce(mergeLedgers, EMPTY_LEDGER)).toEqual(everything);
        // Folding from the other side groups the merges differently: (a + (b + c)) as well as ((a + b) + c).
        expect(shuffled.map(ledgerOf).reduceRight((merged, ledger) => mergeLedgers(ledger, merged), EMPTY_LEDGER)).toEqual(everything);
      }),
    );
  });

  it('changes nothing when already received numbers are recorded again', () => {
    fc.assert(
      fc.property(
        sequences.chain((received) => fc.tuple(fc.constant(received), fc.subarray(received))),
        issued,
        ([received, again], highestIssued) => {
          const ledger = ledgerFromReceived(received, highestIssued);
          expect(recordReceived(ledger, again)).toEqual(ledger);
          expect(mergeLedgers(ledger, ledger)).toEqual(ledger);
        },
      ),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffCeilingMs, DEFAULT_BACKOFF, retryDelayMs } from '../../../../src/app/sync/backoff.ts';

describe('retry delays', () => {
  it('doubles the ceiling from 1 s per failure and stops at 30 s', () => {
    expect([1, 2, 3, 4, 5].map((failures) => backoffCeilingMs(failures))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
    expect(DEFAULT_BACKOFF.capMs).toBe(30_000);
    expect(backoffCeilingMs(6)).toBe(DEFAULT_BACKOFF.capMs);
    expect(backoffCeilingMs(10_000)).toBe(DEFAULT_BACKOFF.capMs);
  });

  it('picks a delay anywhere from zero up to (not including) the ceiling: full jitter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (failures, draw) => {
        const delay = retryDelayMs(failures, () => draw);
        return Number.isInteger(delay) && delay >= 0 && delay < backoffCeilingMs(failures);
      }),
    );
    expect(retryDelayMs(3, () => 0)).toBe(0);
    expect(retryDelayMs(3, () => 0.5)).toBe(2_000);
  });

  it('never retries before a Retry-After the server asked for', () => {
    expect(retryDelayMs(1, () => 0.5, 30)).toBe(30_000);
    // A longer jittered delay still wins: Retry-After is a floor, not a target.
    expect(retryDelayMs(9, () => 0.5, 10)).toBe(15_000);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIndex, formatIndexForExport } from '../../../src/domain/format.ts';
import {
  additionalSatisfiedNeeded,
  criterionResult,
  gapToTarget,
  rankUnits,
  scoreQuestionnaire,
  targetStanding,
  wilsonInterval,
  WILSON_Z_95,
} from '../../../src/domain/scoring.ts';
import { EMPTY_TALLY, mergeTallies, tallyFromEntries, tallyResponses, type Tally } from '../../../src/domain/tally.ts';
import { answered, bundled, makeQuestionnaire } from './factories.ts';

/** A tally from counts per level, level 1 first, keyed by criterion id. */
function tallyOf(countsByCriterion: Record<string, number[]>): Tally {
  return tallyFromEntries(
    Object.entries(countsByCriterion).flatMap(([criterionId, counts]) => counts.map((count, index) => ({ criterionId, level: index + 1, count }))),
  );
}

/** One element "A" with criteria A.1 and A.2, one element "B" with criterion B.1. */
const clinic = makeQuestionnaire();
const Z2 = WILSON_Z_95 * WILSON_Z_95;

describe('the worked example of sipas.md', () => {
  const score = scoreQuestionnaire(clinic, tallyOf({ 'A.1': [2, 3, 5, 40, 50], 'A.2': [0, 10, 10, 30, 30] }));
  const [elementA] = score.elements;

  it('gives criterion A 90 satisfied of 100, index 90.00', () => {
    expect(elementA?.criteria[0]).toMatchObject({ criterionId: 'A.1', n: 100, satisfied: 90, index: 90 });
    expect(formatIndexForExport(elementA?.criteria[0]?.index ?? null)).toBe('90.00');
  });

  it('gives criterion B 60 satisfied of 80, index 75.00', () => {
    expect(elementA?.criteria[1]).toMatchObject({ criterionId: 'A.2', n: 80, satisfied: 60, index: 75 });
    expect(formatIndexForExport(elementA?.criteria[1]?.index ?? null)).toBe('75.00');
  });

  it('gives the element the mean of its criteria, 82.50', () => {
    expect(elementA?.index).toBe(82.5);
    expect(formatIndexForExport(elementA?.index ?? null)).toBe('82.50');
    expect(formatIndex(elementA?.index ?? null, 'vi')).toBe('82,50%');
  });

  it('reports the counts per level beside each criterion', () => {
    expect(elementA?.criteria[0]?.levelCounts).toEqual([2, 3, 5, 40, 50]);
  });
});

describe('scoreQuestionnaire', () => {
  it('skips a criterion without answers in the element mean instead of counting it as 0', () => {
    const score = scoreQuestionnaire(clinic, tallyOf({ 'A.1': [0, 0, 1, 4, 5] }));
    expect(score.elements[0]?.index).toBe(90);
    expect(score.elements[0]?.criteria[1]).toMatchObject({ criterionId: 'A.2', n: 0, index: null, interval: null });
    expect(score.elements[0]?.criteriaWithoutAnswers).toEqual(['A.2']);
  });

  it('skips an element without answers in the overall mean and lists it', () => {
    const score = scoreQuestionnaire(clinic, tallyOf({ 'A.1': [1, 0, 0, 0, 3] }));
    expect(score.overall).toBe(75);
    expect(score.elementsWithoutAnswers).toEqual(['B']);
    expect(score.criteriaWithoutAnswers).toEqual(['A.2', 'B.1']);
  });

  it('weighs each criterion the same whatever its number of answers', () => {
    const score = scoreQuestionnaire(clinic, tallyOf({ 'A.1': [0, 0, 0, 0, 1], 'A.2': [99, 0, 0, 0, 0] }));
    expect(score.elements[0]?.index).toBe(50);
  });

  it('averages the element indices, not the pooled answers', () => {
    const score = scoreQuestionnaire(clinic, tallyOf({ 'A.1': [0, 0, 0, 10, 0], 'A.2': [0, 0, 0, 0, 10], 'B.1': [1, 0, 0, 0, 0] }));
    expect(score.elements.map((element) => element.index)).toEqual([100, 0]);
    expect(score.overall).toBe(50);
  });

  it('has no index at all over an empty tally', () => {
    const score = scoreQuestionnaire(bundled('sipas'), EMPTY_TALLY);
    expect(score.overall).toBeNull();
    expect(score.elementsWithoutAnswers).toEqual(['E1', 'E2', 'E3', 'E4', 'E5']);
    expect(score.criteriaWithoutAnswers).toHaveLength(22);
  });

  it('counts "Hài lòng" and "Rất hài lòng" as satisfied on the three-level counter rating', () => {
    const score = scoreQuestionnaire(bundled('counter-rating'), tallyOf({ 'Q.1': [20, 30, 50] }));
    expect(score.elements[0]?.criteria[0]).toMatchObject({ n: 100, satisfied: 80, index: 80, levelCounts: [20, 30, 50] });
    expect(score.overall).toBe(80);
  });

  it('ignores overall-question answers, which are not criteria', () => {
    const score = scoreQuestionnaire(clinic, tallyOf({ overall: [5, 0, 0, 0, 0], 'B.1': [0, 0, 0, 0, 2] }));
    expect(score.overall).toBe(100);
  });
});

describe('criterionResult', () => {
  it('keeps full precision: 2 of 3 is 66.666…, not 66.67', () => {
    expect(criterionResult([1, 0, 0, 2, 0], 'five-level', [4, 5]).index).toBe(200 / 3);
  });

  it('is exact where dividing first would not be: 57 of 100 is 57', () => {
    expect(criterionResult([43, 0, 0, 57, 0], 'five-level', [4, 5]).index).toBe(57);
  });

  it('refuses a negative or fractional count', () => {
    expect(() => criterionResult([-1, 0, 0, 0, 0], 'five-level', [4, 5])).toThrow(RangeError);
    expect(() => criterionResult([0, 0, 0, 0.5, 0], 'five-level', [4, 5])).toThrow(RangeError);
  });
});

describe('wilsonInterval', () => {
  it('matches the published interval for 90 of 100 (82.56–94.48)', () => {
    const interval = wilsonInterval(90, 100);
    expect(interval?.low).toBeCloseTo(82.564, 2);
    expect(interval?.high).toBeCloseTo(94.477, 2);
  });

  it('starts at exactly 0 for 0 satisfied and ends at exactly 100 when all are satisfied', () => {
    expect(wilsonInterval(0, 10)).toEqual({ low: 0, high: expect.closeTo((100 * Z2) / (10 + Z2), 10) });
    expect(wilsonInterval(10, 10)).toEqual({ low: expect.closeTo((100 * 10) / (10 + Z2), 10), high: 100 });
  });

  it('is null without answers', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('narrows as the sample grows at the same index', () => {
    const small = wilsonInterval(9, 10);
    const large = wilsonInterval(900, 1000);
    expect(large!.high - large!.low).toBeLessThan(small!.high - small!.low);
  });
});

describe('targets', () => {
  it('gives the gap in points, negative below the target', () => {
    expect(gapToTarget(82.5, 85)).toBe(-2.5);
    expect(gapToTarget(92, 90)).toBe(2);
    expect(gapToTarget(null, 90)).toBeNull();
  });

  it.each([
    { satisfied: 85, n: 100, target: 85, needed: 0 },
    { satisfied: 8735, n: 10000, target: 87.35, needed: 0 },
    { satisfied: 84, n: 100, target: 85, needed: 7 },
    { satisfied: 87, n: 100, target: 87.35, needed: 3 },
    { satisfied: 60, n: 80, target: 90, needed: 120 },
    { satisfied: 100, n: 100, target: 100, needed: 0 },
    { satisfied: 5, n: 10, target: 0, needed: 0 },
    { satisfied: 0, n: 0, target: 85, needed: 1 },
  ])('needs $needed more satisfied answers for $satisfied of $n to reach $target%', ({ satisfied, n, target, needed }) => {
    expect(additionalSatisfiedNeeded(satisfied, n, target)).toBe(needed);
  });

  it('says a 100% target is out of reach once anyone was not satisfied', () => {
    expect(additionalSatisfiedNeeded(99, 100, 100)).toBeNull();
  });

  it('refuses a target outside 0–100 and impossible counts', () => {
    expect(() => additionalSatisfiedNeeded(5, 10, 101)).toThrow(RangeError);
    expect(() => additionalSatisfiedNeeded(11, 10, 85)).toThrow(RangeError);
    expect(() => additionalSatisfiedNeeded(1.5, 10, 85)).toThrow(RangeError);
  });

  it('meets the target only when the whole interval is at or above it', () => {
    expect(targetStanding(criterionResult([0, 0, 50, 0, 950], 'five-level', [4, 5]), 85)).toBe('meets');
    expect(targetStanding({ index: 90, interval: { low: 85, high: 95 } }, 85)).toBe('meets');
  });

  it('is below only when the whole interval is under it', () => {
    expect(targetStanding(criterionResult([40, 0, 0, 60, 0], 'five-level', [4, 5]), 85)).toBe('below');
  });

  it('is not yet conclusive when the interval straddles the target, even with the index above it', () => {
    expect(targetStanding(criterionResult([0, 0, 10, 0, 90], 'five-level', [4, 5]), 85)).toBe('not-conclusive');
    expect(targetStanding(criterionResult([0, 0, 1, 0, 4], 'five-level', [4, 5]), 85)).toBe('not-conclusive');
    expect(targetStanding({ index: 80, interval: { low: 75, high: 85 } }, 85)).toBe('not-conclusive');
  });

  it('has no standing without answers', () => {
    expect(targetStanding(criterionResult([0, 0, 0, 0, 0], 'five-level', [4, 5]), 85)).toBe('no-data');
  });
});

describe('rankUnits', () => {
  const row = (unitId: string, index: number | null, n: number) => ({ unitId, index, n, name: `Unit ${unitId}` });

  it('ranks by index with shared ranks for ties (1, 2, 2, 4) and lists the unrankable after', () => {
    const ranked = rankUnits([
      row('a', 90, 50),
      row('b', 95, 40),
      row('e', 99, 29),
      row('c', 90, 100),
      row('f', null, 0),
      row('d', 80, 30),
      row('g', 70, 31),
    ]);
    expect(ranked.map(({ unitId, rank, reason }) => [unitId, rank, reason])).toEqual([
      ['b', 1, null],
      ['a', 2, null],
      ['c', 2, null],
      ['d', 4, null],
      ['g', 5, null],
      ['e', null, 'below-minimum-sample'],
      ['f', null, 'no-data'],
    ]);
    expect(ranked[0]).toMatchObject({ name: 'Unit b', n: 40, index: 95 });
  });

  it('uses the minimum sample it is given', () => {
    const ranked = rankUnits([row('a', 90, 10), row('b', 80, 9)], 10);
    expect(ranked.map(({ unitId, rank }) => [unitId, rank])).toEqual([
      ['a', 1],
      ['b', null],
    ]);
  });

  it('ties indices that differ only by floating-point noise', () => {
    const ranked = rankUnits([row('a', (0.1 + 0.2) * 100, 40), row('b', 30, 40)]);
    expect(ranked.map(({ rank }) => rank)).toEqual([1, 1]);
  });

  it('gives each ranked unit 1 + the number of units with a higher index (property)', () => {
    const rows = fc.array(fc.record({ unitId: fc.uuid(), index: fc.option(fc.integer({ min: 0, max: 20 }).map((i) => i * 5)), n: fc.nat(60) }));
    fc.assert(
      fc.property(rows, (units) => {
        const ranked = rankUnits(units);
        expect(ranked).toHaveLength(units.length);
        const rankable = units.filter((u) => u.index !== null && u.n >= 30);
        const firstUnranked = ranked.findIndex((u) => u.rank === null);
        expect(firstUnranked === -1 ? ranked.length : firstUnranked).toBe(rankable.length);
        for (const unit of ranked.slice(0, rankable.length)) {
          expect(unit.rank).toBe(1 + rankable.filter((other) => other.index! > unit.index!).length);
        }
      }),
    );
  });
});

describe('scoring properties', () => {
  const counts = fc.array(fc.nat(1000), { minLength: 5, maxLength: 5 });
  const tallies = fc.record({ 'A.1': counts, 'A.2': counts, 'B.1': counts }, { requiredKeys: [] }).map(tallyOf);
  const responses = fc.array(
    fc
      .record(
        { 'A.1': fc.integer({ min: 1, max: 5 }), 'A.2': fc.integer({ min: 1, max: 5 }), 'B.1': fc.integer({ min: 1, max: 5 }) },
        { requiredKeys: [] },
      )
      .map((answers) => answered(answers)),
  );

  it('keeps every index within 0–100', () => {
    fc.assert(
      fc.property(tallies, (tally) => {
        const score = scoreQuestionnaire(clinic, tally);
        const indices = [score.overall, ...score.elements.flatMap((e) => [e.index, ...e.criteria.map((c) => c.index)])];
        for (const index of indices) if (index !== null) expect(index).toBeGreaterThanOrEqual(0);
        for (const index of indices) if (index !== null) expect(index).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('scores merged tallies exactly as all the responses together', () => {
    fc.assert(
      fc.property(responses, responses, (first, second) => {
        const merged = mergeTallies(tallyResponses(clinic, first), tallyResponses(clinic, second));
        expect(scoreQuestionnaire(clinic, merged)).toEqual(scoreQuestionnaire(clinic, tallyResponses(clinic, [...first, ...second])));
      }),
    );
  });

  it('gives a Wilson interval within 0–100 that contains the index', () => {
    const sample = fc.nat(100_000).chain((n) => fc.tuple(fc.nat(n), fc.constant(n)));
    fc.assert(
      fc.property(sample, ([satisfied, n]) => {
        const result = criterionResult([n - satisfied, 0, 0, satisfied, 0], 'five-level', [4, 5]);
        if (n === 0) {
          expect(result.interval).toBeNull();
          return;
        }
        expect(result.interval!.low).toBeGreaterThanOrEqual(0);
        expect(result.interval!.low).toBeLessThanOrEqual(result.index!);
        expect(result.interval!.high).toBeGreaterThanOrEqual(result.index!);
        expect(result.interval!.high).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('finds the smallest number of additional satisfied answers that reaches the target', () => {
    // Targets in hundredths of a point, checked with integers only: (s + k) ÷ (n + k) ≥ h ÷ 10000.
    const sample = fc.nat(5_000).chain((n) => fc.tuple(fc.nat(n), fc.constant(n), fc.integer({ min: 0, max: 10_000 })));
    const reaches = (s: number, n: number, k: number, hundredths: number) => (s + k) * 10_000 >= hundredths * (n + k);
    fc.assert(
      fc.property(sample, ([satisfied, n, hundredths]) => {
        const k = additionalSatisfiedNeeded(satisfied, n, hundredths / 100);
        if (k === null) {
          expect([hundredths, satisfied < n]).toEqual([10_000, true]);
          return;
        }
        if (n === 0) {
          expect(k).toBe(1);
          return;
        }
        expect(reaches(satisfied, n, k, hundredths)).toBe(true);
        if (k > 0) expect(reaches(satisfied, n, k - 1, hundredths)).toBe(false);
      }),
    );
  });

  it('needs nothing more for a criterion exactly at its target, whatever floating point makes of it', () => {
    // Sample sizes dividing 10 000 make s ÷ n a target with at most two decimals, e.g. 87.35.
    const divisors = [1, 2, 4, 5, 8, 10, 16, 20, 25, 40, 50, 80, 100, 125, 200, 250, 400, 500, 625, 1000, 2000, 10_000];
    const sample = fc.constantFrom(...divisors).chain((n) => fc.tuple(fc.nat(n), fc.constant(n)));
    fc.assert(
      fc.property(sample, ([satisfied, n]) => {
        const target = (satisfied * (10_000 / n)) / 100;
        expect(additionalSatisfiedNeeded(satisfied, n, target)).toBe(0);
      }),
    );
  });
});

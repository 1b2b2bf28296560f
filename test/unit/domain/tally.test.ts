import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_TALLY, levelCounts, mergeTallies, tallyFromEntries, tallyResponses, tallyToEntries } from '../../../src/domain/tally.ts';
import { answered, makeQuestionnaire } from './factories.ts';

const clinic = makeQuestionnaire();

/** Responses to the clinic questionnaire, with now and then an answer no tally may count. */
const levelOrNoise = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 5 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 6, -1) },
  { weight: 1, arbitrary: fc.constant('5') },
);
const responseArbitrary = fc
  .tuple(fc.record({ 'A.1': levelOrNoise, 'A.2': levelOrNoise, 'B.1': levelOrNoise, overall: levelOrNoise }, { requiredKeys: [] }), fc.boolean())
  .map(([answers, complete]) => answered(answers, complete));

describe('tallyResponses', () => {
  it('counts each answered criterion at its level', () => {
    const tally = tallyResponses(clinic, [answered({ 'A.1': 5, 'A.2': 4 }), answered({ 'A.1': 5, 'B.1': 1 })]);
    expect(levelCounts(tally, 'A.1', 'five-level')).toEqual([0, 0, 0, 0, 2]);
    expect(levelCounts(tally, 'A.2', 'five-level')).toEqual([0, 0, 0, 1, 0]);
    expect(levelCounts(tally, 'B.1', 'five-level')).toEqual([1, 0, 0, 0, 0]);
  });

  it('leaves an unanswered criterion out of every count', () => {
    const tally = tallyResponses(clinic, [answered({ 'A.1': 3 })]);
    expect(levelCounts(tally, 'A.2', 'five-level')).toEqual([0, 0, 0, 0, 0]);
    expect(tally.counts['A.2']).toBeUndefined();
  });

  it('never counts an incomplete response', () => {
    expect(tallyResponses(clinic, [answered({ 'A.1': 5, overall: 5 }, false)])).toEqual(EMPTY_TALLY);
  });

  it('ignores levels outside the scale, non-level values and unknown ids', () => {
    const tally = tallyResponses(clinic, [answered({ 'A.1': 6, 'A.2': 0, 'B.1': 'five', wishes: ['faster'], 'Z.9': 5 })]);
    expect(tally).toEqual(EMPTY_TALLY);
  });

  it('tallies the overall scale question for its distribution', () => {
    const tally = tallyResponses(clinic, [answered({ overall: 2 }), answered({ overall: 2 })]);
    expect(levelCounts(tally, 'overall', 'five-level')).toEqual([0, 2, 0, 0, 0]);
  });

  it('tallies a criterion whose id is also the name of an Object.prototype property', () => {
    const questionnaire = makeQuestionnaire({
      elements: [{ id: 'E', title: { vi: 'E' }, scale: 'five-level', criteria: [{ id: 'constructor', text: { vi: 'c' } }] }],
    });
    const tally = tallyResponses(questionnaire, [answered({ constructor: 4 })]);
    expect(levelCounts(tally, 'constructor', 'five-level')).toEqual([0, 0, 0, 1, 0]);
    expect(levelCounts(EMPTY_TALLY, 'toString', 'five-level')).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('tally entries', () => {
  it('round-trip through entries, leaving zero counts out', () => {
    const tally = tallyFromEntries([
      { criterionId: 'A.1', level: 2, count: 3 },
      { criterionId: 'A.1', level: 5, count: 1 },
      { criterionId: 'B.1', level: 4, count: 7 },
    ]);
    expect(tally.counts).toEqual({ 'A.1': [0, 3, 0, 0, 1], 'B.1': [0, 0, 0, 7] });
    expect(tallyFromEntries(tallyToEntries(tally))).toEqual(tally);
  });

  it('add up rows of the same criterion and level', () => {
    const tally = tallyFromEntries([
      { criterionId: 'A.1', level: 4, count: 2 },
      { criterionId: 'A.1', level: 4, count: 5 },
    ]);
    expect(levelCounts(tally, 'A.1', 'five-level')).toEqual([0, 0, 0, 7, 0]);
  });
});

describe('mergeTallies', () => {
  it('adds two days into the tally of both days', () => {
    const day1 = tallyResponses(clinic, [answered({ 'A.1': 5 }), answered({ 'A.1': 2 })]);
    const day2 = tallyResponses(clinic, [answered({ 'A.1': 5, 'B.1': 4 })]);
    const both = mergeTallies(day1, day2);
    expect(levelCounts(both, 'A.1', 'five-level')).toEqual([0, 1, 0, 0, 2]);
    expect(levelCounts(both, 'B.1', 'five-level')).toEqual([0, 0, 0, 1, 0]);
  });

  it('gives the tally of all responses when adding the tallies of any split of them (property)', () => {
    fc.assert(
      fc.property(fc.array(responseArbitrary), fc.array(responseArbitrary), (first, second) => {
        const merged = mergeTallies(tallyResponses(clinic, first), tallyResponses(clinic, second));
        expect(merged).toEqual(tallyResponses(clinic, [...first, ...second]));
      }),
    );
  });

  it('does not depend on the order of the tallies, and the empty tally changes nothing (property)', () => {
    fc.assert(
      fc.property(fc.array(responseArbitrary), fc.array(responseArbitrary), (first, second) => {
        const a = tallyResponses(clinic, first);
        const b = tallyResponses(clinic, second);
        expect(mergeTallies(a, b)).toEqual(mergeTallies(b, a));
        expect(mergeTallies(a, EMPTY_TALLY)).toEqual(a);
      }),
    );
  });

  it('counts exactly the valid answers of complete responses (property)', () => {
    fc.assert(
      fc.property(fc.array(responseArbitrary), (responses) => {
        const tally = tallyResponses(clinic, responses);
        for (const id of ['A.1', 'A.2', 'B.1', 'overall']) {
          const expected = responses.filter((r) => {
            const value = r.answers[id];
            return r.complete && typeof value === 'number' && value >= 1 && value <= 5;
          }).length;
          expect(levelCounts(tally, id, 'five-level').reduce((sum, count) => sum + count, 0)).toBe(expected);
        }
      }),
    );
  });
});

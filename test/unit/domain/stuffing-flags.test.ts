import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  answerPattern,
  computeStuffingFlags,
  DEFAULT_FLAG_THRESHOLDS,
  parseFlags,
  serializeFlags,
  type FlagSubject,
} from '../../../src/domain/stuffing-flags.ts';

const START = Date.parse('2026-11-20T02:00:00.000Z');

function subject(sequence: number, overrides: Partial<FlagSubject> = {}): FlagSubject {
  return {
    id: `r${sequence}`,
    deviceSequence: sequence,
    submittedAtMs: START + sequence * 120_000,
    durationMs: 75_000,
    complete: true,
    fullSurvey: true,
    pattern: `E1.1=${(sequence % 5) + 1}`,
    clockSkewMs: 0,
    ...overrides,
  };
}

const flagged = (result: Map<string, Set<string>>, flag: string) =>
  [...result]
    .filter(([, flags]) => flags.has(flag))
    .map(([id]) => id)
    .sort();

describe('stuffing flags', () => {
  it('flags all ten completions from one device within 20 seconds as a burst, and nothing around them', () => {
    const calm = [1, 2, 3].map((sequence) => subject(sequence));
    const burst = Array.from({ length: 10 }, (_, i) => subject(10 + i, { submittedAtMs: START + 3_600_000 + i * 2_000 }));
    const result = computeStuffingFlags([...calm, ...burst], DEFAULT_FLAG_THRESHOLDS);
    expect(flagged(result, 'burst')).toEqual(burst.map((s) => s.id).sort());
  });

  it('does not call nine quick completions a burst, nor ten spread over more than 20 seconds', () => {
    const nine = Array.from({ length: 9 }, (_, i) => subject(i + 1, { submittedAtMs: START + i * 1_000 }));
    expect(flagged(computeStuffingFlags(nine, DEFAULT_FLAG_THRESHOLDS), 'burst')).toEqual([]);
    const spread = Array.from({ length: 10 }, (_, i) => subject(i + 1, { submittedAtMs: START + i * 2_300 }));
    expect(flagged(computeStuffingFlags(spread, DEFAULT_FLAG_THRESHOLDS), 'burst')).toEqual([]);
  });

  it('flags a full survey finished faster than the threshold, never a quick rating', () => {
    const result = computeStuffingFlags(
      [subject(1, { durationMs: 9_000 }), subject(2, { durationMs: 9_000, fullSurvey: false }), subject(3, { durationMs: 16_000 })],
      DEFAULT_FLAG_THRESHOLDS,
    );
    expect(flagged(result, 'too-fast')).toEqual(['r1']);
  });

  it('flags the same answers five full surveys in a row, the whole run', () => {
    const same = 'E1.1=5;E1.2=5';
    const subjects = [subject(1), ...[2, 3, 4, 5, 6].map((s) => subject(s, { pattern: same })), subject(7)];
    expect(flagged(computeStuffingFlags(subjects, DEFAULT_FLAG_THRESHOLDS), 'repeated-pattern')).toEqual(['r2', 'r3', 'r4', 'r5', 'r6']);
    const four = [subject(1), ...[2, 3, 4, 5].map((s) => subject(s, { pattern: same })), subject(6)];
    expect(flagged(computeStuffingFlags(four, DEFAULT_FLAG_THRESHOLDS), 'repeated-pattern')).toEqual([]);
  });

  it('flags a device clock more than an hour away from the server', () => {
    const result = computeStuffingFlags(
      [subject(1, { clockSkewMs: -3 * 3_600_000 }), subject(2, { clockSkewMs: 50 * 60_000 })],
      DEFAULT_FLAG_THRESHOLDS,
    );
    expect(flagged(result, 'clock-skew')).toEqual(['r1']);
  });

  it('never flags incomplete answers for bursts or patterns', () => {
    const partials = Array.from({ length: 12 }, (_, i) => subject(i + 1, { complete: false, submittedAtMs: START + i * 500, pattern: 'E1.1=1' }));
    expect(computeStuffingFlags(partials, DEFAULT_FLAG_THRESHOLDS).size).toBe(0);
  });

  it('gives the same burst flags whatever the order the responses arrive in', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 120_000 }), { minLength: 1, maxLength: 40 }), fc.integer(), (offsets, seed) => {
        const subjects = offsets.map((offset, i) => subject(i + 1, { submittedAtMs: START + offset }));
        const shuffled = [...subjects].sort((a, b) => ((a.deviceSequence * 7919 + seed) % 101) - ((b.deviceSequence * 7919 + seed) % 101));
        const a = flagged(computeStuffingFlags(subjects, DEFAULT_FLAG_THRESHOLDS), 'burst');
        const b = flagged(computeStuffingFlags(shuffled, DEFAULT_FLAG_THRESHOLDS), 'burst');
        expect(b).toEqual(a);
      }),
    );
  });

  it('stores flags as a sorted list and reads them back, ignoring unknown words', () => {
    expect(serializeFlags(['too-fast', 'burst', 'burst'])).toBe('burst,too-fast');
    expect(parseFlags('burst,too-fast,nonsense')).toEqual(['burst', 'too-fast']);
    expect(parseFlags('')).toEqual([]);
  });

  it('builds the same answer pattern whatever the key order, from scored criteria only', () => {
    const scored = new Set(['E1.1', 'E1.2']);
    expect(answerPattern({ 'E1.2': 4, comment: 'x', 'E1.1': 5 }, scored)).toBe(answerPattern({ 'E1.1': 5, 'E1.2': 4 }, scored));
    expect(answerPattern({ comment: 'x' }, scored)).toBe('');
  });
});

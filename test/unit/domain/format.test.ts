import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIndex, formatIndexForExport } from '../../../src/domain/format.ts';

describe('formatIndex', () => {
  it('writes Vietnamese style with a decimal comma', () => {
    expect(formatIndex(87.35, 'vi')).toBe('87,35%');
  });

  it('writes English style with a decimal point', () => {
    expect(formatIndex(87.35, 'en')).toBe('87.35%');
  });

  it('always shows two decimals', () => {
    expect(formatIndex(100, 'vi')).toBe('100,00%');
    expect(formatIndex(0, 'vi')).toBe('0,00%');
    expect(formatIndex(200 / 3, 'vi')).toBe('66,67%');
  });

  it('rounds a figure exactly halfway up, as a person would', () => {
    expect(formatIndex(87.345, 'vi')).toBe('87,35%');
  });

  it('shows a dash when there is no index', () => {
    expect(formatIndex(null, 'vi')).toBe('—');
  });

  it('refuses a value that is not a number', () => {
    expect(() => formatIndex(Number.NaN, 'vi')).toThrow(RangeError);
  });
});

describe('formatIndexForExport', () => {
  it('writes two decimals with a dot and no percent sign', () => {
    expect(formatIndexForExport(87.35)).toBe('87.35');
    expect(formatIndexForExport(100)).toBe('100.00');
    expect(formatIndexForExport(200 / 3)).toBe('66.67');
  });

  it('leaves the cell empty when there is no index', () => {
    expect(formatIndexForExport(null)).toBe('');
  });

  it('agrees with the screen on every criterion index (property)', () => {
    const sample = fc.integer({ min: 1, max: 20_000 }).chain((n) => fc.tuple(fc.nat(n), fc.constant(n)));
    fc.assert(
      fc.property(sample, ([satisfied, n]) => {
        const index = (satisfied * 100) / n;
        expect(formatIndex(index, 'vi')).toBe(`${formatIndexForExport(index).replace('.', ',')}%`);
      }),
    );
  });
});

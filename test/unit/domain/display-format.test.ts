import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatDateTime,
  formatDayOfMonth,
  formatInterval,
  formatLocalDay,
  formatMonthOfYear,
  formatPercent,
  formatPoints,
  formatTime,
} from '../../../src/domain/display-format.ts';

const MEGABYTE = 1_048_576;
const HO_CHI_MINH = 'Asia/Ho_Chi_Minh';

describe('the one display formatter of every face', () => {
  it('writes indices, gaps and intervals with a decimal comma in Vietnamese and a point in English', () => {
    expect(formatPercent(63.666, 'vi')).toBe('63,67%');
    expect(formatPercent(63.666, 'en')).toBe('63.67%');
    expect(formatPercent(null, 'vi')).toBe('—');
    expect(formatPoints(2.345, 'vi')).toBe('+2,35');
    expect(formatPoints(-12.5, 'en')).toBe('-12.50');
    expect(formatInterval({ low: 82.1, high: 90.55 }, 'vi')).toBe('82,10–90,55%');
  });

  it('groups thousands with a dot in Vietnamese and a comma in English', () => {
    expect(formatCount(1234567, 'vi')).toBe('1.234.567');
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
    expect(formatCount(7, 'km')).toBe('7');
  });

  it('writes storage sizes in MB below a gigabyte and in GB from one up, with one decimal', () => {
    expect(formatBytes(5 * MEGABYTE, 'vi')).toBe('5,0 MB');
    expect(formatBytes(5 * MEGABYTE, 'en')).toBe('5.0 MB');
    expect(formatBytes(0, 'vi')).toBe('0,0 MB');
    expect(formatBytes(1023 * MEGABYTE, 'vi')).toBe('1.023,0 MB');
    expect(formatBytes(1024 * MEGABYTE, 'vi')).toBe('1,0 GB');
    expect(formatBytes(1023.96 * MEGABYTE, 'vi')).toBe('1,0 GB');
    expect(formatBytes(1023.94 * MEGABYTE, 'vi')).toBe('1.023,9 MB');
    expect(formatBytes(12.5 * 1024 * MEGABYTE, 'en')).toBe('12.5 GB');
    expect(formatBytes(null, 'en')).toBe('—');
  });

  it("writes an instant on the unit's clock, day first, whatever the machine's zone", () => {
    // 07:05 UTC is 14:05 in Hồ Chí Minh City; on 31 December at 20:00 UTC it is already the next year there.
    expect(formatDateTime('2026-12-04T07:05:30.000Z', 'vi', HO_CHI_MINH)).toBe('14:05 04/12/2026');
    expect(formatDateTime('2026-12-04T07:05:30.000Z', 'en', HO_CHI_MINH)).toBe('04/12/2026, 14:05');
    expect(formatDateTime('2026-12-31T20:00:00.000Z', 'vi', HO_CHI_MINH)).toBe('03:00 01/01/2027');
    expect(formatTime('2026-12-04T07:05:30.000Z', 'vi', HO_CHI_MINH)).toBe('14:05:30');
    expect(formatTime('2026-12-04T07:05:30.000Z', 'en', 'UTC')).toBe('07:05:30');
  });

  it('writes a local day as 04/12/2026 in every language, never shifted by a zone', () => {
    expect(formatLocalDay('2026-12-04', 'vi')).toBe('04/12/2026');
    expect(formatLocalDay('2026-12-04', 'en')).toBe('04/12/2026');
    expect(formatLocalDay('2026-01-01', 'km')).toBe('01/01/2026');
  });

  it('writes a chart axis\'s short dates like the long one: 26/10 and 10/2026, not Intl\'s "26-10" and "tháng 10, 2026"', () => {
    expect(formatDayOfMonth('2026-10-26', 'vi')).toBe('26/10');
    expect(formatDayOfMonth('2026-01-05', 'en')).toBe('05/01');
    expect(formatMonthOfYear('2026-10', 'vi')).toBe('10/2026');
    expect(formatMonthOfYear('2027-01', 'en')).toBe('01/2027');
  });
});

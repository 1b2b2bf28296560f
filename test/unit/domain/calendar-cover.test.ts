import { describe, expect, it } from 'vitest';
import { addDays, coverOf, daysOutside, periodsOf } from '../../../src/domain/calendar.ts';
import { seededRandom } from '../../../src/server/demo/demo-history.ts';

/** The stored periods a report reads must hold every day of its range exactly once. */
function daysOfCover(from: string, to: string, options: { byDay: boolean; years: boolean }): string[] {
  const cover = coverOf(from, to, options);
  const days: string[] = [];
  const daysOfMonths = (first: string, last: string) => {
    for (const month of periodsOf(`${first}-01`, `${last}-01`, 'month')) {
      const [year, number] = month.split('-').map(Number) as [number, number];
      days.push(...periodsOf(`${month}-01`, new Date(Date.UTC(year, number, 0)).toISOString().slice(0, 10), 'day'));
    }
  };
  if (cover.years) daysOfMonths(`${cover.years.from}-01`, `${cover.years.to}-12`);
  for (const range of cover.months) daysOfMonths(range.from, range.to);
  for (const range of cover.days) days.push(...periodsOf(range.from, range.to, 'day'));
  return days.sort();
}

const MONTHS = { byDay: false, years: false };
const YEARS = { byDay: false, years: true };

describe('the cover of a report range', () => {
  it('uses whole months where it can and days at either end', () => {
    expect(coverOf('2025-01-15', '2025-04-10', MONTHS)).toEqual({
      years: null,
      months: [{ from: '2025-02', to: '2025-03' }],
      days: [
        { from: '2025-01-15', to: '2025-01-31' },
        { from: '2025-04-01', to: '2025-04-10' },
      ],
    });
    expect(coverOf('2025-01-01', '2025-12-31', MONTHS)).toEqual({ years: null, months: [{ from: '2025-01', to: '2025-12' }], days: [] });
    expect(coverOf('2024-12-01', '2025-02-28', MONTHS)).toEqual({ years: null, months: [{ from: '2024-12', to: '2025-02' }], days: [] });
    expect(coverOf('2024-02-01', '2024-02-28', MONTHS)).toEqual({ years: null, months: [], days: [{ from: '2024-02-01', to: '2024-02-28' }] });
    expect(coverOf('2025-03-01', '2025-03-31', { byDay: true, years: true })).toEqual({
      years: null,
      months: [],
      days: [{ from: '2025-03-01', to: '2025-03-31' }],
    });
  });

  it('uses whole years when asked, and months and days around them', () => {
    expect(coverOf('2025-01-01', '2025-12-31', YEARS)).toEqual({ years: { from: '2025', to: '2025' }, months: [], days: [] });
    expect(coverOf('2024-11-20', '2027-02-10', YEARS)).toEqual({
      years: { from: '2025', to: '2026' },
      months: [
        { from: '2024-12', to: '2024-12' },
        { from: '2027-01', to: '2027-01' },
      ],
      days: [
        { from: '2024-11-20', to: '2024-11-30' },
        { from: '2027-02-01', to: '2027-02-10' },
      ],
    });
    expect(coverOf('2025-02-01', '2025-12-31', YEARS)).toEqual({ years: null, months: [{ from: '2025-02', to: '2025-12' }], days: [] });
  });

  it('holds every day of any range exactly once', () => {
    const random = seededRandom(17);
    const start = Date.UTC(2022, 10, 1);
    for (let trial = 0; trial < 600; trial++) {
      const from = new Date(start + Math.floor(random() * 900) * 86_400_000).toISOString().slice(0, 10);
      const to = new Date(Date.parse(from) + Math.floor(random() * 1200) * 86_400_000).toISOString().slice(0, 10);
      const options = { byDay: random() < 0.2, years: random() < 0.5 };
      expect(daysOfCover(from, to, options), `${from}..${to} ${JSON.stringify(options)}`).toEqual(periodsOf(from, to, 'day'));
    }
  });
});

describe('the days a moving window gives up and takes on', () => {
  it('names the days of one range outside another, before and after it', () => {
    expect(daysOutside({ from: '2025-11-02', to: '2025-12-01' }, { from: '2025-11-03', to: '2025-12-02' })).toEqual([
      { from: '2025-11-02', to: '2025-11-02' },
    ]);
    expect(daysOutside({ from: '2025-11-03', to: '2025-12-02' }, { from: '2025-11-02', to: '2025-12-01' })).toEqual([
      { from: '2025-12-02', to: '2025-12-02' },
    ]);
    expect(daysOutside({ from: '2025-02-01', to: '2025-03-31' }, { from: '2025-02-27', to: '2025-03-02' })).toEqual([
      { from: '2025-02-01', to: '2025-02-26' },
      { from: '2025-03-03', to: '2025-03-31' },
    ]);
    expect(daysOutside({ from: '2025-01-01', to: '2025-01-31' }, { from: '2025-03-01', to: '2025-03-31' })).toEqual([
      { from: '2025-01-01', to: '2025-01-31' },
    ]);
    expect(daysOutside({ from: '2025-01-10', to: '2025-01-20' }, { from: '2025-01-01', to: '2025-01-31' })).toEqual([]);
  });

  it('leaves every day of the first range outside the second, and only those, for any two ranges', () => {
    const random = seededRandom(23);
    const start = Date.UTC(2024, 11, 1);
    const dayAt = (offset: number) => new Date(start + offset * 86_400_000).toISOString().slice(0, 10);
    for (let trial = 0; trial < 500; trial++) {
      const a = { from: dayAt(Math.floor(random() * 120)), to: '' };
      a.to = addDays(a.from, Math.floor(random() * 60));
      const b = { from: dayAt(Math.floor(random() * 120)), to: '' };
      b.to = addDays(b.from, Math.floor(random() * 60));
      const inB = new Set(periodsOf(b.from, b.to, 'day'));
      const outside = daysOutside(a, b).flatMap((range) => periodsOf(range.from, range.to, 'day'));
      expect(outside, `${JSON.stringify(a)} without ${JSON.stringify(b)}`).toEqual(periodsOf(a.from, a.to, 'day').filter((day) => !inB.has(day)));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { coverOf, periodsOf } from '../../src/server/reports/periods.ts';
import { seededRandom } from './manage-fixtures.ts';

/** The stored periods a report reads must hold every day of its range exactly once. */
function daysOfCover(from: string, to: string, byDay: boolean): string[] {
  const cover = coverOf(from, to, byDay);
  const days: string[] = [];
  if (cover.months) {
    for (const month of periodsOf(`${cover.months.from}-01`, `${cover.months.to}-01`, 'month')) {
      const [year, number] = month.split('-').map(Number) as [number, number];
      days.push(...periodsOf(`${month}-01`, new Date(Date.UTC(year, number, 0)).toISOString().slice(0, 10), 'day'));
    }
  }
  for (const range of cover.days) days.push(...periodsOf(range.from, range.to, 'day'));
  return days.sort();
}

describe('the cover of a report range', () => {
  it('uses whole months where it can and days at either end', () => {
    expect(coverOf('2025-01-15', '2025-04-10', false)).toEqual({
      months: { from: '2025-02', to: '2025-03' },
      days: [
        { from: '2025-01-15', to: '2025-01-31' },
        { from: '2025-04-01', to: '2025-04-10' },
      ],
    });
    expect(coverOf('2025-01-01', '2025-12-31', false)).toEqual({ months: { from: '2025-01', to: '2025-12' }, days: [] });
    expect(coverOf('2024-12-01', '2025-02-28', false)).toEqual({ months: { from: '2024-12', to: '2025-02' }, days: [] });
    expect(coverOf('2024-02-01', '2024-02-28', false)).toEqual({ months: null, days: [{ from: '2024-02-01', to: '2024-02-28' }] });
    expect(coverOf('2025-03-01', '2025-03-31', true)).toEqual({ months: null, days: [{ from: '2025-03-01', to: '2025-03-31' }] });
  });

  it('holds every day of any range exactly once', () => {
    const random = seededRandom(17);
    const start = Date.UTC(2023, 10, 1);
    for (let trial = 0; trial < 400; trial++) {
      const from = new Date(start + Math.floor(random() * 900) * 86_400_000).toISOString().slice(0, 10);
      const to = new Date(Date.parse(from) + Math.floor(random() * 500) * 86_400_000).toISOString().slice(0, 10);
      const byDay = random() < 0.3;
      expect(daysOfCover(from, to, byDay), `${from}..${to}`).toEqual(periodsOf(from, to, 'day'));
    }
  });
});

/** Trend buckets: days for ranges up to about two months, months beyond. */
export const DAY_TREND_MAX_DAYS = 62;

export function trendGranularity(from: string, to: string): 'month' | 'day' {
  return dayNumber(to) - dayNumber(from) + 1 <= DAY_TREND_MAX_DAYS ? 'day' : 'month';
}

/** Every period of the range, oldest first, so a chart shows empty days or months as gaps. */
export function periodsOf(from: string, to: string, granularity: 'month' | 'day'): string[] {
  const periods: string[] = [];
  if (granularity === 'day') {
    for (let day = dayNumber(from); day <= dayNumber(to); day++) periods.push(new Date(day * 86_400_000).toISOString().slice(0, 10));
    return periods;
  }
  let [year, month] = from.split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const period = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    periods.push(period);
    if (period >= last) return periods;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

function dayNumber(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}

/**
 * Which stored periods make up a range: whole years as year rows (when asked for), whole months as month
 * rows, the days at either end as day rows. Each part is one range of the key.
 */
export interface PeriodCover {
  years: { from: string; to: string } | null;
  months: { from: string; to: string }[];
  days: { from: string; to: string }[];
}

/**
 * `byDay`: day rows over the whole range (a trend by day needs them); otherwise whole months where
 * possible, and with `years` whole years where possible (year rows exist for all service fields together
 * only, and carry no month for a trend).
 */
export function coverOf(from: string, to: string, options: { byDay: boolean; years: boolean }): PeriodCover {
  if (from > to) return { years: null, months: [], days: [] };
  const firstWhole = from.endsWith('-01') ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
  const lastWhole = to === lastDayOf(to.slice(0, 7)) ? to.slice(0, 7) : previousMonth(to.slice(0, 7));
  if (options.byDay || firstWhole > lastWhole) return { years: null, months: [], days: [{ from, to }] };
  const days: PeriodCover['days'] = [];
  if (!from.endsWith('-01')) days.push({ from, to: lastDayOf(from.slice(0, 7)) });
  if (lastWhole !== to.slice(0, 7)) days.push({ from: `${to.slice(0, 7)}-01`, to });
  const firstWholeYear = firstWhole.endsWith('-01') ? firstWhole.slice(0, 4) : String(Number(firstWhole.slice(0, 4)) + 1).padStart(4, '0');
  const lastWholeYear = lastWhole.endsWith('-12') ? lastWhole.slice(0, 4) : String(Number(lastWhole.slice(0, 4)) - 1).padStart(4, '0');
  if (!options.years || firstWholeYear > lastWholeYear) return { years: null, months: [{ from: firstWhole, to: lastWhole }], days };
  const months: PeriodCover['months'] = [];
  if (firstWhole.slice(0, 4) !== firstWholeYear) months.push({ from: firstWhole, to: `${firstWhole.slice(0, 4)}-12` });
  if (lastWhole.slice(0, 4) !== lastWholeYear) months.push({ from: `${lastWhole.slice(0, 4)}-01`, to: lastWhole });
  return { years: { from: firstWholeYear, to: lastWholeYear }, months, days };
}

function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${String(year + 1).padStart(4, '0')}-01` : `${month.slice(0, 4)}-${String(number + 1).padStart(2, '0')}`;
}

function previousMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 1 ? `${String(year - 1).padStart(4, '0')}-12` : `${month.slice(0, 4)}-${String(number - 1).padStart(2, '0')}`;
}

function lastDayOf(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, number, 0)).toISOString().slice(0, 10);
}

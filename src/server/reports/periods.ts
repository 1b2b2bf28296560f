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

import { addDays, periodContaining, quarterOf, shiftPeriod, todayLocal, type Period } from '../../../domain/calendar.ts';
import { periodOfRange } from '../../../domain/report-headline.ts';
import { formatLocalDay } from './report-format.ts';

/** The default report period: the last complete month, so the figures no longer move while one reads them. */
export function lastCompleteMonth(today: string = todayLocal()): Period {
  return shiftPeriod(periodContaining('month', today), -1);
}

/** "tháng 11/2026" / "11/2026" for a month bucket 'YYYY-MM'; "tuần 30/11/2026" for a week starting that Monday. */
export function formatBucket(period: string, granularity: 'month' | 'week' | 'day', language: string): string {
  if (granularity === 'month') return `${period.slice(5, 7)}/${period.slice(0, 4)}`;
  if (granularity === 'week') return `${formatLocalDay(period, language)}–${formatLocalDay(addDays(period, 6), language)}`;
  return formatLocalDay(period, language);
}

/** A bucket as a sentence names it: "tháng 10/2025", "tuần 06/10/2025–12/10/2025". */
export function namedBucket(
  period: string,
  granularity: 'month' | 'week',
  language: string,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  return t(`manage.headline.bucketNamed.${granularity}`, { bucket: formatBucket(period, granularity, language) });
}

/** The first day of the newest sparkline bucket that has answers, as a period of the same kind. */
export function lastPeriodWithData(points: readonly { period: string; n: number }[], granularity: 'month' | 'week'): Period | null {
  const last = [...points].reverse().find((point) => point.n > 0);
  if (!last) return null;
  return periodContaining(granularity, granularity === 'month' ? `${last.period}-01` : last.period);
}

/** A period as words: "tháng 11/2026", "quý 4/2026", "năm 2026", else "01/11/2026–15/11/2026". */
export function describePeriod(
  range: { from: string; to: string },
  language: string,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  const period = periodOfRange(range.from, range.to);
  switch (period.kind) {
    case 'month':
      return t('manage.headline.periods.month', { month: formatBucket(range.from.slice(0, 7), 'month', language) });
    case 'quarter':
      return t('manage.headline.periods.quarter', { quarter: quarterOf(range.from), year: range.from.slice(0, 4) });
    case 'year':
      return t('manage.headline.periods.year', { year: range.from.slice(0, 4) });
    case 'day':
      return formatLocalDay(range.from, language);
    default:
      return `${formatLocalDay(range.from, language)}–${formatLocalDay(range.to, language)}`;
  }
}

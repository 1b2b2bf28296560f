import { DEFAULT_TIME_ZONE, localDayOf } from './local-day.ts';

/**
 * Arithmetic on local days ('YYYY-MM-DD', already in a unit's zone): report periods, trend buckets and
 * the cover of a range by stored years, months and days. Done on UTC midnights, so no zone or daylight
 * saving can shift a day. Converting an instant to its local day is local-day.ts's job.
 */

const DAY_MS = 86_400_000;

function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

function dayFromNumber(value: number): string {
  return new Date(value * DAY_MS).toISOString().slice(0, 10);
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** True for a day of the calendar: 2026-13-01 and 2026-02-30 match the pattern but name no day. */
export function isLocalDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const value = dayNumber(text);
  // Date.parse rejects month 13 with NaN but rolls 31 April over to 1 May; both are not days.
  return Number.isFinite(value) && dayFromNumber(value) === text;
}

export function addDays(day: string, days: number): string {
  return dayFromNumber(dayNumber(day) + days);
}

/** Days from `from` to `to`, both counted. */
export function daysInRange(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

/** A range of local days, both ends counted. */
export interface DayRange {
  from: string;
  to: string;
}

/**
 * The days of `range` outside `without`, as at most two ranges (before it and after it): what a rolling
 * window gives up (old without new) and takes on (new without old) when it moves.
 */
export function daysOutside(range: DayRange, without: DayRange): DayRange[] {
  if (without.to < range.from || without.from > range.to || without.from > without.to) return range.from > range.to ? [] : [range];
  const parts: DayRange[] = [];
  if (range.from < without.from) parts.push({ from: range.from, to: addDays(without.from, -1) });
  if (range.to > without.to) parts.push({ from: addDays(without.to, 1), to: range.to });
  return parts;
}

/** The last day of a month given as 'YYYY-MM'. */
export function lastDayOfMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return dayFromNumber(Date.UTC(year, number, 0) / DAY_MS);
}

export function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${pad(year + 1, 4)}-01` : `${month.slice(0, 4)}-${pad(number + 1)}`;
}

export function previousMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 1 ? `${pad(year - 1, 4)}-12` : `${month.slice(0, 4)}-${pad(number - 1)}`;
}

/** Today in the units' zone (a manager abroad sees the same day as one in Hà Nội). */
export function todayLocal(now: Date = new Date(), timeZone: string = DEFAULT_TIME_ZONE): string {
  return localDayOf(now.toISOString(), timeZone);
}

// ─── Report periods ───────────────────────────────────────────────────────────────────────────────

export const PERIOD_KINDS = ['day', 'week', 'month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** An inclusive range of local days. */
export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
}

/** The period of `kind` that contains `anchor` (weeks run Monday to Sunday, as Vietnamese calendars do). */
export function periodContaining(kind: Exclude<PeriodKind, 'custom'>, anchor: string): Period {
  const year = Number(anchor.slice(0, 4));
  const month = Number(anchor.slice(5, 7));
  switch (kind) {
    case 'day':
      return { kind, from: anchor, to: anchor };
    case 'week': {
      const weekday = (new Date(`${anchor}T00:00:00Z`).getUTCDay() + 6) % 7;
      const monday = addDays(anchor, -weekday);
      return { kind, from: monday, to: addDays(monday, 6) };
    }
    case 'month':
      return { kind, from: `${anchor.slice(0, 7)}-01`, to: lastDayOfMonth(anchor.slice(0, 7)) };
    case 'quarter': {
      const firstMonth = Math.floor((month - 1) / 3) * 3 + 1;
      return { kind, from: `${year}-${pad(firstMonth)}-01`, to: lastDayOfMonth(`${year}-${pad(firstMonth + 2)}`) };
    }
    case 'year':
      return { kind, from: `${year}-01-01`, to: `${year}-12-31` };
  }
}

/** The period just before or after (`step` = -1 or 1) one of the same kind; a custom range moves by its length. */
export function shiftPeriod(period: Period, step: -1 | 1): Period {
  if (period.kind === 'custom') {
    const length = daysInRange(period.from, period.to);
    return { kind: 'custom', from: addDays(period.from, step * length), to: addDays(period.to, step * length) };
  }
  const anchor = step === 1 ? addDays(period.to, 1) : addDays(period.from, -1);
  return periodContaining(period.kind, anchor);
}

export function customPeriod(from: string, to: string): Period {
  return from <= to ? { kind: 'custom', from, to } : { kind: 'custom', from: to, to: from };
}

/** The quarter (1–4) a period of kind 'quarter' stands for. */
export function quarterOf(day: string): number {
  return Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;
}

// ─── Trend buckets ────────────────────────────────────────────────────────────────────────────────

/**
 * Trend buckets. By default weeks (Monday to Sunday) for a range up to about three months, months beyond:
 * a daily line over a quarter is mostly noise and empty days. Days (or weeks over a longer range) only when
 * asked for, and only up to a year, so a chart never carries thousands of points.
 */
export const TREND_GRANULARITIES = ['day', 'week', 'month'] as const;
export type TrendGranularity = (typeof TREND_GRANULARITIES)[number];
export const WEEK_TREND_MAX_DAYS = 92;
export const FINE_TREND_MAX_DAYS = 366;

export function trendGranularity(from: string, to: string, requested?: TrendGranularity): TrendGranularity {
  const days = daysInRange(from, to);
  if (requested === 'month') return 'month';
  if (requested && days <= FINE_TREND_MAX_DAYS) return requested;
  return days <= WEEK_TREND_MAX_DAYS ? 'week' : 'month';
}

/** The bucket a local day falls in: the day itself, its week's Monday, or its month 'YYYY-MM'. */
export function trendBucketOf(day: string, granularity: TrendGranularity): string {
  if (granularity === 'day') return day;
  if (granularity === 'week') return periodContaining('week', day).from;
  return day.slice(0, 7);
}

/** The local days a bucket covers within the range (the first and last weeks or months may be cut). */
export function trendBucketDays(period: string, granularity: TrendGranularity, range: { from: string; to: string }): { from: string; to: string } {
  const whole =
    granularity === 'day'
      ? { from: period, to: period }
      : granularity === 'week'
        ? { from: period, to: addDays(period, 6) }
        : { from: `${period}-01`, to: lastDayOfMonth(period) };
  return { from: whole.from < range.from ? range.from : whole.from, to: whole.to > range.to ? range.to : whole.to };
}

/** Every period of the range, oldest first, so a chart shows empty days, weeks or months as gaps. */
export function periodsOf(from: string, to: string, granularity: TrendGranularity): string[] {
  const periods: string[] = [];
  if (granularity === 'day') {
    for (let day = dayNumber(from); day <= dayNumber(to); day++) periods.push(dayFromNumber(day));
    return periods;
  }
  if (granularity === 'week') {
    for (let monday = trendBucketOf(from, 'week'); monday <= to; monday = addDays(monday, 7)) periods.push(monday);
    return periods;
  }
  const last = to.slice(0, 7);
  for (let month = from.slice(0, 7); ; month = nextMonth(month)) {
    periods.push(month);
    if (month >= last) return periods;
  }
}

// ─── The cover of a range by stored periods ───────────────────────────────────────────────────────

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
  const lastWhole = to === lastDayOfMonth(to.slice(0, 7)) ? to.slice(0, 7) : previousMonth(to.slice(0, 7));
  if (options.byDay || firstWhole > lastWhole) return { years: null, months: [], days: [{ from, to }] };
  const days: PeriodCover['days'] = [];
  if (!from.endsWith('-01')) days.push({ from, to: lastDayOfMonth(from.slice(0, 7)) });
  if (lastWhole !== to.slice(0, 7)) days.push({ from: `${to.slice(0, 7)}-01`, to });
  const firstWholeYear = firstWhole.endsWith('-01') ? firstWhole.slice(0, 4) : pad(Number(firstWhole.slice(0, 4)) + 1, 4);
  const lastWholeYear = lastWhole.endsWith('-12') ? lastWhole.slice(0, 4) : pad(Number(lastWhole.slice(0, 4)) - 1, 4);
  if (!options.years || firstWholeYear > lastWholeYear) return { years: null, months: [{ from: firstWhole, to: lastWhole }], days };
  const months: PeriodCover['months'] = [];
  if (firstWhole.slice(0, 4) !== firstWholeYear) months.push({ from: firstWhole, to: `${firstWhole.slice(0, 4)}-12` });
  if (lastWhole.slice(0, 4) !== lastWholeYear) months.push({ from: `${lastWhole.slice(0, 4)}-01`, to: lastWhole });
  return { years: { from: firstWholeYear, to: lastWholeYear }, months, days };
}

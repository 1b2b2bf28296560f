import { DEFAULT_TIME_ZONE, localDayOf } from '../../../domain/local-day.ts';

/**
 * Report periods as inclusive ranges of local days ('YYYY-MM-DD'), counted in the units' zone
 * (Asia/Ho_Chi_Minh), never in the browser's: a manager abroad must see the same month as one in Hà Nội.
 */

export const PERIOD_KINDS = ['day', 'week', 'month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  /** First local day, inclusive. */
  from: string;
  /** Last local day, inclusive. */
  to: string;
}

const DAY_MS = 86_400_000;

/** Calendar arithmetic on local days, done on UTC midnights so no zone or DST can shift a day. */
function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

function dayFromNumber(value: number): string {
  return new Date(value * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayFromNumber(dayNumber(day) + days);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function lastDayOfMonth(year: number, month: number): string {
  return dayFromNumber(Date.UTC(year, month, 0) / DAY_MS);
}

/** Today in the units' zone. */
export function todayLocal(now: Date = new Date(), timeZone: string = DEFAULT_TIME_ZONE): string {
  return localDayOf(now.toISOString(), timeZone);
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
      return { kind, from: `${year}-${pad(month)}-01`, to: lastDayOfMonth(year, month) };
    case 'quarter': {
      const firstMonth = Math.floor((month - 1) / 3) * 3 + 1;
      return { kind, from: `${year}-${pad(firstMonth)}-01`, to: lastDayOfMonth(year, firstMonth + 2) };
    }
    case 'year':
      return { kind, from: `${year}-01-01`, to: `${year}-12-31` };
  }
}

/** The period just before or after (`step` = -1 or 1) one of the same kind; a custom range moves by its length. */
export function shiftPeriod(period: Period, step: -1 | 1): Period {
  if (period.kind === 'custom') {
    const length = dayNumber(period.to) - dayNumber(period.from) + 1;
    return { kind: 'custom', from: addDays(period.from, step * length), to: addDays(period.to, step * length) };
  }
  const anchor = step === 1 ? addDays(period.to, 1) : addDays(period.from, -1);
  return periodContaining(period.kind, anchor);
}

export function customPeriod(from: string, to: string): Period {
  return from <= to ? { kind: 'custom', from, to } : { kind: 'custom', from: to, to: from };
}

export function isLocalDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const value = dayNumber(text);
  // Date.parse rejects month 13 with NaN but rolls 31 April over to 1 May; both are not days.
  return Number.isFinite(value) && dayFromNumber(value) === text;
}

/** The quarter (1–4) a period of kind 'quarter' stands for. */
export function quarterOf(day: string): number {
  return Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;
}

import { formatIndex, NO_INDEX_TEXT } from '../../../domain/format.ts';
import type { Interval } from '../../../domain/scoring.ts';

/**
 * Figures as a Vietnamese reader expects them ("87,35%", "+2,35 điểm"); the same rounding as exports
 * (format.ts). The server sends full precision; nothing is computed here beyond presentation.
 */

/** The Intl locale of a UI language: Vietnamese figures follow vi-VN. */
export function numberLocale(language: string): string {
  return language.startsWith('vi') ? 'vi-VN' : 'en-GB';
}

export function formatPercent(value: number | null, language: string): string {
  return formatIndex(value, numberLocale(language));
}

const countFormats = new Map<string, Intl.NumberFormat>();
export function formatCount(value: number, language: string): string {
  const locale = numberLocale(language);
  let format = countFormats.get(locale);
  if (!format) countFormats.set(locale, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })));
  return format.format(value);
}

const pointFormats = new Map<string, Intl.NumberFormat>();
/** A gap in points with its sign, "+2,35" or "−12,50"; "—" without an index. */
export function formatPoints(value: number | null, language: string): string {
  if (value === null) return NO_INDEX_TEXT;
  const locale = numberLocale(language);
  let format = pointFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
    pointFormats.set(locale, format);
  }
  return format.format(value);
}

/** "82,10–90,55%" (a 95% interval); "—" without answers. */
export function formatInterval(interval: Interval | null, language: string): string {
  if (interval === null) return NO_INDEX_TEXT;
  const low = formatPercent(interval.low, language).replace(/\s?%$/, '');
  return `${low}–${formatPercent(interval.high, language)}`;
}

export function formatDateTime(iso: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(numberLocale(language), {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** A local day 'YYYY-MM-DD' as the reader writes dates ("05/07/2026"); read at UTC so no zone shifts it. */
export function formatLocalDay(day: string, language: string): string {
  return new Intl.DateTimeFormat(numberLocale(language), { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

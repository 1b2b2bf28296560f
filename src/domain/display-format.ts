import { formatIndex, NO_INDEX_TEXT } from './format.ts';
import type { Interval } from './scoring.ts';

/**
 * Every figure, date and size a person reads, in every face (kiosk staff view, dashboard, print):
 * "04/12/2026", "63,67%", "5,0 MB" in Vietnamese, "04/12/2026", "63.67%", "5.0 MB" in English.
 * Indices round as the exports do (format.ts). One module so no screen formats its own way.
 */

/** The Intl locale of a UI language: Vietnamese figures follow vi-VN, English ones en-GB (day first). */
export function numberLocale(language: string): string {
  return language.startsWith('vi') ? 'vi-VN' : 'en-GB';
}

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = make()));
  return value;
}

export function formatPercent(value: number | null, language: string): string {
  return formatIndex(value, numberLocale(language));
}

const countFormats = new Map<string, Intl.NumberFormat>();
/** "1.234" in Vietnamese, "1,234" in English. */
export function formatCount(value: number, language: string): string {
  const locale = numberLocale(language);
  return cached(countFormats, locale, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })).format(value);
}

const pointFormats = new Map<string, Intl.NumberFormat>();
/** A gap in points with its sign, "+2,35" or "−12,50"; "—" without an index. */
export function formatPoints(value: number | null, language: string): string {
  if (value === null) return NO_INDEX_TEXT;
  const locale = numberLocale(language);
  return cached(
    pointFormats,
    locale,
    () => new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' }),
  ).format(value);
}

/** "82,10–90,55%" (a 95% interval); "—" without answers. */
export function formatInterval(interval: Interval | null, language: string): string {
  if (interval === null) return NO_INDEX_TEXT;
  const low = formatPercent(interval.low, language).replace(/\s?%$/, '');
  return `${low}–${formatPercent(interval.high, language)}`;
}

const sizeFormats = new Map<string, Intl.NumberFormat>();
const MEGABYTE = 1_048_576;
const GIGABYTE = 1_073_741_824;
/**
 * A storage size with one decimal: "5,0 MB" below a gigabyte, "2,5 GB" from one up (a tablet's quota is
 * often tens of gigabytes, which in megabytes reads as "61.440,0 MB"); "—" when the browser does not say.
 */
export function formatBytes(bytes: number | null, language: string): string {
  if (bytes === null) return NO_INDEX_TEXT;
  const locale = numberLocale(language);
  const format = cached(sizeFormats, locale, () => new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
  // Decided on the rounded figure: 1023.96 MB would read "1.024,0 MB", which is "1,0 GB".
  return Math.round((bytes / MEGABYTE) * 10) / 10 >= GIGABYTE / MEGABYTE
    ? `${format.format(bytes / GIGABYTE)} GB`
    : `${format.format(bytes / MEGABYTE)} MB`;
}

const WALL_CLOCK_FIELDS = {
  dateTime: { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  time: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();
/** An instant on the unit's wall clock with the given fields; one formatter per fields, locale and zone, as making one is slow. */
function formatOnWallClock(iso: string, fields: keyof typeof WALL_CLOCK_FIELDS, language: string, timeZone: string): string {
  const locale = numberLocale(language);
  const format = cached(
    wallClockFormats,
    `${fields}|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, ...WALL_CLOCK_FIELDS[fields] }),
  );
  return format.format(new Date(iso));
}

/** An instant on the unit's wall clock: "14:05 04/12/2026" in Vietnamese (time first, as official papers write it), "04/12/2026, 14:05" in English. */
export function formatDateTime(iso: string, language: string, timeZone: string): string {
  return formatOnWallClock(iso, 'dateTime', language, timeZone);
}

/** An instant's time of day on the unit's wall clock: "14:05:30". */
export function formatTime(iso: string, language: string, timeZone: string): string {
  return formatOnWallClock(iso, 'time', language, timeZone);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(language: string): Intl.DateTimeFormat {
  const locale = numberLocale(language);
  return cached(dayFormats, locale, () => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }));
}

/** A local day 'YYYY-MM-DD' as the reader writes dates ("05/07/2026"); read at UTC so no zone shifts it. */
export function formatLocalDay(day: string, language: string): string {
  return dayFormat(language).format(new Date(`${day}T00:00:00Z`));
}

/**
 * The full date's pattern without its year or its day, so a short date reads like the long one: Intl's
 * own day-and-month pattern is "26-10" in Vietnamese and its month-and-year "tháng 10, 2026", where papers
 * and the rest of the app write 26/10/2026. Both are an end of that pattern, so its separator goes with it.
 */
function dateWithout(day: string, dropped: 'year' | 'day', language: string): string {
  return dayFormat(language)
    .formatToParts(new Date(`${day}T00:00:00Z`))
    .filter((part) => part.type !== dropped)
    .map((part) => part.value)
    .join('')
    .replace(/^\D+|\D+$/g, '');
}

/** A day without its year, for a chart's axis: "26/10" ('YYYY-MM-DD'). */
export function formatDayOfMonth(day: string, language: string): string {
  return dateWithout(day, 'year', language);
}

/** A month of a year, for a chart's axis: "10/2026" ('YYYY-MM'). */
export function formatMonthOfYear(month: string, language: string): string {
  return dateWithout(`${month}-01`, 'day', language);
}

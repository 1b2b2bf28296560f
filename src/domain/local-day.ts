/**
 * Responses are stored in UTC and counted per local day of the unit that collected them, in the
 * unit's IANA time zone, so a response at 23:30 in Hà Nội belongs to that day, not to the next UTC one.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * Whether `name` is an IANA time zone this runtime knows ("Asia/Ho_Chi_Minh", "UTC", an alias such as
 * "Asia/Saigon"). Offsets ("+07:00") are refused: they ignore a zone's history and its daylight saving.
 */
export function isIanaTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone to count a unit's days in: its own, or the default when an older version stored one this
 * runtime does not know, so one unit's bad setting never stops its tablets' uploads. `valid` says which.
 */
export function usableTimeZone(name: string | null | undefined): { timeZone: string; valid: boolean } {
  if (name && isIanaTimeZone(name)) return { timeZone: name, valid: true };
  return { timeZone: DEFAULT_TIME_ZONE, valid: false };
}

const DAY_MS = 86_400_000;
const LOCAL_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An instant needs an explicit offset: without one, Date would read it in the machine's own zone. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One formatter per zone (and per need of the offset): building an Intl.DateTimeFormat costs far more
 * than using it, and the offset is left out where only the day is wanted, as on the sync hot path.
 */
function wallClockFormatter(timeZone: string, withOffset = false): Intl.DateTimeFormat {
  const key = withOffset ? `${timeZone}|offset` : timeZone;
  let formatter = wallClockFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      ...(withOffset ? { timeZoneName: 'longOffset' as const } : {}),
    });
    wallClockFormatters.set(key, formatter);
  }
  return formatter;
}

function wallClockParts(utcIso: string, timeZone: string, withOffset: boolean): Record<string, string> {
  const epochMs = Date.parse(utcIso);
  if (Number.isNaN(epochMs)) throw new RangeError(`"${utcIso}" is not a date-time`);
  const parts: Record<string, string> = {};
  for (const part of wallClockFormatter(timeZone, withOffset).formatToParts(epochMs)) parts[part.type] = part.value;
  return parts;
}

function wallClockText(parts: Record<string, string>): string {
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** "2026-11-22T09:14:30": an instant as the unit's clock reads it, without an offset (for Excel, which has no zones). */
export function localDateTime(utcIso: string, timeZone: string): string {
  return wallClockText(wallClockParts(utcIso, timeZone, false));
}

/** "2026-11-22T09:14:30+07:00": an instant as exports show it, in the unit's zone with its offset. */
export function localDateTimeWithOffset(utcIso: string, timeZone: string): string {
  const parts = wallClockParts(utcIso, timeZone, true);
  // "GMT+07:00", or plain "GMT" for UTC itself.
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${wallClockText(parts)}${offset}`;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const clock: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of wallClockFormatter(timeZone).formatToParts(epochMs)) {
    if (part.type in clock) clock[part.type as keyof WallClock] = Number(part.value);
  }
  return clock;
}

function dayText({ year, month, day }: Pick<WallClock, 'year' | 'month' | 'day'>): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const HOUR_MS = 3_600_000;
const OFFSET_CACHE_LIMIT = 4096;
/** Date's ISO text writes the day as YYYY-MM-DD between these (years 1 to 9999, a day's margin each end). */
const FIRST_FOUR_DIGIT_INSTANT = Date.parse('0001-01-02T00:00:00.000Z');
const LAST_FOUR_DIGIT_INSTANT = Date.parse('9999-12-30T00:00:00.000Z');
/** Per zone and UTC hour: the zone's offset through the whole hour, or null when it changes within it. */
const hourlyOffsets = new Map<string, number | null>();

/**
 * The sync path asks this for every response, and a formatter call costs several microseconds; the
 * offset of an hour is asked for once instead. Offsets change at most once within an hour, so the same
 * offset at both ends of it holds throughout; where they differ, every instant is asked for exactly.
 */
function localDayAt(epochMs: number, timeZone: string): string {
  if (epochMs < FIRST_FOUR_DIGIT_INSTANT || epochMs > LAST_FOUR_DIGIT_INSTANT) return dayText(wallClockAt(epochMs, timeZone));
  const hourStart = Math.floor(epochMs / HOUR_MS) * HOUR_MS;
  const key = `${timeZone}|${hourStart}`;
  let offset = hourlyOffsets.get(key);
  if (offset === undefined) {
    const atStart = offsetAt(hourStart, timeZone);
    offset = atStart === offsetAt(hourStart + HOUR_MS - 1, timeZone) ? atStart : null;
    if (hourlyOffsets.size >= OFFSET_CACHE_LIMIT) hourlyOffsets.clear();
    hourlyOffsets.set(key, offset);
  }
  return offset === null ? dayText(wallClockAt(epochMs, timeZone)) : new Date(epochMs + offset).toISOString().slice(0, 10);
}

function parseInstant(iso: string): number {
  const epochMs = INSTANT.test(iso) ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(epochMs)) throw new RangeError(`"${iso}" is not an ISO date-time with Z or an offset`);
  return epochMs;
}

/** The local day ('YYYY-MM-DD') an instant falls on in `timeZone`. */
export function localDayOf(utcIso: string, timeZone: string): string {
  return localDayAt(parseInstant(utcIso), timeZone);
}

/**
 * How far the device clock is ahead of the server clock, in milliseconds (negative when behind),
 * measured when a batch arrives: the device time it carries against the server's receive time.
 */
export function clockSkewMs(deviceIso: string, serverIso: string): number {
  return parseInstant(deviceIso) - parseInstant(serverIso);
}

/** A device timestamp moved onto the server clock, given the skew of `clockSkewMs`; ISO UTC with ms. */
export function correctedTimestamp(deviceIso: string, skewMs: number): string {
  if (!Number.isFinite(skewMs)) throw new RangeError(`a clock skew must be a finite number, got ${skewMs}`);
  return new Date(parseInstant(deviceIso) - Math.round(skewMs)).toISOString();
}

export interface LocalDayBounds {
  /** The first instant of the day. */
  startUtcIso: string;
  /** The first instant of the next day: the bounds are half-open, [start, end). */
  endUtcIso: string;
}

/**
 * The UTC instants a local day spans, so a query can select a day's responses by their UTC time.
 * A day is 23 or 25 hours long across a daylight-saving change; when midnight itself is skipped
 * (some zones change clocks at 00:00), the day starts at the first instant that exists.
 */
export function localDayBoundsUtc(day: string, timeZone: string): LocalDayBounds {
  const match = LOCAL_DAY.exec(day);
  const midnightAsUtc = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(midnightAsUtc) || new Date(midnightAsUtc).toISOString().slice(0, 10) !== day) {
    throw new RangeError(`"${day}" is not a calendar day written YYYY-MM-DD`);
  }
  const start = startOfLocalDay(day, midnightAsUtc, timeZone);
  const nextDay = new Date(midnightAsUtc + DAY_MS).toISOString().slice(0, 10);
  const end = startOfLocalDay(nextDay, midnightAsUtc + DAY_MS, timeZone);
  return { startUtcIso: new Date(start).toISOString(), endUtcIso: new Date(end).toISOString() };
}

/** The offset of `timeZone` from UTC at an instant, in milliseconds (east positive). */
function offsetAt(epochMs: number, timeZone: string): number {
  const clock = wallClockAt(epochMs, timeZone);
  const wallAsUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return wallAsUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/** The first instant whose local day is `day` (or later), assuming local days never run backwards. */
function startOfLocalDay(day: string, midnightAsUtc: number, timeZone: string): number {
  const isStart = (t: number) => localDayAt(t, timeZone) >= day && localDayAt(t - 1, timeZone) < day;
  // Usually local midnight: the instant whose offset, applied to it, gives midnight. Two rounds
  // settle the offset when a change falls between the first guess and midnight.
  const firstGuess = midnightAsUtc - offsetAt(midnightAsUtc, timeZone);
  const guess = midnightAsUtc - offsetAt(firstGuess, timeZone);
  if (isStart(guess)) return guess;
  // Midnight does not exist that day: search for the clock change, to the millisecond. Offsets
  // stay within ±1 day of UTC, so the start lies within 2 days around midnight read as UTC.
  let before = midnightAsUtc - 2 * DAY_MS;
  let atOrAfter = midnightAsUtc + 2 * DAY_MS;
  while (atOrAfter - before > 1) {
    const middle = before + Math.floor((atOrAfter - before) / 2);
    if (localDayAt(middle, timeZone) >= day) atOrAfter = middle;
    else before = middle;
  }
  return atOrAfter;
}

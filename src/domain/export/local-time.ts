/** Exports show every time in the unit's zone with its offset, so no answer lands on the wrong day. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
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
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** "2026-11-22T09:14:30+07:00" for an instant in Asia/Ho_Chi_Minh. */
export function localDateTimeWithOffset(utcIso: string, timeZone: string): string {
  const epochMs = Date.parse(utcIso);
  if (Number.isNaN(epochMs)) throw new RangeError(`"${utcIso}" is not a date-time`);
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) parts[part.type] = part.value;
  // "GMT+07:00", or plain "GMT" for UTC itself.
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

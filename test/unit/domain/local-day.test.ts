import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockSkewMs, correctedTimestamp, DEFAULT_TIME_ZONE, localDayBoundsUtc, localDayOf } from '../../../src/domain/local-day.ts';

describe('localDayOf', () => {
  it('counts days in Việt Nam time by default (UTC+7)', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Asia/Ho_Chi_Minh');
    expect(localDayOf('2025-05-06T16:59:59.999Z', DEFAULT_TIME_ZONE)).toBe('2025-05-06');
    expect(localDayOf('2025-05-06T17:00:00.000Z', DEFAULT_TIME_ZONE)).toBe('2025-05-07');
  });

  it('follows daylight saving time in Berlin', () => {
    expect(localDayOf('2025-01-15T22:59:59.999Z', 'Europe/Berlin')).toBe('2025-01-15');
    expect(localDayOf('2025-01-15T23:00:00.000Z', 'Europe/Berlin')).toBe('2025-01-16');
    expect(localDayOf('2025-07-15T21:59:59.999Z', 'Europe/Berlin')).toBe('2025-07-15');
    expect(localDayOf('2025-07-15T22:00:00.000Z', 'Europe/Berlin')).toBe('2025-07-16');
  });

  it('accepts an instant written with an offset', () => {
    expect(localDayOf('2025-05-07T00:30:00.000+07:00', DEFAULT_TIME_ZONE)).toBe('2025-05-07');
  });

  it('refuses a date-time without offset, which would be read in the machine’s own zone', () => {
    expect(() => localDayOf('2025-05-06T23:30:00.000', DEFAULT_TIME_ZONE)).toThrow(RangeError);
    expect(() => localDayOf('yesterday', DEFAULT_TIME_ZONE)).toThrow(RangeError);
  });

  it("gives the day the zone's own calendar shows, across daylight-saving changes on and off the hour (property)", () => {
    const zones = ['Asia/Ho_Chi_Minh', 'Europe/Berlin', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns'];
    const calendars = new Map(
      zones.map((zone) => [zone, new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })]),
    );
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2027, 0, 1) }), (zone, epochMs) => {
        expect(localDayOf(new Date(epochMs).toISOString(), zone)).toBe(calendars.get(zone)!.format(epochMs));
      }),
      { numRuns: 5000 },
    );
    // The minutes either side of Lord Howe's half-hour change (02:00 local, inside a UTC hour).
    const change = Date.parse('2025-10-04T15:30:00.000Z');
    for (let epochMs = change - 3_600_000; epochMs <= change + 3_600_000; epochMs += 60_000) {
      expect(localDayOf(new Date(epochMs).toISOString(), 'Australia/Lord_Howe')).toBe(calendars.get('Australia/Lord_Howe')!.format(epochMs));
    }
  });

  it('refuses an unknown time zone', () => {
    expect(() => localDayOf('2025-05-06T10:00:00.000Z', 'Asia/Atlantis')).toThrow(RangeError);
  });
});

describe('clock correction', () => {
  it('moves a device time onto the server clock by the skew measured at upload', () => {
    const skew = clockSkewMs('2025-05-06T10:05:00.000Z', '2025-05-06T10:00:00.000Z');
    expect(skew).toBe(300_000);
    expect(correctedTimestamp('2025-05-06T09:58:12.345Z', skew)).toBe('2025-05-06T09:53:12.345Z');
  });

  it('moves a late device clock forward', () => {
    expect(correctedTimestamp('2025-05-06T16:59:00.000Z', -120_000)).toBe('2025-05-06T17:01:00.000Z');
  });

  it('can move a response into the next local day', () => {
    const corrected = correctedTimestamp('2025-05-06T16:58:00.000Z', -300_000);
    expect(localDayOf(corrected, DEFAULT_TIME_ZONE)).toBe('2025-05-07');
  });

  it('refuses a skew that is not a finite number', () => {
    expect(() => correctedTimestamp('2025-05-06T16:58:00.000Z', Number.NaN)).toThrow(RangeError);
  });
});

describe('localDayBoundsUtc', () => {
  it('spans 24 hours from local midnight in Việt Nam', () => {
    expect(localDayBoundsUtc('2025-05-06', DEFAULT_TIME_ZONE)).toEqual({
      startUtcIso: '2025-05-05T17:00:00.000Z',
      endUtcIso: '2025-05-06T17:00:00.000Z',
    });
  });

  it('spans a winter day in Berlin at UTC+1', () => {
    expect(localDayBoundsUtc('2025-01-15', 'Europe/Berlin')).toEqual({
      startUtcIso: '2025-01-14T23:00:00.000Z',
      endUtcIso: '2025-01-15T23:00:00.000Z',
    });
  });

  it('spans 23 hours on the day Berlin moves its clocks forward', () => {
    expect(localDayBoundsUtc('2025-03-30', 'Europe/Berlin')).toEqual({
      startUtcIso: '2025-03-29T23:00:00.000Z',
      endUtcIso: '2025-03-30T22:00:00.000Z',
    });
  });

  it('spans 25 hours on the day Berlin moves its clocks back', () => {
    expect(localDayBoundsUtc('2025-10-26', 'Europe/Berlin')).toEqual({
      startUtcIso: '2025-10-25T22:00:00.000Z',
      endUtcIso: '2025-10-26T23:00:00.000Z',
    });
  });

  it('starts at 01:00 where the clocks skip midnight (Santiago, September 2024)', () => {
    expect(localDayBoundsUtc('2024-09-08', 'America/Santiago').startUtcIso).toBe('2024-09-08T04:00:00.000Z');
  });

  it('refuses a day that is not on the calendar', () => {
    expect(() => localDayBoundsUtc('2025-02-30', DEFAULT_TIME_ZONE)).toThrow(RangeError);
    expect(() => localDayBoundsUtc('6/5/2025', DEFAULT_TIME_ZONE)).toThrow(RangeError);
  });

  it('contains every instant of the local day and nothing else (property)', () => {
    const zones = ['Asia/Ho_Chi_Minh', 'Europe/Berlin', 'America/Santiago', 'Asia/Kathmandu', 'Australia/Lord_Howe'];
    const instants = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) });
    fc.assert(
      fc.property(instants, fc.constantFrom(...zones), (epochMs, timeZone) => {
        const instant = new Date(epochMs).toISOString();
        const day = localDayOf(instant, timeZone);
        const { startUtcIso, endUtcIso } = localDayBoundsUtc(day, timeZone);
        const before = (iso: string) => new Date(Date.parse(iso) - 1).toISOString();
        expect(startUtcIso <= instant && instant < endUtcIso).toBe(true);
        expect(localDayOf(startUtcIso, timeZone)).toBe(day);
        expect(localDayOf(before(startUtcIso), timeZone) < day).toBe(true);
        expect(localDayOf(before(endUtcIso), timeZone)).toBe(day);
        expect(localDayOf(endUtcIso, timeZone) > day).toBe(true);
      }),
    );
  });
});

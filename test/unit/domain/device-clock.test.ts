import { describe, expect, it } from 'vitest';
import { answerClockSkew, deviceClockOffset, type ClockReading, type SessionAnchor } from '../../../src/domain/device-clock.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** True time of the sync that anchored the tablet. */
const SYNCED_AT = Date.parse('2025-03-10T02:00:00.000Z');

/** A page started at true time `startTrue` with its wall clock `wallOffset` off, its monotonic clock at 0. */
function page(startTrue: number, wallOffset: number) {
  const start: ClockReading = { wallMs: startTrue + wallOffset, monoMs: 0 };
  let offset = wallOffset;
  let sleptMs = 0;
  return {
    start,
    /** Both clocks at true time `at`; the monotonic clock stood still while the tablet slept. */
    readAt: (at: number): ClockReading => ({ wallMs: at + offset, monoMs: at - startTrue - sleptMs }),
    setClock: (newOffset: number) => {
      offset = newOffset;
    },
    sleep: (ms: number) => {
      sleptMs += ms;
    },
    anchorAt: (at: number): SessionAnchor => ({ serverMs: at, wallMs: at + offset, monoMs: at - startTrue - sleptMs }),
  };
}

/** What the server does with the answer's offset, given the skew its batch shows. */
function placed(offset: ReturnType<typeof deviceClockOffset>, batchSkewMs: number) {
  return answerClockSkew(offset, batchSkewMs);
}

describe('the clock offset an answer records', () => {
  it('behind, then fixed before the sync: answers before the fix keep the offset they were given with', () => {
    const tablet = page(SYNCED_AT - HOUR, -DAY);
    const anchor = tablet.anchorAt(SYNCED_AT);
    const answerBefore = deviceClockOffset({
      now: tablet.readAt(SYNCED_AT + 2 * HOUR),
      pageStart: tablet.start,
      sessionAnchor: anchor,
      storedAnchor: anchor,
    });
    tablet.setClock(0);
    const answerAfter = deviceClockOffset({
      now: tablet.readAt(SYNCED_AT + 3 * HOUR),
      pageStart: tablet.start,
      sessionAnchor: anchor,
      storedAnchor: anchor,
    });

    expect(answerBefore).toEqual({ ms: -DAY, forwardMs: 0, basis: 'session' });
    // The fix looks like a forward drift of a day: a sleep or a change, the tablet cannot tell.
    expect(answerAfter).toEqual({ ms: -DAY, forwardMs: DAY, basis: 'session' });
    // The sync after the fix shows no skew: the first is placed exactly, the second by the drift that agrees.
    expect(placed(answerBefore, 0)).toEqual({ skewMs: -DAY, certain: true });
    expect(placed(answerAfter, 0)).toEqual({ skewMs: 0, certain: true });
  });

  it('right, then jumped ahead before the sync: the answers given while right stay on their day', () => {
    const tablet = page(SYNCED_AT - HOUR, 0);
    const anchor = tablet.anchorAt(SYNCED_AT);
    const answerRight = deviceClockOffset({
      now: tablet.readAt(SYNCED_AT + HOUR),
      pageStart: tablet.start,
      sessionAnchor: anchor,
      storedAnchor: anchor,
    });
    tablet.setClock(3 * DAY);
    const answerJumped = deviceClockOffset({
      now: tablet.readAt(SYNCED_AT + 2 * HOUR),
      pageStart: tablet.start,
      sessionAnchor: anchor,
      storedAnchor: anchor,
    });

    expect(placed(answerRight, 3 * DAY)).toEqual({ skewMs: 0, certain: true });
    expect(placed(answerJumped, 3 * DAY)).toEqual({ skewMs: 3 * DAY, certain: true });
  });

  it('right, then set back: the monotonic clock shows the change at once', () => {
    const tablet = page(SYNCED_AT - HOUR, 0);
    const anchor = tablet.anchorAt(SYNCED_AT);
    tablet.setClock(-2 * HOUR);
    const answer = deviceClockOffset({ now: tablet.readAt(SYNCED_AT + HOUR), pageStart: tablet.start, sessionAnchor: anchor, storedAnchor: anchor });

    expect(answer).toEqual({ ms: -2 * HOUR, forwardMs: 0, basis: 'session' });
    expect(placed(answer, 5 * MINUTE)).toEqual({ skewMs: -2 * HOUR, certain: true });
  });

  it('a night asleep is not a clock change: the morning answers are placed by the unchanged offset', () => {
    const tablet = page(SYNCED_AT - HOUR, 10 * MINUTE);
    const anchor = tablet.anchorAt(SYNCED_AT);
    tablet.sleep(14 * HOUR);
    const answer = deviceClockOffset({
      now: tablet.readAt(SYNCED_AT + 15 * HOUR),
      pageStart: tablet.start,
      sessionAnchor: anchor,
      storedAnchor: anchor,
    });

    expect(answer).toEqual({ ms: 10 * MINUTE, forwardMs: 14 * HOUR, basis: 'session' });
    expect(placed(answer, 10 * MINUTE)).toEqual({ skewMs: 10 * MINUTE, certain: true });
  });

  it('after a reload the stored anchor carries the offset, checked against the batch', () => {
    const first = page(SYNCED_AT - HOUR, -DAY);
    const stored = { serverMs: SYNCED_AT, wallMs: first.anchorAt(SYNCED_AT).wallMs };
    const reloaded = page(SYNCED_AT + HOUR, -DAY);
    const answer = deviceClockOffset({
      now: reloaded.readAt(SYNCED_AT + 2 * HOUR),
      pageStart: reloaded.start,
      sessionAnchor: null,
      storedAnchor: stored,
    });

    expect(answer).toEqual({ ms: -DAY, forwardMs: 0, basis: 'carried' });
    // The clock was still a day behind at the sync: the carried offset is confirmed.
    expect(placed(answer, -DAY)).toEqual({ skewMs: -DAY, certain: true });
    // The clock was fixed before the sync, with no page to see when: before or after the answer? Flagged.
    expect(placed(answer, 0)).toEqual({ skewMs: -DAY, certain: false });
  });

  it('records nothing before any anchor, and an unknown offset after the clock went back past the anchor while no page ran', () => {
    const tablet = page(SYNCED_AT, 0);
    expect(
      deviceClockOffset({ now: tablet.readAt(SYNCED_AT + MINUTE), pageStart: tablet.start, sessionAnchor: null, storedAnchor: null }),
    ).toBeUndefined();

    const stored = { serverMs: SYNCED_AT, wallMs: SYNCED_AT };
    const setBackWhileOff = page(SYNCED_AT + HOUR, -DAY);
    const answer = deviceClockOffset({
      now: setBackWhileOff.readAt(SYNCED_AT + 2 * HOUR),
      pageStart: setBackWhileOff.start,
      sessionAnchor: null,
      storedAnchor: stored,
    });
    expect(answer).toBeNull();
    expect(placed(answer, -DAY)).toEqual({ skewMs: -DAY, certain: false });
  });

  it('places the records of older clients by the batch skew, unflagged, as before', () => {
    expect(placed(undefined, 3 * HOUR)).toEqual({ skewMs: 3 * HOUR, certain: true });
  });
});

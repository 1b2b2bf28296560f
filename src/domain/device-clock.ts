/**
 * How far a tablet's wall clock is from trusted (server) time when an answer is given, and how the server
 * places the answer with it (on its real local day, or flagged when it cannot know).
 *
 * The tablet learns trusted time at every sync (the batch reply's serverTime) and keeps an anchor: the
 * server time and its own wall clock at that moment; in memory also the page's monotonic clock
 * (performance.now()), which no one can set but which restarts with each page and, on Android, stands
 * still while the tablet sleeps. So the wall clock running ahead of the monotonic clock (a forward drift)
 * is either a sleep (the offset did not change) or the clock set forward (the offset grew by the drift):
 * the tablet cannot tell, and records both the offset and the drift. The wall clock falling behind the
 * monotonic clock can only be the clock set back: the offset takes it at once.
 * - Basis `session`: the anchor was taken in this page; the drift is measured from the anchor.
 * - Basis `carried`: the anchor comes from an earlier page (a reload, a reboot); the drift is measured
 *   from the page's start, and the gap between the anchor and the page's start is assumed unchanged.
 *   A page that started at a wall time before the anchor's proves the clock was set back meanwhile: the
 *   offset is unknown (null).
 * - Without any anchor (a tablet that has not synced since it got this rule) there is nothing to measure
 *   against: the answer carries no offset (undefined), like a record of an older client.
 * The server holds the batch's own skew (device time against receive time). A `session` offset without
 * drift is exact. Otherwise the offset, or the offset plus the drift, must agree with the batch's skew:
 * then the answer is placed by the one that agrees (a later change of the clock would show as a
 * disagreement, not as agreement). When neither agrees, or the offset is unknown, the server cannot know
 * when the clock changed: it places the answer by the tablet's best estimate (the batch's skew when
 * unknown) and flags it. Clients older than this rule send no offset; the batch's skew places them, as before.
 */

export type ClockOffsetBasis = 'session' | 'carried';

export interface ClockOffset {
  /** The device's wall clock minus trusted time, in ms (positive when the tablet is ahead). */
  ms: number;
  /** How far the wall clock ran ahead of the monotonic clock since the anchor: a sleep or a clock set forward. */
  forwardMs: number;
  basis: ClockOffsetBasis;
}

/** Trusted time and the device's wall clock at one instant. */
export interface ClockAnchor {
  serverMs: number;
  wallMs: number;
}

/** A reading of the wall and the monotonic clock at one instant. */
export interface ClockReading {
  wallMs: number;
  monoMs: number;
}

/** An anchor taken in this page, with the page's monotonic clock at that instant. */
export type SessionAnchor = ClockAnchor & ClockReading;

/** Wall and monotonic clocks drift apart by milliseconds (slewing, timer granularity); more is a jump. */
export const CLOCK_JUMP_TOLERANCE_MS = 2_000;

export function deviceClockOffset(input: {
  now: ClockReading;
  /** Both clocks when the page started (performance.timeOrigin and 0 in a browser). */
  pageStart: ClockReading;
  sessionAnchor: SessionAnchor | null;
  storedAnchor: ClockAnchor | null;
}): ClockOffset | null | undefined {
  const { now, pageStart, sessionAnchor, storedAnchor } = input;
  if (!sessionAnchor && !storedAnchor) return undefined;
  let anchor: ClockAnchor;
  let driftFrom: ClockReading;
  let basis: ClockOffsetBasis;
  if (sessionAnchor) {
    [anchor, driftFrom, basis] = [sessionAnchor, sessionAnchor, 'session'];
  } else if (storedAnchor && pageStart.wallMs >= storedAnchor.wallMs - CLOCK_JUMP_TOLERANCE_MS) {
    [anchor, driftFrom, basis] = [storedAnchor, pageStart, 'carried'];
  } else {
    // Time never runs backwards: a page that started before the anchor's wall time had its clock set back.
    return null;
  }
  const offsetAtAnchor = anchor.wallMs - anchor.serverMs;
  const drift = now.wallMs - driftFrom.wallMs - (now.monoMs - driftFrom.monoMs);
  if (drift < -CLOCK_JUMP_TOLERANCE_MS) return { ms: Math.round(offsetAtAnchor + drift), forwardMs: 0, basis };
  return { ms: Math.round(offsetAtAnchor), forwardMs: drift > CLOCK_JUMP_TOLERANCE_MS ? Math.round(drift) : 0, basis };
}

/** An offset within this of the batch's skew agrees with it (the batch's skew includes network time). */
export const CLOCK_AGREEMENT_MS = 2 * 60_000;

export interface AnswerClockSkew {
  /** What the server removes from the answer's device times. */
  skewMs: number;
  /** False when the server cannot know the answer's real time: the answer is flagged. */
  certain: boolean;
}

/**
 * The skew for one answer. `recorded` is undefined for a client older than the per-answer offset and null
 * when the tablet could not know.
 */
export function answerClockSkew(recorded: ClockOffset | null | undefined, batchSkewMs: number): AnswerClockSkew {
  if (recorded === undefined) return { skewMs: batchSkewMs, certain: true };
  if (recorded === null) return { skewMs: batchSkewMs, certain: false };
  if (recorded.basis === 'session' && recorded.forwardMs === 0) return { skewMs: recorded.ms, certain: true };
  const candidates = recorded.forwardMs > 0 ? [recorded.ms, recorded.ms + recorded.forwardMs] : [recorded.ms];
  const agreeing = candidates
    .filter((candidate) => Math.abs(candidate - batchSkewMs) <= CLOCK_AGREEMENT_MS)
    .sort((a, b) => Math.abs(a - batchSkewMs) - Math.abs(b - batchSkewMs))[0];
  return agreeing === undefined ? { skewMs: recorded.ms, certain: false } : { skewMs: agreeing, certain: true };
}

import { correctedTimestamp } from '../../domain/local-day.ts';

/** No answer predates the product; a time before this comes from a tablet clock reset, not from a citizen. */
const EARLIEST_PLAUSIBLE_MS = Date.parse('2020-01-01T00:00:00.000Z');
/** Network and clock jitter: an answer may seem to arrive a moment before it was given. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * When the answer was given, on the server's clock. Normally the device time corrected by the skew
 * measured on this batch. But the skew is measured when the batch is sent: if the tablet's clock jumped
 * between answering and sending (a reset to 1970 after a flat battery, say), the correction lands the
 * answer in the future or before the product existed. Then the device's own time is used when it is
 * plausible, else the receive time: both are better than an impossible day.
 */
export function serverTimeOfSubmission(submittedAt: string, skewMs: number, receivedAt: Date): string {
  const latest = receivedAt.getTime() + FUTURE_TOLERANCE_MS;
  const isPlausible = (iso: string) => {
    const ms = Date.parse(iso);
    return ms >= EARLIEST_PLAUSIBLE_MS && ms <= latest;
  };
  const corrected = correctedInRange(submittedAt, skewMs);
  if (corrected !== null && isPlausible(corrected)) return corrected;
  if (isPlausible(submittedAt)) return submittedAt;
  return receivedAt.toISOString();
}

/** The corrected time, or null when it falls outside what a Date can represent. */
function correctedInRange(submittedAt: string, skewMs: number): string | null {
  try {
    return correctedTimestamp(submittedAt, skewMs);
  } catch {
    return null;
  }
}

import { describe, expect, it } from 'vitest';
import { serverTimeOfSubmission } from '../../src/server/sync/submission-time.ts';

const HOUR_MS = 3_600_000;
const receivedAt = new Date('2025-05-20T10:00:00.000Z');

describe('the server time of a submission', () => {
  it('corrects the device time by the measured skew', () => {
    expect(serverTimeOfSubmission('2025-05-20T06:00:00.000Z', -3 * HOUR_MS, receivedAt)).toBe('2025-05-20T09:00:00.000Z');
  });

  it('uses the device time when the correction would put the answer after its arrival', () => {
    const skewOfClockReset = Date.parse('1970-01-01T00:00:00.000Z') - receivedAt.getTime();
    expect(serverTimeOfSubmission('2025-05-19T08:00:00.000Z', skewOfClockReset, receivedAt)).toBe('2025-05-19T08:00:00.000Z');
  });

  it('uses the device time when the correction falls before any possible answer or outside the calendar', () => {
    const skewOfClockInFarFuture = Date.parse('9999-01-01T00:00:00.000Z') - receivedAt.getTime();
    expect(serverTimeOfSubmission('2025-05-19T08:00:00.000Z', skewOfClockInFarFuture, receivedAt)).toBe('2025-05-19T08:00:00.000Z');
    expect(serverTimeOfSubmission('2025-05-19T08:00:00.000Z', 8e15, receivedAt)).toBe('2025-05-19T08:00:00.000Z');
  });

  it('falls back to the receive time when neither time is possible', () => {
    expect(serverTimeOfSubmission('1999-12-31T23:00:00.000Z', 3e12, receivedAt)).toBe(receivedAt.toISOString());
  });
});

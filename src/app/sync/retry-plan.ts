import { retryDelayMs, type BackoffPolicy } from './backoff.ts';

/**
 * When the engine tries again after a failed run. Failures in a row grow the wait (backoff.ts); a try the
 * browser knew could not succeed (navigator.onLine false) is no failure; the network coming back starts
 * the count again and drops the wait, except one the server asked for (Retry-After).
 */
export interface RetryPlan {
  readonly retryAt: Date | null;
  readonly lastFailureOffline: boolean;
  waiting(at: Date): boolean;
  /** A run succeeded, or the device stopped: nothing to wait for. */
  clear(): void;
  /** A run failed while the browser knew it was offline: no wait, the `online` event runs the next. */
  failedOffline(): void;
  /** A run failed: the delay until the next try. */
  failed(at: Date, kind: 'offline' | 'retry', retryAfterSeconds: number | null): number;
  /** The network came back: true when the wait was dropped (a server's Retry-After is kept). */
  networkReturned(at: Date): boolean;
}

export function createRetryPlan(random: () => number, backoff: BackoffPolicy): RetryPlan {
  let failuresInARow = 0;
  let retryAt: Date | null = null;
  let serverAskedToWait = false;
  let lastFailureOffline = false;

  function dropWait() {
    retryAt = null;
    serverAskedToWait = false;
  }

  return {
    get retryAt() {
      return retryAt;
    },
    get lastFailureOffline() {
      return lastFailureOffline;
    },
    waiting: (at) => retryAt !== null && at < retryAt,
    clear() {
      failuresInARow = 0;
      dropWait();
      lastFailureOffline = false;
    },
    failedOffline() {
      dropWait();
      lastFailureOffline = true;
    },
    failed(at, kind, retryAfterSeconds) {
      failuresInARow += 1;
      const delayMs = retryDelayMs(failuresInARow, random, retryAfterSeconds, backoff);
      retryAt = new Date(at.getTime() + delayMs);
      serverAskedToWait = retryAfterSeconds !== null;
      lastFailureOffline = kind === 'offline';
      return delayMs;
    },
    networkReturned(at) {
      failuresInARow = 0;
      if (serverAskedToWait && retryAt !== null && at < retryAt) return false;
      dropWait();
      return true;
    },
  };
}

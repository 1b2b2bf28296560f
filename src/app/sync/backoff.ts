/**
 * Retry delays after a failed sync. Full jitter (a uniform pick between zero and the exponential ceiling)
 * spreads the tablets of a province that all lost the network together, so they do not hit the server in
 * one wave when it returns. The cap keeps a tablet on a flaky network within half a minute of its next
 * try (a citizen's answer should reach the server within a minute of any usable network); a server that
 * needs the tablets to wait longer says so with Retry-After.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 30_000 };

/** The ceiling for the n-th consecutive failure (1-based): base · 2^(n−1), never above the cap. */
export function backoffCeilingMs(failureCount: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, failureCount - 1);
  // 2^exponent overflows to Infinity long after the cap is reached; min() keeps the result finite.
  return Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
}

/**
 * How long to wait before the next attempt. A server's Retry-After (429, 503) is a floor: retrying earlier
 * would only be refused again and count against the device's rate limit.
 */
export function retryDelayMs(
  failureCount: number,
  random: () => number,
  retryAfterSeconds: number | null = null,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const jittered = Math.floor(random() * backoffCeilingMs(failureCount, policy));
  return retryAfterSeconds === null ? jittered : Math.max(retryAfterSeconds * 1000, jittered);
}

import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { countRequest, forgetRateLimitWindowsBefore, readRequestCount, type WindowCount } from '../db/rate-limit-repository.ts';
import type { Database } from '../db/schema.ts';
import { TooManyRequests } from '../errors.ts';

export interface RateLimitOptions {
  max: number;
  timeWindowMs: number;
}

/** A tablet syncs every few seconds at most; 120 requests a minute leaves room for draining a backlog. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 120, timeWindowMs: 60_000 };

/** Sign-in attempts per address: enough for a shared office NAT, far too few to guess passwords. */
export const DEFAULT_LOGIN_RATE_LIMIT: RateLimitOptions = { max: 30, timeWindowMs: 60_000 };

/** How many counted requests pass between two clean-ups of ended windows, per process and route family. */
const REQUESTS_BETWEEN_CLEAN_UPS = 1_000;

/** Where the limits of one route family are counted: the shared database, on the server's clock. */
export interface RateLimitCounting {
  db: Kysely<Database>;
  now: () => Date;
  /** Keeps the buckets of route families apart when their keys could coincide (e.g. two keyed by address). */
  family: string;
}

type StoreCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * The plugin's store interface (`incr`, `read`, `child`) over the database, so the limit holds for a
 * client however a proxy spreads its requests over several server processes.
 */
function databaseStoreOf({ db, now, family }: RateLimitCounting) {
  let requestsSinceCleanUp = 0;
  const answer = (count: Promise<WindowCount>, windowMs: number, nowMs: number, callback: StoreCallback) => {
    count.then(
      ({ hits, windowStartedMs }) => callback(null, { current: hits, ttl: Math.max(0, windowStartedMs + windowMs - nowMs) }),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  };
  return class DatabaseRateLimitStore {
    incr(key: string, callback: StoreCallback, windowMs: number): void {
      const nowMs = now().getTime();
      requestsSinceCleanUp += 1;
      if (requestsSinceCleanUp >= REQUESTS_BETWEEN_CLEAN_UPS) {
        requestsSinceCleanUp = 0;
        // Best effort: a failed clean-up leaves rows that the next one deletes.
        forgetRateLimitWindowsBefore(db, nowMs - windowMs).catch(() => undefined);
      }
      answer(countRequest(db, `${family}:${key}`, nowMs, windowMs), windowMs, nowMs, callback);
    }

    read(key: string, callback: StoreCallback, windowMs: number): void {
      const nowMs = now().getTime();
      answer(readRequestCount(db, `${family}:${key}`, nowMs, windowMs), windowMs, nowMs, callback);
    }

    child(): DatabaseRateLimitStore {
      return this;
    }
  };
}

/** Limits every route of the calling plugin (and only those), one bucket per key, counted in the database. */
export async function limitRoutesOfPlugin(
  app: FastifyInstance,
  limits: RateLimitOptions,
  keyOf: (request: FastifyRequest) => string,
  counting: RateLimitCounting,
): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: limits.max,
    timeWindow: limits.timeWindowMs,
    keyGenerator: keyOf,
    store: databaseStoreOf(counting),
    // Thrown by the plugin after it set Retry-After; the error handler turns it into our error body.
    errorResponseBuilder: (_request, context) => new TooManyRequests(`Too many requests; retry in ${context.after}.`),
  });
}

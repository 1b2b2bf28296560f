import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiFailure } from '../http/api-failure.ts';

export interface RateLimitOptions {
  max: number;
  timeWindowMs: number;
}

/** A tablet syncs every few seconds at most; 120 requests a minute leaves room for draining a backlog. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 120, timeWindowMs: 60_000 };

/** Sign-in attempts per address: enough for a shared office NAT, far too few to guess passwords. */
export const DEFAULT_LOGIN_RATE_LIMIT: RateLimitOptions = { max: 30, timeWindowMs: 60_000 };

/** Limits every route of the calling plugin (and only those), one bucket per key. */
export async function limitRoutesOfPlugin(
  app: FastifyInstance,
  limits: RateLimitOptions,
  keyOf: (request: FastifyRequest) => string,
): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: limits.max,
    timeWindow: limits.timeWindowMs,
    keyGenerator: keyOf,
    // Thrown by the plugin after it set Retry-After; the error handler turns it into our error body.
    errorResponseBuilder: (_request, context) =>
      new ApiFailure(context.statusCode, 'rate-limited', `Too many requests; retry in ${context.after}.`),
  });
}

import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { enrolmentReplySchema, enrolmentRequestSchema } from '../../domain/sync-protocol.ts';
import type { Database } from '../db/schema.ts';
import { enrolDevice, EnrolmentRefused, type EnrolmentRefusalCode } from '../enrolment/enrolment.ts';
import { ApiFailure } from '../http/api-failure.ts';
import { limitRoutesOfPlugin, type RateLimitOptions } from './rate-limit.ts';

/**
 * A wrong code is the caller's mistake (400); a used or expired one existed but is gone for good (410); a
 * device id that is enrolled and not revoked conflicts with the enrolment (409).
 */
const STATUS_OF_REFUSAL: Record<EnrolmentRefusalCode, number> = {
  'enrolment-code-unknown': 400,
  'enrolment-code-used': 410,
  'enrolment-code-expired': 410,
  'unknown-unit': 400,
  'device-already-enrolled': 409,
};

export interface EnrolmentRoutesOptions {
  db: Kysely<Database>;
  now: () => Date;
  rateLimit: RateLimitOptions;
}

export const enrolmentRoutes: FastifyPluginAsync<EnrolmentRoutesOptions> = async (app, { db, now, rateLimit }) => {
  // By address: whoever tries codes has no token yet.
  await limitRoutesOfPlugin(app, rateLimit, (request: FastifyRequest) => request.ip, { db, now, family: 'enrolment' });

  app.post<{ Body: z.infer<typeof enrolmentRequestSchema> }>(
    '/api/v1/devices/enrol',
    { config: { deviceApi: true }, schema: { body: enrolmentRequestSchema } },
    async (request) => {
      try {
        return enrolmentReplySchema.parse(await enrolDevice(db, request.body, now()));
      } catch (error) {
        if (error instanceof EnrolmentRefused)
          throw new ApiFailure(
            STATUS_OF_REFUSAL[error.code],
            error.code,
            error.message,
            error.code === 'device-already-enrolled' ? 'deviceId' : 'code',
          );
        throw error;
      }
    },
  );
};

import type { FastifyPluginAsync, preValidationAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import { MAX_BATCH_SIZE, responseBatchSchema, type ResponseBatch } from '../../domain/sync-protocol.ts';
import { deviceOf, onlyEnrolledDevices, rateLimitKeyOf } from '../auth/device-auth.ts';
import { recordDeviceContact } from '../db/devices-repository.ts';
import type { AlertEngine } from '../alerts/alert-engine.ts';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import type { Database } from '../db/schema.ts';
import { ApiFailure } from '../http/api-failure.ts';
import { buildDeviceConfig, entityTagOf, matchesIfNoneMatch, UnitConfigurationInvalid } from '../sync/device-config.ts';
import { DeviceNoLongerEnrolled, ingestBatch } from '../sync/ingest-batch.ts';
import { MAX_STORED_INTEGER } from '../sync/record-checks.ts';
import { limitRoutesOfPlugin, type RateLimitOptions } from './rate-limit.ts';
import { Forbidden, InvalidInput, TooLarge } from '../errors.ts';

/**
 * 500 records of about 2 KB each need 1 MB; the limit leaves room for long comments while keeping one
 * request from holding megabytes of memory per connection. A device answered 413 halves its batch.
 */
export const SYNC_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

export interface SyncRoutesOptions {
  db: Kysely<Database>;
  catalog: QuestionnaireCatalog;
  now: () => Date;
  rateLimit: RateLimitOptions;
  /** Told after each committed batch; it evaluates later, so the reply never waits for it nor fails with it. */
  alerts?: AlertEngine;
}

export const syncRoutes: FastifyPluginAsync<SyncRoutesOptions> = async (app, { db, catalog, now, rateLimit, alerts }) => {
  await limitRoutesOfPlugin(app, rateLimit, rateLimitKeyOf, { db, now, family: 'sync' });
  onlyEnrolledDevices(app, db);

  app.get('/api/v1/sync/config', async (request, reply) => {
    const device = deviceOf(request);
    const pulledAt = now();
    const body = JSON.stringify(await configOrFailure(device, pulledAt));
    await recordDeviceContact(db, device.id, { at: pulledAt });
    const entityTag = entityTagOf(body);
    // no-cache: the tablet may keep it, but must ask again (cheaply, with If-None-Match) before reusing it.
    reply.header('etag', entityTag).header('cache-control', 'no-cache');
    if (matchesIfNoneMatch(request.headers['if-none-match'], entityTag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  });

  /** A unit set up wrongly (no published questionnaire, say) is the administrator's to fix; say what is wrong. */
  async function configOrFailure(device: Parameters<typeof buildDeviceConfig>[2], pulledAt: Date) {
    try {
      return await buildDeviceConfig(db, catalog, device, pulledAt);
    } catch (error) {
      if (!(error instanceof UnitConfigurationInvalid)) throw error;
      app.log.error({ err: error, unitId: device.unit_id }, 'the configuration of a unit is invalid');
      throw new ApiFailure(500, 'unit-configuration-invalid', error.message);
    }
  }

  // Answered in this order: 401/403 (the device, on arrival), 413 (too many records), 400 (the batch's shape).
  const syncResponses = {
    bodyLimit: SYNC_BODY_LIMIT_BYTES,
    config: { deviceApi: true },
    preValidation: refuseOversizedBatch,
    schema: { body: responseBatchSchema },
  };
  app.post<{ Body: ResponseBatch }>('/api/v1/sync/responses', syncResponses, async (request) => {
    const receivedAt = now();
    const device = deviceOf(request);
    const batch = request.body;
    for (const field of ['highestIssuedSequence', 'pendingCount'] as const) {
      if ((batch[field] ?? 0) > MAX_STORED_INTEGER) {
        throw new InvalidInput(`${field}: ${batch[field]} is larger than ${MAX_STORED_INTEGER}`, { field });
      }
    }
    try {
      const result = await ingestBatch(db, catalog, { device: { id: device.id, unitId: device.unit_id }, batch, receivedAt });
      alerts?.afterBatch(device.unit_id);
      return result;
    } catch (error) {
      if (error instanceof DeviceNoLongerEnrolled) {
        throw new Forbidden('This device was revoked while the batch was on its way; nothing was stored.', { code: 'device-revoked' });
      }
      throw error;
    }
  });
};

/** 413 before the schema's 400: a device answered 413 halves its batch and sends it again. */
const refuseOversizedBatch: preValidationAsyncHookHandler = async (request) => {
  const records = (request.body as { responses?: unknown } | null)?.responses;
  if (Array.isArray(records) && records.length > MAX_BATCH_SIZE) {
    throw new TooLarge(`A batch holds at most ${MAX_BATCH_SIZE} records; this one has ${records.length}.`, {
      code: 'batch-too-large',
      field: 'responses',
    });
  }
};

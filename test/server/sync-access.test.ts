import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../src/domain/sync-protocol.ts';
import { buildApp } from '../../src/server/app.ts';
import { revokeDevice } from '../../src/server/db/devices-repository.ts';
import { batchOf, enrolNewDevice, postBatch, seedTestUnits, sipasResponse } from './fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

const errorOf = (body: unknown) => apiErrorSchema.parse(body).error;

describe.each(databasesUnderTest)('who may sync, and how much, on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    app = buildApp({ db: opened.db, staticDir: null });
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it('answers 401 to a missing, malformed or unknown token', async () => {
    const device = await enrolNewDevice(app, opened.db);
    const batch = batchOf([sipasResponse(device, 1)]);
    const missing = await app.inject({ method: 'POST', url: '/api/v1/sync/responses', payload: batch });
    const malformed = await postBatch(app, 'not-a-token', batch);
    const unknown = await postBatch(app, 'A'.repeat(43), batch);
    const configWithoutToken = await app.inject({ url: '/api/v1/sync/config' });

    for (const reply of [missing, malformed, unknown, configWithoutToken]) {
      expect(reply.statusCode).toBe(401);
      expect(errorOf(reply.json()).code).toBe('unauthorized');
    }
    expect(await opened.db.selectFrom('responses').select('id').where('device_id', '=', device.deviceId).execute()).toEqual([]);
  });

  it('answers 403 to a revoked device and stores nothing', async () => {
    const device = await enrolNewDevice(app, opened.db);
    await revokeDevice(opened.db, device.deviceId, new Date());

    const reply = await postBatch(app, device.token, batchOf([sipasResponse(device, 1)]));
    const config = await app.inject({ url: '/api/v1/sync/config', headers: { authorization: `Bearer ${device.token}` } });

    expect(reply.statusCode).toBe(403);
    expect(errorOf(reply.json()).code).toBe('device-revoked');
    expect(config.statusCode).toBe(403);
    expect(await opened.db.selectFrom('responses').select('id').where('device_id', '=', device.deviceId).execute()).toEqual([]);
  });

  it('answers 413 to more than 500 records, storing none of them', async () => {
    const device = await enrolNewDevice(app, opened.db);
    const records = Array.from({ length: 501 }, (_, index) => sipasResponse(device, index + 1));

    const reply = await postBatch(app, device.token, batchOf(records));

    expect(reply.statusCode).toBe(413);
    expect(errorOf(reply.json())).toMatchObject({ code: 'batch-too-large', field: 'responses' });
    expect(await opened.db.selectFrom('responses').select('id').where('device_id', '=', device.deviceId).execute()).toEqual([]);
  });

  it('answers 413 to a body over the limit', async () => {
    const device = await enrolNewDevice(app, opened.db);
    const padded = sipasResponse(device, 1, { answers: { comment: 'x'.repeat(5000) } });
    const records = Array.from({ length: 400 }, (_, index) => ({ ...padded, deviceSequence: index + 1, padding: 'y'.repeat(10_000) }));

    const reply = await postBatch(app, device.token, batchOf(records));

    expect(reply.statusCode).toBe(413);
    expect(errorOf(reply.json()).code).toBe('payload-too-large');
  });

  it('answers who the sender is before what it sent: 401/403 come before 413 and 400', async () => {
    const device = await enrolNewDevice(app, opened.db);
    const revoked = await enrolNewDevice(app, opened.db);
    await revokeDevice(opened.db, revoked.deviceId, new Date());
    const oversized = batchOf(Array.from({ length: 501 }, (_, index) => sipasResponse(device, index + 1)));
    const malformed = { deviceTime: 'now', highestIssuedSequence: 0, responses: [] };

    const unknownOversized = await postBatch(app, 'A'.repeat(43), oversized);
    const unknownMalformed = await postBatch(app, 'A'.repeat(43), malformed);
    const revokedOversized = await postBatch(app, revoked.token, oversized);
    const revokedMalformed = await postBatch(app, revoked.token, malformed);
    const enrolledOversizedAndMalformed = await postBatch(app, device.token, { ...oversized, deviceTime: 'now' });

    expect([unknownOversized, unknownMalformed].map((reply) => [reply.statusCode, errorOf(reply.json()).code])).toEqual([
      [401, 'unauthorized'],
      [401, 'unauthorized'],
    ]);
    expect([revokedOversized, revokedMalformed].map((reply) => [reply.statusCode, errorOf(reply.json()).code])).toEqual([
      [403, 'device-revoked'],
      [403, 'device-revoked'],
    ]);
    expect(enrolledOversizedAndMalformed.statusCode).toBe(413);
    expect(await opened.db.selectFrom('responses').select('id').where('device_id', 'in', [device.deviceId, revoked.deviceId]).execute()).toEqual([]);
  });

  it('answers 400 naming the field when the batch itself is malformed', async () => {
    const device = await enrolNewDevice(app, opened.db);
    const reply = await postBatch(app, device.token, { deviceTime: 'now', highestIssuedSequence: 0, responses: [] });
    expect(reply.statusCode).toBe(400);
    expect(errorOf(reply.json())).toMatchObject({ code: 'invalid-request', field: 'deviceTime' });
  });

  it('limits each device separately and answers 429 with Retry-After beyond the limit', async () => {
    const limited = buildApp({ db: opened.db, staticDir: null, rateLimit: { max: 3, timeWindowMs: 60_000 } });
    try {
      // Enrolled through the test's main app: its enrolments and this app's share the database's counters.
      const busy = await enrolNewDevice(app, opened.db);
      const quiet = await enrolNewDevice(app, opened.db);
      const heartbeat = () => batchOf([], { highestIssuedSequence: 0 });
      for (let attempt = 0; attempt < 3; attempt += 1) {
        expect((await postBatch(limited, busy.token, heartbeat())).statusCode).toBe(200);
      }

      const refused = await postBatch(limited, busy.token, heartbeat());
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(errorOf(refused.json()).code).toBe('rate-limited');
      expect((await postBatch(limited, quiet.token, heartbeat())).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

import type { FastifyInstance } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema, enrolmentReplySchema } from '../../src/domain/sync-protocol.ts';
import { buildApp } from '../../src/server/app.ts';
import { revokeDevice } from '../../src/server/db/devices-repository.ts';
import { CENTRE_ID, OTHER_CENTRE_ID, batchOf, newEnrolmentCode, seedTestUnits, sipasResponse, syncBatch } from './fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

const DAY_MS = 86_400_000;

describe.each(databasesUnderTest)('device enrolment on $name', (database) => {
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

  const enrol = (payload: object) => app.inject({ method: 'POST', url: '/api/v1/devices/enrol', payload });

  it('exchanges a good code for a 256-bit token, stored only as a hash', async () => {
    const code = await newEnrolmentCode(opened.db);
    const deviceId = uuidv7();
    const reply = await enrol({ code, deviceId, deviceName: 'Máy tính bảng quầy 1' });

    expect(reply.statusCode).toBe(200);
    const body = enrolmentReplySchema.parse(reply.json());
    expect(body).toMatchObject({ deviceId, unitId: CENTRE_ID });
    expect(Buffer.from(body.token, 'base64url')).toHaveLength(32);
    const stored = await opened.db.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirstOrThrow();
    expect(stored.name).toBe('Máy tính bảng quầy 1');
    expect(stored.token_hash).not.toContain(body.token);
    const codes = await opened.db.selectFrom('enrolment_codes').select('code_hash').execute();
    expect(codes.map((row) => row.code_hash)).not.toContain(code);
  });

  it('accepts the code typed in lower case, with spaces instead of dashes', async () => {
    const code = await newEnrolmentCode(opened.db);
    const reply = await enrol({ code: code.toLowerCase().replace(/-/g, ' '), deviceId: uuidv7() });
    expect(reply.statusCode).toBe(200);
  });

  it('refuses a code that was already used by another device with 410', async () => {
    const code = await newEnrolmentCode(opened.db);
    expect((await enrol({ code, deviceId: uuidv7() })).statusCode).toBe(200);

    const second = await enrol({ code, deviceId: uuidv7() });
    expect(second.statusCode).toBe(410);
    expect(apiErrorSchema.parse(second.json()).error.code).toBe('enrolment-code-used');
  });

  it('answers a retry by the same device (its first reply was lost) with a new token that replaces the first', async () => {
    const code = await newEnrolmentCode(opened.db);
    const deviceId = uuidv7();
    const first = enrolmentReplySchema.parse((await enrol({ code, deviceId })).json());
    const retry = await enrol({ code, deviceId });

    expect(retry.statusCode).toBe(200);
    const second = enrolmentReplySchema.parse(retry.json());
    expect(second.token).not.toBe(first.token);
    const withOldToken = await app.inject({ url: '/api/v1/sync/config', headers: { authorization: `Bearer ${first.token}` } });
    expect(withOldToken.statusCode).toBe(401);
  });

  it('refuses an expired code with 410 and an unknown one with 400', async () => {
    const expired = await newEnrolmentCode(opened.db, CENTRE_ID, new Date(Date.now() - 8 * DAY_MS));
    const late = await enrol({ code: expired, deviceId: uuidv7() });
    expect(late.statusCode).toBe(410);
    expect(apiErrorSchema.parse(late.json()).error.code).toBe('enrolment-code-expired');

    const unknown = await enrol({ code: 'ZZZZ-ZZZZ-ZZZZ', deviceId: uuidv7() });
    expect(unknown.statusCode).toBe(400);
    expect(apiErrorSchema.parse(unknown.json()).error).toMatchObject({ code: 'enrolment-code-unknown', field: 'code' });
  });

  it('names the field at fault in a malformed request', async () => {
    const reply = await enrol({ code: 'ABCD-EFGH', deviceId: 'not-a-uuid' });
    expect(reply.statusCode).toBe(400);
    expect(apiErrorSchema.parse(reply.json()).error).toMatchObject({ code: 'invalid-request', field: 'deviceId' });
  });

  it('re-enrols a revoked device with a new code: new token, new unit, revocation lifted, ledger continued', async () => {
    const deviceId = uuidv7();
    const first = enrolmentReplySchema.parse((await enrol({ code: await newEnrolmentCode(opened.db), deviceId })).json());
    const device = { deviceId, unitId: first.unitId };
    await syncBatch(app, first.token, batchOf([sipasResponse(device, 1), sipasResponse(device, 2)]));
    await revokeDevice(opened.db, deviceId, new Date());

    const again = await enrol({ code: await newEnrolmentCode(opened.db, OTHER_CENTRE_ID), deviceId });
    expect(again.statusCode).toBe(200);
    const second = enrolmentReplySchema.parse(again.json());
    expect(second.unitId).toBe(OTHER_CENTRE_ID);

    const moved = { deviceId, unitId: OTHER_CENTRE_ID };
    const reply = await syncBatch(app, second.token, batchOf([sipasResponse(moved, 3, { counterId: null })]));
    expect(reply.results).toEqual([expect.objectContaining({ status: 'accepted' })]);
    expect(reply.ledger).toEqual({ highestContiguousSequence: 3, receivedCount: 3, missing: [] });
  });
});

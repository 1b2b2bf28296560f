import type { FastifyInstance } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolmentReplySchema } from '../../src/domain/sync-protocol.ts';
import { buildApp } from '../../src/server/app.ts';
import { deviceTokenHash, enrolmentCodeHash } from '../../src/server/auth/secrets.ts';
import { findDevice, revokeDevice } from '../../src/server/db/devices-repository.ts';
import { CENTRE_ID, OTHER_CENTRE_ID, batchOf, newEnrolmentCode, seedTestUnits, sipasResponse, syncBatch } from './fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

/** An unused enrolment code must not take over a tablet that is enrolled: its token, unit and ledger stay. */
describe.each(databasesUnderTest)('enrolling an id that is already enrolled, on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    app = buildApp({ db: opened.db, staticDir: null, rateLimit: { max: 1000, timeWindowMs: 60_000 } });
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  const enrol = (payload: object) => app.inject({ method: 'POST', url: '/api/v1/devices/enrol', payload });

  it('refuses with 409, leaves the tablet, its token, unit and ledger as they were, and the code unused', async () => {
    const deviceId = uuidv7();
    const victim = enrolmentReplySchema.parse((await enrol({ code: await newEnrolmentCode(opened.db, CENTRE_ID), deviceId })).json());
    await syncBatch(app, victim.token, batchOf([sipasResponse({ deviceId, unitId: CENTRE_ID }, 1)]));
    const before = await findDevice(opened.db, deviceId);

    const code = await newEnrolmentCode(opened.db, OTHER_CENTRE_ID);
    const takeover = await enrol({ code, deviceId, deviceName: 'Not the tablet' });
    expect(takeover.statusCode, takeover.body).toBe(409);
    expect(takeover.json().error).toMatchObject({ code: 'device-already-enrolled', field: 'deviceId' });

    const after = await findDevice(opened.db, deviceId);
    expect(after).toEqual(before);
    expect(after?.token_hash).toBe(deviceTokenHash(victim.token));
    expect(after?.unit_id).toBe(CENTRE_ID);
    const storedCode = await opened.db
      .selectFrom('enrolment_codes')
      .selectAll()
      .where('code_hash', '=', enrolmentCodeHash(code))
      .executeTakeFirstOrThrow();
    expect(storedCode.used_at).toBeNull();

    // The real tablet keeps syncing; its ledger continues where it was.
    const reply = await syncBatch(app, victim.token, batchOf([sipasResponse({ deviceId, unitId: CENTRE_ID }, 2)]));
    expect(reply.ledger).toEqual({ highestContiguousSequence: 2, receivedCount: 2, missing: [] });
    // The unused code still enrols a new tablet.
    expect((await enrol({ code, deviceId: uuidv7() })).statusCode).toBe(200);
  });

  it('enrols the same id again once an administrator revoked it (replace this tablet)', async () => {
    const deviceId = uuidv7();
    await enrol({ code: await newEnrolmentCode(opened.db, CENTRE_ID), deviceId });
    await revokeDevice(opened.db, deviceId, new Date());
    const again = await enrol({ code: await newEnrolmentCode(opened.db, OTHER_CENTRE_ID), deviceId });
    expect(again.statusCode, again.body).toBe(200);
    expect((await findDevice(opened.db, deviceId))?.unit_id).toBe(OTHER_CENTRE_ID);
  });
});

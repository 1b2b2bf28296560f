import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchReplySchema } from '../../src/domain/sync-protocol.ts';
import { buildApp } from '../../src/server/app.ts';
import {
  COUNTER_IDS,
  OTHER_CENTRE_ID,
  OTHER_COUNTER_ID,
  batchOf,
  enrolNewDevice,
  postBatch,
  recountedResponseCounts,
  recountedTallies,
  seedTestUnits,
  sipasResponse,
  storedResponseCounts,
  storedTallies,
  syncBatch,
} from './fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';
import { withLegacyCountViews } from './legacy-counts.ts';

describe.each(databasesUnderTest)('uploading a batch on $name', (database) => {
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

  const storedIds = async (deviceId: string) =>
    (await opened.db.selectFrom('responses').select('id').where('device_id', '=', deviceId).orderBy('device_sequence').execute()).map(
      (row) => row.id,
    );

  it('answers each record accepted, duplicate or rejected with a reason, and stores the valid ones', async () => {
    const device = await enrolNewDevice(app, opened.db);
    const first = sipasResponse(device, 1);
    await syncBatch(app, device.token, batchOf([first]));

    const valid = sipasResponse(device, 2);
    const badLevel = sipasResponse(device, 3, { answers: { 'E1.1': 9 } });
    const missingField = { ...sipasResponse(device, 4), submittedAt: 'yesterday' };
    const wrongUnit = sipasResponse(device, 5, { unitId: OTHER_CENTRE_ID });
    const foreignCounter = sipasResponse(device, 6, { counterId: OTHER_COUNTER_ID });
    const unknownField = sipasResponse(device, 7, { serviceFieldId: 'astrology' });
    const unknownVersion = sipasResponse(device, 8, { questionnaireVersion: 99 });
    const otherDevice = sipasResponse({ ...device, deviceId: '0190a8b4-7c1e-7000-8000-000000000001' }, 9);
    const sameSequence = sipasResponse(device, 1);
    const valid2 = sipasResponse(device, 10, { counterId: null, serviceFieldId: null });
    const batch = batchOf([
      first,
      valid,
      badLevel,
      missingField,
      wrongUnit,
      foreignCounter,
      unknownField,
      unknownVersion,
      otherDevice,
      sameSequence,
      'junk',
      valid2,
    ]);

    const reply = batchReplySchema.parse((await postBatch(app, device.token, batch)).json());

    expect(reply.results.map((result) => (result.status === 'rejected' ? result.code : result.status))).toEqual([
      'duplicate',
      'accepted',
      'invalid-answer',
      'invalid-record',
      'wrong-unit',
      'unknown-counter',
      'unknown-service-field',
      'unknown-questionnaire',
      'wrong-device',
      'conflicting-id',
      'invalid-record',
      'accepted',
    ]);
    expect(reply.results.map((result) => result.id)).toEqual([
      ...batch.responses.slice(0, 10).map((r) => (r as { id: string }).id),
      '#10',
      valid2.id,
    ]);
    const messages = Object.fromEntries(reply.results.map((result) => [result.id, result.status === 'rejected' ? result.message : '']));
    expect(messages[missingField.id]).toContain('submittedAt');
    expect(messages[badLevel.id]).toContain('E1.1');
    expect(await storedIds(device.deviceId)).toEqual([first.id, valid.id, valid2.id]);
  });

  it('never changes a stored record when a duplicate arrives with different content', async () => {
    const device = await enrolNewDevice(app, opened.db);
    const original = sipasResponse(device, 1, { locale: 'vi' });
    await syncBatch(app, device.token, batchOf([original]));

    const altered = { ...original, locale: 'en', answers: { 'E1.1': 1 } };
    const reply = await syncBatch(app, device.token, batchOf([altered]));

    expect(reply.results).toEqual([{ id: original.id, status: 'duplicate' }]);
    const row = await opened.db.selectFrom('responses').selectAll().where('id', '=', original.id).executeTakeFirstOrThrow();
    expect(row.locale).toBe('vi');
    expect(JSON.parse(row.answers)).toEqual(original.answers);
  });

  it('counts the same batch sent twice once: all duplicates, tallies and ledger unchanged', async () => {
    const device = await enrolNewDevice(app, opened.db);
    const batch = batchOf([1, 2, 3, 4, 5].map((sequence) => sipasResponse(device, sequence)));
    const first = await syncBatch(app, device.token, batch);
    const talliesAfterFirst = await storedTallies(opened.db);

    const second = await syncBatch(app, device.token, batch);

    expect(first.results.every((result) => result.status === 'accepted')).toBe(true);
    expect(second.results.map((result) => result.status)).toEqual(Array(5).fill('duplicate'));
    expect(second.ledger).toEqual(first.ledger);
    expect(await storedTallies(opened.db)).toEqual(talliesAfterFirst);
    expect(await storedTallies(opened.db)).toEqual(await recountedTallies(opened.db));
  });

  it('adds an accepted record to the daily tally under its counter and service field', async () => {
    const device = await enrolNewDevice(app, opened.db);
    const response = sipasResponse(device, 1, { answers: { 'E1.1': 4, 'E1.2': 5, overall: 4, comment: 'Tốt' }, counterId: COUNTER_IDS[0] });
    await syncBatch(app, device.token, batchOf([response]));

    const rows = await (
      await withLegacyCountViews(opened.db)
    )
      .selectFrom('daily_tallies')
      .selectAll()
      .where('counter_id', '=', COUNTER_IDS[0])
      .where('service_field_id', '=', response.serviceFieldId!)
      .execute();
    const mine = rows.filter((row) => ['E1.1', 'E1.2', 'overall'].includes(row.criterion_id));
    expect(mine.length).toBeGreaterThanOrEqual(3);
    expect(await storedTallies(opened.db)).toEqual(await recountedTallies(opened.db));
  });

  it('stores an incomplete response but keeps it out of the tally', async () => {
    const device = await enrolNewDevice(app, opened.db);
    const walkedAway = sipasResponse(device, 1, { complete: false, answers: { 'E1.1': 2 } });
    const before = await storedTallies(opened.db);

    const reply = await syncBatch(app, device.token, batchOf([walkedAway]));

    expect(reply.results).toEqual([{ id: walkedAway.id, status: 'accepted' }]);
    expect(await storedIds(device.deviceId)).toEqual([walkedAway.id]);
    expect(await storedTallies(opened.db)).toEqual(before);
    const counts = await storedResponseCounts(opened.db);
    expect(counts).toEqual(await recountedResponseCounts(opened.db));
    expect(Object.entries(counts).some(([key]) => key.endsWith('|0'))).toBe(true);
  });

  it('treats an empty batch as a heartbeat: last seen and highest issued change, no batch is recorded', async () => {
    const device = await enrolNewDevice(app, opened.db);
    const reply = await syncBatch(app, device.token, batchOf([], { highestIssuedSequence: 0, pendingCount: 0 }));

    expect(reply.results).toEqual([]);
    const row = await opened.db.selectFrom('devices').selectAll().where('id', '=', device.deviceId).executeTakeFirstOrThrow();
    expect(row.last_batch_at).toBeNull();
    expect(row.pending_reported).toBe(0);
    expect(row.last_seen_at).not.toBeNull();
  });

  it("stores and counts each answer under the tablet's channel: assisted as assisted, a record without one as the kiosk's", async () => {
    const device = await enrolNewDevice(app, opened.db);
    const completeByChannel = async () =>
      Object.fromEntries(
        (
          await opened.db
            .selectFrom('counts')
            .select((eb) => ['channel', eb.fn.sum<number>('count').as('count')])
            .where('unit_id', '=', device.unitId)
            .where('measure', '=', 'responses')
            .where('item', '=', '1')
            .groupBy('channel')
            .execute()
        ).map((row) => [row.channel, Number(row.count)]),
      );
    const before = await completeByChannel();
    const assisted = sipasResponse(device, 1, { channel: 'staff-assisted' });
    const own = sipasResponse(device, 2, { channel: 'kiosk' });
    const { channel: _dropped, ...fromAnOlderTablet } = sipasResponse(device, 3);
    const claimsALink = { ...sipasResponse(device, 4), channel: 'dossier-link' };

    const reply = await syncBatch(app, device.token, batchOf([assisted, own, fromAnOlderTablet, claimsALink]));

    expect(reply.results.map((result) => (result.status === 'rejected' ? result.code : result.status))).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'invalid-record',
    ]);
    const rejection = reply.results[3]!;
    expect(rejection.status === 'rejected' ? rejection.message : '').toContain('channel');
    const stored = await opened.db
      .selectFrom('responses')
      .select(['id', 'channel'])
      .where('device_id', '=', device.deviceId)
      .orderBy('device_sequence')
      .execute();
    expect(stored).toEqual([
      { id: assisted.id, channel: 'staff-assisted' },
      { id: own.id, channel: 'kiosk' },
      { id: fromAnOlderTablet.id, channel: 'kiosk' },
    ]);
    const after = await completeByChannel();
    expect((after['staff-assisted'] ?? 0) - (before['staff-assisted'] ?? 0)).toBe(1);
    expect((after.kiosk ?? 0) - (before.kiosk ?? 0)).toBe(2);
    expect(after['dossier-link'] ?? 0).toBe(before['dossier-link'] ?? 0);
  });

  it('rejects only the record whose values no database column can hold, and stores the rest', async () => {
    const device = await enrolNewDevice(app, opened.db);
    const hugeSequence = sipasResponse(device, 3_000_000_000);
    const nulInCode = sipasResponse(device, 2, { dossierCode: 'HS\u0000123' });
    const nulInQuestionnaire = sipasResponse(device, 3, { questionnaireId: 'sip\u0000as' });
    const fine = sipasResponse(device, 1, { answers: { comment: 'ký tự \u0000 trong góp ý', overall: 4 } });

    const reply = await syncBatch(app, device.token, batchOf([hugeSequence, nulInCode, nulInQuestionnaire, fine], { highestIssuedSequence: 3 }));

    expect(reply.results.map((result) => (result.status === 'rejected' ? result.code : result.status))).toEqual([
      'invalid-record',
      'invalid-record',
      'invalid-record',
      'accepted',
    ]);
    expect(await storedIds(device.deviceId)).toEqual([fine.id]);

    const tooHigh = await postBatch(app, device.token, batchOf([], { highestIssuedSequence: 2 ** 33 }));
    expect(tooHigh.statusCode).toBe(400);
  });
});

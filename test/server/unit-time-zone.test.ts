import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isIanaTimeZone, usableTimeZone } from '../../src/domain/local-day.ts';
import { buildApp } from '../../src/server/app.ts';
import { CENTRE_ID, PROVINCE_ID, batchOf, enrolNewDevice, postBatch, seedTestUnits, sipasResponse } from './fixtures.ts';
import { ACCOUNTS, asSignedIn, seedAccounts, signIn } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

describe('IANA time zones', () => {
  it.each(['Asia/Ho_Chi_Minh', 'Asia/Bangkok', 'UTC', 'Asia/Saigon', 'America/Argentina/Buenos_Aires', 'Etc/GMT-7'])('accepts %s', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(true);
  });
  it.each(['Mars/Olympus', '', '+07:00', 'Asia/Ho Chi Minh', 'Asia/Ho_Chi_Minh\u0000', '../etc', 'Asia//Bangkok'])('refuses "%s"', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(false);
  });
  it('falls back to Việt Nam for a stored zone this runtime does not know', () => {
    expect(usableTimeZone('Mars/Olympus')).toEqual({ timeZone: 'Asia/Ho_Chi_Minh', valid: false });
    expect(usableTimeZone('Asia/Bangkok')).toEqual({ timeZone: 'Asia/Bangkok', valid: true });
  });
});

describe.each(databasesUnderTest)('a unit time zone on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let admin: string;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    app = buildApp({ db: opened.db, staticDir: null, loginRateLimit: { max: 1000, timeWindowMs: 60_000 } });
    admin = await signIn(app, ACCOUNTS.admin.username);
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it('refuses an unknown zone for a new unit, naming the field', async () => {
    const reply = await asSignedIn(app, admin, {
      method: 'POST',
      url: '/api/v1/admin/units',
      payload: { id: 'mars-centre', parentId: PROVINCE_ID, kind: 'service-centre', name: { vi: 'Sao Hỏa' }, timeZone: 'Mars/Olympus' },
    });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().error).toMatchObject({ code: 'invalid-request', field: 'timeZone' });
    expect(await opened.db.selectFrom('units').select('id').where('id', '=', 'mars-centre').executeTakeFirst()).toBeUndefined();
  });

  it('refuses an unknown zone in a unit CSV import', async () => {
    const csv = 'id,parent_id,kind,name_vi,time_zone\nmars-import,test-province,commune,Sao Hỏa,Mars/Olympus\n';
    const reply = await asSignedIn(app, admin, { method: 'POST', url: '/api/v1/admin/units/import', payload: { csv } });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().error.message).toContain('timeZone');
  });

  it('accepts a valid zone', async () => {
    const reply = await asSignedIn(app, admin, {
      method: 'POST',
      url: '/api/v1/admin/units',
      payload: { id: 'bangkok-centre', parentId: PROVINCE_ID, kind: 'service-centre', name: { vi: 'Băng Cốc' }, timeZone: 'Asia/Bangkok' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
  });

  it('keeps syncing a unit whose stored zone an older version accepted, counting days in Việt Nam', async () => {
    const device = await enrolNewDevice(app, opened.db, CENTRE_ID);
    await opened.db.updateTable('units').set({ time_zone: 'Mars/Olympus' }).where('id', '=', CENTRE_ID).execute();
    try {
      const config = await app.inject({ url: '/api/v1/sync/config', headers: { authorization: `Bearer ${device.token}` } });
      expect(config.statusCode, config.body).toBe(200);
      expect(config.json().unit.timeZone).toBe('Asia/Ho_Chi_Minh');

      // 18:30 UTC is already the next day in Việt Nam (UTC+7).
      const response = sipasResponse(device, 1, { submittedAt: '2026-03-01T18:30:00.000Z' });
      const reply = await postBatch(app, device.token, batchOf([response], { deviceTime: new Date().toISOString() }));
      expect(reply.statusCode, reply.body).toBe(200);
      expect(reply.json().results).toEqual([{ id: response.id, status: 'accepted' }]);
      const stored = await opened.db.selectFrom('responses').select('local_day').where('id', '=', response.id).executeTakeFirstOrThrow();
      expect(stored.local_day).toBe('2026-03-02');
    } finally {
      await opened.db.updateTable('units').set({ time_zone: 'Asia/Ho_Chi_Minh' }).where('id', '=', CENTRE_ID).execute();
    }
  });
});

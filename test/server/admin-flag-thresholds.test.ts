import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_FLAG_THRESHOLDS } from '../../src/domain/stuffing-flags.ts';
import { batchOf, CENTRE_ID, enrolNewDevice, PROVINCE_ID, sipasResponse, syncBatch } from './fixtures.ts';
import { asSignedIn, openManagedApp, type ManagedApp } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

describe.each(databasesUnderTest)('stuffing-flag thresholds per unit on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let admin: string;
  let managed: ManagedApp;

  beforeAll(async () => {
    managed = await openManagedApp(database);
    ({ opened, app, admin } = managed);
  });
  afterAll(async () => {
    await managed.close();
  });

  it('starts from the product defaults and lets a province setting flow down to its centres', async () => {
    const before = await asSignedIn(app, admin, { method: 'GET', url: `/api/v1/admin/flag-thresholds/${CENTRE_ID}` });
    expect(before.json()).toEqual({ unitId: CENTRE_ID, thresholds: DEFAULT_FLAG_THRESHOLDS, inheritedFrom: null });

    const stricter = { ...DEFAULT_FLAG_THRESHOLDS, tooFastSeconds: 120 };
    const saved = await asSignedIn(app, admin, { method: 'PUT', url: `/api/v1/admin/flag-thresholds/${PROVINCE_ID}`, payload: stricter });
    expect(saved.statusCode).toBe(200);
    const inherited = await asSignedIn(app, admin, { method: 'GET', url: `/api/v1/admin/flag-thresholds/${CENTRE_ID}` });
    expect(inherited.json()).toEqual({ unitId: CENTRE_ID, thresholds: stricter, inheritedFrom: PROVINCE_ID });

    // A 90-second survey is now "too fast" for the centre's tablets.
    const device = await enrolNewDevice(app, opened.db);
    const response = sipasResponse(device, 1);
    await syncBatch(app, device.token, batchOf([response]));
    const row = await opened.db.selectFrom('responses').select('flags').where('id', '=', response.id).executeTakeFirstOrThrow();
    expect(row.flags).toBe('too-fast');
  });

  it('refuses thresholds that make no sense, naming the field, and keeps what was stored', async () => {
    const reply = await asSignedIn(app, admin, {
      method: 'PUT',
      url: `/api/v1/admin/flag-thresholds/${CENTRE_ID}`,
      payload: { ...DEFAULT_FLAG_THRESHOLDS, burst: { count: 1, withinSeconds: 20 } },
    });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().error.field).toBe('burst.count');
    const current = await asSignedIn(app, admin, { method: 'GET', url: `/api/v1/admin/flag-thresholds/${CENTRE_ID}` });
    expect(current.json().inheritedFrom).toBe(PROVINCE_ID);
  });

  it('answers 404 for a unit that does not exist', async () => {
    const reply = await asSignedIn(app, admin, { method: 'GET', url: '/api/v1/admin/flag-thresholds/no-such-unit' });
    expect(reply.statusCode).toBe(404);
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../src/domain/manage-api.ts';
import { buildApp } from '../../src/server/app.ts';
import { findDevice } from '../../src/server/db/devices-repository.ts';
import { CENTRE_ID, enrolNewDevice, seedTestUnits } from './fixtures.ts';
import { ACCOUNTS, seedAccounts, signIn } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

/**
 * The CSRF guard decides on the route the router matched, so no spelling of a path (percent-encoded
 * letters, doubled slashes, case) reaches a state-changing route of the people's API without the header.
 */
describe.each(databasesUnderTest)('CSRF guard on the matched route, $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let adminCookie: string;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    app = buildApp({ db: opened.db, staticDir: null, loginRateLimit: { max: 1000, timeWindowMs: 60_000 } });
    adminCookie = await signIn(app, ACCOUNTS.admin.username);
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  const encodings = [
    (id: string) => `/api/v1/%61dmin/devices/${id}/revoke`,
    (id: string) => `/api/v1/admin/devices/${id}/%72evoke`,
    (id: string) => `/api/%761/admin/devices/${id}/revoke`,
    (id: string) => `/%61pi/v1/admin/devices/${id}/revoke`,
    (id: string) => `/api/v1/admin/devices/${encodeURIComponent(id).replace(/-/g, '%2D')}/revoke`,
    (id: string) => `/api/v1/admin/devices/${id}/revoke?x=1`,
  ];

  it.each(encodings.map((spell, index) => [index, spell] as const))(
    'refuses spelling %i of the revoke path without the header',
    async (_index, spell) => {
      const device = await enrolNewDevice(app, opened.db, CENTRE_ID);
      const reply = await app.inject({
        method: 'POST',
        url: spell(device.deviceId),
        headers: { cookie: adminCookie, 'content-type': 'text/plain' },
        payload: 'x',
      });
      expect(reply.statusCode, reply.body).toBe(403);
      expect(reply.json().error.code).toBe('csrf-rejected');
      expect((await findDevice(opened.db, device.deviceId))?.revoked_at).toBeNull();
    },
  );

  it('still revokes through an encoded path when the header is there (the guard, not the spelling, decides)', async () => {
    const device = await enrolNewDevice(app, opened.db, CENTRE_ID);
    const reply = await app.inject({
      method: 'POST',
      url: `/api/v1/%61dmin/devices/${device.deviceId}/revoke`,
      headers: { cookie: adminCookie, [CSRF_HEADER]: '1' },
    });
    expect(reply.statusCode, reply.body).toBe(204);
    expect((await findDevice(opened.db, device.deviceId))?.revoked_at).not.toBeNull();
  });

  it('guards every state-changing route of the people API, encoded or not', async () => {
    const routes: [string, string][] = [
      ['POST', '/api/v1/%61uth/logout'],
      ['POST', '/api/v1/admin/%61ccounts'],
      ['PATCH', `/api/v1/admin/units/${CENTRE_ID}`],
      ['PUT', `/api/v1/%61dmin/kiosk-settings/${CENTRE_ID}`],
      ['PUT', '/api/v1/admin/targets'],
      ['POST', '/api/v1/admin/enrolment-codes'],
    ];
    for (const [method, url] of routes) {
      const reply = await app.inject({ method: method as 'POST', url, headers: { cookie: adminCookie }, payload: {} });
      expect(reply.statusCode, `${method} ${url}: ${reply.body}`).toBe(403);
      expect(reply.json().error.code).toBe('csrf-rejected');
    }
  });

  it('leaves the tablet routes to their own credentials', async () => {
    const device = await enrolNewDevice(app, opened.db, CENTRE_ID);
    const reply = await app.inject({
      method: 'POST',
      url: '/api/v1/sync/responses',
      headers: { authorization: `Bearer ${device.token}` },
      payload: { deviceTime: new Date().toISOString(), highestIssuedSequence: 0, responses: [] },
    });
    expect(reply.statusCode, reply.body).toBe(200);
  });
});

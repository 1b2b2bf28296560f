import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/server/app.ts';
import { CSRF_HEADER } from '../../../src/domain/csrf.ts';
import { RATINGS_PER_TOKEN } from '../../../src/server/routes/dossier-links.ts';
import { CENTRE_ID, seedTestUnits } from '../fixtures.ts';
import { ACCOUNTS, asSignedIn, seedAccounts, signIn } from '../manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from '../test-databases.ts';

/** Guessing tokens or flooding the API runs into limits: per address on the public page, per key on the integration API. */
describe.each(databasesUnderTest)('dossier-link rate limits on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  const keys: string[] = [];

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    app = buildApp({
      db: opened.db,
      staticDir: null,
      publicUrl: 'https://sipas.example.gov.vn',
      linkKeysSecret: new Uint8Array(randomBytes(32)),
      rateLimit: { max: 3, timeWindowMs: 60_000 },
    });
    const admin = await signIn(app, ACCOUNTS.admin.username);
    for (let k = 0; k < 2; k++) {
      const reply = await asSignedIn(app, admin, {
        method: 'POST',
        url: '/api/v1/admin/integration-keys',
        payload: { vendor: `Vendor ${k}`, unitIds: [CENTRE_ID] },
      });
      keys.push(reply.json().key);
    }
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it('answers 429 after the limit of one address on the public page, and not to another address', async () => {
    const statuses: number[] = [];
    for (let k = 0; k < 4; k++)
      statuses.push(
        (await app.inject({ method: 'GET', url: `/api/v1/dossier-links/guess${k}.AAAAAAAAAAAAAAAAAAAAAA`, remoteAddress: '203.0.113.7' })).statusCode,
      );
    expect(statuses).toEqual([404, 404, 404, 429]);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/dossier-links/x.AAAAAAAAAAAAAAAAAAAAAA', remoteAddress: '203.0.113.8' })).statusCode,
    ).toBe(404);
  });

  it('answers 429 to a link sent more often than a citizen could, from any address, and not to another link', async () => {
    const send = (token: string, k: number) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/dossier-links/${token}/rating`,
        payload: {},
        headers: { [CSRF_HEADER]: '1' },
        remoteAddress: `198.51.100.${k}`,
      });
    const statuses: number[] = [];
    for (let k = 0; k <= RATINGS_PER_TOKEN.max; k++) statuses.push((await send('flood.AAAAAAAAAAAAAAAAAAAAAA', k)).statusCode);
    expect(statuses).toEqual([...Array<number>(RATINGS_PER_TOKEN.max).fill(400), 429]);
    expect((await send('other.AAAAAAAAAAAAAAAAAAAAAA', 200)).statusCode).toBe(400);
  });

  it('counts each integration key apart', async () => {
    const ask = (key: string) =>
      app.inject({
        method: 'GET',
        url: `/api/v1/integration/dossier-ratings?unitId=${CENTRE_ID}&dossierCode=HS-1`,
        headers: { authorization: `Bearer ${key}` },
      });
    const statuses: number[] = [];
    for (let k = 0; k < 4; k++) statuses.push((await ask(keys[0]!)).statusCode);
    expect(statuses).toEqual([404, 404, 404, 429]);
    expect((await ask(keys[1]!)).statusCode).toBe(404);
  });
});

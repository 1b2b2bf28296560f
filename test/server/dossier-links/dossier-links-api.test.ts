import { createHmac, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/server/app.ts';
import { serverLoggerOptions } from '../../../src/server/http/logging.ts';
import { CENTRE_ID, OTHER_CENTRE_ID, PROVINCE_ID, seedTestUnits } from '../fixtures.ts';
import { ACCOUNTS, asSignedIn, seedAccounts, signIn } from '../manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from '../test-databases.ts';
import { addBirthProcedure, BIRTH } from './link-fixtures.ts';

const PUBLIC_URL = 'https://sipas.example.gov.vn';
/** 2026-12-05 10:00 in Việt Nam. */
const NOW = new Date('2026-12-05T03:00:00Z');

/** A token as a vendor makes it offline, with Node's crypto and the secret the administrator handed over. */
function vendorToken(secret: string, lines: string[]): string {
  const payload = Buffer.from(['DL1', ...lines].join('\n'), 'utf8');
  return `${payload.toString('base64url')}.${createHmac('sha256', Buffer.from(secret, 'base64url')).update(payload).digest().subarray(0, 16).toString('base64url')}`;
}

describe.each(databasesUnderTest)('dossier links on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let clock = NOW;
  let admin: string;
  const logLines: string[] = [];
  const linkKeysSecret = new Uint8Array(randomBytes(32));

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    app = buildApp({
      db: opened.db,
      staticDir: null,
      now: () => clock,
      publicUrl: PUBLIC_URL,
      linkKeysSecret,
      logger: { ...serverLoggerOptions('info'), stream },
    });
    admin = await signIn(app, ACCOUNTS.admin.username);
    await addBirthProcedure(app, admin);
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  const adminPost = (url: string, payload?: object) => asSignedIn(app, admin, { method: 'POST', url, ...(payload ? { payload } : {}) });
  const asVendor = (key: string, options: { method: 'GET' | 'POST'; url: string; payload?: object | string; headers?: Record<string, string> }) =>
    app.inject({ ...options, headers: { authorization: `Bearer ${key}`, ...options.headers } });
  const openLink = (token: string) => app.inject({ method: 'GET', url: `/api/v1/dossier-links/${token}` });

  async function newSigningKey(unitId: string): Promise<{ keyId: string; secret: string; rotated: string[] }> {
    const reply = await adminPost('/api/v1/admin/dossier-signing-keys', { unitId });
    expect(reply.statusCode, reply.body).toBe(201);
    return reply.json();
  }

  async function newIntegrationKey(unitIds: string[]): Promise<{ id: string; key: string }> {
    const reply = await adminPost('/api/v1/admin/integration-keys', { vendor: 'VNPT iGate', unitIds });
    expect(reply.statusCode, reply.body).toBe(201);
    return reply.json();
  }

  it('lets only administrators manage keys, and audits every change without a secret', async () => {
    const manager = await signIn(app, ACCOUNTS.manager.username);
    expect(
      (await asSignedIn(app, manager, { method: 'POST', url: '/api/v1/admin/dossier-signing-keys', payload: { unitId: CENTRE_ID } })).statusCode,
    ).toBe(403);
    expect((await adminPost('/api/v1/admin/dossier-signing-keys', { unitId: 'no-such-unit' })).json().error.code).toBe('unknown-unit');
    const signing = await newSigningKey(OTHER_CENTRE_ID);
    expect(signing.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const integration = await newIntegrationKey([OTHER_CENTRE_ID]);
    expect(integration.key).toMatch(/^sipas_ik_/);
    const listed = await asSignedIn(app, admin, { method: 'GET', url: `/api/v1/admin/dossier-signing-keys?unitId=${OTHER_CENTRE_ID}` });
    expect(listed.json().keys).toEqual([expect.objectContaining({ id: signing.keyId, unitId: OTHER_CENTRE_ID, revokedAt: null })]);
    expect(listed.body).not.toContain(signing.secret);
    const keys = await asSignedIn(app, admin, { method: 'GET', url: '/api/v1/admin/integration-keys' });
    expect(keys.body).not.toContain(integration.key);
    const audit = await asSignedIn(app, admin, { method: 'GET', url: '/api/v1/admin/audit?limit=50' });
    expect(audit.body).toContain('dossier-signing-key.created');
    expect(audit.body).toContain('integration-key.created');
    expect(audit.body).not.toContain(signing.secret);
    expect(audit.body).not.toContain(integration.key);
  });

  it('mints a link with its QR for a completed dossier, which the public page verifies and names', async () => {
    const signing = await newSigningKey(CENTRE_ID);
    const { key } = await newIntegrationKey([PROVINCE_ID]);
    const reply = await asVendor(key, {
      method: 'POST',
      url: '/api/v1/integration/dossiers',
      payload: { unitId: CENTRE_ID, dossierCode: 'H12.22-241205-0001', procedureCode: BIRTH },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const minted = reply.json();
    expect(minted).toMatchObject({ unitId: CENTRE_ID, keyId: signing.keyId, issuedOn: '2026-12-05', expiresOn: '2027-01-03' });
    expect(minted.url).toBe(`${PUBLIC_URL}/d#${minted.token}`);
    expect(minted.qrSvg).toMatch(/^<svg/);
    expect(Buffer.from(minted.qrPngBase64, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');

    const page = await openLink(minted.token);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({
      unit: { id: CENTRE_ID },
      procedure: { code: BIRTH, name: { vi: 'Đăng ký khai sinh' } },
      dossierCode: 'H12.22-241205-0001',
      rated: false,
    });
    expect(page.headers['set-cookie']).toBeUndefined();

    const rating = await asVendor(key, {
      method: 'GET',
      url: `/api/v1/integration/dossier-ratings?unitId=${CENTRE_ID}&dossierCode=H12.22-241205-0001`,
    });
    expect(rating.json()).toEqual({ unitId: CENTRE_ID, dossierCode: 'H12.22-241205-0001', rated: false });
    expect(
      (await asVendor(key, { method: 'GET', url: `/api/v1/integration/dossier-ratings?unitId=${CENTRE_ID}&dossierCode=never-minted` })).statusCode,
    ).toBe(404);

    // A link the vendor made offline with the secret verifies the same way.
    const offline = vendorToken(signing.secret, [signing.keyId, CENTRE_ID, 'Hồ sơ 24/0017', BIRTH, '2026-12-04', '2026-12-31']);
    expect((await openLink(offline)).json()).toMatchObject({ dossierCode: 'Hồ sơ 24/0017', issuedOn: '2026-12-04' });

    const tokenLogged = logLines.filter((line) => line.includes(minted.token) || line.includes(offline));
    expect(tokenLogged).toEqual([]);
    expect(logLines.some((line) => line.includes(`/api/v1/dossier-links/${minted.token.slice(0, 12)}…`))).toBe(true);
  });

  it('lets an administrator make one dossier’s link and QR for a result slip’s template, and no manager', async () => {
    await newSigningKey(OTHER_CENTRE_ID);
    const made = await adminPost('/api/v1/admin/dossier-links', { unitId: OTHER_CENTRE_ID, dossierCode: 'MAU-PHIEU-0001', procedureCode: BIRTH });
    expect(made.statusCode, made.body).toBe(201);
    const minted = made.json();
    expect(minted).toMatchObject({ unitId: OTHER_CENTRE_ID, dossierCode: 'MAU-PHIEU-0001', expiresOn: '2027-01-03' });
    expect(minted.qrSvg).toMatch(/^<svg/);
    expect((await openLink(minted.token)).json()).toMatchObject({ dossierCode: 'MAU-PHIEU-0001', rated: false });
    const unknown = await adminPost('/api/v1/admin/dossier-links', { unitId: OTHER_CENTRE_ID, dossierCode: 'MAU-2', procedureCode: '9.999999' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'unknown-procedure', field: 'procedureCode' });
    const manager = await signIn(app, ACCOUNTS.manager.username);
    const refused = await asSignedIn(app, manager, {
      method: 'POST',
      url: '/api/v1/admin/dossier-links',
      payload: { unitId: OTHER_CENTRE_ID, dossierCode: 'MAU-3', procedureCode: BIRTH },
    });
    expect(refused.statusCode).toBe(403);
    const audit = await asSignedIn(app, admin, { method: 'GET', url: '/api/v1/admin/audit?limit=5' });
    expect(audit.body).toContain('dossier-links.minted');
    expect(audit.body).not.toContain(minted.token);
  });

  it('refuses forged, altered, foreign-unit, expired and revoked links with a clear code, and stores nothing', async () => {
    const signing = await newSigningKey(CENTRE_ID);
    const other = await newSigningKey(OTHER_CENTRE_ID);
    const lines = [signing.keyId, CENTRE_ID, 'HS-2', BIRTH, '2026-12-05', '2026-12-06'];
    const good = vendorToken(signing.secret, lines);
    expect((await openLink(good)).statusCode).toBe(200);
    const [payload, tag] = good.split('.');
    const altered = `${Buffer.from(Buffer.from(payload!, 'base64url').toString('utf8').replace('HS-2', 'HS-3')).toString('base64url')}.${tag}`;
    const forged = vendorToken(randomBytes(32).toString('base64url'), lines);
    const foreignUnit = vendorToken(other.secret, [other.keyId, CENTRE_ID, 'HS-2', BIRTH, '2026-12-05', '2026-12-06']);
    for (const token of [altered, forged, foreignUnit, 'not-a-token', `${payload}.${tag}x`]) {
      const reply = await openLink(token);
      expect(reply.statusCode, token).toBe(404);
      expect(reply.json().error.code).toBe('dossier-link-invalid');
    }
    clock = new Date('2026-12-06T17:00:00Z');
    try {
      expect((await openLink(good)).json().error.code).toBe('dossier-link-expired');
    } finally {
      clock = NOW;
    }
    expect((await adminPost(`/api/v1/admin/dossier-signing-keys/${signing.keyId}/revoke`)).statusCode).toBe(204);
    const revoked = await openLink(good);
    expect(revoked.statusCode).toBe(410);
    expect(revoked.json().error.code).toBe('dossier-link-revoked');
    const rows = await opened.db.selectFrom('dossier_ratings').selectAll().execute();
    expect(rows).toEqual([]);
  });

  it('keeps links of a rotated key working until they expire, and refuses ones it issues after rotation', async () => {
    const first = await newSigningKey(CENTRE_ID);
    const printed = vendorToken(first.secret, [first.keyId, CENTRE_ID, 'HS-4', BIRTH, '2026-12-05', '2027-01-04']);
    clock = new Date('2026-12-07T03:00:00Z');
    try {
      admin = await signIn(app, ACCOUNTS.admin.username);
      const second = await newSigningKey(CENTRE_ID);
      expect(second.rotated).toEqual([first.keyId]);
      expect((await openLink(printed)).statusCode).toBe(200);
      const afterRotation = vendorToken(first.secret, [first.keyId, CENTRE_ID, 'HS-5', BIRTH, '2026-12-08', '2027-01-04']);
      expect((await openLink(afterRotation)).json().error.code).toBe('dossier-link-invalid');
      const { key } = await newIntegrationKey([CENTRE_ID]);
      const minted = await asVendor(key, {
        method: 'POST',
        url: '/api/v1/integration/dossiers',
        payload: { unitId: CENTRE_ID, dossierCode: 'HS-6', procedureCode: BIRTH },
      });
      expect(minted.json().keyId).toBe(second.keyId);
    } finally {
      clock = NOW;
      // A session seen at the later instant does not read as valid before it: sign in again at NOW.
      admin = await signIn(app, ACCOUNTS.admin.username);
    }
  });

  it('authenticates integration keys, holds each to its units, and stops a revoked one', async () => {
    await newSigningKey(CENTRE_ID);
    const body = { unitId: CENTRE_ID, dossierCode: 'HS-7', procedureCode: BIRTH };
    expect((await app.inject({ method: 'POST', url: '/api/v1/integration/dossiers', payload: body })).statusCode).toBe(401);
    expect(
      (await asVendor(`sipas_ik_${randomBytes(32).toString('base64url')}`, { method: 'POST', url: '/api/v1/integration/dossiers', payload: body }))
        .statusCode,
    ).toBe(401);
    const otherUnitsKey = await newIntegrationKey([OTHER_CENTRE_ID]);
    const outOfScope = await asVendor(otherUnitsKey.key, { method: 'POST', url: '/api/v1/integration/dossiers', payload: body });
    expect(outOfScope.statusCode).toBe(403);
    expect(outOfScope.json().error).toMatchObject({ code: 'unit-out-of-scope', field: 'unitId' });
    expect(
      (await asVendor(otherUnitsKey.key, { method: 'GET', url: `/api/v1/integration/dossier-ratings?unitId=${CENTRE_ID}&dossierCode=HS-7` }))
        .statusCode,
    ).toBe(403);
    const unknownProcedure = await asVendor(otherUnitsKey.key, {
      method: 'POST',
      url: '/api/v1/integration/dossiers',
      payload: { ...body, unitId: OTHER_CENTRE_ID, procedureCode: '9.999999' },
    });
    expect(unknownProcedure.json().error.code).toBe('unknown-procedure');
    const centreKey = await newIntegrationKey([CENTRE_ID]);
    expect((await asVendor(centreKey.key, { method: 'POST', url: '/api/v1/integration/dossiers', payload: body })).statusCode).toBe(201);
    expect((await adminPost(`/api/v1/admin/integration-keys/${centreKey.id}/revoke`)).statusCode).toBe(204);
    const revoked = await asVendor(centreKey.key, { method: 'POST', url: '/api/v1/integration/dossiers', payload: body });
    expect(revoked.statusCode).toBe(403);
    expect(revoked.json().error.code).toBe('integration-key-revoked');
  });

  it('mints the valid rows of a CSV batch and names each invalid row with its line, field and reason', async () => {
    await newSigningKey(CENTRE_ID);
    const { key } = await newIntegrationKey([CENTRE_ID]);
    const csv = [
      'unit_id,dossier_code,procedure_code,issued_on,valid_days',
      `${CENTRE_ID},B-1,${BIRTH},2026-12-04,10`,
      `${OTHER_CENTRE_ID},B-2,${BIRTH},,`,
      `${CENTRE_ID},B-3,9.999999,,`,
      `${CENTRE_ID},,${BIRTH},,`,
      `${CENTRE_ID},B-5,${BIRTH},2026-12-31,`,
      `${CENTRE_ID},B-6,${BIRTH},,400`,
      `${CENTRE_ID},"B-7, bản sao",${BIRTH},,`,
    ].join('\r\n');
    const reply = await asVendor(key, {
      method: 'POST',
      url: '/api/v1/integration/dossiers/batch',
      payload: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(reply.statusCode, reply.body).toBe(200);
    const { minted, errors } = reply.json();
    expect(minted.map((row: { line: number; dossierCode: string; expiresOn: string }) => [row.line, row.dossierCode, row.expiresOn])).toEqual([
      [2, 'B-1', '2026-12-13'],
      [8, 'B-7, bản sao', '2027-01-03'],
    ]);
    expect(errors.map((row: { line: number; field: string; code: string }) => [row.line, row.field, row.code])).toEqual([
      [3, 'unitId', 'unit-out-of-scope'],
      [4, 'procedureCode', 'unknown-procedure'],
      [5, 'dossierCode', 'invalid-request'],
      [6, 'issuedOn', 'invalid-request'],
      [7, 'validDays', 'invalid-request'],
    ]);
    for (const row of minted) expect((await openLink(row.token)).statusCode).toBe(200);
    const stored = await opened.db
      .selectFrom('dossier_links')
      .select('dossier_code')
      .where('dossier_code', 'in', ['B-1', 'B-7, bản sao', 'B-2'])
      .execute();
    expect(stored.map((row) => row.dossier_code).sort()).toEqual(['B-1', 'B-7, bản sao']);
    const json = await asVendor(key, { method: 'POST', url: '/api/v1/integration/dossiers/batch', payload: { csv } });
    expect(json.statusCode).toBe(415);

    const provinceKey = await newIntegrationKey([PROVINCE_ID]);
    const mixed = await asVendor(provinceKey.key, {
      method: 'POST',
      url: '/api/v1/integration/dossiers/batch',
      payload: `\uFEFFunit_id;dossier_code;procedure_code\n${PROVINCE_ID};P-1;${BIRTH}\n${CENTRE_ID};P-2;${BIRTH}\n`,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });
    expect(mixed.json().errors).toEqual([{ line: 2, field: 'unitId', code: 'no-signing-key', message: expect.stringContaining('no signing key') }]);
    expect(mixed.json().minted.map((row: { dossierCode: string }) => row.dossierCode)).toEqual(['P-2']);
  });
});

describe.each(databasesUnderTest)('dossier links without LINK_KEYS_SECRET on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    app = buildApp({ db: opened.db, staticDir: null, publicUrl: PUBLIC_URL });
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it('answers 503 with what to set, on the admin, integration and public routes', async () => {
    const admin = await signIn(app, ACCOUNTS.admin.username);
    const created = await asSignedIn(app, admin, { method: 'POST', url: '/api/v1/admin/dossier-signing-keys', payload: { unitId: CENTRE_ID } });
    expect(created.statusCode).toBe(503);
    expect(created.json().error).toMatchObject({ code: 'link-keys-not-configured', message: expect.stringContaining('LINK_KEYS_SECRET') });
    const integration = await asSignedIn(app, admin, {
      method: 'POST',
      url: '/api/v1/admin/integration-keys',
      payload: { vendor: 'X', unitIds: [CENTRE_ID] },
    });
    const minted = await app.inject({
      method: 'POST',
      url: '/api/v1/integration/dossiers',
      headers: { authorization: `Bearer ${integration.json().key}` },
      payload: { unitId: CENTRE_ID, dossierCode: 'A', procedureCode: BIRTH },
    });
    expect(minted.statusCode).toBe(503);
    expect((await app.inject({ method: 'GET', url: '/api/v1/dossier-links/abc.def' })).statusCode).toBe(503);

    // The order of the answers: the key (401) before the missing set-up (503) before what was sent (400).
    const withoutKey = await app.inject({ method: 'POST', url: '/api/v1/integration/dossiers', payload: {} });
    const malformedBody = await app.inject({
      method: 'POST',
      url: '/api/v1/integration/dossiers',
      headers: { authorization: `Bearer ${integration.json().key}` },
      payload: { unitId: '' },
    });
    const emptyToken = await app.inject({ method: 'GET', url: '/api/v1/dossier-links/' });
    expect([withoutKey, malformedBody, emptyToken].map((reply) => [reply.statusCode, reply.json().error.code])).toEqual([
      [401, 'unauthorized'],
      [503, 'link-keys-not-configured'],
      [503, 'link-keys-not-configured'],
    ]);
  });
});

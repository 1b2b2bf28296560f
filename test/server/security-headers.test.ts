import type { FastifyInstance, InjectOptions } from 'fastify';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

describe.each(databasesUnderTest)('security headers on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    opened = await database.open();
    const staticDir = mkdtempSync(join(tmpdir(), 'sipas-headers-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    app = buildApp({ db: opened.db, staticDir, trustedProxies: ['127.0.0.1'] });
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it.each(['/kiosk', '/manage', '/api/health', '/api/v1/no-such-route'])(
    'sends CSP, nosniff, framing by this origin only and no referrer on %s',
    async (url) => {
      const reply = await app.inject({ url });
      const csp = String(reply.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(reply.headers['referrer-policy']).toBe('no-referrer');
    },
  );

  it('sends HSTS only when the request came over TLS', async () => {
    expect((await app.inject({ url: '/api/health' })).headers['strict-transport-security']).toBeUndefined();
    const overTls = await app.inject({ url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(overTls.headers['strict-transport-security']).toMatch(/^max-age=31536000/);
    const untrusted = await app.inject({ url: '/api/health', headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '198.51.100.7' });
    expect(untrusted.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS on every answer when told the server is only reached over https', async () => {
    const always = buildApp({ db: opened.db, staticDir: null, alwaysHsts: true });
    try {
      expect((await always.inject({ url: '/api/health' })).headers['strict-transport-security']).toMatch(/^max-age=/);
    } finally {
      await always.close();
    }
  });
});

describe.each(databasesUnderTest)("Fastify's own errors in the API's shape on $name", (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    opened = await database.open();
    app = buildApp({ db: opened.db, staticDir: null });
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  const cases: [string, InjectOptions, number, string][] = [
    ['a malformed %-escape', { method: 'GET', url: '/api/v1/units/%zz' }, 400, 'invalid-request'],
    [
      'an unknown content type',
      { method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/x-nothing', 'x-sipas-csrf': '1' }, payload: 'x' },
      415,
      'unsupported-media-type',
    ],
    [
      'malformed JSON',
      { method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json', 'x-sipas-csrf': '1' }, payload: '{"username":' },
      400,
      'malformed-json',
    ],
    ['an unknown route', { method: 'GET', url: '/api/v1/nothing-here' }, 404, 'not-found'],
  ];
  it.each(cases)('answers %s as { error: { code, message } }', async (_name, request, status, code) => {
    const reply = await app.inject(request);
    expect(reply.statusCode).toBe(status);
    const body = reply.json();
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe(code);
    expect(JSON.stringify(body)).not.toContain('FST_');
  });
});

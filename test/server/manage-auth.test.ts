import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, SESSION_COOKIE, sessionInfoSchema } from '../../src/domain/manage-api.ts';
import { buildApp } from '../../src/server/app.ts';
import { LOCKOUT_FAILURES } from '../../src/server/auth/people-auth.ts';
import { seedTestUnits } from './fixtures.ts';
import { ACCOUNTS, PASSWORD, asSignedIn, seedAccounts, signIn } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

describe.each(databasesUnderTest)('dashboard sign-in on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let clock = new Date('2026-03-02T03:00:00.000Z');

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    app = buildApp({ db: opened.db, staticDir: null, now: () => clock, loginRateLimit: { max: 1000, timeWindowMs: 60_000 } });
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  const login = (username: string, password: string, headers: Record<string, string> = { [CSRF_HEADER]: '1' }) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', headers, payload: { username, password } });

  it('sets an HttpOnly, SameSite=Strict session cookie and answers the session', async () => {
    const reply = await login(ACCOUNTS.manager.username, PASSWORD);
    expect(reply.statusCode, reply.body).toBe(200);
    const cookie = String(reply.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict; Max-Age=\\d+$`));
    const info = sessionInfoSchema.parse(reply.json());
    expect(info.user).toMatchObject({ username: ACCOUNTS.manager.username, role: 'manager', unitId: ACCOUNTS.manager.unitId });
    expect(reply.body).not.toContain('password');

    const session = await asSignedIn(app, cookie.split(';')[0]!, { method: 'GET', url: '/api/v1/auth/session' });
    expect(session.json()).toEqual(info);
  });

  it('marks the cookie Secure when the request came over TLS', async () => {
    const secureApp = buildApp({ db: opened.db, staticDir: null, trustedProxies: ['127.0.0.1'] });
    try {
      const reply = await secureApp.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { [CSRF_HEADER]: '1', 'x-forwarded-proto': 'https' },
        payload: { username: ACCOUNTS.staff.username, password: PASSWORD },
      });
      expect(String(reply.headers['set-cookie'])).toMatch(/; Secure$/);
    } finally {
      await secureApp.close();
    }
  });

  it('answers the same for an unknown user and a wrong password', async () => {
    const unknown = await login('nobody-here', PASSWORD);
    const wrong = await login(ACCOUNTS.staff.username, 'not the password');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  it(`locks an account for 15 minutes after ${LOCKOUT_FAILURES} failures, even for the right password`, async () => {
    const { username } = ACCOUNTS.otherManager;
    for (let attempt = 0; attempt < LOCKOUT_FAILURES; attempt++) expect((await login(username, 'guess ' + attempt)).statusCode).toBe(401);
    const locked = await login(username, PASSWORD);
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.code).toBe('invalid-credentials');
    clock = new Date(clock.getTime() + 14 * 60_000);
    expect((await login(username, PASSWORD)).statusCode).toBe(401);
    clock = new Date(clock.getTime() + 2 * 60_000);
    expect((await login(username, PASSWORD)).statusCode).toBe(200);
  });

  it('rate-limits sign-in attempts per address', async () => {
    const limited = buildApp({ db: opened.db, staticDir: null, loginRateLimit: { max: 3, timeWindowMs: 60_000 } });
    try {
      const statuses = [];
      // Counts live in the database this suite shares, so the address is one no other test signs in from.
      const remoteAddress = '203.0.113.41';
      for (let attempt = 0; attempt < 4; attempt++) {
        const reply = await limited.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress,
          headers: { [CSRF_HEADER]: '1' },
          payload: { username: 'x-user', password: 'y' },
        });
        statuses.push(reply.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });

  it('refuses sign-in and changes without the CSRF header or from another origin', async () => {
    expect((await login(ACCOUNTS.admin.username, PASSWORD, {})).json().error.code).toBe('csrf-rejected');
    const cookie = await signIn(app, ACCOUNTS.admin.username);
    const body = { unitId: ACCOUNTS.manager.unitId, questionnaireId: 'sipas', year: 2026, percent: 90 };
    const noHeader = await app.inject({ method: 'PUT', url: '/api/v1/admin/targets', headers: { cookie }, payload: body });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json().error.code).toBe('csrf-rejected');
    const foreign = await app.inject({
      method: 'PUT',
      url: '/api/v1/admin/targets',
      headers: { cookie, [CSRF_HEADER]: '1', origin: 'https://evil.example', host: 'sipas.example' },
      payload: body,
    });
    expect(foreign.json().error.code).toBe('csrf-rejected');
    const same = await app.inject({
      method: 'PUT',
      url: '/api/v1/admin/targets',
      headers: { cookie, [CSRF_HEADER]: '1', origin: 'https://sipas.example', host: 'sipas.example' },
      payload: body,
    });
    expect(same.statusCode, same.body).toBe(200);
  });

  it('ends the session on logout and when the account is disabled', async () => {
    const cookie = await signIn(app, ACCOUNTS.staff.username);
    const out = await asSignedIn(app, cookie, { method: 'POST', url: '/api/v1/auth/logout' });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await asSignedIn(app, cookie, { method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(401);

    const again = await signIn(app, ACCOUNTS.staff.username);
    const admin = await signIn(app, ACCOUNTS.admin.username);
    const staff = await opened.db.selectFrom('accounts').select('id').where('username', '=', ACCOUNTS.staff.username).executeTakeFirstOrThrow();
    const disable = await asSignedIn(app, admin, { method: 'PATCH', url: `/api/v1/admin/accounts/${staff.id}`, payload: { disabled: true } });
    expect(disable.statusCode, disable.body).toBe(200);
    expect((await asSignedIn(app, again, { method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(401);
    expect((await login(ACCOUNTS.staff.username, PASSWORD)).statusCode).toBe(401);
    const audit = await opened.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'account.updated').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('stores only a salted scrypt hash', async () => {
    const rows = await opened.db.selectFrom('accounts').select('password_hash').execute();
    for (const row of rows) expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(new Set(rows.map((row) => row.password_hash)).size).toBe(rows.length);
  });
});

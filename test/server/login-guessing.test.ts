import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../src/domain/manage-api.ts';
import { buildApp } from '../../src/server/app.ts';
import { createAccount } from '../../src/server/auth/create-account.ts';
import { LOCKOUT_FAILURES } from '../../src/server/auth/people-auth.ts';
import { parseTrustedProxies, TrustProxyInvalid } from '../../src/server/http/trusted-proxies.ts';
import { seedTestUnits } from './fixtures.ts';
import { PASSWORD } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

/** Every guess costs a scrypt hash at N = 2^17: seconds each on a busy machine. */
const SLOW = 240_000;

/** Password guessing: simultaneous guesses and forged client addresses must not get around the limits. */
describe.each(databasesUnderTest)('password guessing on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let accountNumber = 0;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    app = buildApp({ db: opened.db, staticDir: null, loginRateLimit: { max: 10_000, timeWindowMs: 60_000 } });
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  async function newAccount(): Promise<string> {
    const username = `guessed-${++accountNumber}`;
    await createAccount(
      opened.db,
      { username, displayName: username, password: PASSWORD, role: 'staff', unitId: null },
      { now: new Date(), actor: 'test' },
    );
    return username;
  }

  const login = (
    target: FastifyInstance,
    username: string,
    password: string,
    extra: { headers?: Record<string, string>; remoteAddress?: string } = {},
  ) =>
    target.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { [CSRF_HEADER]: '1', ...extra.headers },
      payload: { username, password },
      ...(extra.remoteAddress ? { remoteAddress: extra.remoteAddress } : {}),
    });

  async function wrongAtOnce(username: string, count: number): Promise<void> {
    const replies = await Promise.all(Array.from({ length: count }, (_, k) => login(app, username, `wrong guess ${k}`)));
    for (const reply of replies) expect(reply.statusCode).toBe(401);
  }

  it(
    'locks the account after 20 simultaneous wrong passwords',
    async () => {
      const username = await newAccount();
      await wrongAtOnce(username, 20);
      expect((await login(app, username, PASSWORD)).statusCode).toBe(401);
    },
    SLOW,
  );

  it(
    'locks at the threshold in a burst of 10',
    async () => {
      const username = await newAccount();
      await wrongAtOnce(username, 10);
      expect((await login(app, username, PASSWORD)).statusCode).toBe(401);
    },
    SLOW,
  );

  it(
    `locks after exactly ${LOCKOUT_FAILURES} simultaneous failures, not before`,
    async () => {
      const below = await newAccount();
      await wrongAtOnce(below, LOCKOUT_FAILURES - 1);
      expect((await login(app, below, PASSWORD)).statusCode).toBe(200);
      const at = await newAccount();
      await wrongAtOnce(at, LOCKOUT_FAILURES);
      expect((await login(app, at, PASSWORD)).statusCode).toBe(401);
    },
    SLOW,
  );

  it(
    'a correct password beside a burst of wrong ones does not lift the lock they set',
    async () => {
      const username = await newAccount();
      await Promise.all([wrongAtOnce(username, 12), login(app, username, PASSWORD)]);
      expect((await login(app, username, PASSWORD)).statusCode).toBe(401);
    },
    SLOW,
  );

  it(
    'ignores X-Forwarded-For from an address that is not a trusted proxy',
    async () => {
      const behindProxy = buildApp({
        db: opened.db,
        staticDir: null,
        trustedProxies: ['10.0.0.0/8'],
        loginRateLimit: { max: 5, timeWindowMs: 60_000 },
      });
      try {
        const statuses: number[] = [];
        for (let attempt = 0; attempt < 60; attempt++) {
          const reply = await login(behindProxy, 'nobody-at-all', 'guess', {
            remoteAddress: '198.51.100.7',
            headers: { 'x-forwarded-for': `203.0.113.${attempt + 1}` },
          });
          statuses.push(reply.statusCode);
        }
        expect(statuses.filter((status) => status === 429).length).toBe(55);
      } finally {
        await behindProxy.close();
      }
    },
    SLOW,
  );

  it(
    'takes the client address from a trusted proxy, one bucket per client',
    async () => {
      const behindProxy = buildApp({
        db: opened.db,
        staticDir: null,
        trustedProxies: ['10.0.0.0/8'],
        loginRateLimit: { max: 2, timeWindowMs: 60_000 },
      });
      try {
        const from = (client: string) =>
          login(behindProxy, 'nobody-at-all', 'guess', { remoteAddress: '10.1.2.3', headers: { 'x-forwarded-for': client } });
        expect([(await from('203.0.113.1')).statusCode, (await from('203.0.113.1')).statusCode, (await from('203.0.113.1')).statusCode]).toEqual([
          401, 401, 429,
        ]);
        expect((await from('203.0.113.2')).statusCode).toBe(401);
      } finally {
        await behindProxy.close();
      }
    },
    SLOW,
  );
});

describe('TRUST_PROXY', () => {
  it('lists addresses and networks', () => {
    expect(parseTrustedProxies(undefined)).toEqual([]);
    expect(parseTrustedProxies('')).toEqual([]);
    expect(parseTrustedProxies('false')).toEqual([]);
    expect(parseTrustedProxies('127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback']);
  });

  it.each(['1', 'true', 'yes', '2', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/1'])('refuses "%s", which would trust anyone', (value) => {
    expect(() => parseTrustedProxies(value)).toThrow(TrustProxyInvalid);
  });
});

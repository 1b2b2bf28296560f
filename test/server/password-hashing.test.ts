import { randomBytes, scryptSync } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../src/domain/manage-api.ts';
import { buildApp } from '../../src/server/app.ts';
import { hashPassword, needsRehash, verifyPassword } from '../../src/server/auth/passwords.ts';
import { insertAccount } from '../../src/server/db/accounts-repository.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

/** A hash as the previous release stored it: scrypt at N = 2^15. */
function previousReleaseHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', 2 ** 15, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

describe('password hashes', () => {
  it("are made with OWASP's current scrypt parameters (N = 2^17, r = 8, p = 1), stored in the hash", async () => {
    const hash = await hashPassword('a long password');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('a long password', hash)).toBe(true);
    expect(await verifyPassword('another password', hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
    expect(needsRehash(previousReleaseHash('x'))).toBe(true);
  });
});

describe.each(databasesUnderTest)('rehash at sign-in on $name', (database) => {
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

  const login = (password: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { [CSRF_HEADER]: '1' }, payload: { username: 'old-hash', password } });
  const storedHash = async () =>
    (await opened.db.selectFrom('accounts').select('password_hash').where('username', '=', 'old-hash').executeTakeFirstOrThrow()).password_hash;

  it('signs in with a hash of older parameters and replaces it with one of today’s', async () => {
    const old = previousReleaseHash('the old password');
    await insertAccount(opened.db, {
      id: 'old-hash-id',
      username: 'old-hash',
      displayName: 'Old',
      passwordHash: old,
      role: 'staff',
      unitId: null,
      createdAt: new Date(),
    });

    expect((await login('not the password')).statusCode).toBe(401);
    expect(await storedHash()).toBe(old);

    expect((await login('the old password')).statusCode).toBe(200);
    const renewed = await storedHash();
    expect(renewed).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect((await login('the old password')).statusCode).toBe(200);
    expect(await storedHash()).toBe(renewed);
  });
});

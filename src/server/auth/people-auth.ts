import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { CSRF_HEADER, SESSION_COOKIE, type SessionInfo, type SessionUser } from '../../domain/manage-api.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  findAccountByUsername,
  findSessionWithAccount,
  insertSession,
  clearFailedLogins,
  countFailedLogin,
  lockAccount,
  touchSession,
  updateAccount,
} from '../db/accounts-repository.ts';
import type { AccountRow, Database } from '../db/schema.ts';
import { isDemoPassword } from './demo-password.ts';
import { sha256Base64Url } from './secrets.ts';
import { hashPassword, needsRehash, spendPasswordCheckTime, verifyPassword } from './passwords.ts';
import { Forbidden, Unauthenticated } from '../errors.ts';

/** Sessions of people: a random token in an HttpOnly cookie, only its hash in the database. */

export const SESSION_HOURS = 12;
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;
/** last_seen_at is written at most this often, so reading a report does not write on every request. */
const TOUCH_INTERVAL_MS = 5 * 60_000;

export interface SignedIn {
  sessionId: string;
  expiresAt: string;
  account: AccountRow;
}

/** The same answer for an unknown user, a wrong password, a disabled or a locked account: nothing to learn from it. */
const INVALID_CREDENTIALS = new Unauthenticated(
  `Wrong username or password. After ${LOCKOUT_FAILURES} failed attempts an account is locked for ${LOCKOUT_MINUTES} minutes.`,
  { code: 'invalid-credentials' },
);

const DEMO_PASSWORD_REFUSED = new Unauthenticated(
  'The demo password only works on a demo server. An administrator sets a real password for this account.',
  { code: 'demo-password-refused', field: 'password' },
);

export async function logIn(
  db: Kysely<Database>,
  username: string,
  password: string,
  now: Date,
  options: { demoPasswordAllowed: boolean },
): Promise<{ token: string; signedIn: SignedIn }> {
  // Refused before the account is read, so the answer says nothing about whether it has that password.
  if (!options.demoPasswordAllowed && isDemoPassword(password)) throw DEMO_PASSWORD_REFUSED;
  const account = await findAccountByUsername(db, username.trim().toLowerCase());
  if (!account) {
    await spendPasswordCheckTime(password);
    throw INVALID_CREDENTIALS;
  }
  const locked = account.locked_until !== null && account.locked_until > now.toISOString();
  const correct = await verifyPassword(password, account.password_hash);
  if (locked || account.disabled_at !== null) throw INVALID_CREDENTIALS;
  if (!correct) {
    // The lockout is decided on the count the database answers, never on the row read before the check.
    if ((await countFailedLogin(db, account.id)) >= LOCKOUT_FAILURES) {
      await lockAccount(db, account.id, new Date(now.getTime() + LOCKOUT_MINUTES * 60_000));
    }
    throw INVALID_CREDENTIALS;
  }
  if (!(await clearFailedLogins(db, account.id, now))) throw INVALID_CREDENTIALS;
  // The password is at hand only now: a hash made with older parameters is replaced by today's.
  if (needsRehash(account.password_hash)) await updateAccount(db, account.id, { password_hash: await hashPassword(password) });
  await deleteExpiredSessions(db, now);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await insertSession(db, { id: sha256Base64Url(token), accountId: account.id, createdAt: now, expiresAt });
  return { token, signedIn: { sessionId: sha256Base64Url(token), expiresAt: expiresAt.toISOString(), account } };
}

export function sessionTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** The signed-in person of a request, or undefined (no cookie, unknown, expired, disabled). */
export async function currentSession(db: Kysely<Database>, request: FastifyRequest, now: Date): Promise<SignedIn | undefined> {
  const token = sessionTokenOf(request);
  if (!token || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const row = await findSessionWithAccount(db, sha256Base64Url(token));
  if (!row || row.expires_at <= now.toISOString() || row.disabled_at !== null) return undefined;
  if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_INTERVAL_MS) await touchSession(db, row.session_id, now);
  const { session_id: sessionId, expires_at: expiresAt, last_seen_at: _lastSeen, ...account } = row;
  return { sessionId, expiresAt, account };
}

export async function logOut(db: Kysely<Database>, request: FastifyRequest): Promise<void> {
  const token = sessionTokenOf(request);
  if (token) await deleteSession(db, sha256Base64Url(token));
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: string): void {
  const maxAge = Math.max(0, Math.round((Date.parse(expiresAt) - Date.now()) / 1000));
  reply.header('set-cookie', cookieText(request, `${SESSION_COOKIE}=${token}`, `Max-Age=${maxAge}`));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('set-cookie', cookieText(request, `${SESSION_COOKIE}=`, 'Max-Age=0'));
}

function cookieText(request: FastifyRequest, value: string, age: string): string {
  // Secure only over TLS: on plain http (a LAN install, tests) the browser would drop a Secure cookie.
  return [value, 'Path=/', 'HttpOnly', 'SameSite=Strict', age, ...(request.protocol === 'https' ? ['Secure'] : [])].join('; ');
}

export function sessionUserOf(account: AccountRow): SessionUser {
  return { id: account.id, username: account.username, displayName: account.display_name, role: account.role, unitId: account.unit_id };
}

export function sessionInfoOf(signedIn: SignedIn): SessionInfo {
  return { user: sessionUserOf(signedIn.account), expiresAt: signedIn.expiresAt };
}

/**
 * Rejects a state-changing request a foreign site could have made: it must carry our custom header
 * (a form cannot, a cross-site fetch cannot without a preflight we never answer), and its Origin, when the
 * browser sends one, must be this server. The SameSite=Strict cookie is the first line; this the second.
 */
export function rejectCrossSiteMutation(request: FastifyRequest): void {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
  if (request.headers[CSRF_HEADER] !== '1') {
    throw new Forbidden(`A change must carry the header "${CSRF_HEADER}: 1".`, { code: 'csrf-rejected' });
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host !== request.host) throw new Forbidden('The request comes from another site.', { code: 'csrf-rejected' });
  } else if (origin === 'null') {
    throw new Forbidden('The request comes from an opaque origin.', { code: 'csrf-rejected' });
  }
}

export function newAccountId(): string {
  return uuidv7();
}

import type { Kysely } from 'kysely';
import type { AccountRow, Database } from './schema.ts';

/** Accounts of people (admin, manager, staff) and their sessions. */

export interface NewAccount {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: AccountRow['role'];
  unitId: string | null;
  createdAt: Date;
}

export async function insertAccount(db: Kysely<Database>, account: NewAccount): Promise<void> {
  await db
    .insertInto('accounts')
    .values({
      id: account.id,
      username: account.username,
      display_name: account.displayName,
      password_hash: account.passwordHash,
      role: account.role,
      unit_id: account.unitId,
      disabled_at: null,
      failed_logins: 0,
      locked_until: null,
      created_at: account.createdAt.toISOString(),
    })
    .execute();
}

export async function findAccountByUsername(db: Kysely<Database>, username: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findAccount(db: Kysely<Database>, accountId: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
}

export async function countActiveAdministrators(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function listAccounts(db: Kysely<Database>): Promise<AccountRow[]> {
  return db.selectFrom('accounts').selectAll().orderBy('username').execute();
}

export async function updateAccount(
  db: Kysely<Database>,
  accountId: string,
  changes: Partial<Pick<AccountRow, 'display_name' | 'role' | 'unit_id' | 'password_hash' | 'disabled_at' | 'failed_logins' | 'locked_until'>>,
): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await db.updateTable('accounts').set(changes).where('id', '=', accountId).execute();
}

/**
 * Counts a failed password in one statement, so simultaneous guesses each add one (a count read before
 * the slow password check would let them overwrite each other). Answers the count after this failure.
 */
export async function countFailedLogin(db: Kysely<Database>, accountId: string): Promise<number> {
  const row = await db
    .updateTable('accounts')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', accountId)
    .returning('failed_logins')
    .executeTakeFirst();
  return Number(row?.failed_logins ?? 0);
}

/** Locks the account until `lockUntil`; the failures counted so far are spent on this lock. */
export async function lockAccount(db: Kysely<Database>, accountId: string, lockUntil: Date): Promise<void> {
  await db.updateTable('accounts').set({ failed_logins: 0, locked_until: lockUntil.toISOString() }).where('id', '=', accountId).execute();
}

/**
 * Clears the failures after a correct password, unless a lock was set meanwhile (by guesses that ran
 * beside this sign-in): answers false then, and the sign-in is refused like any during a lock.
 */
export async function clearFailedLogins(db: Kysely<Database>, accountId: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('accounts')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', accountId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now.toISOString())]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertSession(
  db: Kysely<Database>,
  session: { id: string; accountId: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      account_id: session.accountId,
      created_at: session.createdAt.toISOString(),
      expires_at: session.expiresAt.toISOString(),
      last_seen_at: session.createdAt.toISOString(),
    })
    .execute();
}

export async function findSessionWithAccount(db: Kysely<Database>, sessionId: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select(['sessions.id as session_id', 'sessions.expires_at', 'sessions.last_seen_at'])
    .selectAll('accounts')
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<Database>, sessionId: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at.toISOString() }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteSessionsOfAccount(db: Kysely<Database>, accountId: string): Promise<void> {
  await db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
}

/** Expired sessions are useless; removed on login so the table does not grow forever. */
export async function deleteExpiredSessions(db: Kysely<Database>, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
}

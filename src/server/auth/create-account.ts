import type { Kysely } from 'kysely';
import { createAccountSchema, type CreateAccount } from '../../domain/manage-api.ts';
import { insertAccount } from '../db/accounts-repository.ts';
import { appendAudit } from '../db/audit-repository.ts';
import type { Database } from '../db/schema.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { hashPassword } from './passwords.ts';
import { newAccountId } from './people-auth.ts';

/** Creates an account and audits it in one transaction: for the API, the admin command line and the demo seed. */
export async function createAccount(db: Kysely<Database>, input: CreateAccount, context: { now: Date; actor: string }): Promise<string> {
  const account = createAccountSchema.parse(input);
  const id = newAccountId();
  const passwordHash = await hashPassword(account.password);
  await inWriteTransaction(db, async (trx) => {
    await insertAccount(trx, {
      id,
      username: account.username,
      displayName: account.displayName,
      passwordHash,
      role: account.role,
      unitId: account.unitId,
      createdAt: context.now,
    });
    await appendAudit(trx, {
      at: context.now,
      actor: context.actor,
      action: 'account.created',
      detail: { id, username: account.username, role: account.role, unitId: account.unitId },
    });
  });
  return id;
}

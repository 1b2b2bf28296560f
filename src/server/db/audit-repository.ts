import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from './schema.ts';
import { inWriteTransaction } from './write-transaction.ts';

/** Every administrative change leaves a row: who, when, what. */
export async function appendAudit(
  db: Kysely<Database>,
  entry: { at: Date; actor: string; action: string; detail: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ id: uuidv7(), at: entry.at.toISOString(), actor: entry.actor, action: entry.action, detail: JSON.stringify(entry.detail) })
    .execute();
}

/** An administrative change as the audit log records it; the time is stamped when the change is written. */
export interface AuditedChange {
  actor: string;
  action: string;
  detail: Record<string, unknown>;
}

/** Runs `write` and then appends its audit entry in one write transaction: a change never commits unrecorded. */
export async function writeAudited<T>(
  db: Kysely<Database>,
  now: () => Date,
  change: AuditedChange,
  write: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return inWriteTransaction(db, async (trx) => {
    const result = await write(trx);
    await appendAudit(trx, { at: now(), ...change });
    return result;
  });
}

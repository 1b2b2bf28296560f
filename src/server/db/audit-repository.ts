import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from './schema.ts';

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

import type { Kysely } from 'kysely';

/**
 * Delivery of alerts and digests (issue 20); schema.ts → alerts-schema.ts, AlertDeliveriesTable and
 * AlertPreferencesTable. `alert_deliveries` is an outbox: a row is written in the transaction that opens
 * the alert (or decides a digest), and a worker sends it. `dedupe_key` is unique, so one alert or one
 * digest period gives one message per account and channel whichever process writes it; a worker claims a
 * row by moving `locked_until` forward, so two processes never send it at the same time.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alert_deliveries')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dedupe_key', 'text', (col) => col.notNull().unique())
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('account_id', 'text')
    .addColumn('alert_id', 'text')
    .addColumn('payload', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull())
    .addColumn('next_attempt_at', 'text', (col) => col.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('alert_deliveries_due_idx').on('alert_deliveries').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('alert_preferences')
    .addColumn('account_id', 'text', (col) => col.primaryKey())
    .addColumn('email', 'text')
    .addColumn('channels', 'text', (col) => col.notNull())
    .addColumn('rule_kinds', 'text')
    .addColumn('quiet_from', 'text')
    .addColumn('quiet_to', 'text')
    .addColumn('digest_frequency', 'text', (col) => col.notNull())
    .addColumn('digest_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alert_preferences').execute();
  await db.schema.dropTable('alert_deliveries').execute();
}

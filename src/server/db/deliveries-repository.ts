import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { DEFAULT_DELIVERY_PREFERENCES, type DeliveryChannel, type DeliveryPreferences } from '../../domain/alert-delivery.ts';
import type { AlertDeliveryRow, AlertPreferencesRow } from './alerts-schema.ts';
import type { Database } from './schema.ts';

/** The delivery outbox (alerts and digests) and each account's delivery preferences. */

export async function enqueueDelivery(
  db: Kysely<Database>,
  delivery: {
    dedupeKey: string;
    channel: DeliveryChannel;
    accountId: string | null;
    alertId: string | null;
    payload: unknown;
    notBefore: Date;
    at: Date;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto('alert_deliveries')
    .values({
      id: uuidv7(),
      dedupe_key: delivery.dedupeKey,
      channel: delivery.channel,
      account_id: delivery.accountId,
      alert_id: delivery.alertId,
      payload: JSON.stringify(delivery.payload),
      status: 'pending',
      attempts: 0,
      next_attempt_at: delivery.notBefore.toISOString(),
      locked_until: null,
      last_error: null,
      created_at: delivery.at.toISOString(),
      sent_at: null,
    })
    .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Pending deliveries that are due and not claimed by a worker, oldest first. */
export async function dueDeliveries(db: Kysely<Database>, now: Date, limit: number): Promise<AlertDeliveryRow[]> {
  const at = now.toISOString();
  return db
    .selectFrom('alert_deliveries')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Takes the row for one worker until `until`; false when another worker took it first. */
export async function claimDelivery(
  db: Kysely<Database>,
  row: Pick<AlertDeliveryRow, 'id' | 'locked_until'>,
  now: Date,
  until: Date,
): Promise<boolean> {
  let query = db.updateTable('alert_deliveries').set({ locked_until: until.toISOString() }).where('id', '=', row.id).where('status', '=', 'pending');
  query = row.locked_until === null ? query.where('locked_until', 'is', null) : query.where('locked_until', '=', row.locked_until);
  const result = await query.where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())])).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markDelivered(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db
    .updateTable('alert_deliveries')
    .set((eb) => ({ status: 'sent', sent_at: at.toISOString(), locked_until: null, attempts: eb('attempts', '+', 1), last_error: null }))
    .where('id', '=', id)
    .execute();
}

/** A failed attempt: tried again at `retryAt`, or dead (kept for administrators) when null. */
export async function markFailed(db: Kysely<Database>, id: string, failure: { error: string; retryAt: Date | null }): Promise<void> {
  await db
    .updateTable('alert_deliveries')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_error: failure.error.slice(0, 500),
      locked_until: null,
      ...(failure.retryAt === null ? { status: 'dead' as const } : { next_attempt_at: failure.retryAt.toISOString() }),
    }))
    .where('id', '=', id)
    .execute();
}

export async function listDeliveries(db: Kysely<Database>, status: AlertDeliveryRow['status'], limit: number): Promise<AlertDeliveryRow[]> {
  return db
    .selectFrom('alert_deliveries')
    .selectAll()
    .where('status', '=', status)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** A dead letter sent again: due now, its attempts counted afresh. */
export async function requeueDelivery(db: Kysely<Database>, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('alert_deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now.toISOString(), locked_until: null })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function preferencesOfRow(row: AlertPreferencesRow | undefined): DeliveryPreferences {
  if (!row) return DEFAULT_DELIVERY_PREFERENCES;
  return {
    email: row.email,
    channels: JSON.parse(row.channels) as DeliveryPreferences['channels'],
    ruleKinds: row.rule_kinds === null ? null : (JSON.parse(row.rule_kinds) as DeliveryPreferences['ruleKinds']),
    quietHours: row.quiet_from !== null && row.quiet_to !== null ? { from: row.quiet_from, to: row.quiet_to } : null,
    digest: { frequency: row.digest_frequency, at: row.digest_at },
  };
}

export async function preferencesOfAccount(db: Kysely<Database>, accountId: string): Promise<DeliveryPreferences> {
  return preferencesOfRow(await db.selectFrom('alert_preferences').selectAll().where('account_id', '=', accountId).executeTakeFirst());
}

export async function savePreferences(db: Kysely<Database>, accountId: string, preferences: DeliveryPreferences, at: Date): Promise<void> {
  const values = {
    email: preferences.email,
    channels: JSON.stringify(preferences.channels),
    rule_kinds: preferences.ruleKinds === null ? null : JSON.stringify(preferences.ruleKinds),
    quiet_from: preferences.quietHours?.from ?? null,
    quiet_to: preferences.quietHours?.to ?? null,
    digest_frequency: preferences.digest.frequency,
    digest_at: preferences.digest.at,
    updated_at: at.toISOString(),
  };
  await db
    .insertInto('alert_preferences')
    .values({ account_id: accountId, ...values })
    .onConflict((conflict) => conflict.column('account_id').doUpdateSet(values))
    .execute();
}

export interface Recipient {
  accountId: string;
  username: string;
  displayName: string;
  role: 'admin' | 'manager' | 'staff';
  unitId: string | null;
  preferences: DeliveryPreferences;
}

/** Enabled administrators and managers that have chosen at least one channel or a digest. */
export async function recipients(db: Kysely<Database>): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('alert_preferences')
    .innerJoin('accounts', 'accounts.id', 'alert_preferences.account_id')
    .selectAll('alert_preferences')
    .select(['accounts.username', 'accounts.display_name', 'accounts.role', 'accounts.unit_id'])
    .where('accounts.disabled_at', 'is', null)
    .where('accounts.role', 'in', ['admin', 'manager'])
    .execute();
  return rows.map((row) => ({
    accountId: row.account_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitId: row.unit_id,
    preferences: preferencesOfRow(row),
  }));
}

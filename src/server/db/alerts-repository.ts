import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { AlertRow, AlertRuleRow } from './alerts-schema.ts';
import type { Database } from './schema.ts';

/** Alert rules, alerts (open, acknowledged, resolved, cleared) and the watched conditions' start times. */

export async function listAlertRules(db: Kysely<Database>, options: { enabledOnly?: boolean } = {}): Promise<AlertRuleRow[]> {
  let query = db.selectFrom('alert_rules').selectAll().orderBy('created_at').orderBy('id');
  if (options.enabledOnly) query = query.where('enabled', '=', 1);
  return query.execute();
}

export async function findAlertRule(db: Kysely<Database>, id: string): Promise<AlertRuleRow | undefined> {
  return db.selectFrom('alert_rules').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAlertRule(db: Kysely<Database>, rule: AlertRuleRow): Promise<void> {
  await db.insertInto('alert_rules').values(rule).execute();
}

export async function updateAlertRule(
  db: Kysely<Database>,
  id: string,
  change: Pick<AlertRuleRow, 'params' | 'enabled' | 'updated_at' | 'updated_by'>,
): Promise<void> {
  await db.updateTable('alert_rules').set(change).where('id', '=', id).execute();
}

/** A rule's alerts go with it: their history stays in the audit log. */
export async function deleteAlertRule(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('alert_watches').where('rule_id', '=', id).execute();
  await db.deleteFrom('alerts').where('rule_id', '=', id).execute();
  await db.deleteFrom('alert_rules').where('id', '=', id).execute();
}

export function openKeyOf(ruleId: string, unitId: string, subject: string): string {
  return `${ruleId}|${unitId}|${subject}`;
}

/** The rule's alerts whose condition has not cleared yet (resolved by a person or not). */
export async function uncleared(db: Kysely<Database>, ruleId: string): Promise<AlertRow[]> {
  return db.selectFrom('alerts').selectAll().where('rule_id', '=', ruleId).where('open_key', 'is not', null).execute();
}

/** Opens an alert unless one is open for the same rule and subject; returns it when this call opened it. */
export async function openAlert(
  db: Kysely<Database>,
  alert: { ruleId: string; kind: string; unitId: string; subject: string; at: Date; detail: Record<string, unknown> },
): Promise<AlertRow | undefined> {
  const row: AlertRow = {
    id: uuidv7(),
    rule_id: alert.ruleId,
    kind: alert.kind,
    unit_id: alert.unitId,
    subject: alert.subject,
    open_key: openKeyOf(alert.ruleId, alert.unitId, alert.subject),
    opened_at: alert.at.toISOString(),
    detail: JSON.stringify(alert.detail),
    acknowledged_at: null,
    acknowledged_by: null,
    resolved_at: null,
    resolved_by: null,
    cleared_at: null,
  };
  const inserted = await db
    .insertInto('alerts')
    .values(row)
    .onConflict((conflict) => conflict.column('open_key').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 ? row : undefined;
}

export async function clearAlert(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.updateTable('alerts').set({ open_key: null, cleared_at: at.toISOString() }).where('id', '=', id).execute();
}

export async function findAlert(db: Kysely<Database>, id: string): Promise<AlertRow | undefined> {
  return db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

export type AlertStatusFilter = 'open' | 'all';

/** The inbox: newest first; 'open' is neither resolved by a person nor cleared by itself. */
export async function listAlerts(
  db: Kysely<Database>,
  filter: { unitIds: 'all' | readonly string[]; status: AlertStatusFilter; limit: number },
): Promise<AlertRow[]> {
  if (filter.unitIds !== 'all' && filter.unitIds.length === 0) return [];
  let query = db.selectFrom('alerts').selectAll().orderBy('opened_at', 'desc').orderBy('id', 'desc').limit(filter.limit);
  if (filter.unitIds !== 'all') query = query.where('unit_id', 'in', filter.unitIds);
  if (filter.status === 'open') query = query.where('resolved_at', 'is', null).where('cleared_at', 'is', null);
  return query.execute();
}

export async function countOpenAlerts(db: Kysely<Database>, unitIds: 'all' | readonly string[]): Promise<number> {
  if (unitIds !== 'all' && unitIds.length === 0) return 0;
  let query = db
    .selectFrom('alerts')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('resolved_at', 'is', null)
    .where('cleared_at', 'is', null);
  if (unitIds !== 'all') query = query.where('unit_id', 'in', unitIds);
  return Number((await query.executeTakeFirstOrThrow()).count);
}

export async function acknowledgeAlert(db: Kysely<Database>, id: string, by: string, at: Date): Promise<void> {
  await db
    .updateTable('alerts')
    .set({ acknowledged_at: at.toISOString(), acknowledged_by: by })
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .execute();
}

export async function resolveAlert(db: Kysely<Database>, id: string, by: string, at: Date): Promise<void> {
  await db
    .updateTable('alerts')
    .set({ resolved_at: at.toISOString(), resolved_by: by })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .execute();
}

export async function watchesOfRule(db: Kysely<Database>, ruleId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('alert_watches').select(['unit_id', 'subject', 'since']).where('rule_id', '=', ruleId).execute();
  return new Map(rows.map((row) => [`${row.unit_id}|${row.subject}`, row.since]));
}

export async function startWatch(db: Kysely<Database>, ruleId: string, unitId: string, subject: string, since: Date): Promise<void> {
  await db
    .insertInto('alert_watches')
    .values({ rule_id: ruleId, unit_id: unitId, subject, since: since.toISOString() })
    .onConflict((conflict) => conflict.columns(['rule_id', 'unit_id', 'subject']).doNothing())
    .execute();
}

export async function endWatch(db: Kysely<Database>, ruleId: string, unitId: string, subject: string): Promise<void> {
  await db.deleteFrom('alert_watches').where('rule_id', '=', ruleId).where('unit_id', '=', unitId).where('subject', '=', subject).execute();
}

/** The names of the counters and tablets alerts are about (counter names are localized JSON, tablet names plain). */
export async function subjectNames(
  db: Kysely<Database>,
  subjects: readonly string[],
): Promise<Map<string, { counter: string } | { device: string }>> {
  const ids = [...new Set(subjects.filter((subject) => subject !== ''))];
  if (ids.length === 0) return new Map();
  const counters = await db.selectFrom('counters').select(['id', 'name']).where('id', 'in', ids).execute();
  const devices = await db.selectFrom('devices').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map<string, { counter: string } | { device: string }>([
    ...counters.map((row) => [row.id, { counter: row.name }] as const),
    ...devices.map((row) => [row.id, { device: row.name }] as const),
  ]);
}

import type { Kysely } from 'kysely';
import type { LocalizedText } from '../../domain/questionnaire.ts';
import { UnitRowTree } from './unit-row-tree.ts';
import type { Database } from './schema.ts';
import { lockScopeMembership, replaceScopeMembers } from './scope-members-repository.ts';
import { listUnits, parseLocalizedText } from './units-repository.ts';

/** Administrative changes of the unit tree and of what units configure. */

export async function updateUnitRow(
  db: Kysely<Database>,
  unitId: string,
  changes: { name?: LocalizedText; parentId?: string | null; kind?: string; agencyCode?: string | null },
): Promise<void> {
  const set = {
    ...(changes.name !== undefined ? { name: JSON.stringify(changes.name) } : {}),
    ...(changes.parentId !== undefined ? { parent_id: changes.parentId } : {}),
    ...(changes.kind !== undefined ? { kind: changes.kind } : {}),
    ...(changes.agencyCode !== undefined ? { agency_code: changes.agencyCode } : {}),
  };
  if (Object.keys(set).length === 0) return;
  const moves = changes.parentId !== undefined;
  if (moves) await lockScopeMembership(db);
  await db.updateTable('units').set(set).where('id', '=', unitId).execute();
  if (moves) await refreshScopeMembers(db);
}

/**
 * The unit tree as committed, read under the lock every move and merge takes first: a check made on it
 * holds until this transaction commits (SQLite's write transaction already excludes other writers).
 */
export async function lockedUnitTree(db: Kysely<Database>): Promise<UnitRowTree> {
  await lockScopeMembership(db);
  return new UnitRowTree(await listUnits(db));
}

/** Nothing is moved or deleted: responses keep their unit, and reports of `intoId` include this one's history. */
export async function markUnitMerged(db: Kysely<Database>, unitId: string, intoId: string): Promise<void> {
  await lockScopeMembership(db);
  await db.updateTable('units').set({ merged_into_id: intoId }).where('id', '=', unitId).execute();
  await refreshScopeMembers(db);
}

/**
 * After a move or a merge: which scopes each unit counts in, and the history that moves with it. The
 * caller holds the membership lock from before its change, so the tree read here holds every change that
 * committed before this one.
 */
async function refreshScopeMembers(db: Kysely<Database>): Promise<void> {
  await replaceScopeMembers(db, new UnitRowTree(await listUnits(db)).scopeMemberships());
}

export async function listCounters(db: Kysely<Database>, unitIds: readonly string[] | 'all') {
  let query = db.selectFrom('counters').select(['id', 'unit_id', 'name']).orderBy('unit_id').orderBy('position').orderBy('id');
  if (unitIds !== 'all') {
    if (unitIds.length === 0) return [];
    query = query.where('unit_id', 'in', [...unitIds]);
  }
  return (await query.execute()).map((row) => ({ id: row.id, unitId: row.unit_id, name: parseLocalizedText(row.name) }));
}

export async function findCounter(db: Kysely<Database>, counterId: string) {
  return db.selectFrom('counters').select(['id', 'unit_id']).where('id', '=', counterId).executeTakeFirst();
}

export async function upsertCounter(db: Kysely<Database>, counter: { id: string; unitId: string; name: LocalizedText }): Promise<void> {
  const name = JSON.stringify(counter.name);
  await db
    .insertInto('counters')
    .values({ id: counter.id, unit_id: counter.unitId, name })
    .onConflict((conflict) => conflict.column('id').doUpdateSet({ name }))
    .execute();
}

/** Answers whether the field was new. */
export async function upsertServiceField(db: Kysely<Database>, field: { id: string; name: LocalizedText }): Promise<boolean> {
  const existing = await db.selectFrom('service_fields').select('id').where('id', '=', field.id).executeTakeFirst();
  const name = JSON.stringify(field.name);
  if (existing) await db.updateTable('service_fields').set({ name }).where('id', '=', field.id).execute();
  else await db.insertInto('service_fields').values({ id: field.id, name }).execute();
  return !existing;
}

/**
 * Creates the procedure (last in its field's list) or renames it and moves it to another field; true
 * when it was created.
 */
export async function upsertProcedure(
  db: Kysely<Database>,
  procedure: { id: string; serviceFieldId: string; name: LocalizedText },
): Promise<boolean> {
  const existing = await db.selectFrom('procedures').select('id').where('id', '=', procedure.id).executeTakeFirst();
  const values = { name: JSON.stringify(procedure.name), service_field_id: procedure.serviceFieldId };
  if (existing) {
    await db.updateTable('procedures').set(values).where('id', '=', procedure.id).execute();
    return false;
  }
  const last = await db
    .selectFrom('procedures')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('service_field_id', '=', procedure.serviceFieldId)
    .executeTakeFirst();
  const position = last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
  await db
    .insertInto('procedures')
    .values({ id: procedure.id, ...values, position })
    .execute();
  return true;
}

export async function listTargets(db: Kysely<Database>, unitIds: readonly string[] | 'all') {
  let query = db.selectFrom('targets').selectAll().orderBy('unit_id').orderBy('questionnaire_id').orderBy('year');
  if (unitIds !== 'all') {
    if (unitIds.length === 0) return [];
    query = query.where('unit_id', 'in', [...unitIds]);
  }
  return (await query.execute()).map((row) => ({
    unitId: row.unit_id,
    questionnaireId: row.questionnaire_id,
    year: Number(row.year),
    percent: Number(row.percent),
  }));
}

export async function questionnaireVersionExists(db: Kysely<Database>, id: string, version: number): Promise<boolean> {
  const row = await db.selectFrom('questionnaires').select('id').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return row !== undefined;
}

export async function listAuditEntries(
  db: Kysely<Database>,
  limit: number,
  beforeId: string | undefined,
  only: { prefixes?: readonly string[]; actor?: string } = {},
) {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit);
  if (beforeId !== undefined) query = query.where('id', '<', beforeId);
  const { prefixes, actor } = only;
  // Prefixes are fixed codes ('unit.', 'alert-rule.') without LIKE wildcards, so they need no escaping.
  if (prefixes !== undefined) query = query.where((eb) => eb.or(prefixes.map((prefix) => eb('action', 'like', `${prefix}%`))));
  if (actor !== undefined) query = query.where('actor', '=', actor);
  return (await query.execute()).map((row) => ({
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  }));
}

import { sql, type Kysely, type RawBuilder } from 'kysely';
import { ALL, COUNTS_KEY } from './counts-repository.ts';
import { dialectOf } from './database.ts';
import type { CountGranularity, Database } from './schema.ts';

/**
 * The membership table that says which scopes a unit's responses count in, and the scopes' counts that
 * follow it: a change to the unit tree moves members' history between scopes from the units' own counts.
 */

/**
 * The totalled scopes (those holding more than their own unit: a unit on its own is read from its own
 * tables) each unit's responses count in. On PostgreSQL the rows are share-locked: see replaceScopeMembers.
 */
export async function totalledScopesOfUnits(db: Kysely<Database>, unitIds: readonly string[]): Promise<Map<string, string[]>> {
  const scopes = new Map<string, string[]>();
  if (unitIds.length === 0) return scopes;
  let query = db
    .selectFrom('unit_scope_members as m')
    .select(['m.member_unit_id', 'm.scope_unit_id'])
    .where('m.member_unit_id', 'in', [...unitIds])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('unit_scope_members as other')
          .select('other.member_unit_id')
          .whereRef('other.scope_unit_id', '=', 'm.scope_unit_id')
          .whereRef('other.member_unit_id', '<>', 'other.scope_unit_id'),
      ),
    )
    .orderBy('m.member_unit_id')
    .orderBy('m.scope_unit_id');
  if (dialectOf(db) === 'postgres') query = query.forShare('m');
  for (const row of await query.execute()) {
    const list = scopes.get(row.member_unit_id);
    if (list) list.push(row.scope_unit_id);
    else scopes.set(row.member_unit_id, [row.scope_unit_id]);
  }
  return scopes;
}

/**
 * A new unit counts in its own scope and in every scope its parent counts in. It has no responses yet,
 * so no totals move, except that the parent's scope now holds more than the parent: it becomes totalled,
 * from the parent's own history.
 */
export async function addNewUnitToScopes(db: Kysely<Database>, unitId: string, parentId: string | null): Promise<void> {
  const parentScopes =
    parentId === null
      ? []
      : (await db.selectFrom('unit_scope_members').select('scope_unit_id').where('member_unit_id', '=', parentId).execute()).map(
          (row) => row.scope_unit_id,
        );
  const parentWasAlone =
    parentId !== null &&
    (await db.selectFrom('unit_scope_members').select('member_unit_id').where('scope_unit_id', '=', parentId).limit(2).execute()).length === 1;
  const rows = [unitId, ...parentScopes].map((scopeId) => ({ member_unit_id: unitId, scope_unit_id: scopeId }));
  await db
    .insertInto('unit_scope_members')
    .values(rows)
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  if (parentWasAlone) await copyUnitCountsIntoScopes(db, 1, { scopeUnitId: parentId, memberUnitId: parentId });
}

export interface ScopeMembership {
  scopeUnitId: string;
  memberUnitId: string;
}

/**
 * Takes the membership lock of replaceScopeMembers for the rest of the transaction (PostgreSQL; a SQLite
 * write transaction is exclusive already). A change of the unit tree takes it before it changes or reads
 * the tree: two moves at once then run one after the other, and the second computes its membership from a
 * tree that holds the first (read committed shows each statement what committed before it).
 */
export async function lockScopeMembership(db: Kysely<Database>): Promise<void> {
  if (dialectOf(db) === 'postgres') await sql`lock table unit_scope_members in exclusive mode`.execute(db);
}

/**
 * Brings the membership table to `wanted` (computed from the unit tree after a move or a merge) and moves
 * each member's history out of the scopes it left and into the scopes it joined, from their own counts.
 * PostgreSQL: the table lock waits for sync transactions that read the old membership (they share-lock
 * it) and holds new ones back until this commits, so no batch is added to a scope by the old tree after
 * its history was moved.
 */
export async function replaceScopeMembers(db: Kysely<Database>, wanted: readonly ScopeMembership[]): Promise<{ joined: number; left: number }> {
  await lockScopeMembership(db);
  const keyOf = (scopeUnitId: string, memberUnitId: string) => `${scopeUnitId}\n${memberUnitId}`;
  const current = (await db.selectFrom('unit_scope_members').select(['scope_unit_id', 'member_unit_id']).execute()).map((row) => ({
    scopeUnitId: row.scope_unit_id,
    memberUnitId: row.member_unit_id,
  }));
  const currentKeys = new Set(current.map((row) => keyOf(row.scopeUnitId, row.memberUnitId)));
  const wantedKeys = new Set(wanted.map((row) => keyOf(row.scopeUnitId, row.memberUnitId)));
  const left = current.filter((row) => !wantedKeys.has(keyOf(row.scopeUnitId, row.memberUnitId)));
  const joined = wanted.filter((row) => !currentKeys.has(keyOf(row.scopeUnitId, row.memberUnitId)));
  const totalledBefore = totalledScopes(current);
  const totalledAfter = totalledScopes(wanted);

  // Out of the scopes that stay totalled, member by member; a scope that stops being totalled is emptied.
  for (const row of left) {
    if (totalledBefore.has(row.scopeUnitId) && totalledAfter.has(row.scopeUnitId)) await copyUnitCountsIntoScopes(db, -1, row);
    await db.deleteFrom('unit_scope_members').where('scope_unit_id', '=', row.scopeUnitId).where('member_unit_id', '=', row.memberUnitId).execute();
  }
  const emptied = [...totalledBefore].filter((scopeId) => !totalledAfter.has(scopeId));
  for (let start = 0; start < emptied.length; start += 500) {
    await db
      .deleteFrom('counts')
      .where('place', '=', 'scope')
      .where('unit_id', 'in', emptied.slice(start, start + 500))
      .execute();
  }
  if (joined.length > 0) {
    await db
      .insertInto('unit_scope_members')
      .values(joined.map((row) => ({ scope_unit_id: row.scopeUnitId, member_unit_id: row.memberUnitId })))
      .execute();
  }
  // Into the scopes that were totalled, member by member; a newly totalled scope is built from all of them.
  for (const row of joined) if (totalledBefore.has(row.scopeUnitId)) await copyUnitCountsIntoScopes(db, 1, row);
  for (const row of wanted) {
    if (totalledAfter.has(row.scopeUnitId) && !totalledBefore.has(row.scopeUnitId)) await copyUnitCountsIntoScopes(db, 1, row);
  }
  const touched = [...new Set([...left.map((row) => row.scopeUnitId), ...joined.map((row) => row.scopeUnitId)])];
  for (let start = 0; start < touched.length; start += 500) {
    await db
      .deleteFrom('counts')
      .where('place', '=', 'scope')
      .where('unit_id', 'in', touched.slice(start, start + 500))
      .where('count', '=', 0)
      .execute();
  }
  return { joined: joined.length, left: left.length };
}

/** Scopes that hold a unit other than their own: only these have totals. */
function totalledScopes(memberships: readonly ScopeMembership[]): Set<string> {
  return new Set(memberships.filter((row) => row.memberUnitId !== row.scopeUnitId).map((row) => row.scopeUnitId));
}

/**
 * Recomputes every scope's counts from its units' counts and the membership table (bulk loads). The units'
 * rows are read once for the month rows per service field and once for the day rows; the month rows of
 * all service fields and the year rows are summed from the month rows per service field.
 */
export async function rebuildScopeCounts(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('counts').where('place', '=', 'scope').execute();
  await copyUnitCountsIntoScopes(db, 1, null, [MONTH_PER_SERVICE_FIELD, DAY]);
  await rollUpScopeCounts(db, 'month-of-fields');
  await rollUpScopeCounts(db, 'years');
}

/**
 * Scope rows summed from other scope rows: month rows of all service fields from the month rows per service
 * field, or year rows from the month rows of all service fields. Replaces what was there.
 */
async function rollUpScopeCounts(db: Kysely<Database>, what: 'month-of-fields' | 'years'): Promise<void> {
  const target = what === 'years' ? { granularity: 'year', period: 'substr(period, 1, 4)' } : { granularity: 'month', period: 'period' };
  const source = what === 'years' ? sql`service_field_id = ${sql.lit(ALL)}` : sql`service_field_id <> ${sql.lit(ALL)}`;
  await db
    .deleteFrom('counts')
    .where('place', '=', 'scope')
    .where('granularity', '=', target.granularity as CountGranularity)
    .where('service_field_id', '=', ALL)
    .execute();
  await sql`
    insert into counts (${sql.raw(COUNTS_KEY.join(', '))}, count)
    select 'scope', unit_id, questionnaire_id, ${sql.lit(target.granularity)}, ${sql.raw(target.period)}, ${sql.lit(ALL)}, ${sql.lit(ALL)}, ${sql.lit(ALL)},
           channel, questionnaire_version, flagged, measure, item, detail, sum(count)
    from counts
    where place = 'scope' and granularity = 'month' and ${source}
    group by unit_id, questionnaire_id, ${sql.raw(target.period)}, channel, questionnaire_version, flagged, measure, item, detail
    having sum(count) <> 0
  `.execute(db);
}

/** Where a unit's day row is totalled in a scope (the rule scopeCountsOf applies at sync), as SQL over the unit row `d`. */
interface ScopePlace {
  granularity: CountGranularity;
  period: string;
  serviceField: string;
}

const MONTH_PER_SERVICE_FIELD: ScopePlace = { granularity: 'month', period: 'substr(d.period, 1, 7)', serviceField: 'd.service_field_id' };
const MONTH: ScopePlace = { granularity: 'month', period: 'substr(d.period, 1, 7)', serviceField: `'${ALL}'` };
const DAY: ScopePlace = { granularity: 'day', period: 'd.period', serviceField: `'${ALL}'` };
const YEAR: ScopePlace = { granularity: 'year', period: 'substr(d.period, 1, 4)', serviceField: `'${ALL}'` };

/** PostgreSQL refuses a constant in GROUP BY: an all-fields place groups by nothing there. */
function serviceFieldGroup(place: ScopePlace): string {
  return place.serviceField.startsWith('d.') ? `${place.serviceField},` : '';
}

/**
 * INSERT … SELECT from the units' day rows (every procedure together) into the totalled scopes they count
 * in (or one member into one scope), at the given places: by month per service field, and for all service
 * fields together by month, day and year (day rows per service field would multiply the table for the
 * rare filtered short range, which the units' rows serve). `sign` -1 takes a member's history out of a
 * scope it left.
 */
async function copyUnitCountsIntoScopes(
  db: Kysely<Database>,
  sign: 1 | -1,
  only: ScopeMembership | null,
  places: readonly ScopePlace[] = [MONTH_PER_SERVICE_FIELD, MONTH, DAY, YEAR],
): Promise<void> {
  const filter: RawBuilder<unknown> =
    only === null
      ? sql`m.scope_unit_id in (select other.scope_unit_id from unit_scope_members other where other.member_unit_id <> other.scope_unit_id)`
      : sql`m.scope_unit_id = ${only.scopeUnitId} and m.member_unit_id = ${only.memberUnitId}`;
  for (const place of places) {
    await sql`
      insert into counts (${sql.raw(COUNTS_KEY.join(', '))}, count)
      select 'scope', m.scope_unit_id, d.questionnaire_id, ${sql.raw(`'${place.granularity}'`)}, ${sql.raw(place.period)}, ${sql.raw(place.serviceField)},
             ${sql.lit(ALL)}, ${sql.lit(ALL)}, d.channel, d.questionnaire_version, d.flagged, d.measure, d.item, d.detail, ${sql.raw(String(sign))} * sum(d.count)
      from counts d join unit_scope_members m on m.member_unit_id = d.unit_id
      where d.place = 'unit' and d.procedure_id = ${sql.lit(ALL)} and ${filter}
      group by m.scope_unit_id, d.questionnaire_id, ${sql.raw(place.period)}, ${sql.raw(serviceFieldGroup(place))} d.channel, d.questionnaire_version, d.flagged, d.measure, d.item, d.detail
      on conflict (${sql.raw(COUNTS_KEY.join(', '))}) do update set count = counts.count + excluded.count
    `.execute(db);
  }
}

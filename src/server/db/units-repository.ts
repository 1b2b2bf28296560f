import type { DossierLinkMode } from '../../domain/response-channel.ts';
import type { Kysely } from 'kysely';
import type { Counter, ServiceField, Target } from '../../domain/device-config.ts';
import { kioskSettingsSchema, type KioskSettings } from '../../domain/kiosk-settings.ts';
import type { UnitNode } from '../../domain/manage-api.ts';
import type { QuestionnaireChoice } from '../../domain/questionnaires/index.ts';
import { localizedTextSchema, type LocalizedText } from '../../domain/questionnaire.ts';
import type { Database, UnitRow } from './schema.ts';
import { addNewUnitToScopes } from './scope-members-repository.ts';

/** Units and what a unit configures: counters, service fields, targets, kiosk settings. */

export interface NewUnit {
  id: string;
  parentId: string | null;
  kind: string;
  name: LocalizedText;
  timeZone?: string;
  position?: number;
  agencyCode?: string | null;
}

export function parseLocalizedText(json: string): LocalizedText {
  return localizedTextSchema.parse(JSON.parse(json));
}

/** The unit's own questionnaire choice per kiosk mode (null inherits), for activeQuestionnaireIds. */
export function questionnaireChoiceOf(row: UnitRow): QuestionnaireChoice {
  return { full: row.full_questionnaire_id, quick: row.quick_questionnaire_id };
}

/** A unit as the API shows it (the unit tree, the administrator's unit changes). */
export function unitNodeOf(row: UnitRow): UnitNode {
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: row.kind,
    name: parseLocalizedText(row.name),
    timeZone: row.time_zone,
    mergedIntoId: row.merged_into_id,
    fullQuestionnaireId: row.full_questionnaire_id,
    quickQuestionnaireId: row.quick_questionnaire_id,
    agencyCode: row.agency_code,
    dossierLinkMode: row.dossier_link_mode,
  };
}

export async function insertUnit(db: Kysely<Database>, unit: NewUnit): Promise<void> {
  await db
    .insertInto('units')
    .values({
      id: unit.id,
      parent_id: unit.parentId,
      kind: unit.kind,
      name: JSON.stringify(unit.name),
      ...(unit.timeZone ? { time_zone: unit.timeZone } : {}),
      merged_into_id: null,
      full_questionnaire_id: null,
      quick_questionnaire_id: null,
      position: unit.position ?? 0,
      agency_code: unit.agencyCode ?? null,
    })
    .execute();
  await addNewUnitToScopes(db, unit.id, unit.parentId);
}

export async function findUnit(db: Kysely<Database>, unitId: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', unitId).executeTakeFirst();
}

export async function listUnits(db: Kysely<Database>): Promise<UnitRow[]> {
  return db.selectFrom('units').selectAll().orderBy('position').orderBy('id').execute();
}

export async function countUnits(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * The unit followed by its ancestors up to the root. Settings a unit leaves unset are inherited from
 * the nearest ancestor that sets them. The tree is a few levels deep, so one query per level is cheap.
 */
export async function unitAncestry(db: Kysely<Database>, unitId: string): Promise<UnitRow[]> {
  const chain: UnitRow[] = [];
  const seen = new Set<string>();
  let nextId: string | null = unitId;
  while (nextId !== null && !seen.has(nextId)) {
    seen.add(nextId);
    const unit = await findUnit(db, nextId);
    if (!unit) break;
    chain.push(unit);
    nextId = unit.parent_id;
  }
  return chain;
}

/** Which questionnaire each kiosk mode uses in this unit and below; null inherits from the parent. */
export async function setActiveQuestionnaires(
  db: Kysely<Database>,
  unitId: string,
  active: { full?: string | null; quick?: string | null; dossierLink?: DossierLinkMode | null },
): Promise<void> {
  const set = {
    ...(active.full !== undefined ? { full_questionnaire_id: active.full } : {}),
    ...(active.quick !== undefined ? { quick_questionnaire_id: active.quick } : {}),
    ...(active.dossierLink !== undefined ? { dossier_link_mode: active.dossierLink } : {}),
  };
  if (Object.keys(set).length === 0) return;
  await db.updateTable('units').set(set).where('id', '=', unitId).execute();
}

export async function insertCounter(
  db: Kysely<Database>,
  counter: { id: string; unitId: string; name: LocalizedText; position?: number },
): Promise<void> {
  await db
    .insertInto('counters')
    .values({ id: counter.id, unit_id: counter.unitId, name: JSON.stringify(counter.name), position: counter.position ?? 0 })
    .execute();
}

export async function countersOfUnit(db: Kysely<Database>, unitId: string): Promise<Counter[]> {
  const rows = await db.selectFrom('counters').select(['id', 'name']).where('unit_id', '=', unitId).orderBy('position').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, name: parseLocalizedText(row.name) }));
}

export async function insertServiceField(db: Kysely<Database>, field: { id: string; name: LocalizedText; position?: number }): Promise<void> {
  await db
    .insertInto('service_fields')
    .values({ id: field.id, name: JSON.stringify(field.name), position: field.position ?? 0 })
    .execute();
}

export async function offerServiceFields(db: Kysely<Database>, unitId: string, fieldIds: readonly string[]): Promise<void> {
  if (fieldIds.length === 0) return;
  await db
    .insertInto('unit_service_fields')
    .values(fieldIds.map((fieldId) => ({ unit_id: unitId, service_field_id: fieldId })))
    .onConflict((conflict) => conflict.columns(['unit_id', 'service_field_id']).doNothing())
    .execute();
}

/** The service fields offered by the nearest unit of `ancestry` that sets an offer; all fields when none does. */
export async function serviceFieldsOffered(db: Kysely<Database>, ancestry: readonly UnitRow[]): Promise<ServiceField[]> {
  const unitIds = ancestry.map((unit) => unit.id);
  const offers =
    unitIds.length === 0
      ? []
      : await db.selectFrom('unit_service_fields').select(['unit_id', 'service_field_id']).where('unit_id', 'in', unitIds).execute();
  const offeringUnit = unitIds.find((unitId) => offers.some((offer) => offer.unit_id === unitId));
  const offeredIds = new Set(offers.filter((offer) => offer.unit_id === offeringUnit).map((offer) => offer.service_field_id));
  const fields = await db.selectFrom('service_fields').select(['id', 'name']).orderBy('position').orderBy('id').execute();
  return fields
    .filter((field) => offeringUnit === undefined || offeredIds.has(field.id))
    .map((field) => ({ id: field.id, name: parseLocalizedText(field.name) }));
}

export async function existingServiceFieldIds(db: Kysely<Database>, fieldIds: readonly string[]): Promise<Set<string>> {
  if (fieldIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('service_fields')
    .select(['id'])
    .where('id', 'in', [...fieldIds])
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** The service field of each of these procedures that exists. */
export async function serviceFieldsOfProcedures(db: Kysely<Database>, procedureIds: readonly string[]): Promise<Map<string, string>> {
  if (procedureIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('procedures')
    .select(['id', 'service_field_id'])
    .where('id', 'in', [...procedureIds])
    .execute();
  return new Map(rows.map((row) => [row.id, row.service_field_id] as const));
}

export async function setTarget(
  db: Kysely<Database>,
  target: { unitId: string; questionnaireId: string; year: number; percent: number },
): Promise<void> {
  await db
    .insertInto('targets')
    .values({ unit_id: target.unitId, questionnaire_id: target.questionnaireId, year: target.year, percent: target.percent })
    .onConflict((conflict) => conflict.columns(['unit_id', 'questionnaire_id', 'year']).doUpdateSet({ percent: target.percent }))
    .execute();
}

/** Per questionnaire, the target of the nearest unit in `ancestry` that sets one for `year`. */
export async function targetsInEffect(db: Kysely<Database>, ancestry: readonly UnitRow[], year: number): Promise<Target[]> {
  const unitIds = ancestry.map((unit) => unit.id);
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('targets')
    .select(['unit_id', 'questionnaire_id', 'percent'])
    .where('unit_id', 'in', unitIds)
    .where('year', '=', year)
    .execute();
  return nearestTargets(rows, unitIds);
}

/**
 * The targets in effect for each of many units, from one read of the year's targets (the alert engine
 * judges every unit at once): `ancestries` maps a unit id to its ancestry, itself first.
 */
export async function targetsInEffectOfUnits(
  db: Kysely<Database>,
  ancestries: ReadonlyMap<string, readonly UnitRow[]>,
  year: number,
): Promise<Map<string, Target[]>> {
  const rows = await db.selectFrom('targets').select(['unit_id', 'questionnaire_id', 'percent']).where('year', '=', year).execute();
  const result = new Map<string, Target[]>();
  for (const [unitId, ancestry] of ancestries) {
    const unitIds = ancestry.map((unit) => unit.id);
    const above = new Set(unitIds);
    result.set(
      unitId,
      nearestTargets(
        rows.filter((row) => above.has(row.unit_id)),
        unitIds,
      ),
    );
  }
  return result;
}

/** Per questionnaire, the target of the nearest unit up the ancestry that sets one. */
function nearestTargets(
  rows: readonly { unit_id: string; questionnaire_id: string; percent: number | string }[],
  unitIds: readonly string[],
): Target[] {
  const nearestFirst = [...rows].sort((a, b) => unitIds.indexOf(a.unit_id) - unitIds.indexOf(b.unit_id));
  const byQuestionnaire = new Map<string, number>();
  for (const row of nearestFirst) {
    if (!byQuestionnaire.has(row.questionnaire_id)) byQuestionnaire.set(row.questionnaire_id, Number(row.percent));
  }
  return [...byQuestionnaire].sort(([a], [b]) => a.localeCompare(b)).map(([questionnaireId, percent]) => ({ questionnaireId, percent }));
}

export async function saveKioskSettings(db: Kysely<Database>, unitId: string, settings: KioskSettings, updatedAt: Date): Promise<void> {
  const json = JSON.stringify(kioskSettingsSchema.parse(settings));
  await db
    .insertInto('kiosk_settings')
    .values({ unit_id: unitId, settings: json, updated_at: updatedAt.toISOString() })
    .onConflict((conflict) => conflict.column('unit_id').doUpdateSet({ settings: json, updated_at: updatedAt.toISOString() }))
    .execute();
}

export async function kioskSettingsOfUnit(db: Kysely<Database>, unitId: string): Promise<KioskSettings | undefined> {
  const row = await db.selectFrom('kiosk_settings').select(['settings']).where('unit_id', '=', unitId).executeTakeFirst();
  return row ? kioskSettingsSchema.parse(JSON.parse(row.settings)) : undefined;
}

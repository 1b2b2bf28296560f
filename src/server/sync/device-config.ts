import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { deviceConfigSchema, type DeviceConfig } from '../../domain/device-config.ts';
import { DEFAULT_KIOSK_SETTINGS } from '../../domain/kiosk-settings.ts';
import { localDayOf } from '../../domain/local-day.ts';
import { timeZoneOfUnit } from './unit-time-zone.ts';
import { activeQuestionnaireIds } from '../../domain/questionnaires/index.ts';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import { listProcedures } from '../db/catalog-repository.ts';
import { formatIssuePath } from '../http/api-failure.ts';
import type { Database, DeviceRow } from '../db/schema.ts';
import {
  countersOfUnit,
  kioskSettingsOfUnit,
  parseLocalizedText,
  questionnaireChoiceOf,
  serviceFieldsOffered,
  targetsInEffect,
  unitAncestry,
} from '../db/units-repository.ts';

/** The unit's setup cannot make a configuration a tablet could run with; an administrator must fix it. */
export class UnitConfigurationInvalid extends Error {
  constructor(
    readonly unitId: string,
    problem: string,
  ) {
    super(`The configuration of unit "${unitId}" is invalid: ${problem}. An administrator must fix it.`);
    this.name = 'UnitConfigurationInvalid';
  }
}

/**
 * Everything a tablet needs to run with no network: its unit, counters, service fields and their
 * procedures, every published
 * version of the questionnaires its modes use (a pending record may answer an older one), this year's
 * targets and its kiosk settings.
 */
export async function buildDeviceConfig(
  db: Kysely<Database>,
  catalog: QuestionnaireCatalog,
  device: Pick<DeviceRow, 'id' | 'name' | 'unit_id'>,
  now: Date,
): Promise<DeviceConfig> {
  const ancestry = await unitAncestry(db, device.unit_id);
  const unit = ancestry[0];
  if (!unit) throw new UnitConfigurationInvalid(device.unit_id, 'the unit does not exist');
  const timeZone = timeZoneOfUnit(unit);
  const activeQuestionnaires = activeQuestionnaireIds(ancestry.map(questionnaireChoiceOf));
  // The year a target applies to is the unit's local year: on 1 January at 06:00 in Hà Nội it is already new.
  const year = Number(localDayOf(now.toISOString(), timeZone).slice(0, 4));
  const questionnaires = await catalog.listPublishedVersions([...new Set([activeQuestionnaires.full, activeQuestionnaires.quick])]);
  for (const id of Object.values(activeQuestionnaires)) {
    if (!questionnaires.some((questionnaire) => questionnaire.id === id)) {
      throw new UnitConfigurationInvalid(unit.id, `no version of questionnaire "${id}" is published`);
    }
  }
  const serviceFields = await serviceFieldsOffered(db, ancestry);
  const config: DeviceConfig = {
    device: { id: device.id, name: device.name },
    unit: { id: unit.id, name: parseLocalizedText(unit.name), timeZone },
    counters: await countersOfUnit(db, unit.id),
    serviceFields,
    procedures: await listProcedures(
      db,
      serviceFields.map((field) => field.id),
    ),
    questionnaires,
    activeQuestionnaires,
    targets: await targetsInEffect(db, ancestry, year),
    kioskSettings: (await kioskSettingsOfUnit(db, unit.id)) ?? DEFAULT_KIOSK_SETTINGS,
  };
  // Parsing here keeps a misconfigured unit (a kiosk setting out of range, say) from reaching a tablet.
  const parsed = deviceConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UnitConfigurationInvalid(unit.id, issue ? `${formatIssuePath(issue.path)}: ${issue.message}` : 'unknown problem');
  }
  return parsed.data;
}

/** A strong ETag: the hash of exactly the bytes sent, so equal configurations share it across processes. */
export function entityTagOf(body: string): string {
  return `"${createHash('sha256').update(body, 'utf8').digest('base64url')}"`;
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/ prefixes are ignored; "*" matches any. */
export function matchesIfNoneMatch(header: string | undefined, entityTag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === entityTag);
}

import type { Kysely } from 'kysely';
import { sumCounts } from './counts-repository.ts';
import type { Database } from './schema.ts';

/** The figures alert rules judge, read from the device tables and the counts. */

export interface WatchedDevice {
  id: string;
  unit_id: string;
  last_seen_at: string | null;
  enrolled_at: string;
  /** The ledger's missing ranges (JSON), null before the first batch. */
  missing: string | null;
}

export async function enrolledDevicesOfUnits(db: Kysely<Database>, unitIds: readonly string[]): Promise<WatchedDevice[]> {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('devices')
    .leftJoin('device_ledgers', 'device_ledgers.device_id', 'devices.id')
    .select(['devices.id', 'devices.unit_id', 'devices.last_seen_at', 'devices.enrolled_at', 'device_ledgers.missing'])
    .where('devices.kind', '=', 'tablet')
    .where('devices.revoked_at', 'is', null)
    .where('devices.unit_id', 'in', unitIds)
    .execute();
}

/** Stuffing flags counted per unit over local days from..to (its own day rows, every questionnaire; each unit on its own). */
export async function flagCountsByUnit(db: Kysely<Database>, unitIds: readonly string[], from: string, to: string): Promise<Map<string, number>> {
  if (unitIds.length === 0) return new Map();
  const questionnaireIds = (await db.selectFrom('questionnaires').select('id').distinct().execute()).map((row) => row.id);
  const sums = await sumCounts(db, {
    place: 'unit',
    unitIds,
    questionnaireIds,
    version: null,
    serviceFieldId: null,
    procedureId: null,
    cover: { years: null, months: [], days: [{ from, to }] },
    measures: ['flag'],
    channel: null,
  });
  const flags = new Map<string, number>();
  for (const sum of sums) flags.set(sum.unitId, (flags.get(sum.unitId) ?? 0) + sum.count);
  return flags;
}

export interface RecentResponse {
  unit_id: string;
  counter_id: string | null;
  questionnaire_id: string;
  questionnaire_version: number;
  answers: string;
  corrected_submitted_at: string;
}

/**
 * Responses answered since `sinceIso` at the units' counters. No aggregate is finer than a day, so a
 * burst of minutes reads the few rows of the last local days through the (unit, day) index.
 */
export async function recentResponsesAtCounters(
  db: Kysely<Database>,
  unitIds: readonly string[],
  localDays: readonly string[],
  sinceIso: string,
): Promise<RecentResponse[]> {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('responses')
    .select(['unit_id', 'counter_id', 'questionnaire_id', 'questionnaire_version', 'answers', 'corrected_submitted_at'])
    .where('unit_id', 'in', unitIds)
    .where('local_day', 'in', localDays)
    .where('corrected_submitted_at', '>=', sinceIso)
    .where('counter_id', 'is not', null)
    .execute();
}

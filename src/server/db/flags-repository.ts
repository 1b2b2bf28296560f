import type { ResponseChannel } from '../../domain/response-channel.ts';
import type { Kysely } from 'kysely';
import { DEFAULT_FLAG_THRESHOLDS, type FlagThresholds } from '../../domain/stuffing-flags.ts';
import type { Database } from './schema.ts';
import { unitAncestry } from './units-repository.ts';

/** Stuffing-flag thresholds per unit and the device history the flags are computed over. */

/** The thresholds in force for a unit: its own, else the nearest ancestor's, else the defaults. */
export async function flagThresholdsOfUnit(db: Kysely<Database>, unitId: string): Promise<FlagThresholds> {
  return (await flagThresholdsInForce(db, unitId)).thresholds;
}

/** The thresholds in force and the unit that set them (null: the product defaults). */
export async function flagThresholdsInForce(db: Kysely<Database>, unitId: string): Promise<{ thresholds: FlagThresholds; setBy: string | null }> {
  const ancestry = await unitAncestry(db, unitId);
  if (ancestry.length === 0) return { thresholds: DEFAULT_FLAG_THRESHOLDS, setBy: null };
  const rows = await db
    .selectFrom('flag_thresholds')
    .select(['unit_id', 'thresholds'])
    .where(
      'unit_id',
      'in',
      ancestry.map((unit) => unit.id),
    )
    .execute();
  const byUnit = new Map(rows.map((row) => [row.unit_id, row.thresholds] as const));
  const setter = ancestry.find((unit) => byUnit.has(unit.id));
  return setter
    ? { thresholds: JSON.parse(byUnit.get(setter.id)!) as FlagThresholds, setBy: setter.id }
    : { thresholds: DEFAULT_FLAG_THRESHOLDS, setBy: null };
}

export async function saveFlagThresholds(db: Kysely<Database>, unitId: string, thresholds: FlagThresholds, at: Date): Promise<void> {
  const values = { thresholds: JSON.stringify(thresholds), updated_at: at.toISOString() };
  await db
    .insertInto('flag_thresholds')
    .values({ unit_id: unitId, ...values })
    .onConflict((conflict) => conflict.column('unit_id').doUpdateSet(values))
    .execute();
}

export interface DeviceHistoryRow {
  id: string;
  device_sequence: number;
  unit_id: string;
  counter_id: string | null;
  service_field_id: string | null;
  questionnaire_id: string;
  questionnaire_version: number;
  local_day: string;
  started_at: string;
  submitted_at: string;
  corrected_submitted_at: string;
  clock_skew_ms: number;
  complete: number;
  answers: string;
  flags: string;
  /** Read so that a response moved to the flagged rows takes its dossier, procedure and channel with it. */
  dossier_code: string | null;
  procedure_id: string | null;
  channel: ResponseChannel;
}

/** The device's latest stored responses by sequence (the unique key on device and sequence serves it). */
export async function latestResponsesOfDevice(db: Kysely<Database>, deviceId: string, limit: number): Promise<DeviceHistoryRow[]> {
  const rows = await db
    .selectFrom('responses')
    .select([
      'id',
      'device_sequence',
      'unit_id',
      'counter_id',
      'service_field_id',
      'questionnaire_id',
      'questionnaire_version',
      'local_day',
      'started_at',
      'submitted_at',
      'corrected_submitted_at',
      'clock_skew_ms',
      'complete',
      'answers',
      'flags',
      'dossier_code',
      'procedure_id',
      'channel',
    ])
    .where('device_id', '=', deviceId)
    .orderBy('device_sequence', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, device_sequence: Number(row.device_sequence), clock_skew_ms: Number(row.clock_skew_ms) }));
}

/** Flags only grow: a stored answer is never changed otherwise, and never removed. */
export async function setResponseFlags(db: Kysely<Database>, id: string, flags: string): Promise<void> {
  await db.updateTable('responses').set({ flags }).where('id', '=', id).execute();
}

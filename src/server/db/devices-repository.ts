import type { Kysely } from 'kysely';
import { kioskSettingsSchema } from '../../domain/kiosk-settings.ts';
import { EMPTY_LEDGER } from '../../domain/ledger.ts';
import { dialectOf } from './database.ts';
import { revokeOnce } from './revoke-once.ts';
import type { Database, DeviceRow } from './schema.ts';

/** Devices, their enrolment codes and the per-batch facts administrators see. */

export async function insertEnrolmentCode(
  db: Kysely<Database>,
  code: { codeHash: string; unitId: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('enrolment_codes')
    .values({
      code_hash: code.codeHash,
      unit_id: code.unitId,
      created_at: code.createdAt.toISOString(),
      expires_at: code.expiresAt.toISOString(),
      used_at: null,
      device_id: null,
    })
    .execute();
}

export async function findEnrolmentCode(db: Kysely<Database>, codeHash: string) {
  return db.selectFrom('enrolment_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
}

/**
 * Claims a code for a device. Only an unused code, or one this same device already claimed (a retry after
 * a lost reply), is updated, so two tablets racing for one code cannot both win.
 */
export async function claimEnrolmentCode(db: Kysely<Database>, claim: { codeHash: string; deviceId: string; usedAt: Date }): Promise<boolean> {
  const result = await db
    .updateTable('enrolment_codes')
    .set({ used_at: claim.usedAt.toISOString(), device_id: claim.deviceId })
    .where('code_hash', '=', claim.codeHash)
    .where((eb) => eb.or([eb('used_at', 'is', null), eb('device_id', '=', claim.deviceId)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Creates the device or, when it enrols again (after a revocation or a reset), gives it a new token, a
 * possibly new unit and lifts the revocation. Its ledger row is created once and then continues.
 */
export async function saveEnrolledDevice(
  db: Kysely<Database>,
  device: { id: string; unitId: string; name: string; tokenHash: string; enrolledAt: Date },
): Promise<void> {
  const enrolledAt = device.enrolledAt.toISOString();
  // What every enrolment sets; a device enrolling again keeps its batch and clock facts.
  const enrolment = {
    unit_id: device.unitId,
    name: device.name,
    token_hash: device.tokenHash,
    enrolled_at: enrolledAt,
    revoked_at: null,
    last_seen_at: enrolledAt,
  };
  await db
    .insertInto('devices')
    .values({ id: device.id, ...enrolment, last_batch_at: null, last_batch_size: null, pending_reported: null, last_clock_skew_ms: null })
    .onConflict((conflict) => conflict.column('id').doUpdateSet(enrolment))
    .execute();
  await db
    .insertInto('device_ledgers')
    .values({
      device_id: device.id,
      highest_issued: EMPTY_LEDGER.highestIssued,
      received_count: EMPTY_LEDGER.receivedCount,
      missing: JSON.stringify(EMPTY_LEDGER.missing),
      updated_at: enrolledAt,
    })
    .onConflict((conflict) => conflict.column('device_id').doNothing())
    .execute();
}

/**
 * The device a unit's dossier-link ratings are recorded under (kind 'dossier-link'), made on its first
 * rating with its ledger. It has no token: its token_hash holds a text no SHA-256 in base64url can equal.
 */
export async function ensureDossierLinkDevice(db: Kysely<Database>, device: { id: string; unitId: string; at: Date }): Promise<void> {
  const at = device.at.toISOString();
  await db
    .insertInto('devices')
    .values({
      id: device.id,
      unit_id: device.unitId,
      name: 'dossier-link',
      token_hash: `none:dossier-link:${device.id}`,
      enrolled_at: at,
      revoked_at: null,
      last_seen_at: null,
      last_batch_at: null,
      last_batch_size: null,
      pending_reported: null,
      last_clock_skew_ms: null,
      kind: 'dossier-link',
    })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
  await db
    .insertInto('device_ledgers')
    .values({ device_id: device.id, highest_issued: 0, received_count: 0, missing: '[]', updated_at: at })
    .onConflict((conflict) => conflict.column('device_id').doNothing())
    .execute();
}

export async function findDeviceByTokenHash(db: Kysely<Database>, tokenHash: string): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function findDevice(db: Kysely<Database>, deviceId: string): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirst();
}

/** An enrolled tablet by id; a unit's dossier-link device is not one (nobody revokes or lists it). */
export async function findTablet(db: Kysely<Database>, deviceId: string): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices').selectAll().where('id', '=', deviceId).where('kind', '=', 'tablet').executeTakeFirst();
}

/**
 * Serialises batches of one device: on PostgreSQL the device row stays locked until the transaction ends,
 * so a concurrent batch from the same device waits and then sees what this one stored. On SQLite the
 * write transaction (BEGIN IMMEDIATE) already excludes every other writer.
 */
export async function lockDeviceForSync(db: Kysely<Database>, deviceId: string): Promise<DeviceRow | undefined> {
  const query = db.selectFrom('devices').selectAll().where('id', '=', deviceId);
  return (dialectOf(db) === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
}

export async function recordDeviceContact(
  db: Kysely<Database>,
  deviceId: string,
  contact: { at: Date; clockSkewMs?: number; pendingReported?: number | null; batchSize?: number },
): Promise<void> {
  const at = contact.at.toISOString();
  await db
    .updateTable('devices')
    .set({
      last_seen_at: at,
      ...(contact.clockSkewMs !== undefined ? { last_clock_skew_ms: contact.clockSkewMs } : {}),
      ...(contact.pendingReported !== undefined ? { pending_reported: contact.pendingReported } : {}),
      // An empty batch is a heartbeat: the device was seen, but it delivered no batch.
      ...(contact.batchSize ? { last_batch_at: at, last_batch_size: contact.batchSize } : {}),
    })
    .where('id', '=', deviceId)
    .execute();
}

export async function revokeDevice(db: Kysely<Database>, deviceId: string, revokedAt: Date): Promise<boolean> {
  return revokeOnce(db, 'devices', deviceId, revokedAt);
}

export interface DeviceOverview {
  id: string;
  unitId: string;
  /** The counter fixed by the unit's own kiosk settings, if any; devices carry none themselves. */
  counterId: string | null;
  name: string;
  enrolledAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  lastBatchAt: string | null;
  lastBatchSize: number | null;
  pendingReported: number | null;
  lastClockSkewMs: number | null;
  highestIssued: number;
  receivedCount: number;
  missing: [number, number][];
}

/**
 * Every device with its ledger and its unit's fixed counter, in one query (the device view lists a
 * province's thousand tablets; a query per unit would cost more than the whole list). `unitIds`
 * restricts it to those units.
 */
export async function listDeviceOverviews(db: Kysely<Database>, unitIds?: readonly string[]): Promise<DeviceOverview[]> {
  if (unitIds?.length === 0) return [];
  let query = db
    .selectFrom('devices')
    .leftJoin('device_ledgers', 'device_ledgers.device_id', 'devices.id')
    .leftJoin('kiosk_settings', 'kiosk_settings.unit_id', 'devices.unit_id')
    .selectAll('devices')
    .select(['device_ledgers.highest_issued', 'device_ledgers.received_count', 'device_ledgers.missing', 'kiosk_settings.settings'])
    .where('devices.kind', '=', 'tablet')
    .orderBy('devices.unit_id')
    .orderBy('devices.name');
  if (unitIds) query = query.where('devices.unit_id', 'in', unitIds);
  const rows = await query.execute();
  // Several tablets share a unit: its settings are validated once.
  const counterOfUnit = new Map<string, string | null>();
  const counterOf = (unitId: string, settings: string | null) => {
    if (!counterOfUnit.has(unitId)) counterOfUnit.set(unitId, settings === null ? null : kioskSettingsSchema.parse(JSON.parse(settings)).counterId);
    return counterOfUnit.get(unitId) ?? null;
  };
  return rows.map((row) => ({
    id: row.id,
    unitId: row.unit_id,
    counterId: counterOf(row.unit_id, row.settings),
    name: row.name,
    enrolledAt: row.enrolled_at,
    revokedAt: row.revoked_at,
    lastSeenAt: row.last_seen_at,
    lastBatchAt: row.last_batch_at,
    lastBatchSize: row.last_batch_size,
    pendingReported: row.pending_reported,
    lastClockSkewMs: row.last_clock_skew_ms === null ? null : Number(row.last_clock_skew_ms),
    highestIssued: row.highest_issued ?? 0,
    receivedCount: row.received_count ?? 0,
    missing: row.missing ? (JSON.parse(row.missing) as [number, number][]) : [],
  }));
}

import type { Kysely } from 'kysely';
import type { EnrolmentReply, EnrolmentRequest } from '../../domain/sync-protocol.ts';
import { deviceTokenHash, enrolmentCodeHash, newDeviceToken, newEnrolmentCode } from '../auth/secrets.ts';
import { appendAudit } from '../db/audit-repository.ts';
import { claimEnrolmentCode, findDevice, findEnrolmentCode, insertEnrolmentCode, saveEnrolledDevice } from '../db/devices-repository.ts';
import type { Database } from '../db/schema.ts';
import { findUnit } from '../db/units-repository.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';

export const DEFAULT_ENROLMENT_CODE_DAYS = 7;
const DAY_MS = 86_400_000;
/**
 * The same device may present a used code again for a short while: its first reply (with the token) may
 * have been lost on a weak network, and the tablet cannot tell. It then gets a fresh token; the one it
 * never received stops working.
 */
export const ENROLMENT_RETRY_WINDOW_MS = 15 * 60_000;

export type EnrolmentRefusalCode =
  'unknown-unit' | 'enrolment-code-unknown' | 'enrolment-code-used' | 'enrolment-code-expired' | 'device-already-enrolled';

export class EnrolmentRefused extends Error {
  constructor(
    readonly code: EnrolmentRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'EnrolmentRefused';
  }
}

export interface IssuedEnrolmentCode {
  code: string;
  unitId: string;
  expiresAt: Date;
}

export async function issueEnrolmentCode(
  db: Kysely<Database>,
  request: { unitId: string; expiresInDays?: number; now: Date; actor: string },
): Promise<IssuedEnrolmentCode> {
  const days = request.expiresInDays ?? DEFAULT_ENROLMENT_CODE_DAYS;
  if (!Number.isFinite(days) || days <= 0) {
    throw new RangeError(`an enrolment code must expire after a positive number of days, got ${days}`);
  }
  const unit = await findUnit(db, request.unitId);
  if (!unit) throw new EnrolmentRefused('unknown-unit', `There is no unit with id "${request.unitId}".`);
  const code = newEnrolmentCode();
  const expiresAt = new Date(request.now.getTime() + days * DAY_MS);
  await inWriteTransaction(db, async (trx) => {
    await insertEnrolmentCode(trx, { codeHash: enrolmentCodeHash(code), unitId: unit.id, createdAt: request.now, expiresAt });
    // The code itself is never logged: the audit trail must not become a place to steal one.
    await appendAudit(trx, {
      at: request.now,
      actor: request.actor,
      action: 'enrolment-code.issued',
      detail: { unitId: unit.id, expiresAt: expiresAt.toISOString() },
    });
  });
  return { code, unitId: unit.id, expiresAt };
}

/**
 * Exchanges a one-time code for a device token. A device id that is enrolled and not revoked is never
 * taken over by a new code (whoever learnt a tablet's id could otherwise replace its token and move it
 * and its ledger): an administrator first revokes it ("replace this tablet"), and then enrolling it again
 * replaces its token and lifts the revocation; its ledger continues.
 */
export async function enrolDevice(db: Kysely<Database>, request: EnrolmentRequest, now: Date): Promise<EnrolmentReply> {
  // Responses require a lower-case UUID, so the device is stored under the form its records will carry.
  const deviceId = request.deviceId.toLowerCase();
  const codeHash = enrolmentCodeHash(request.code);
  return inWriteTransaction(db, async (trx) => {
    const stored = await findEnrolmentCode(trx, codeHash);
    if (!stored) {
      throw new EnrolmentRefused('enrolment-code-unknown', 'This enrolment code is not known; check it or ask for a new one.');
    }
    if (stored.used_at !== null && !isRetryBySameDevice(stored, deviceId, now)) {
      throw new EnrolmentRefused('enrolment-code-used', 'This enrolment code has already been used; ask for a new one.');
    }
    if (stored.used_at === null && stored.expires_at <= now.toISOString()) {
      throw new EnrolmentRefused('enrolment-code-expired', 'This enrolment code has expired; ask for a new one.');
    }
    const existing = await findDevice(trx, deviceId);
    if (existing && existing.kind !== 'tablet') {
      throw new EnrolmentRefused('device-already-enrolled', 'This device id is taken; the tablet makes a new one when it is reset.');
    }
    // A retry of this very code (used_at set, checked above) is the same tablet whose reply was lost.
    if (existing && existing.revoked_at === null && stored.used_at === null) {
      throw new EnrolmentRefused(
        'device-already-enrolled',
        'A tablet with this id is already enrolled. To enrol it again, an administrator first revokes it (replace this tablet); the code is still unused.',
      );
    }
    if (!(await claimEnrolmentCode(trx, { codeHash, deviceId, usedAt: stored.used_at ? new Date(stored.used_at) : now }))) {
      throw new EnrolmentRefused('enrolment-code-used', 'This enrolment code has already been used; ask for a new one.');
    }
    const token = newDeviceToken();
    await saveEnrolledDevice(trx, {
      id: deviceId,
      unitId: stored.unit_id,
      // A UUIDv7 starts with its creation time, which tablets enrolled in the same minute share: its end is random.
      name: request.deviceName ?? existing?.name ?? `Kiosk ${deviceId.slice(-8)}`,
      tokenHash: deviceTokenHash(token),
      enrolledAt: now,
    });
    await appendAudit(trx, {
      at: now,
      actor: `device:${deviceId}`,
      action: existing ? 'device.re-enrolled' : 'device.enrolled',
      detail: { deviceId, unitId: stored.unit_id, previousUnitId: existing?.unit_id ?? null, wasRevoked: Boolean(existing?.revoked_at) },
    });
    return { deviceId, token, unitId: stored.unit_id };
  });
}

function isRetryBySameDevice(code: { used_at: string | null; device_id: string | null }, deviceId: string, now: Date): boolean {
  if (code.used_at === null || code.device_id !== deviceId) return false;
  return now.getTime() - new Date(code.used_at).getTime() <= ENROLMENT_RETRY_WINDOW_MS;
}

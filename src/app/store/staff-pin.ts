import type { KioskDatabase, StaffAccess } from './db.ts';

/**
 * The staff PIN: stored only as a PBKDF2-SHA-256 hash (WebCrypto) with a random salt, checked in
 * constant time, and guarded by a lockout that grows with repeated failures and survives a reload,
 * so a citizen at the kiosk cannot try PINs until one works.
 */

export const PIN_PATTERN = /^\d{4,8}$/;
/** Above OWASP's old 100k floor while a tablet still derives it in well under a second. */
export const PBKDF2_ITERATIONS = 150_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;
/** Wrong PINs allowed before the first lockout. */
export const FREE_ATTEMPTS = 5;
export const FIRST_LOCKOUT_MS = 60_000;
/** Doubling stops here, so a bored child cannot lock staff out for days. */
export const MAX_LOCKOUT_MS = 24 * 60 * 60_000;

export class StaffPinError extends Error {
  constructor(
    readonly code: 'invalid-pin' | 'no-pin',
    message: string,
  ) {
    super(message);
    this.name = 'StaffPinError';
  }
}

export type PinCheck = { kind: 'ok' } | { kind: 'wrong'; attemptsBeforeLockout: number } | { kind: 'locked'; until: string } | { kind: 'no-pin' };

export function isValidPin(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}

export async function hasStaffPin(db: KioskDatabase): Promise<boolean> {
  return (await db.staffAccess.get('pin')) !== undefined;
}

/** Sets (or changes) the PIN; a new PIN also lifts any lockout. */
export async function setStaffPin(db: KioskDatabase, pin: string, now = new Date()): Promise<void> {
  if (!isValidPin(pin)) throw new StaffPinError('invalid-pin', 'a PIN is 4 to 8 digits');
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derivePinHash(pin, salt, PBKDF2_ITERATIONS);
  await db.staffAccess.put({
    key: 'pin',
    hash: toBase64(hash),
    salt: toBase64(salt),
    iterations: PBKDF2_ITERATIONS,
    failedAttempts: 0,
    lockedUntil: null,
    changedAt: now.toISOString(),
  });
}

/** How long the lockout lasts after `failedAttempts` wrong PINs in a row: 0, then 1 min, 2 min, 4 min… */
export function lockoutMsAfter(failedAttempts: number): number {
  if (failedAttempts < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_LOCKOUT_MS, FIRST_LOCKOUT_MS * 2 ** Math.min(30, failedAttempts - FREE_ATTEMPTS));
}

export async function verifyStaffPin(db: KioskDatabase, pin: string, now = new Date()): Promise<PinCheck> {
  const stored = await db.staffAccess.get('pin');
  if (!stored) return { kind: 'no-pin' };
  if (stored.lockedUntil && Date.parse(stored.lockedUntil) > now.getTime()) return { kind: 'locked', until: stored.lockedUntil };
  const matches =
    isValidPin(pin) && equalInConstantTime(await derivePinHash(pin, fromBase64(stored.salt), stored.iterations), fromBase64(stored.hash));
  // Re-read in a transaction so two quick attempts both count.
  return db.transaction('rw', db.staffAccess, async (): Promise<PinCheck> => {
    const current = (await db.staffAccess.get('pin')) ?? stored;
    if (matches) {
      await db.staffAccess.put({ ...current, failedAttempts: 0, lockedUntil: null });
      return { kind: 'ok' };
    }
    const failedAttempts = current.failedAttempts + 1;
    const lockoutMs = lockoutMsAfter(failedAttempts);
    const lockedUntil = lockoutMs > 0 ? new Date(now.getTime() + lockoutMs).toISOString() : null;
    await db.staffAccess.put({ ...current, failedAttempts, lockedUntil } satisfies StaffAccess);
    return lockedUntil ? { kind: 'locked', until: lockedUntil } : { kind: 'wrong', attemptsBeforeLockout: FREE_ATTEMPTS - failedAttempts };
  });
}

/** Changing the PIN asks for the current one first, so a walk-up user on an open staff view cannot. */
export async function changeStaffPin(db: KioskDatabase, currentPin: string, newPin: string, now = new Date()): Promise<PinCheck> {
  if (!isValidPin(newPin)) throw new StaffPinError('invalid-pin', 'a PIN is 4 to 8 digits');
  const check = await verifyStaffPin(db, currentPin, now);
  if (check.kind === 'ok') await setStaffPin(db, newPin, now);
  return check;
}

async function derivePinHash(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

function equalInConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

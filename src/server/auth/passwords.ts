import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * People's passwords, hashed with scrypt and a per-account salt. The parameters are stored in the hash
 * ("scrypt$N$r$p$salt$hash"), so they can be raised later and old hashes still verify.
 * N = 2^17, r = 8, p = 1 (OWASP's current recommendation): 128 MiB and a few hundred milliseconds per
 * attempt, costly for whoever steals the table. A hash with other parameters is replaced at the next
 * correct sign-in (needsRehash).
 */
const DEFAULT_PARAMETERS = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, options: { N: number; r: number; p: number }): Promise<Buffer> {
  // Node refuses more than 32 MiB by default; scrypt needs 128·N·r bytes (and 128·r·p): allow twice that.
  const scryptOptions: ScryptOptions = { ...options, maxmem: 256 * options.N * options.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, scryptOptions, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const { N, r, p } = DEFAULT_PARAMETERS;
  const key = await derive(password, salt, DEFAULT_PARAMETERS);
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const parameters = { N: Number(n), r: Number(r), p: Number(p) };
  if (![parameters.N, parameters.r, parameters.p].every((value) => Number.isSafeInteger(value) && value > 0)) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), parameters);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Whether a stored hash was made with parameters other than today's, and should be made again. */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) !== DEFAULT_PARAMETERS.N || Number(r) !== DEFAULT_PARAMETERS.r || Number(p) !== DEFAULT_PARAMETERS.p;
}

/** Checked against when the username is unknown, so a wrong username takes as long as a wrong password. */
let decoyHash: Promise<string> | undefined;
export async function spendPasswordCheckTime(password: string): Promise<void> {
  decoyHash ??= hashPassword('decoy password of no account');
  await verifyPassword(password, await decoyHash);
}

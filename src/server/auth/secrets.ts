import { createHash, randomBytes, randomInt } from 'node:crypto';

/**
 * Device tokens and enrolment codes. Only their SHA-256 is stored: both carry enough randomness that a
 * fast hash is safe (no dictionary to try), unlike people's passwords, which get scrypt.
 */

const TOKEN_BYTES = 32;
/** 32 bytes in base64url without padding. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newDeviceToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function isWellFormedDeviceToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export function sha256Base64Url(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64url');
}

/**
 * Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or typed on a tablet is not misread.
 * 12 symbols give 60 random bits; with a one-time use and an expiry that is far beyond guessing.
 */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 12;

/** A fresh one-time enrolment code, grouped for reading: "7KQ2-M9XD-4TRB". */
export function newEnrolmentCode(): string {
  let code = '';
  for (let index = 0; index < CODE_LENGTH; index += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code.match(/.{4}/g)!.join('-');
}

/** Case, spaces and dashes do not matter, and the look-alikes O/I/L are read as 0/1/1, as Crockford intends. */
export function normaliseEnrolmentCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function enrolmentCodeHash(input: string): string {
  return sha256Base64Url(`enrolment:${normaliseEnrolmentCode(input)}`);
}

export function deviceTokenHash(token: string): string {
  return sha256Base64Url(token);
}

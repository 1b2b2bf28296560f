import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { z } from 'zod';
import { hasForbiddenControl } from './text-input.ts';

/**
 * Signed dossier links (issue 21; docs/dossier-links.md is the specification vendors implement). A token is
 * base64url(payload) "." base64url(the first 16 bytes of HMAC-SHA256(unit signing key, payload)), where the
 * payload is UTF-8 text, one field per line: the version "DL1", key id, unit id, dossier code as printed,
 * procedure code, issue date, expiry date. The MAC covers the payload's exact bytes, so no canonical form is
 * needed: a verifier decodes, checks the MAC over what it decoded, then reads the fields.
 * Pure: @noble/hashes runs unchanged in the browser and on the server, and nothing here does I/O.
 */

export const DOSSIER_LINK_VERSION = 'DL1';
/** 128 bits: forging a tag is 2^128 guesses, and the QR of a whole link stays small enough to print. */
export const DOSSIER_LINK_TAG_BYTES = 16;
export const DOSSIER_LINK_SECRET_BYTES = 32;
/** A token longer than this is refused before anything is decoded (a payload of the longest fields is shorter). */
export const MAX_DOSSIER_LINK_TOKEN_LENGTH = 512;
/** A printed slip outlives a year rarely; a longer-lived link is more likely a mistake or a leaked key's. */
export const MAX_DOSSIER_LINK_DAYS = 366;
/** Việt Nam has no daylight saving time: a day ends at 24:00 +07:00 all year. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine((day) => {
    const instant = Date.parse(`${day}T00:00:00Z`);
    return !Number.isNaN(instant) && new Date(instant).toISOString().slice(0, 10) === day;
  }, 'not a day of the calendar');

const code = (max: number) =>
  z.string().regex(new RegExp(`^[A-Za-z0-9][A-Za-z0-9._-]{0,${max - 1}}$`), `letters, digits, ".", "_" or "-", at most ${max} characters`);

/**
 * The dossier code exactly as printed on the receipt: it is signed byte for byte, so it is never trimmed or
 * normalised here. A caller taking it from a person normalises it first (text-input.ts), then signs.
 */
const printedDossierCode = z
  .string()
  .min(1)
  .max(64)
  .refine((text) => !hasForbiddenControl(text), 'contains a control character')
  .refine((text) => text === text.trim(), 'starts or ends with a space')
  .refine((text) => text === text.normalize('NFC'), 'is not in Unicode NFC');

export const dossierLinkFieldsSchema = z
  .object({
    keyId: code(32),
    unitId: code(64),
    dossierCode: printedDossierCode,
    procedureCode: code(32),
    issuedOn: isoDay,
    expiresOn: isoDay,
  })
  .refine((fields) => fields.expiresOn >= fields.issuedOn, { message: 'expires before it is issued', path: ['expiresOn'] })
  // Runs even when a date failed its own check (zod still calls object refinements): NaN compares false.
  .refine((fields) => Date.parse(fields.expiresOn) - Date.parse(fields.issuedOn) <= MAX_DOSSIER_LINK_DAYS * 86_400_000, {
    message: `expires more than ${MAX_DOSSIER_LINK_DAYS} days after it is issued`,
    path: ['expiresOn'],
  });
export type DossierLinkFields = z.infer<typeof dossierLinkFieldsSchema>;

const FIELD_ORDER = ['keyId', 'unitId', 'dossierCode', 'procedureCode', 'issuedOn', 'expiresOn'] as const;

export type HmacSha256 = (key: Uint8Array, message: Uint8Array) => Uint8Array;

const nobleHmacSha256: HmacSha256 = (key, message) => hmac(sha256, key, message);

/** The payload's bytes: the version and the fields, one per line, joined by LF, no final LF. */
export function dossierLinkPayload(fields: DossierLinkFields): Uint8Array {
  return new TextEncoder().encode([DOSSIER_LINK_VERSION, ...FIELD_ORDER.map((name) => fields[name])].join('\n'));
}

/** The token for these fields under `secret` (the unit's signing key named by fields.keyId). */
export function signDossierLink(fields: DossierLinkFields, secret: Uint8Array, mac: HmacSha256 = nobleHmacSha256): string {
  const parsed = dossierLinkFieldsSchema.parse(fields);
  const payload = dossierLinkPayload(parsed);
  return `${base64UrlOf(payload)}.${base64UrlOf(mac(secret, payload).slice(0, DOSSIER_LINK_TAG_BYTES))}`;
}

/** What the verifier knows of a key: its secret, and what the server's policy says about its use. */
export interface DossierLinkKey {
  secret: Uint8Array;
  /** Revoked: verifies nothing, even links it signed before. */
  revoked: boolean;
  /**
   * A rotated key keeps verifying the links it signed until they expire, but only those issued on or
   * before this day (its rotation day), so a leaked old key cannot mint new links. Null while current.
   */
  lastIssueDay: string | null;
}

export type DossierLinkRefusal =
  /** Not a token of this shape at all (a cut-off link, a typo). */
  | 'malformed'
  /** A version this verifier does not know. */
  | 'unknown-version'
  /** No such key for the named unit, or the tag does not match: altered, forged, or a key of another unit. */
  | 'forged'
  | 'key-revoked'
  /** Issued by a rotated key after its rotation day. */
  | 'issued-after-rotation'
  | 'expired';

export type DossierLinkVerdict = { ok: true; fields: DossierLinkFields } | { ok: false; reason: DossierLinkRefusal };

const TOKEN_SHAPE = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{22})$/;

type ReadToken = { ok: true; payload: Uint8Array; tag: Uint8Array; fields: DossierLinkFields } | { ok: false; reason: DossierLinkRefusal };

/**
 * The fields a token claims, before any check of its tag: a verifier reads the unit and key id to find
 * the key, then calls verifyDossierLink. Never trust these fields by themselves.
 */
export function claimedDossierLinkFields(token: string): DossierLinkFields | undefined {
  const read = readDossierLinkToken(token);
  return read.ok ? read.fields : undefined;
}

function readDossierLinkToken(token: string): ReadToken {
  if (token.length > MAX_DOSSIER_LINK_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const shape = TOKEN_SHAPE.exec(token);
  if (!shape) return { ok: false, reason: 'malformed' };
  const payload = bytesOfBase64Url(shape[1]!);
  const tag = bytesOfBase64Url(shape[2]!);
  if (!payload || !tag || tag.length !== DOSSIER_LINK_TAG_BYTES) return { ok: false, reason: 'malformed' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(payload);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const lines = text.split('\n');
  if (lines[0] !== DOSSIER_LINK_VERSION)
    return { ok: false, reason: lines.length > 1 && /^DL\d+$/.test(lines[0]!) ? 'unknown-version' : 'malformed' };
  if (lines.length !== FIELD_ORDER.length + 1) return { ok: false, reason: 'malformed' };
  const parsed = dossierLinkFieldsSchema.safeParse(Object.fromEntries(FIELD_ORDER.map((name, index) => [name, lines[index + 1]])));
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  return { ok: true, payload, tag, fields: parsed.data };
}

/**
 * Checks a token: shape, version, the key of the unit it names, the tag (in constant time), the key's
 * policy, then the expiry — in that order, so an altered expired link says "forged", not "expired".
 * `keyOf` finds the unit's key by id (undefined when the unit has none by that id).
 */
export function verifyDossierLink(
  token: string,
  keyOf: (unitId: string, keyId: string) => DossierLinkKey | undefined,
  now: Date,
  mac: HmacSha256 = nobleHmacSha256,
): DossierLinkVerdict {
  const read = readDossierLinkToken(token);
  if (!read.ok) return read;
  const { payload, tag, fields } = read;
  const key = keyOf(fields.unitId, fields.keyId);
  if (!key || !equalInConstantTime(mac(key.secret, payload).slice(0, DOSSIER_LINK_TAG_BYTES), tag)) return { ok: false, reason: 'forged' };
  if (key.revoked) return { ok: false, reason: 'key-revoked' };
  if (key.lastIssueDay !== null && fields.issuedOn > key.lastIssueDay) return { ok: false, reason: 'issued-after-rotation' };
  if (now.getTime() >= dossierLinkExpiryInstant(fields.expiresOn).getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, fields };
}

/** The first instant a link is no longer valid: the end of its expiry day in Việt Nam (24:00 +07:00). */
export function dossierLinkExpiryInstant(expiresOn: string): Date {
  return new Date(Date.parse(`${expiresOn}T00:00:00Z`) + 86_400_000 - VIETNAM_OFFSET_MS);
}

/** The day in Việt Nam (+07:00) of an instant: a link's issue date when the caller gives none. */
export function vietnamDayOf(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** Days after `day` (YYYY-MM-DD), as YYYY-MM-DD. */
export function dayPlus(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The first characters of a token, enough to tell two apart in a log, never enough to use one. */
export function tokenForLog(token: string): string {
  return token.length <= 12 ? '…' : `${token.slice(0, 12)}…`;
}

function equalInConstantTime(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  let difference = 0;
  for (let index = 0; index < left.length; index++) difference |= left[index]! ^ right[index]!;
  return difference === 0;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE_OF = new Map([...ALPHABET].map((character, index) => [character, index]));

/** RFC 4648 §5 without padding. */
export function base64UrlOf(bytes: Uint8Array): string {
  let text = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const chunk = (bytes[index]! << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
    const characters = Math.min(4, Math.ceil(((bytes.length - index) * 8) / 6));
    for (let position = 0; position < characters; position++) text += ALPHABET[(chunk >> (18 - position * 6)) & 63];
  }
  return text;
}

/** The bytes of unpadded base64url text, or undefined when it is not canonical (stray bits, impossible length). */
export function bytesOfBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let written = 0;
  for (const character of text) {
    const value = VALUE_OF.get(character);
    if (value === undefined) return undefined;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[written++] = (buffer >> bits) & 0xff;
      buffer &= (1 << bits) - 1;
    }
  }
  // Leftover bits must be zero, so every token has one spelling and an altered last character is refused.
  return buffer === 0 ? bytes : undefined;
}

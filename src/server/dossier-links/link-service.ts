import { randomBytes, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  claimedDossierLinkFields,
  dayPlus,
  DOSSIER_LINK_SECRET_BYTES,
  signDossierLink,
  verifyDossierLink,
  vietnamDayOf,
  type DossierLinkFields,
  type DossierLinkVerdict,
} from '../../domain/dossier-link.ts';
import { addSigningKey, currentSigningKey, findSigningKey } from '../db/dossier-links-repository.ts';
import type { Database } from '../db/schema.ts';
import { openSecret, sealSecret } from './sealed-secrets.ts';
import { Conflict, NotConfigured } from '../errors.ts';

/** Links minted by the API last this long unless the caller asks otherwise: a month to rate a result. */
export const DEFAULT_LINK_VALID_DAYS = 30;

/** The sealing key, or the 503 every route that needs a signing key answers without one. */
export function requireLinkKeysSecret(secret: Uint8Array | undefined): Uint8Array {
  if (secret) return secret;
  throw new NotConfigured(
    'Dossier links are not set up on this server: set LINK_KEYS_SECRET (32 random bytes in base64, e.g. openssl rand -base64 32) and restart.',
    { code: 'link-keys-not-configured' },
  );
}

const KEY_ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** 10 symbols of a 32-letter alphabet: 50 bits, unique enough for ids, short enough for a QR code. */
function newKeyId(): string {
  let id = '';
  for (let index = 0; index < 10; index++) id += KEY_ID_ALPHABET[randomInt(KEY_ID_ALPHABET.length)];
  return id;
}

/**
 * A new current signing key for the unit; the previous current key is rotated (it keeps verifying the links
 * issued up to today, Việt Nam time). The secret is returned once, for the vendor, and stored only sealed.
 */
export async function createSigningKey(
  db: Kysely<Database>,
  sealingKey: Uint8Array,
  { unitId, at, actor }: { unitId: string; at: Date; actor: string },
): Promise<{ keyId: string; secret: string; rotated: string[] }> {
  const keyId = newKeyId();
  const secret = new Uint8Array(randomBytes(DOSSIER_LINK_SECRET_BYTES));
  const rotated = await addSigningKey(db, { id: keyId, unitId, secretSealed: sealSecret(secret, sealingKey, keyId), at, actor }, vietnamDayOf(at));
  return { keyId, secret: Buffer.from(secret).toString('base64url'), rotated };
}

export interface LinkRequest {
  unitId: string;
  dossierCode: string;
  procedureCode: string;
  issuedOn?: string | undefined;
  validDays?: number | undefined;
}

export type CurrentKeyOf = (unitId: string) => Promise<{ id: string; secret: Uint8Array }>;

/**
 * The units' current keys, each read and opened once for the life of the returned function (one request):
 * a batch of a thousand dossiers of one unit reads its key once. 409 when a unit has none yet.
 */
export function currentKeysOf(db: Kysely<Database>, sealingKey: Uint8Array): CurrentKeyOf {
  const opened = new Map<string, Promise<{ id: string; secret: Uint8Array }>>();
  return (unitId) => {
    let key = opened.get(unitId);
    if (!key) {
      key = currentSigningKey(db, unitId).then((row) => {
        if (!row)
          throw new Conflict(`The unit "${unitId}" has no signing key yet: an administrator creates one first.`, {
            code: 'no-signing-key',
            field: 'unitId',
          });
        return { id: row.id, secret: openSecret(row.secret_sealed, sealingKey, row.id) };
      });
      opened.set(unitId, key);
    }
    return key;
  };
}

/** Signs a link with the unit's current key. */
export async function mintDossierLink(keyOf: CurrentKeyOf, request: LinkRequest, now: Date): Promise<{ token: string; fields: DossierLinkFields }> {
  const key = await keyOf(request.unitId);
  const issuedOn = request.issuedOn ?? vietnamDayOf(now);
  const fields: DossierLinkFields = {
    keyId: key.id,
    unitId: request.unitId,
    dossierCode: request.dossierCode,
    procedureCode: request.procedureCode,
    issuedOn,
    expiresOn: dayPlus(issuedOn, (request.validDays ?? DEFAULT_LINK_VALID_DAYS) - 1),
  };
  return { token: signDossierLink(fields, key.secret), fields };
}

/** Verifies a token against the stored key of the unit it names (one read; nothing is written). */
export async function verifyStoredDossierLink(db: Kysely<Database>, sealingKey: Uint8Array, token: string, now: Date): Promise<DossierLinkVerdict> {
  const claimed = claimedDossierLinkFields(token);
  const row = claimed && (await findSigningKey(db, claimed.unitId, claimed.keyId));
  const key = row && {
    secret: openSecret(row.secret_sealed, sealingKey, row.id),
    revoked: row.revoked_at !== null,
    lastIssueDay: row.last_issue_day,
  };
  return verifyDossierLink(token, (unitId, keyId) => (key && row?.unit_id === unitId && row.id === keyId ? key : undefined), now);
}

/** The citizen's link: the token after '#', so no request for the page carries it (docs/dossier-links.md). */
export function dossierLinkUrl(publicOrigin: string, token: string): string {
  return `${publicOrigin}/d#${token}`;
}

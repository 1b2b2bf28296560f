import type { Kysely } from 'kysely';
import type { DossierSigningKeyRow, IntegrationKeyRow } from './dossier-links-schema.ts';
import { revokeOnce } from './revoke-once.ts';
import type { Database } from './schema.ts';

/** Signing keys, integration keys, minted links and ratings of dossier links (migration 0017). */

export interface NewSigningKey {
  id: string;
  unitId: string;
  secretSealed: string;
  at: Date;
  actor: string;
}

/**
 * Makes `key` the unit's current key; the key that was current is rotated with `lastIssueDay`, so the links
 * it signed keep verifying and it signs nothing issued later. Returns the id of the rotated key, if any.
 * Run it in the caller's write transaction, which also holds the change's audit entry.
 */
export async function addSigningKey(trx: Kysely<Database>, key: NewSigningKey, lastIssueDay: string): Promise<string[]> {
  const rotated = await trx
    .updateTable('dossier_signing_keys')
    .set({ rotated_at: key.at.toISOString(), last_issue_day: lastIssueDay })
    .where('unit_id', '=', key.unitId)
    .where('rotated_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  await trx
    .insertInto('dossier_signing_keys')
    .values({ id: key.id, unit_id: key.unitId, secret_sealed: key.secretSealed, created_at: key.at.toISOString(), created_by: key.actor })
    .execute();
  return rotated.map((row) => row.id);
}

export async function findSigningKey(db: Kysely<Database>, unitId: string, keyId: string): Promise<DossierSigningKeyRow | undefined> {
  return db.selectFrom('dossier_signing_keys').selectAll().where('id', '=', keyId).where('unit_id', '=', unitId).executeTakeFirst();
}

export async function findSigningKeyById(db: Kysely<Database>, keyId: string): Promise<DossierSigningKeyRow | undefined> {
  return db.selectFrom('dossier_signing_keys').selectAll().where('id', '=', keyId).executeTakeFirst();
}

/** The key new links of the unit are signed with: the newest one neither rotated nor revoked. */
export async function currentSigningKey(db: Kysely<Database>, unitId: string): Promise<DossierSigningKeyRow | undefined> {
  return db
    .selectFrom('dossier_signing_keys')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('rotated_at', 'is', null)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export type SigningKeyListing = Omit<DossierSigningKeyRow, 'secret_sealed'>;

export async function listSigningKeys(db: Kysely<Database>, unitId?: string): Promise<SigningKeyListing[]> {
  let query = db
    .selectFrom('dossier_signing_keys')
    .select(['id', 'unit_id', 'created_at', 'created_by', 'rotated_at', 'last_issue_day', 'revoked_at'])
    .orderBy('unit_id')
    .orderBy('created_at', 'desc');
  if (unitId !== undefined) query = query.where('unit_id', '=', unitId);
  return query.execute();
}

/** True when this call revoked it (false: already revoked). */
export async function revokeSigningKey(db: Kysely<Database>, keyId: string, at: Date): Promise<boolean> {
  return revokeOnce(db, 'dossier_signing_keys', keyId, at);
}

export interface NewIntegrationKey {
  id: string;
  vendor: string;
  secretHash: string;
  unitIds: readonly string[];
  at: Date;
  actor: string;
}

export async function insertIntegrationKey(db: Kysely<Database>, key: NewIntegrationKey): Promise<void> {
  await db
    .insertInto('integration_keys')
    .values({
      id: key.id,
      vendor: key.vendor,
      secret_hash: key.secretHash,
      unit_ids: JSON.stringify(key.unitIds),
      created_at: key.at.toISOString(),
      created_by: key.actor,
    })
    .execute();
}

export async function findIntegrationKeyByHash(db: Kysely<Database>, secretHash: string): Promise<IntegrationKeyRow | undefined> {
  return db.selectFrom('integration_keys').selectAll().where('secret_hash', '=', secretHash).executeTakeFirst();
}

export type IntegrationKeyListing = Omit<IntegrationKeyRow, 'secret_hash'>;

export async function listIntegrationKeys(db: Kysely<Database>): Promise<IntegrationKeyListing[]> {
  return db
    .selectFrom('integration_keys')
    .select(['id', 'vendor', 'unit_ids', 'created_at', 'created_by', 'revoked_at', 'last_used_at'])
    .orderBy('created_at', 'desc')
    .execute();
}

export async function findIntegrationKey(db: Kysely<Database>, id: string): Promise<IntegrationKeyListing | undefined> {
  return db
    .selectFrom('integration_keys')
    .select(['id', 'vendor', 'unit_ids', 'created_at', 'created_by', 'revoked_at', 'last_used_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function revokeIntegrationKey(db: Kysely<Database>, id: string, at: Date): Promise<boolean> {
  return revokeOnce(db, 'integration_keys', id, at);
}

export async function recordIntegrationKeyUse(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.updateTable('integration_keys').set({ last_used_at: at.toISOString() }).where('id', '=', id).execute();
}

export interface MintedLink {
  unitId: string;
  dossierCode: string;
  procedureCode: string;
  keyId: string;
  issuedOn: string;
  expiresOn: string;
  integrationKeyId: string;
  at: Date;
}

/**
 * Remembers a dossier the integration API minted a link for, so its rating can be asked for. A dossier
 * minted again (a reprinted slip) keeps its first row: the token of either printing verifies by itself.
 */
export async function recordMintedLinks(db: Kysely<Database>, links: readonly MintedLink[]): Promise<void> {
  if (links.length === 0) return;
  await db
    .insertInto('dossier_links')
    .values(
      links.map((link) => ({
        unit_id: link.unitId,
        dossier_code: link.dossierCode,
        procedure_code: link.procedureCode,
        key_id: link.keyId,
        issued_on: link.issuedOn,
        expires_on: link.expiresOn,
        integration_key_id: link.integrationKeyId,
        created_at: link.at.toISOString(),
      })),
    )
    .onConflict((conflict) => conflict.columns(['unit_id', 'dossier_code']).doNothing())
    .execute();
}

export async function findMintedLink(db: Kysely<Database>, unitId: string, dossierCode: string) {
  return db.selectFrom('dossier_links').selectAll().where('unit_id', '=', unitId).where('dossier_code', '=', dossierCode).executeTakeFirst();
}

export async function findDossierRating(db: Kysely<Database>, unitId: string, dossierCode: string) {
  return db.selectFrom('dossier_ratings').selectAll().where('unit_id', '=', unitId).where('dossier_code', '=', dossierCode).executeTakeFirst();
}

export interface NewDossierRating {
  unitId: string;
  dossierCode: string;
  procedureCode: string;
  keyId: string;
  responseId: string;
  at: Date;
}

/** Run in the transaction that stores the response; the primary key refuses a second rating of the dossier. */
export async function insertDossierRating(db: Kysely<Database>, rating: NewDossierRating): Promise<void> {
  await db
    .insertInto('dossier_ratings')
    .values({
      unit_id: rating.unitId,
      dossier_code: rating.dossierCode,
      procedure_code: rating.procedureCode,
      key_id: rating.keyId,
      response_id: rating.responseId,
      rated_at: rating.at.toISOString(),
    })
    .execute();
}

/** A procedure's name by its code, as the citizen's page shows it. */
export async function findProcedureName(db: Kysely<Database>, code: string): Promise<string | undefined> {
  return (await db.selectFrom('procedures').select('name').where('id', '=', code).executeTakeFirst())?.name;
}

export async function knownProcedureCodes(db: Kysely<Database>, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom('procedures')
    .select('id')
    .where('id', 'in', [...new Set(codes)])
    .execute();
  return new Set(rows.map((row) => row.id));
}

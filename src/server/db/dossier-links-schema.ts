import type { Selectable } from 'kysely';

/** The dossier-link tables (migration 0017), kept apart from schema.ts; `Database` extends them. */

type IsoTimestamp = string;
type JsonText = string;
/** 'YYYY-MM-DD', a day in Việt Nam. */
type LocalDay = string;

export interface DossierSigningKeysTable {
  /** The key id printed in every token it signs. */
  id: string;
  unit_id: string;
  /** sealed-secrets.ts: "v1.<iv>.<ciphertext and tag>", AES-256-GCM under LINK_KEYS_SECRET, bound to the key id. */
  secret_sealed: string;
  created_at: IsoTimestamp;
  /** "account:username". */
  created_by: string;
  rotated_at: IsoTimestamp | null;
  /** Set at rotation: links issued after this day are refused (domain/dossier-link.ts). */
  last_issue_day: LocalDay | null;
  revoked_at: IsoTimestamp | null;
}

export interface IntegrationKeysTable {
  id: string;
  /** The one-stop system's vendor, as the administrator names it. */
  vendor: string;
  /** SHA-256 (base64url) of the key; the key itself is shown once and never stored. */
  secret_hash: string;
  /** JSON array of unit ids: the key acts for these units and the units below them. */
  unit_ids: JsonText;
  created_at: IsoTimestamp;
  created_by: string;
  revoked_at: IsoTimestamp | null;
  last_used_at: IsoTimestamp | null;
}

export interface DossierLinksTable {
  unit_id: string;
  /** As printed: signed byte for byte. */
  dossier_code: string;
  procedure_code: string;
  key_id: string;
  issued_on: LocalDay;
  expires_on: LocalDay;
  integration_key_id: string;
  created_at: IsoTimestamp;
}

export interface DossierRatingsTable {
  unit_id: string;
  dossier_code: string;
  procedure_code: string;
  key_id: string;
  response_id: string;
  rated_at: IsoTimestamp;
}

export interface DossierLinkTables {
  dossier_signing_keys: DossierSigningKeysTable;
  integration_keys: IntegrationKeysTable;
  dossier_links: DossierLinksTable;
  dossier_ratings: DossierRatingsTable;
}

export type DossierSigningKeyRow = Selectable<DossierSigningKeysTable>;
export type IntegrationKeyRow = Selectable<IntegrationKeysTable>;

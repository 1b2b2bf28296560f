import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { AlertTables } from './alerts-schema.ts';
import type { DossierLinkTables } from './dossier-links-schema.ts';
import type { DossierLinkMode, ResponseChannel } from '../../domain/response-channel.ts';

/**
 * Table types for Kysely. Timestamps are ISO-8601 UTC text ("2025-07-01T08:30:00.000Z") in both dialects,
 * so the same queries and comparisons run on SQLite and PostgreSQL and text order is time order.
 * JSON columns hold text; booleans are 0/1 integers (SQLite has no boolean type).
 */

type IsoTimestamp = string;
type JsonText = string;
type ZeroOrOne = 0 | 1;

export interface UnitsTable {
  id: string;
  parent_id: string | null;
  /** 'province', 'agency', 'commune', 'service-centre', …: the tree is data, not code. */
  kind: string;
  /** LocalizedText as JSON; names change over time, ids never do. */
  name: JsonText;
  time_zone: Generated<string>;
  /** A merged unit keeps its history; reports include it under the unit it was merged into. */
  merged_into_id: string | null;
  /** Questionnaire ids each kiosk mode uses here; null inherits from the parent, then the bundled defaults. */
  full_questionnaire_id: string | null;
  quick_questionnaire_id: string | null;
  position: Generated<number>;
  /** Its electronic agency code under Decision 20/2020/QĐ-TTg (e.g. 000.00.31.H12), for the per-dossier export; migration 0020. */
  agency_code: string | null;
  /** Which of its questionnaires a dossier link asks; null inherits (migration 0021). */
  dossier_link_mode: DossierLinkMode | null;
}

export interface CountersTable {
  id: string;
  unit_id: string;
  name: JsonText;
  position: Generated<number>;
}

export interface ServiceFieldsTable {
  id: string;
  name: JsonText;
  position: Generated<number>;
}

/** An administrative procedure (thủ tục hành chính), in one service field; its id is its code, e.g. "1.001193". */
export interface ProceduresTable {
  id: string;
  service_field_id: string;
  name: JsonText;
  position: Generated<number>;
}

/** The service fields a unit offers; a unit without rows inherits its parent's offer (all fields at the root). */
export interface UnitServiceFieldsTable {
  unit_id: string;
  service_field_id: string;
}

export interface QuestionnairesTable {
  id: string;
  version: number;
  mode: string;
  /** The whole Questionnaire as JSON; a published version is never edited, a change is a new version. */
  definition: JsonText;
  /** Null while a draft. */
  published_at: IsoTimestamp | null;
}

/** A version being written, before it is published (migration 0022); `text` as the administrator wrote it. */
export interface QuestionnaireDraftsTable {
  questionnaire_id: string;
  version: number;
  text: string;
  /** The draft's title (LocalizedText as JSON) when it names one. */
  title: JsonText | null;
  saved_at: IsoTimestamp;
  saved_by: string;
}

export interface TargetsTable {
  unit_id: string;
  questionnaire_id: string;
  year: number;
  percent: number;
}

export interface KioskSettingsTable {
  unit_id: string;
  /** KioskSettings as JSON, validated with kioskSettingsSchema on write and on read. */
  settings: JsonText;
  updated_at: IsoTimestamp;
}

export interface DevicesTable {
  /** The device's own UUID, so the ledger survives re-enrolment. */
  id: string;
  unit_id: string;
  name: string;
  /** SHA-256 (base64url) of the bearer token; the token itself is never stored. */
  token_hash: string;
  enrolled_at: IsoTimestamp;
  revoked_at: IsoTimestamp | null;
  last_seen_at: IsoTimestamp | null;
  last_batch_at: IsoTimestamp | null;
  last_batch_size: number | null;
  pending_reported: number | null;
  /** Of the last batch or heartbeat; same sign as responses.clock_skew_ms. */
  last_clock_skew_ms: ColumnType<number | null, number | null, number | null>;
  /** 'tablet': an enrolled kiosk; 'dossier-link': the record of a unit's dossier-link ratings (migration 0021). */
  kind: Generated<DeviceKind>;
}

export type DeviceKind = 'tablet' | 'dossier-link';

export interface DeviceLedgersTable {
  device_id: string;
  highest_issued: number;
  received_count: number;
  /** Missing sequence numbers as JSON [[from, to], …], kept in step with every accepted record. */
  missing: JsonText;
  updated_at: IsoTimestamp;
}

export interface EnrolmentCodesTable {
  /** SHA-256 (base64url) of the normalised one-time code. */
  code_hash: string;
  unit_id: string;
  created_at: IsoTimestamp;
  expires_at: IsoTimestamp;
  used_at: IsoTimestamp | null;
  device_id: string | null;
}

/** Append-only: a stored response is never updated (except `flags`, computed later) nor deleted. */
export interface ResponsesTable {
  id: string;
  questionnaire_id: string;
  questionnaire_version: number;
  device_id: string;
  device_sequence: number;
  unit_id: string;
  counter_id: string | null;
  service_field_id: string | null;
  locale: string;
  started_at: IsoTimestamp;
  submitted_at: IsoTimestamp;
  complete: ZeroOrOne;
  answers: JsonText;
  screen_durations_ms: JsonText;
  dossier_code: string | null;
  /** The procedure the answers are about, when the kiosk asked for it (migration 0006). */
  procedure_id: string | null;
  received_at: IsoTimestamp;
  /**
   * Device clock minus server clock when the batch arrived, positive when the tablet is ahead (the sign of
   * clockSkewMs in domain/local-day.ts); corrected_submitted_at = submitted_at − clock_skew_ms.
   */
  clock_skew_ms: number;
  corrected_submitted_at: IsoTimestamp;
  /** 'YYYY-MM-DD' of the corrected submission time in the unit's time zone. */
  local_day: string;
  /** Stuffing flags, comma-separated; '' when none. */
  flags: Generated<string>;
  /** How the answer reached the server (migration 0021; 'kiosk' before it). */
  channel: Generated<ResponseChannel>;
}

export interface AccountsTable {
  id: string;
  /** Lower case, unique. */
  username: string;
  display_name: string;
  /** "scrypt$N$r$p$salt$hash" (base64url): parameters travel with the hash so they can be raised later. */
  password_hash: string;
  role: 'admin' | 'manager' | 'staff';
  /** Root of the subtree the account may read; null only for an admin of the whole tree. */
  unit_id: string | null;
  disabled_at: IsoTimestamp | null;
  failed_logins: Generated<number>;
  locked_until: IsoTimestamp | null;
  created_at: IsoTimestamp;
}

export interface SessionsTable {
  /** SHA-256 (base64url) of the cookie's random token. */
  id: string;
  account_id: string;
  created_at: IsoTimestamp;
  expires_at: IsoTimestamp;
  last_seen_at: IsoTimestamp;
}

/** The themes of one stored response's comments (migration 0014). */
export interface CommentClassificationsTable {
  response_id: string;
  /** The theme ids as ",fees,staff," (no theme: ","), so one LIKE per theme counts them on both databases. */
  themes: string;
  source: 'classifier' | 'manager';
  /** The classifier's version when it set the themes, or when a person corrected them. */
  classifier_version: number;
  /** The account that corrected them (source = manager). */
  corrected_by: string | null;
  corrected_at: IsoTimestamp | null;
}

/** The version of a data job the server last finished (migration 0014). */
export interface FinishedDataJobsTable {
  name: string;
  version: number;
  finished_at: IsoTimestamp;
}

/** One fixed rate-limit window per bucket (a route family and a client key), shared by every server process. */
export interface RateLimitBucketsTable {
  bucket: string;
  /** Epoch milliseconds; PostgreSQL returns its bigint as a string. */
  window_started_ms: ColumnType<number | string, number, number>;
  hits: number;
}

export interface AuditLogTable {
  /** A UUID v7, so ids sort by time without a dialect-specific auto-increment. */
  id: string;
  at: IsoTimestamp;
  actor: string;
  action: string;
  detail: JsonText;
}

export interface FlagThresholdsTable {
  unit_id: string;
  /** FlagThresholds (domain/stuffing-flags.ts) as JSON. */
  thresholds: JsonText;
  updated_at: IsoTimestamp;
}

/**
 * Which report scopes a unit's responses count in: every unit R whose scope (itself, everything below
 * it, everything merged into those) holds the member. Kept in step with the unit tree.
 */
export interface UnitScopeMembersTable {
  member_unit_id: string;
  scope_unit_id: string;
}

/**
 * Every count a report reads, in one shape (migration 0019): a count of one measure under its place,
 * period and dimensions.
 * - place 'unit': a unit's own responses by day, counter and service field (procedure '*'), or by day and
 *   procedure (counter and service field '*').
 * - place 'scope': a totalled scope (a unit with everything below it and merged into it, when that is more
 *   than the unit) by day, month and year for every service field together ('*'), and by month per
 *   service field (counter and procedure '*'). A province over a year reads a few thousand rows instead
 *   of every commune's every day; a unit on its own is read from its place 'unit' rows.
 * '' stands for "none" (no counter, no field), '*' for "all together". Every row is of one channel (migration 0021).
 * Measures: 'tally' (item criterion, detail level), 'respondent' (item element, detail "satisfied/answered":
 * complete responses with that share of the element, counted only for versions whose method asks for
 * respondent-level shares, domain/respondent-shares.ts), 'responses' (item complete 0/1), 'choice' (item
 * question, detail option), 'flag' (item reason; always flagged = 1; a response with two flags counts
 * once under each), 'mark' (item 'comment', 'dossier' or 'theme:<id>': complete responses per mark,
 * domain/response-marks.ts).
 */
export interface CountsTable {
  place: CountPlace;
  unit_id: string;
  questionnaire_id: string;
  granularity: CountGranularity;
  /** 'YYYY' for year rows, 'YYYY-MM' for month rows, 'YYYY-MM-DD' for day rows. */
  period: string;
  service_field_id: string;
  procedure_id: string;
  counter_id: string;
  /** How the counted responses came (migration 0021): 'kiosk' or 'dossier-link'. */
  channel: ResponseChannel;
  questionnaire_version: number;
  flagged: ZeroOrOne;
  measure: CountMeasure;
  item: string;
  detail: string;
  count: number;
}

/** How often a unit's own counts (place 'unit') have changed (migration 0023); no row is revision 0. */
export interface UnitCountRevisionsTable {
  unit_id: string;
  revision: number;
}

export type CountPlace = 'unit' | 'scope';
export type CountGranularity = 'year' | 'month' | 'day';
export type CountMeasure = 'tally' | 'respondent' | 'responses' | 'choice' | 'flag' | 'mark';

export interface Database extends AlertTables, DossierLinkTables {
  units: UnitsTable;
  counters: CountersTable;
  service_fields: ServiceFieldsTable;
  unit_service_fields: UnitServiceFieldsTable;
  questionnaires: QuestionnairesTable;
  questionnaire_drafts: QuestionnaireDraftsTable;
  targets: TargetsTable;
  kiosk_settings: KioskSettingsTable;
  devices: DevicesTable;
  device_ledgers: DeviceLedgersTable;
  enrolment_codes: EnrolmentCodesTable;
  responses: ResponsesTable;
  audit_log: AuditLogTable;
  flag_thresholds: FlagThresholdsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  unit_scope_members: UnitScopeMembersTable;
  counts: CountsTable;
  unit_count_revisions: UnitCountRevisionsTable;
  procedures: ProceduresTable;
  rate_limit_buckets: RateLimitBucketsTable;
  comment_classifications: CommentClassificationsTable;
  finished_data_jobs: FinishedDataJobsTable;
}

export type UnitRow = Selectable<UnitsTable>;
export type DeviceRow = Selectable<DevicesTable>;
export type NewResponseRow = Insertable<ResponsesTable>;
export type CountRow = Insertable<CountsTable>;
export type AccountRow = Selectable<AccountsTable>;

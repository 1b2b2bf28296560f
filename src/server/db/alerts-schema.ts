import type { Selectable } from 'kysely';

/** The alert tables (migrations 0015, 0016), kept apart from schema.ts; `Database` extends them. */

type IsoTimestamp = string;
type JsonText = string;

export interface AlertRulesTable {
  id: string;
  /** null: every unit. Otherwise the unit and everything below it. */
  unit_id: string | null;
  kind: string;
  params: JsonText;
  enabled: 0 | 1;
  created_at: IsoTimestamp;
  updated_at: IsoTimestamp;
  /** "account:username", or "system" for the shipped defaults. */
  updated_by: string;
}

export interface AlertsTable {
  id: string;
  rule_id: string;
  kind: string;
  unit_id: string;
  /** What in the unit the alert is about: a counter or a device id, or '' for the unit itself. */
  subject: string;
  /** rule|unit|subject while the condition holds; null once it cleared. Unique. */
  open_key: string | null;
  opened_at: IsoTimestamp;
  detail: JsonText;
  acknowledged_at: IsoTimestamp | null;
  acknowledged_by: string | null;
  resolved_at: IsoTimestamp | null;
  resolved_by: string | null;
  cleared_at: IsoTimestamp | null;
}

/** When a condition that must last (a ledger gap) was first seen holding. */
export interface AlertWatchesTable {
  rule_id: string;
  unit_id: string;
  subject: string;
  since: IsoTimestamp;
}

/** The outbox of e-mails and webhook calls (alerts and digests). */
export interface AlertDeliveriesTable {
  id: string;
  /** alert:<alert>:<channel>:<account>, digest:<account>:<period>:<channel>: one message per cause. */
  dedupe_key: string;
  channel: 'email' | 'webhook';
  account_id: string | null;
  alert_id: string | null;
  /** The message as sent: { to, subject, text } for e-mail, the JSON body for a webhook. */
  payload: JsonText;
  status: 'pending' | 'sent' | 'dead';
  attempts: number;
  next_attempt_at: IsoTimestamp;
  /** A worker's claim: no other worker takes the row before this time. */
  locked_until: IsoTimestamp | null;
  last_error: string | null;
  created_at: IsoTimestamp;
  sent_at: IsoTimestamp | null;
}

export interface AlertPreferencesTable {
  account_id: string;
  email: string | null;
  /** JSON list of 'email' | 'webhook'. */
  channels: JsonText;
  /** JSON list of rule kinds; null: every kind. */
  rule_kinds: JsonText | null;
  /** Local 'HH:MM' in Asia/Ho_Chi_Minh; both null: no quiet hours. */
  quiet_from: string | null;
  quiet_to: string | null;
  digest_frequency: 'none' | 'daily' | 'weekly' | 'monthly';
  digest_at: string;
  updated_at: IsoTimestamp;
}

export interface AlertTables {
  alert_rules: AlertRulesTable;
  alerts: AlertsTable;
  alert_watches: AlertWatchesTable;
  alert_deliveries: AlertDeliveriesTable;
  alert_preferences: AlertPreferencesTable;
}

export type AlertDeliveryRow = Selectable<AlertDeliveriesTable>;
export type AlertPreferencesRow = Selectable<AlertPreferencesTable>;

export type AlertRuleRow = Selectable<AlertRulesTable>;
export type AlertRow = Selectable<AlertsTable>;

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

export interface AlertTables {
  alert_rules: AlertRulesTable;
  alerts: AlertsTable;
  alert_watches: AlertWatchesTable;
}

export type AlertRuleRow = Selectable<AlertRulesTable>;
export type AlertRow = Selectable<AlertsTable>;

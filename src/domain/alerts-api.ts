import { z } from 'zod';
import { ALERT_RULE_KINDS, alertRuleParamsSchema } from './alert-rules.ts';
import { localDayOf } from './local-day.ts';
import { localizedTextSchema } from './questionnaire.ts';

/** The dashboard's alert API: rules, the inbox, acknowledge and resolve. */

const unitIdSchema = z.string().min(1).max(64);

/** A new rule: null unit (every unit) is for administrators only. */
export const newAlertRuleSchema = z.object({ unitId: unitIdSchema.nullable(), enabled: z.boolean().default(true) }).and(alertRuleParamsSchema);
export type NewAlertRule = z.infer<typeof newAlertRuleSchema>;

export const alertRuleChangeSchema = z.object({ params: z.record(z.string(), z.unknown()).optional(), enabled: z.boolean().optional() }).strict();

export const alertRuleSchema = z.object({
  id: z.string(),
  unitId: z.string().nullable(),
  kind: z.enum(ALERT_RULE_KINDS),
  params: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  /** Whether this account may change or delete it. */
  editable: z.boolean(),
});
export type AlertRule = z.infer<typeof alertRuleSchema>;

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved', 'cleared'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const alertSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  kind: z.enum(ALERT_RULE_KINDS),
  unit: z.object({ id: z.string(), name: localizedTextSchema }),
  /** A counter or a device id, '' for the unit itself. */
  subject: z.string(),
  /** The counter's or the tablet's name; null for the unit itself (or a subject since removed). */
  subjectName: localizedTextSchema.nullable(),
  status: z.enum(ALERT_STATUSES),
  openedAt: z.string(),
  detail: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  acknowledged: z.object({ at: z.string(), by: z.string() }).nullable(),
  resolved: z.object({ at: z.string(), by: z.string() }).nullable(),
  clearedAt: z.string().nullable(),
});
export type Alert = z.infer<typeof alertSchema>;

export const alertListQuerySchema = z.object({ status: z.enum(['open', 'all']).default('open') });

export interface AlertList {
  alerts: Alert[];
  openCount: number;
}

export function statusOfAlert(alert: { resolvedAt: string | null; clearedAt: string | null; acknowledgedAt: string | null }): AlertStatus {
  if (alert.resolvedAt) return 'resolved';
  if (alert.clearedAt) return 'cleared';
  return alert.acknowledgedAt ? 'acknowledged' : 'open';
}

/**
 * The dashboard's report for the case: the unit with its sub-units over the rule's window (the index
 * rule) or the local day the alert opened, so the figures behind the alert are the first thing seen.
 */
export function reportPathOfAlert(alert: { unitId: string; openedAt: string; detail: Record<string, unknown> }, timeZone: string): string {
  const day = localDayOf(alert.openedAt, timeZone);
  const from = typeof alert.detail.from === 'string' ? alert.detail.from : day;
  const to = typeof alert.detail.to === 'string' ? alert.detail.to : day;
  return `/manage?${new URLSearchParams({ unit: alert.unitId, period: 'custom', from, to }).toString()}`;
}

/** A row of the delivery outbox as administrators see it (no address, no secret). */
export const deliveryItemSchema = z.object({
  id: z.string(),
  channel: z.enum(['email', 'webhook']),
  alertId: z.string().nullable(),
  about: z.string(),
  status: z.enum(['pending', 'sent', 'dead']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  nextAttemptAt: z.string(),
  sentAt: z.string().nullable(),
});
export type DeliveryItem = z.infer<typeof deliveryItemSchema>;

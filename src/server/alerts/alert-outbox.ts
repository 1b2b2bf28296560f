import type { Kysely } from 'kysely';
import { afterQuietHours, alertEmail, wantsAlert, DELIVERY_TIME_ZONE } from '../../domain/alert-delivery.ts';
import { ALERT_KIND_NAMES, alertSummary } from '../../domain/alert-messages.ts';
import type { AlertRuleKind } from '../../domain/alert-rules.ts';
import { reportPathOfAlert } from '../../domain/alerts-api.ts';
import { localize } from '../../domain/localize.ts';
import type { LocalizedText } from '../../domain/questionnaire.ts';
import type { AlertRow } from '../db/alerts-schema.ts';
import { subjectNames } from '../db/alerts-repository.ts';
import { enqueueDelivery, recipients, type Recipient } from '../db/deliveries-repository.ts';
import type { Database } from '../db/schema.ts';
import { listUnits, parseLocalizedText } from '../db/units-repository.ts';
import { UnitRowTree } from '../db/unit-row-tree.ts';
import type { OnAlertOpened } from './alert-engine.ts';

export interface OutboxOptions {
  /** PUBLIC_URL: links in messages are absolute; without it they are left out. */
  publicUrl?: string;
  now: () => Date;
}

/** Whether the account reads the unit: administrators every unit, managers their subtree. */
export function recipientReads(recipient: Pick<Recipient, 'role' | 'unitId'>, tree: UnitRowTree, unitId: string): boolean {
  if (recipient.role === 'admin') return true;
  return recipient.role === 'manager' && recipient.unitId !== null && tree.contains(recipient.unitId, unitId);
}

/**
 * Writes the alert's messages into the outbox, in the transaction that opens the alert: one per account
 * that reads the unit, wants the kind and chose the channel; held until the end of its quiet hours.
 */
export function alertOutboxWriter(options: OutboxOptions): OnAlertOpened {
  return async (trx, alert) => {
    const accounts = await recipients(trx);
    if (accounts.length === 0) return;
    const tree = new UnitRowTree(await listUnits(trx));
    const unit = tree.get(alert.unit_id);
    const unitName: LocalizedText = unit ? parseLocalizedText(unit.name) : { vi: alert.unit_id };
    const subjectName = await subjectNameOf(trx, alert.subject);
    const kind = alert.kind as AlertRuleKind;
    const detail = JSON.parse(alert.detail) as Record<string, number | string | null>;
    const reportUrl = options.publicUrl
      ? new URL(
          reportPathOfAlert({ unitId: alert.unit_id, openedAt: alert.opened_at, detail }, unit?.time_zone ?? DELIVERY_TIME_ZONE),
          options.publicUrl,
        ).toString()
      : null;
    const now = options.now();
    for (const account of accounts) {
      if (!recipientReads(account, tree, alert.unit_id) || !wantsAlert(account.preferences, kind)) continue;
      const notBefore = afterQuietHours(now, account.preferences.quietHours);
      for (const channel of account.preferences.channels) {
        const payload =
          channel === 'email'
            ? {
                to: account.preferences.email,
                ...alertEmail({
                  kind,
                  detail,
                  unitName: localize(unitName, 'vi'),
                  subjectName: localize(subjectName, 'vi'),
                  openedAt: alert.opened_at,
                  reportUrl,
                  recipientName: account.displayName,
                }),
              }
            : webhookAlertBody(alert, { kind, detail, unitName, subjectName, reportUrl, account });
        await enqueueDelivery(trx, {
          dedupeKey: `alert:${alert.id}:${channel}:${account.accountId}`,
          channel,
          accountId: account.accountId,
          alertId: alert.id,
          payload,
          notBefore,
          at: now,
        });
      }
    }
  };
}

async function subjectNameOf(db: Kysely<Database>, subject: string): Promise<LocalizedText> {
  const named = (await subjectNames(db, [subject])).get(subject);
  if (named === undefined) return { vi: subject };
  return 'counter' in named ? parseLocalizedText(named.counter) : { vi: named.device };
}

function webhookAlertBody(
  alert: AlertRow,
  facts: {
    kind: AlertRuleKind;
    detail: Record<string, number | string | null>;
    unitName: LocalizedText;
    subjectName: LocalizedText;
    reportUrl: string | null;
    account: Recipient;
  },
) {
  const summary = (locale: 'vi' | 'en') =>
    alertSummary({ kind: facts.kind, detail: facts.detail, subjectName: localize(facts.subjectName, locale) }, locale);
  return {
    type: 'alert.opened',
    alert: {
      id: alert.id,
      ruleId: alert.rule_id,
      kind: facts.kind,
      kindName: ALERT_KIND_NAMES[facts.kind],
      unit: { id: alert.unit_id, name: facts.unitName },
      subject: alert.subject,
      subjectName: facts.subjectName,
      openedAt: alert.opened_at,
      detail: facts.detail,
      summary: { vi: summary('vi'), en: summary('en') },
      reportUrl: facts.reportUrl,
    },
    recipient: { username: facts.account.username, displayName: facts.account.displayName },
  };
}

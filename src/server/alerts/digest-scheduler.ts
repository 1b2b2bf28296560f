import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { alertSummary } from '../../domain/alert-messages.ts';
import type { AlertRuleKind } from '../../domain/alert-rules.ts';
import { shiftPeriod } from '../../domain/calendar.ts';
import { digestEmail, dueDigestRun, type DigestContent, type DigestRun } from '../../domain/digest.ts';
import { localize } from '../../domain/localize.ts';
import { listAlerts, subjectNames } from '../db/alerts-repository.ts';
import { enqueueDelivery, recipients, type Recipient } from '../db/deliveries-repository.ts';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import type { Database, UnitRow } from '../db/schema.ts';
import { listUnits, parseLocalizedText } from '../db/units-repository.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { UnitRowTree } from '../db/unit-row-tree.ts';
import { unitIndexOver, type QuestionnaireCache } from './alert-figures.ts';
import { PeriodicPasses } from './periodic-passes.ts';
import { draftDigestReport, registerDraftedReports, ReportNumberTaken, type DraftedReport } from './digest-report.ts';

export interface DigestSchedulerOptions {
  db: Kysely<Database>;
  catalog: QuestionnaireCatalog;
  now: () => Date;
  publicUrl?: string;
  log?: Pick<FastifyBaseLogger, 'error'>;
}

/** Tries at rendering a monthly digest's reports when downloads keep taking their numbers. */
const REPORT_DRAFT_TRIES = 3;

/**
 * Puts each account's digest into the delivery outbox once per run (daily, weekly, monthly at the
 * account's local time). The outbox's unique key (account, frequency, run day, channel) makes it once
 * however often the check runs, across restarts and across processes sharing the database.
 */
export class DigestScheduler extends PeriodicPasses<number> {
  constructor(private readonly options: DigestSchedulerOptions) {
    super({ message: 'digest check failed', log: options.log });
  }

  /** Returns how many outbox rows this pass wrote. */
  protected async pass(): Promise<number> {
    const { db } = this.options;
    const now = this.options.now();
    let written = 0;
    let tree: UnitRowTree | null = null;
    for (const account of await recipients(db)) {
      const { digest, channels } = account.preferences;
      const run = dueDigestRun(now, digest.frequency, digest.at);
      if (run === null || channels.length === 0 || digest.frequency === 'none') continue;
      const keys = channels.map((channel) => ({ channel, key: `digest:${account.accountId}:${digest.frequency}:${run.runDay}:${channel}` }));
      const existing = await db
        .selectFrom('alert_deliveries')
        .select('dedupe_key')
        .where(
          'dedupe_key',
          'in',
          keys.map((entry) => entry.key),
        )
        .execute();
      const missing = keys.filter((entry) => !existing.some((row) => row.dedupe_key === entry.key));
      if (missing.length === 0) continue;
      tree ??= new UnitRowTree(await listUnits(db));
      const content = await this.contentOf(tree, account, digest.frequency, run);
      const withReports = digest.frequency === 'monthly' && missing.some((entry) => entry.channel === 'email');
      for (let attempt = 1; ; attempt++) {
        const drafts = withReports ? await this.draftReports(tree, account, run, now) : [];
        try {
          written += await inWriteTransaction(db, async (trx) => {
            let count = 0;
            for (const { channel, key } of missing) {
              const attachments = channel === 'email' ? drafts.map((draft) => draft.attachment) : [];
              const payload =
                channel === 'email'
                  ? { to: account.preferences.email, ...digestEmail(content, attachments), ...(attachments.length > 0 ? { attachments } : {}) }
                  : {
                      type: 'digest',
                      digest: { ...content, recipientName: undefined },
                      recipient: { username: account.username, displayName: account.displayName },
                    };
              const queued = await enqueueDelivery(trx, {
                dedupeKey: key,
                channel,
                accountId: account.accountId,
                alertId: null,
                payload,
                notBefore: now,
                at: now,
              });
              // Numbered and audited only with the mail that carries them: a process that lost the race registers nothing.
              if (queued && attachments.length > 0) await registerDraftedReports(trx, drafts);
              if (queued) count += 1;
            }
            return count;
          });
          break;
        } catch (error) {
          if (!(error instanceof ReportNumberTaken) || attempt >= REPORT_DRAFT_TRIES) throw error;
        }
      }
    }
    return written;
  }

  /** The official report of each scope root for the month just ended; none (and the digest goes without) when rendering fails. */
  private async draftReports(tree: UnitRowTree, account: Recipient, run: DigestRun, now: Date): Promise<DraftedReport[]> {
    const { db, catalog } = this.options;
    try {
      const drafts = [];
      for (const unit of this.scopeRootsOf(tree, account))
        drafts.push(await draftDigestReport({ db, catalog, tree }, unit, run.period, { at: now, accountId: account.accountId, runDay: run.runDay }));
      return drafts;
    } catch (error) {
      this.options.log?.error({ err: error, accountId: account.accountId }, 'the monthly report for a digest could not be rendered');
      return [];
    }
  }

  private scopeRootsOf(tree: UnitRowTree, account: Recipient): UnitRow[] {
    return account.role === 'admin'
      ? tree.roots().filter((unit) => unit.merged_into_id === null)
      : [tree.get(account.unitId ?? '')].filter((unit): unit is UnitRow => unit !== undefined);
  }

  private async contentOf(tree: UnitRowTree, account: Recipient, frequency: DigestContent['frequency'], run: DigestRun): Promise<DigestContent> {
    const { db, catalog } = this.options;
    const scopeRoots = this.scopeRootsOf(tree, account);
    const previous = shiftPeriod(run.period, -1);
    const questionnaires: QuestionnaireCache = new Map();
    const units = [];
    for (const unit of scopeRoots) {
      const current = await unitIndexOver({ db, catalog, tree }, unit, run.period, questionnaires);
      const before = await unitIndexOver({ db, catalog, tree }, unit, previous, questionnaires);
      units.push({
        unitName: localize(parseLocalizedText(unit.name), 'vi'),
        index: current?.index ?? null,
        previousIndex: before?.index ?? null,
        n: current?.n ?? 0,
        target: current?.target ?? before?.target ?? 85,
      });
    }
    const readable = account.role === 'admin' ? 'all' : scopeRoots.flatMap((unit) => tree.scopeOf(unit.id, true));
    const open = await listAlerts(db, { unitIds: readable, status: 'open', limit: 20 });
    const names = await subjectNames(
      db,
      open.map((alert) => alert.subject),
    );
    const openAlerts = open.map((alert) => {
      const named = names.get(alert.subject);
      const subjectName = named === undefined ? alert.subject : 'counter' in named ? localize(parseLocalizedText(named.counter), 'vi') : named.device;
      const unit = tree.get(alert.unit_id);
      const unitName = unit ? localize(parseLocalizedText(unit.name), 'vi') : alert.unit_id;
      return `${unitName}: ${alertSummary({ kind: alert.kind as AlertRuleKind, detail: JSON.parse(alert.detail) as Record<string, number | string | null>, subjectName }, 'vi')}`;
    });
    const first = scopeRoots[0];
    const reportUrl =
      this.options.publicUrl && first
        ? new URL(
            `/manage?${new URLSearchParams({ unit: first.id, period: run.period.kind, from: run.period.from, to: run.period.to }).toString()}`,
            this.options.publicUrl,
          ).toString()
        : null;
    return { frequency, period: run.period, recipientName: account.displayName, units, openAlerts, reportUrl };
  }
}

import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { alertRuleParamsSchema, alertTransition } from '../../domain/alert-rules.ts';
import type { AlertRow, AlertRuleRow } from '../db/alerts-schema.ts';
import { clearAlert, listAlertRules, openAlert, uncleared } from '../db/alerts-repository.ts';
import { appendAudit } from '../db/audit-repository.ts';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import type { Database, UnitRow } from '../db/schema.ts';
import { listUnits } from '../db/units-repository.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { UnitRowTree } from '../db/unit-row-tree.ts';
import { findingsOf } from './alert-figures.ts';
import { WindowSums } from './window-sums.ts';

/** Called in the transaction that opens an alert, so what it writes (the delivery outbox) commits with the alert or not at all. */
export type OnAlertOpened = (trx: Kysely<Database>, alert: AlertRow, rule: AlertRuleRow) => Promise<void>;

export interface AlertEngineOptions {
  db: Kysely<Database>;
  catalog: QuestionnaireCatalog;
  now: () => Date;
  log?: Pick<FastifyBaseLogger, 'error'>;
  onOpened?: OnAlertOpened;
  /** How long batches gather before the evaluation they ask for (default AFTER_BATCH_DELAY_MS). */
  afterBatchDelayMs?: number;
}

export const AFTER_BATCH_DELAY_MS = 1_000;

export interface EvaluationOutcome {
  opened: number;
  cleared: number;
}

/**
 * Evaluates the enabled rules and keeps one alert per rule and subject open while its condition holds.
 * Runs after committed sync batches (for their units and the units above them) and on a timer
 * (everything), one evaluation at a time per process; several processes agree through the unique open key.
 * An evaluation never fails a caller: its errors are logged.
 */
export class AlertEngine {
  private running: Promise<void> = Promise.resolve();
  private pendingUnits: Set<string> | null = null;
  private pendingTimer: NodeJS.Timeout | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Units' sums over the index rules' windows, kept from one evaluation to the next. */
  private readonly windowSums = new WindowSums();

  constructor(private readonly options: AlertEngineOptions) {}

  /**
   * After a committed batch: never awaited by the sync route. The evaluation starts `afterBatchDelayMs`
   * after the first batch that asks for it, for the units of every batch committed meanwhile, so a tablet
   * draining hundreds of batches, or many tablets at once, cost one evaluation a second rather than one per
   * batch, and an alert is at most that much later.
   */
  afterBatch(unitId: string): void {
    if (this.pendingUnits) {
      this.pendingUnits.add(unitId);
      return;
    }
    this.pendingUnits = new Set([unitId]);
    this.pendingTimer = setTimeout(() => this.startPending(), this.options.afterBatchDelayMs ?? AFTER_BATCH_DELAY_MS);
    this.pendingTimer.unref();
  }

  private startPending(): void {
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = null;
    const units = this.pendingUnits;
    this.pendingUnits = null;
    if (units) void this.enqueue(() => this.evaluate({ aroundUnits: [...units] }).then(() => undefined));
  }

  /** Every rule over every unit, queued behind any running evaluation. */
  evaluateAll(): Promise<void> {
    return this.enqueue(() => this.evaluate({}).then(() => undefined));
  }

  /** Starts what batches asked for without waiting for the delay, and resolves when every queued evaluation has finished (tests, shutdown). */
  async idle(): Promise<void> {
    this.startPending();
    let seen: Promise<void> | undefined;
    while (seen !== this.running) {
      seen = this.running;
      await seen;
    }
  }

  startTimer(intervalMs: number): void {
    this.stopTimer();
    this.timer = setInterval(() => void this.evaluateAll(), intervalMs);
    this.timer.unref();
  }

  stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.running = this.running.then(() =>
      new Promise<void>((resolve) => setImmediate(resolve)).then(work).catch((error: unknown) => {
        this.options.log?.error({ err: error }, 'alert evaluation failed');
      }),
    );
    return this.running;
  }

  /** `aroundUnits`: only those units and the units above them (whose scope holds them). */
  async evaluate(scope: { aroundUnits?: readonly string[] }): Promise<EvaluationOutcome> {
    const { db, catalog } = this.options;
    const now = this.options.now();
    const tree = new UnitRowTree(await listUnits(db));
    const limitTo = scope.aroundUnits ? new Set(scope.aroundUnits.flatMap((id) => tree.ancestry(id).map((unit) => unit.id))) : null;
    const outcome: EvaluationOutcome = { opened: 0, cleared: 0 };
    for (const rule of await listAlertRules(db, { enabledOnly: true })) {
      const parsed = alertRuleParamsSchema.safeParse({ kind: rule.kind, params: JSON.parse(rule.params) as unknown });
      if (!parsed.success) continue;
      const reach = reachOf(tree, rule.unit_id).filter((unit) => limitTo === null || limitTo.has(unit.id));
      if (reach.length === 0) continue;
      const findings = await findingsOf({ db, catalog, tree, now, windowSums: this.windowSums }, rule.id, parsed.data, reach);
      const reachIds = new Set(reach.map((unit) => unit.id));
      const open = new Map((await uncleared(db, rule.id)).map((alert) => [`${alert.unit_id}|${alert.subject}`, alert]));
      for (const [key, { unitId, subject, finding }] of findings) {
        if (alertTransition(open.has(key), finding) !== 'open' || !finding.firing) continue;
        const opened = await inWriteTransaction(db, async (trx) => {
          const alert = await openAlert(trx, { ruleId: rule.id, kind: rule.kind, unitId, subject, at: now, detail: finding.detail });
          if (!alert) return false;
          await appendAudit(trx, {
            at: now,
            actor: 'system',
            action: 'alert.opened',
            detail: { alertId: alert.id, ruleId: rule.id, unitId, subject },
          });
          await this.options.onOpened?.(trx, alert, rule);
          return true;
        });
        if (opened) outcome.opened += 1;
      }
      // An open alert clears when its condition no longer holds, or its subject is gone (no answers at the counter, a revoked tablet).
      for (const [key, alert] of open) {
        if (!reachIds.has(alert.unit_id) || findings.get(key)?.finding.firing) continue;
        await inWriteTransaction(db, async (trx) => {
          await clearAlert(trx, alert.id, now);
          await appendAudit(trx, {
            at: now,
            actor: 'system',
            action: 'alert.cleared',
            detail: { alertId: alert.id, ruleId: rule.id, unitId: alert.unit_id },
          });
        });
        outcome.cleared += 1;
      }
    }
    return outcome;
  }
}

/** The units a rule watches: every active unit, or its unit and everything below it. */
function reachOf(tree: UnitRowTree, unitId: string | null): UnitRow[] {
  if (unitId === null) return tree.rows.filter((unit) => unit.merged_into_id === null);
  if (!tree.get(unitId)) return [];
  const scope = new Set(tree.scopeOf(unitId, true));
  return tree.rows.filter((unit) => unit.merged_into_id === null && scope.has(unit.id));
}

import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { alertRuleParamsSchema, type AlertRuleKind } from '../../domain/alert-rules.ts';
import {
  alertListQuerySchema,
  alertRuleChangeSchema,
  newAlertRuleSchema,
  statusOfAlert,
  type Alert,
  type AlertList,
  type AlertRule,
  type NewAlertRule,
} from '../../domain/alerts-api.ts';
import { readableUnits, requireReadable, signedInAs, viewerOf, type Viewer } from '../auth/access.ts';
import type { AlertRow, AlertRuleRow } from '../db/alerts-schema.ts';
import {
  acknowledgeAlert,
  countOpenAlerts,
  deleteAlertRule,
  findAlert,
  findAlertRule,
  insertAlertRule,
  listAlertRules,
  listAlerts,
  resolveAlert,
  subjectNames,
  updateAlertRule,
} from '../db/alerts-repository.ts';
import { appendAudit } from '../db/audit-repository.ts';
import type { Database } from '../db/schema.ts';
import { parseLocalizedText } from '../db/units-repository.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { parseOrFail, refuseInvalidPart } from '../http/api-failure.ts';
import { actorOf } from './reports.ts';
import { Forbidden, NotFound } from '../errors.ts';

export interface AlertRoutesOptions {
  db: Kysely<Database>;
  now: () => Date;
}

const idParams = z.object({ id: z.string().min(1).max(64) });
type IdParams = z.infer<typeof idParams>;

/** Alert rules (administrators: any unit or all; managers: their subtree) and the inbox of alerts. */
export const alertRoutes: FastifyPluginAsync<AlertRoutesOptions> = async (app, options) => {
  app.addHook('onRequest', signedInAs(options.db, options.now, ['admin', 'manager'], 'Alerts are for administrators and managers.'));
  await app.register(alertRuleRoutes, options);
  await app.register(alertInboxRoutes, options);
};

const alertRuleRoutes: FastifyPluginAsync<AlertRoutesOptions> = async (app, { db, now }) => {
  app.get('/api/v1/alert-rules', async (request) => {
    const viewer = viewerOf(request);
    const readable = readableUnits(viewer.account, viewer.tree);
    const rules = (await listAlertRules(db)).filter((rule) => rule.unit_id === null || readable === 'all' || readable.has(rule.unit_id));
    return { rules: rules.map((rule) => ruleReply(rule, mayEdit(viewer, rule.unit_id))) };
  });

  app.post<{ Body: NewAlertRule }>('/api/v1/alert-rules', { schema: { body: newAlertRuleSchema } }, async (request, reply) => {
    const viewer = viewerOf(request);
    const input = request.body;
    requireEditable(viewer, input.unitId);
    const at = now().toISOString();
    const rule: AlertRuleRow = {
      id: uuidv7(),
      unit_id: input.unitId,
      kind: input.kind,
      params: JSON.stringify(input.params),
      enabled: input.enabled ? 1 : 0,
      created_at: at,
      updated_at: at,
      updated_by: actorOf(viewer),
    };
    await inWriteTransaction(db, async (trx) => {
      await insertAlertRule(trx, rule);
      await appendAudit(trx, {
        at: now(),
        actor: actorOf(viewer),
        action: 'alert-rule.created',
        detail: { ruleId: rule.id, unitId: rule.unit_id, kind: rule.kind, params: input.params },
      });
    });
    return reply.code(201).send(ruleReply(rule, true));
  });

  // attachValidation: a refused body answers 400 only after the rule's 404 and 403, where the handler raises it.
  const ruleChange = { schema: { params: idParams, body: alertRuleChangeSchema }, attachValidation: true };
  app.put<{ Params: IdParams; Body: z.infer<typeof alertRuleChangeSchema> }>('/api/v1/alert-rules/:id', ruleChange, async (request) => {
    refuseInvalidPart(request, 'params');
    const viewer = viewerOf(request);
    const rule = await ruleOrFail(db, request.params.id);
    requireEditable(viewer, rule.unit_id);
    refuseInvalidPart(request, 'body');
    const change = request.body;
    const params = change.params === undefined ? (JSON.parse(rule.params) as unknown) : change.params;
    const checked = parseOrFail(alertRuleParamsSchema, { kind: rule.kind, params });
    const updated: AlertRuleRow = {
      ...rule,
      params: JSON.stringify(checked.params),
      enabled: change.enabled === undefined ? rule.enabled : change.enabled ? 1 : 0,
      updated_at: now().toISOString(),
      updated_by: actorOf(viewer),
    };
    await inWriteTransaction(db, async (trx) => {
      await updateAlertRule(trx, rule.id, updated);
      await appendAudit(trx, {
        at: now(),
        actor: actorOf(viewer),
        action: 'alert-rule.changed',
        detail: { ruleId: rule.id, params: checked.params, enabled: updated.enabled === 1 },
      });
    });
    return ruleReply(updated, true);
  });

  app.delete<{ Params: IdParams }>('/api/v1/alert-rules/:id', { schema: { params: idParams } }, async (request, reply) => {
    const viewer = viewerOf(request);
    const rule = await ruleOrFail(db, request.params.id);
    requireEditable(viewer, rule.unit_id);
    await inWriteTransaction(db, async (trx) => {
      await deleteAlertRule(trx, rule.id);
      await appendAudit(trx, {
        at: now(),
        actor: actorOf(viewer),
        action: 'alert-rule.deleted',
        detail: { ruleId: rule.id, unitId: rule.unit_id, kind: rule.kind },
      });
    });
    return reply.code(204).send();
  });
};

const alertInboxRoutes: FastifyPluginAsync<AlertRoutesOptions> = async (app, { db, now }) => {
  app.get<{ Querystring: z.infer<typeof alertListQuerySchema> }>(
    '/api/v1/alerts',
    { schema: { querystring: alertListQuerySchema } },
    async (request): Promise<AlertList> => {
      const viewer = viewerOf(request);
      const { status } = request.query;
      const units = unitsOf(viewer);
      const rows = await listAlerts(db, { unitIds: units, status, limit: 500 });
      const names = await subjectNames(
        db,
        rows.map((row) => row.subject),
      );
      return { alerts: rows.map((row) => alertReply(viewer, row, names)), openCount: await countOpenAlerts(db, units) };
    },
  );

  app.get('/api/v1/alerts/open-count', async (request) => {
    const viewer = viewerOf(request);
    return { openCount: await countOpenAlerts(db, unitsOf(viewer)) };
  });

  for (const action of ['acknowledge', 'resolve'] as const) {
    app.post<{ Params: IdParams }>(`/api/v1/alerts/:id/${action}`, { schema: { params: idParams } }, async (request) => {
      const viewer = viewerOf(request);
      const { id } = request.params;
      const alert = await findAlert(db, id);
      if (!alert) throw new NotFound(`There is no alert "${id}".`);
      requireReadable(viewer, alert.unit_id);
      const at = now();
      await inWriteTransaction(db, async (trx) => {
        if (action === 'acknowledge') await acknowledgeAlert(trx, id, actorOf(viewer), at);
        else await resolveAlert(trx, id, actorOf(viewer), at);
        await appendAudit(trx, {
          at,
          actor: actorOf(viewer),
          action: `alert.${action === 'acknowledge' ? 'acknowledged' : 'resolved'}`,
          detail: { alertId: id, unitId: alert.unit_id },
        });
      });
      return alertReply(viewer, (await findAlert(db, id))!, await subjectNames(db, [alert.subject]));
    });
  }
};

async function ruleOrFail(db: Kysely<Database>, id: string): Promise<AlertRuleRow> {
  const rule = await findAlertRule(db, id);
  if (!rule) throw new NotFound(`There is no alert rule "${id}".`);
  return rule;
}

function requireEditable(viewer: Viewer, unitId: string | null): void {
  if (unitId !== null && !viewer.tree.get(unitId)) throw new NotFound(`There is no unit "${unitId}".`, { field: 'unitId' });
  if (!mayEdit(viewer, unitId)) throw new Forbidden('This rule is outside the units your account may manage.', { field: 'unitId' });
}

/** Administrators: every rule. Managers: rules on a unit of their subtree (not the rules for every unit). */
function mayEdit(viewer: Viewer, unitId: string | null): boolean {
  if (viewer.account.role === 'admin') return true;
  return (
    viewer.account.role === 'manager' && unitId !== null && viewer.account.unit_id !== null && viewer.tree.contains(viewer.account.unit_id, unitId)
  );
}

function unitsOf(viewer: Viewer): 'all' | string[] {
  const readable = readableUnits(viewer.account, viewer.tree);
  return readable === 'all' ? 'all' : [...readable];
}

function ruleReply(rule: AlertRuleRow, editable: boolean): AlertRule {
  return {
    id: rule.id,
    unitId: rule.unit_id,
    kind: rule.kind as AlertRuleKind,
    params: JSON.parse(rule.params) as Record<string, unknown>,
    enabled: rule.enabled === 1,
    updatedAt: rule.updated_at,
    updatedBy: rule.updated_by,
    editable,
  };
}

function alertReply(viewer: Viewer, row: AlertRow, names: Awaited<ReturnType<typeof subjectNames>>): Alert {
  const unit = viewer.tree.get(row.unit_id);
  const named = names.get(row.subject);
  return {
    id: row.id,
    ruleId: row.rule_id,
    kind: row.kind as AlertRuleKind,
    unit: { id: row.unit_id, name: unit ? parseLocalizedText(unit.name) : { vi: row.unit_id } },
    subject: row.subject,
    subjectName: named === undefined ? null : 'counter' in named ? parseLocalizedText(named.counter) : { vi: named.device },
    status: statusOfAlert({ resolvedAt: row.resolved_at, clearedAt: row.cleared_at, acknowledgedAt: row.acknowledged_at }),
    openedAt: row.opened_at,
    detail: JSON.parse(row.detail) as Alert['detail'],
    acknowledged: row.acknowledged_at ? { at: row.acknowledged_at, by: row.acknowledged_by ?? '' } : null,
    resolved: row.resolved_at ? { at: row.resolved_at, by: row.resolved_by ?? '' } : null,
    clearedAt: row.cleared_at,
  };
}

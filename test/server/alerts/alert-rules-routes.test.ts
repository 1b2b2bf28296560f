import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, AlertList, AlertRule } from '../../../src/domain/alerts-api.ts';
import { allCriteria } from '../../../src/domain/questionnaire.ts';
import type { SurveyResponse } from '../../../src/domain/response.ts';
import { buildApp } from '../../../src/server/app.ts';
import {
  batchOf,
  CENTRE_ID,
  COUNTER_IDS,
  enrolNewDevice,
  OTHER_CENTRE_ID,
  PROVINCE_ID,
  seedTestUnits,
  SIPAS_V1,
  sipasResponse,
  syncBatch,
  type EnrolledDevice,
} from '../fixtures.ts';
import { asSignedIn, seedAccounts, signIn, ACCOUNTS } from '../manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from '../test-databases.ts';

const MINUTE = 60_000;

/** A response at counter 1 with every criterion at `level` (1: dissatisfied, 5: satisfied). */
function rated(device: EnrolledDevice, sequence: number, level: number, at: Date): SurveyResponse {
  const answers: SurveyResponse['answers'] = {};
  for (const criterion of allCriteria(SIPAS_V1)) answers[criterion.id] = level;
  return { ...sipasResponse(device, sequence, { submittedAt: at.toISOString() }), counterId: COUNTER_IDS[0], answers };
}

describe.each(databasesUnderTest)('alerts on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let clock = new Date(Math.floor(Date.now() / MINUTE) * MINUTE);
  const cookies: Record<string, string> = {};
  let device: EnrolledDevice;
  let sequence = 0;

  async function send(levels: number[]): Promise<void> {
    const responses = levels.map((level, i) => rated(device, ++sequence, level, new Date(clock.getTime() - (levels.length - i) * 20_000)));
    await syncBatch(app, device.token, batchOf(responses, { deviceTime: clock.toISOString() }));
    await app.alerts.idle();
  }

  async function inbox(account: keyof typeof ACCOUNTS, status: 'open' | 'all' = 'open'): Promise<AlertList> {
    let reply = await asSignedIn(app, cookies[account]!, { method: 'GET', url: `/api/v1/alerts?status=${status}` });
    if (reply.statusCode === 401) {
      // Days passed on the test's clock: the session expired.
      cookies[account] = await signIn(app, ACCOUNTS[account].username);
      reply = await asSignedIn(app, cookies[account]!, { method: 'GET', url: `/api/v1/alerts?status=${status}` });
    }
    expect(reply.statusCode).toBe(200);
    return reply.json<AlertList>();
  }

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    app = buildApp({ db: opened.db, staticDir: null, now: () => clock });
    for (const name of ['admin', 'manager', 'otherManager', 'staff'] as const) cookies[name] = await signIn(app, ACCOUNTS[name].username);
    device = await enrolNewDevice(app, opened.db, CENTRE_ID);
  });

  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it('a new deployment watches with the default rules switched on', async () => {
    const reply = await asSignedIn(app, cookies.admin!, { method: 'GET', url: '/api/v1/alert-rules' });
    const rules = reply.json<{ rules: AlertRule[] }>().rules;
    expect(rules.map((rule) => rule.kind).sort()).toEqual([
      'device-silent',
      'dissatisfaction-burst',
      'index-below-target',
      'ledger-gap',
      'stuffing-flags',
    ]);
    expect(rules.every((rule) => rule.enabled && rule.unitId === null && rule.editable)).toBe(true);
    const managerRules = (await asSignedIn(app, cookies.manager!, { method: 'GET', url: '/api/v1/alert-rules' })).json<{ rules: AlertRule[] }>()
      .rules;
    expect(managerRules.every((rule) => !rule.editable)).toBe(true);
  });

  it('a burst of dissatisfaction at a counter opens one alert, however long it lasts, and clears after', async () => {
    await send([1, 1, 5]);
    expect((await inbox('manager')).openCount).toBe(0);
    await send([1]); // 4 answers, 3 dissatisfied within 15 minutes
    let list = await inbox('manager');
    expect(list.openCount).toBe(1);
    const burst = list.alerts[0]!;
    expect(burst).toMatchObject({ kind: 'dissatisfaction-burst', subject: COUNTER_IDS[0], status: 'open', unit: { id: CENTRE_ID } });
    expect(burst.detail).toMatchObject({ answers: 4, dissatisfied: 3 });
    clock = new Date(clock.getTime() + 2 * MINUTE);
    await send([1, 1]);
    await app.alerts.evaluateAll();
    list = await inbox('manager');
    expect(list.alerts.filter((alert) => alert.kind === 'dissatisfaction-burst')).toHaveLength(1);
    // Another centre's manager sees nothing of it.
    expect((await inbox('otherManager')).openCount).toBe(0);
    clock = new Date(clock.getTime() + 20 * MINUTE);
    await app.alerts.evaluateAll();
    const all = await inbox('manager', 'all');
    expect(all.openCount).toBe(0);
    expect(all.alerts.find((alert) => alert.id === burst.id)).toMatchObject({ status: 'cleared', clearedAt: clock.toISOString() });
    const audit = await opened.db.selectFrom('audit_log').select('action').where('action', 'like', 'alert.%').execute();
    expect(audit.map((row) => row.action).sort()).toEqual(['alert.cleared', 'alert.opened']);
  });

  it('acknowledge and resolve say who and when, are audited and need the CSRF header', async () => {
    await send([1, 1, 1, 1]);
    const alert = (await inbox('manager')).alerts[0]!;
    const noCsrf = await app.inject({ method: 'POST', url: `/api/v1/alerts/${alert.id}/acknowledge`, headers: { cookie: cookies.manager! } });
    expect(noCsrf.statusCode).toBe(403);
    expect((await asSignedIn(app, cookies.otherManager!, { method: 'POST', url: `/api/v1/alerts/${alert.id}/acknowledge` })).statusCode).toBe(403);
    expect((await asSignedIn(app, cookies.staff!, { method: 'GET', url: '/api/v1/alerts' })).statusCode).toBe(403);
    const acknowledged = await asSignedIn(app, cookies.manager!, { method: 'POST', url: `/api/v1/alerts/${alert.id}/acknowledge` });
    expect(acknowledged.json<Alert>()).toMatchObject({
      status: 'acknowledged',
      acknowledged: { at: clock.toISOString(), by: `account:${ACCOUNTS.manager.username}` },
    });
    const resolved = await asSignedIn(app, cookies.admin!, { method: 'POST', url: `/api/v1/alerts/${alert.id}/resolve` });
    expect(resolved.json<Alert>()).toMatchObject({ status: 'resolved', resolved: { by: `account:${ACCOUNTS.admin.username}` } });
    // Resolved while the burst still holds: no new alert until the condition clears.
    await send([1]);
    expect((await inbox('admin')).openCount).toBe(0);
    const audit = await opened.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('action', 'in', ['alert.acknowledged', 'alert.resolved'])
      .execute();
    expect(audit).toHaveLength(2);
    clock = new Date(clock.getTime() + 30 * MINUTE);
    await app.alerts.evaluateAll();
  });

  it('managers keep rules within their subtree; thresholds and units are checked', async () => {
    const rule = { unitId: CENTRE_ID, kind: 'index-below-target', params: { windowDays: 7, minimumN: 3, targetPercent: 90 } };
    expect(
      (await asSignedIn(app, cookies.manager!, { method: 'POST', url: '/api/v1/alert-rules', payload: { ...rule, unitId: OTHER_CENTRE_ID } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await asSignedIn(app, cookies.manager!, { method: 'POST', url: '/api/v1/alert-rules', payload: { ...rule, unitId: null } })).statusCode,
    ).toBe(403);
    expect(
      (await asSignedIn(app, cookies.manager!, { method: 'POST', url: '/api/v1/alert-rules', payload: { ...rule, unitId: PROVINCE_ID } })).statusCode,
    ).toBe(403);
    expect(
      (await asSignedIn(app, cookies.admin!, { method: 'POST', url: '/api/v1/alert-rules', payload: { ...rule, unitId: 'nowhere' } })).statusCode,
    ).toBe(404);
    const outOfRange = await asSignedIn(app, cookies.manager!, {
      method: 'POST',
      url: '/api/v1/alert-rules',
      payload: { ...rule, params: { ...rule.params, targetPercent: 140 } },
    });
    expect(outOfRange.statusCode).toBe(400);
    expect(
      (await asSignedIn(app, cookies.manager!, { method: 'PUT', url: '/api/v1/alert-rules/default-device-silent', payload: { enabled: false } }))
        .statusCode,
    ).toBe(403);
    // The rule's 404 and 403 come before the body's 400.
    const change = (url: string, payload: object) => asSignedIn(app, cookies.manager!, { method: 'PUT', url, payload });
    expect((await change('/api/v1/alert-rules/default-device-silent', { enabled: 'no' })).statusCode).toBe(403);
    expect((await change('/api/v1/alert-rules/nowhere', { enabled: 'no' })).statusCode).toBe(404);
    expect((await change(`/api/v1/alert-rules/${'x'.repeat(65)}`, { enabled: 'no' })).json()).toMatchObject({ error: { field: 'id' } });
    const created = await asSignedIn(app, cookies.manager!, { method: 'POST', url: '/api/v1/alert-rules', payload: rule });
    expect(created.statusCode).toBe(201);
    const id = created.json<AlertRule>().id;
    // Everything sent so far at the centre is at level 1 except one: far below 90%.
    await app.alerts.evaluateAll();
    const below = (await inbox('manager')).alerts.filter((alert) => alert.kind === 'index-below-target');
    expect(below.map((alert) => alert.unit.id)).toEqual([CENTRE_ID]);
    expect(below[0]!.detail).toMatchObject({ target: 90 });
    const changed = await asSignedIn(app, cookies.manager!, {
      method: 'PUT',
      url: `/api/v1/alert-rules/${id}`,
      payload: { params: { windowDays: 7, minimumN: 3, targetPercent: 1 } },
    });
    expect(changed.statusCode).toBe(200);
    const refused = await asSignedIn(app, cookies.manager!, { method: 'PUT', url: `/api/v1/alert-rules/${id}`, payload: { enabled: 'no' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { field: 'enabled' } });
    await app.alerts.evaluateAll();
    expect((await inbox('manager')).alerts.filter((alert) => alert.kind === 'index-below-target')).toEqual([]);
    expect((await asSignedIn(app, cookies.otherManager!, { method: 'DELETE', url: `/api/v1/alert-rules/${id}` })).statusCode).toBe(403);
    expect((await asSignedIn(app, cookies.manager!, { method: 'DELETE', url: `/api/v1/alert-rules/${id}` })).statusCode).toBe(204);
    const audited = await opened.db.selectFrom('audit_log').select('action').where('action', 'like', 'alert-rule.%').execute();
    expect(audited.map((row) => row.action)).toEqual(['alert-rule.created', 'alert-rule.changed', 'alert-rule.deleted']);
  });

  it('a silent tablet and a ledger gap open alerts on the timer once they last', async () => {
    // Sequence 3 of a new tablet arrives without 1 and 2: a gap, watched from now.
    const other = await enrolNewDevice(app, opened.db, OTHER_CENTRE_ID);
    const late = { ...sipasResponse(other, 3, { submittedAt: new Date(clock.getTime() - MINUTE).toISOString() }), counterId: null };
    await syncBatch(app, other.token, batchOf([late], { deviceTime: clock.toISOString() }));
    await app.alerts.idle();
    expect((await inbox('otherManager')).openCount).toBe(0);
    clock = new Date(clock.getTime() + 25 * 60 * MINUTE);
    await app.alerts.evaluateAll();
    expect((await inbox('otherManager')).alerts.map((alert) => alert.kind)).toEqual(['ledger-gap']);
    clock = new Date(clock.getTime() + 3 * 24 * 60 * MINUTE);
    await app.alerts.evaluateAll();
    const kinds = (await inbox('admin')).alerts.map((alert) => `${alert.kind}:${alert.subject}`).sort();
    expect(kinds).toEqual([`device-silent:${device.deviceId}`, `device-silent:${other.deviceId}`, `ledger-gap:${other.deviceId}`]);
    // Evaluating again changes nothing: one alert per rule and subject.
    await app.alerts.evaluateAll();
    expect((await inbox('admin')).openCount).toBe(3);
    // The tablet comes back: its silence clears at once, after its batch.
    await syncBatch(app, device.token, batchOf([], { deviceTime: clock.toISOString(), highestIssuedSequence: sequence }));
    await app.alerts.idle();
    expect((await inbox('admin')).alerts.map((alert) => alert.subject)).not.toContain(device.deviceId);
  });
});

import type { FastifyInstance, InjectOptions } from 'fastify';
import { DEFAULT_FLAG_THRESHOLDS } from '../../src/domain/stuffing-flags.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitTreeReplySchema } from '../../src/domain/manage-api.ts';
import { DEFAULT_KIOSK_SETTINGS } from '../../src/domain/kiosk-settings.ts';
import { buildApp } from '../../src/server/app.ts';
import { CENTRE_ID, OTHER_CENTRE_ID, PROVINCE_ID, SIPAS_V1, enrolNewDevice, seedTestUnits } from './fixtures.ts';
import { ACCOUNTS, asSignedIn, seedAccounts, signIn, type AccountName } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

const REPORT_ROUTES = ['/api/v1/reports/summary', '/api/v1/reports/export.csv', '/api/v1/reports/export.xlsx', '/api/v1/reports/report.pdf'];
const PERIOD = 'from=2026-01-01&to=2026-12-31';

/** Who may read which unit's reports: role × unit subtree (true = 200, false = 403). */
const READS: { account: AccountName; unitId: string; allowed: boolean }[] = [
  { account: 'admin', unitId: PROVINCE_ID, allowed: true },
  { account: 'admin', unitId: OTHER_CENTRE_ID, allowed: true },
  { account: 'provinceManager', unitId: PROVINCE_ID, allowed: true },
  { account: 'provinceManager', unitId: CENTRE_ID, allowed: true },
  { account: 'manager', unitId: CENTRE_ID, allowed: true },
  { account: 'manager', unitId: OTHER_CENTRE_ID, allowed: false },
  { account: 'manager', unitId: PROVINCE_ID, allowed: false },
  { account: 'otherManager', unitId: OTHER_CENTRE_ID, allowed: true },
  { account: 'otherManager', unitId: CENTRE_ID, allowed: false },
  { account: 'staff', unitId: CENTRE_ID, allowed: true },
  { account: 'staff', unitId: OTHER_CENTRE_ID, allowed: false },
  { account: 'staff', unitId: PROVINCE_ID, allowed: false },
];

describe.each(databasesUnderTest)('dashboard permissions on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  const cookies = {} as Record<AccountName, string>;
  let deviceId: string;
  let staffAccountId: string;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    app = buildApp({ db: opened.db, staticDir: null, publicUrl: 'https://sipas.example', loginRateLimit: { max: 1000, timeWindowMs: 60_000 } });
    for (const name of Object.keys(ACCOUNTS) as AccountName[]) cookies[name] = await signIn(app, ACCOUNTS[name].username);
    deviceId = (await enrolNewDevice(app, opened.db, CENTRE_ID)).deviceId;
    staffAccountId = (await opened.db.selectFrom('accounts').select('id').where('username', '=', ACCOUNTS.staff.username).executeTakeFirstOrThrow())
      .id;
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  describe.each(REPORT_ROUTES)('GET %s', (route) => {
    it.each(READS)('$account reading $unitId: allowed $allowed', async ({ account, unitId, allowed }) => {
      const reply = await asSignedIn(app, cookies[account], { method: 'GET', url: `${route}?unitId=${unitId}&${PERIOD}` });
      expect(reply.statusCode, reply.body).toBe(allowed ? 200 : 403);
      if (!allowed) {
        expect(reply.json().error.code).toBe('forbidden');
        expect(reply.body).not.toContain('Trung tâm');
      }
    });

    it('answers 401 without a session and with an unknown cookie', async () => {
      for (const cookie of [null, 'sipas_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
        const reply = await asSignedIn(app, cookie, { method: 'GET', url: `${route}?unitId=${CENTRE_ID}&${PERIOD}` });
        expect(reply.statusCode).toBe(401);
        expect(reply.json().error.code).toBe('unauthenticated');
      }
    });
  });

  it('lists only the units an account may read', async () => {
    const unitsOf = async (account: AccountName) =>
      unitTreeReplySchema
        .parse((await asSignedIn(app, cookies[account], { method: 'GET', url: '/api/v1/units' })).json())
        .units.map((unit) => unit.id);
    expect((await unitsOf('admin')).sort()).toEqual([CENTRE_ID, OTHER_CENTRE_ID, PROVINCE_ID].sort());
    expect((await unitsOf('provinceManager')).sort()).toEqual([CENTRE_ID, OTHER_CENTRE_ID, PROVINCE_ID].sort());
    expect(await unitsOf('manager')).toEqual([CENTRE_ID]);
    expect(await unitsOf('otherManager')).toEqual([OTHER_CENTRE_ID]);
    expect(await unitsOf('staff')).toEqual([CENTRE_ID]);
    expect((await asSignedIn(app, null, { method: 'GET', url: '/api/v1/units' })).statusCode).toBe(401);
  });

  it("keeps sub-units out of a staff member's report", async () => {
    const reply = await asSignedIn(app, cookies.staff, { method: 'GET', url: `/api/v1/reports/summary?unitId=${CENTRE_ID}&${PERIOD}` });
    expect(reply.json().filters.includeSubunits).toBe(false);
  });

  /** Every admin route with a request an administrator may make; in this order, each succeeds for the admin. */
  const adminRoutes = (): (InjectOptions & { action?: string })[] => [
    { method: 'GET', url: '/api/v1/admin/counters' },
    {
      method: 'POST',
      url: '/api/v1/admin/counters',
      payload: { id: 'perm-counter', unitId: CENTRE_ID, name: { vi: 'Quầy mới' } },
      action: 'counter.created',
    },
    { method: 'GET', url: '/api/v1/admin/service-fields' },
    {
      method: 'POST',
      url: '/api/v1/admin/service-fields',
      payload: { id: 'perm-field', name: { vi: 'Lĩnh vực mới' } },
      action: 'service-field.created',
    },
    {
      method: 'POST',
      url: '/api/v1/admin/service-fields/import',
      payload: { csv: 'id,name_vi,name_en\nperm-field-2,Xây dựng,Construction\n' },
      action: 'service-field.imported',
    },
    { method: 'GET', url: '/api/v1/admin/procedures' },
    {
      method: 'POST',
      url: '/api/v1/admin/procedures',
      payload: { id: '1.001193', serviceFieldId: 'land', name: { vi: 'Thủ tục mới' } },
      action: 'procedure.created',
    },
    {
      method: 'POST',
      url: '/api/v1/admin/procedures/import',
      payload: { csv: 'id,service_field_id,name_vi\n1.000894,land,Thủ tục khác\n' },
      action: 'procedure.imported',
    },
    { method: 'GET', url: '/api/v1/admin/targets' },
    {
      method: 'PUT',
      url: '/api/v1/admin/targets',
      payload: { unitId: CENTRE_ID, questionnaireId: 'sipas', year: 2026, percent: 90 },
      action: 'target.set',
    },
    {
      method: 'POST',
      url: '/api/v1/admin/units',
      payload: { id: 'perm-unit', parentId: PROVINCE_ID, kind: 'commune', name: { vi: 'Xã Mới' } },
      action: 'unit.created',
    },
    { method: 'PATCH', url: '/api/v1/admin/units/perm-unit', payload: { name: { vi: 'Xã Mới Đổi Tên' } }, action: 'unit.updated' },
    {
      method: 'POST',
      url: '/api/v1/admin/units/import',
      payload: { csv: 'id,parent_id,kind,name_vi\nperm-unit-2,perm-unit,service-centre,"Bộ phận Một cửa, xã Mới"\n' },
      action: 'unit.imported',
    },
    { method: 'POST', url: '/api/v1/admin/units/perm-unit-2/merge', payload: { intoId: CENTRE_ID }, action: 'unit.merged' },
    { method: 'GET', url: '/api/v1/admin/accounts' },
    {
      method: 'POST',
      url: '/api/v1/admin/accounts',
      payload: { username: 'perm-new', displayName: 'Mới', password: 'a long password', role: 'staff', unitId: CENTRE_ID },
      action: 'account.created',
    },
    { method: 'PATCH', url: `/api/v1/admin/accounts/${staffAccountId}`, payload: { displayName: 'Nhân viên' }, action: 'account.updated' },
    { method: 'POST', url: '/api/v1/admin/questionnaires', payload: { ...SIPAS_V1, version: 2 }, action: 'questionnaire.published' },
    { method: 'GET', url: '/api/v1/admin/questionnaire-templates' },
    { method: 'GET', url: '/api/v1/admin/questionnaires/sipas/versions/1' },
    {
      method: 'PUT',
      url: `/api/v1/admin/units/${CENTRE_ID}/questionnaires`,
      payload: { quick: 'counter-rating' },
      action: 'unit.questionnaires-set',
    },
    { method: 'GET', url: `/api/v1/admin/kiosk-settings/${CENTRE_ID}` },
    {
      method: 'PUT',
      url: `/api/v1/admin/kiosk-settings/${CENTRE_ID}`,
      payload: { ...DEFAULT_KIOSK_SETTINGS, mode: 'quick' },
      action: 'kiosk-settings.saved',
    },
    { method: 'GET', url: `/api/v1/admin/flag-thresholds/${CENTRE_ID}` },
    {
      method: 'PUT',
      url: `/api/v1/admin/flag-thresholds/${CENTRE_ID}`,
      payload: { ...DEFAULT_FLAG_THRESHOLDS, tooFastSeconds: 30 },
      action: 'flag-thresholds.saved',
    },
    { method: 'GET', url: '/api/v1/admin/devices' },
    { method: 'POST', url: '/api/v1/admin/enrolment-codes', payload: { unitId: CENTRE_ID }, action: 'enrolment-code.issued' },
    { method: 'POST', url: `/api/v1/admin/devices/${deviceId}/revoke`, action: 'device.revoked' },
    { method: 'GET', url: '/api/v1/admin/audit' },
  ];

  it('refuses every admin route to managers and staff (403) and to nobody (401), changing nothing', async () => {
    const auditBefore = (await opened.db.selectFrom('audit_log').select('id').execute()).length;
    for (const request of adminRoutes()) {
      for (const account of ['provinceManager', 'manager', 'otherManager', 'staff'] as const) {
        const reply = await asSignedIn(app, cookies[account], request);
        expect(reply.statusCode, `${account} ${request.method} ${request.url}`).toBe(403);
      }
      expect((await asSignedIn(app, null, request)).statusCode, `${request.method} ${request.url}`).toBe(401);
      if (request.method !== 'GET') {
        const noCsrf = await app.inject({ ...request, headers: { cookie: cookies.admin } });
        expect(noCsrf.json().error.code, `${request.method} ${request.url}`).toBe('csrf-rejected');
      }
    }
    expect((await opened.db.selectFrom('audit_log').select('id').execute()).length).toBe(auditBefore);
  });

  it('lets an administrator use every admin route, each change audited', async () => {
    for (const request of adminRoutes()) {
      const reply = await asSignedIn(app, cookies.admin, request);
      expect(reply.statusCode, `${request.method} ${request.url}: ${reply.body}`).toBeLessThan(300);
      if (request.action) {
        const entry = await opened.db
          .selectFrom('audit_log')
          .selectAll()
          .where('action', '=', request.action)
          .orderBy('id', 'desc')
          .executeTakeFirst();
        expect(entry?.actor, request.action).toBe(`account:${ACCOUNTS.admin.username}`);
      }
    }
    const code = await asSignedIn(app, cookies.admin, { method: 'POST', url: '/api/v1/admin/enrolment-codes', payload: { unitId: OTHER_CENTRE_ID } });
    expect(code.json().qrSvg).toMatch(/^<svg/);
    expect(code.json().kioskUrl).toContain(`/kiosk?enrol=${code.json().code}`);
    const audit = await asSignedIn(app, cookies.admin, { method: 'GET', url: '/api/v1/admin/audit?limit=500' });
    expect(JSON.stringify(audit.json())).not.toContain(code.json().code);
    expect(JSON.stringify(audit.json())).not.toContain('a long password');
  });

  it('lists only the audit entries of one kind of action and one actor when asked', async () => {
    const devices = (await asSignedIn(app, cookies.admin, { method: 'GET', url: '/api/v1/admin/audit?limit=500&group=devices' })).json().entries as {
      action: string;
      actor: string;
    }[];
    expect(devices.length).toBeGreaterThan(0);
    for (const entry of devices) expect(entry.action).toMatch(/^(device|enrolment-code)\./);
    const everything = (await asSignedIn(app, cookies.admin, { method: 'GET', url: '/api/v1/admin/audit?limit=500' })).json().entries as {
      action: string;
      actor: string;
    }[];
    expect(devices.length).toBeLessThan(everything.length);
    const actor = everything[0]!.actor;
    const byActor = (
      await asSignedIn(app, cookies.admin, { method: 'GET', url: `/api/v1/admin/audit?limit=500&actor=${encodeURIComponent(actor)}` })
    ).json().entries as { actor: string }[];
    expect(byActor.length).toBe(everything.filter((entry) => entry.actor === actor).length);
    expect((await asSignedIn(app, cookies.admin, { method: 'GET', url: '/api/v1/admin/audit?group=nonsense' })).statusCode).toBe(400);
  });

  it('names the field at fault and refuses a questionnaire version that exists', async () => {
    const bad = await asSignedIn(app, cookies.admin, {
      method: 'PUT',
      url: '/api/v1/admin/targets',
      payload: { unitId: CENTRE_ID, questionnaireId: 'sipas', year: 2026, percent: 120 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('percent');
    const again = await asSignedIn(app, cookies.admin, { method: 'POST', url: '/api/v1/admin/questionnaires', payload: SIPAS_V1 });
    expect(again.statusCode).toBe(409);
    const loop = await asSignedIn(app, cookies.admin, {
      method: 'PATCH',
      url: `/api/v1/admin/units/${PROVINCE_ID}`,
      payload: { parentId: CENTRE_ID },
    });
    expect(loop.statusCode).toBe(409);
  });
});

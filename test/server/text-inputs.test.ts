import type { FastifyInstance, InjectOptions } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS } from '../../src/domain/kiosk-settings.ts';
import { CSRF_HEADER } from '../../src/domain/manage-api.ts';
import { buildApp } from '../../src/server/app.ts';
import { CENTRE_ID, PROVINCE_ID, SIPAS_V1, newEnrolmentCode, seedTestUnits } from './fixtures.ts';
import { ACCOUNTS, asSignedIn, seedAccounts, signIn } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

/**
 * One text rule for every input: a NUL (or another control character) in any text field answers 400
 * naming the field, on both databases (PostgreSQL would otherwise fail with 500), and stores nothing.
 */
const NUL = '\u0000';

interface TextCase {
  name: string;
  request: InjectOptions;
  field: string;
}

function adminCases(staffAccountId: string): TextCase[] {
  const unit = { id: 'text-unit', parentId: PROVINCE_ID, kind: 'commune', name: { vi: 'Xã Chữ', en: 'Text Commune' }, timeZone: 'Asia/Ho_Chi_Minh' };
  const post = (url: string, payload: object, field: string, method: InjectOptions['method'] = 'POST'): TextCase => ({
    name: `${method} ${url} ${field}`,
    request: { method, url, payload },
    field,
  });
  return [
    post('/api/v1/admin/units', { ...unit, id: `text${NUL}unit` }, 'id'),
    post('/api/v1/admin/units', { ...unit, parentId: `${PROVINCE_ID}${NUL}` }, 'parentId'),
    post('/api/v1/admin/units', { ...unit, kind: `commune${NUL}` }, 'kind'),
    post('/api/v1/admin/units', { ...unit, name: { vi: `Xã${NUL}Chữ` } }, 'name.vi'),
    post('/api/v1/admin/units', { ...unit, name: { vi: 'Xã Chữ', en: `Text${NUL}` } }, 'name.en'),
    post('/api/v1/admin/units', { ...unit, timeZone: `Asia/Ho_Chi_Minh${NUL}` }, 'timeZone'),
    post(`/api/v1/admin/units/${CENTRE_ID}`, { name: { vi: `Đổi${NUL}tên` } }, 'name.vi', 'PATCH'),
    post(`/api/v1/admin/units/${CENTRE_ID}`, { kind: `centre${NUL}` }, 'kind', 'PATCH'),
    post(`/api/v1/admin/units/${CENTRE_ID}/merge`, { intoId: `${PROVINCE_ID}${NUL}` }, 'intoId'),
    post('/api/v1/admin/units/import', { csv: `id,parent_id,kind,name_vi\ntext-2,${PROVINCE_ID},commune,Xã${NUL}\n` }, 'csv'),
    post('/api/v1/admin/counters', { id: 'text-counter', unitId: CENTRE_ID, name: { vi: `Quầy${NUL}` } }, 'name.vi'),
    post('/api/v1/admin/counters', { id: 'text-counter', unitId: `${CENTRE_ID}${NUL}`, name: { vi: 'Quầy' } }, 'unitId'),
    post('/api/v1/admin/service-fields', { id: `field${NUL}`, name: { vi: 'Lĩnh vực' } }, 'id'),
    post('/api/v1/admin/service-fields', { id: 'text-field', name: { vi: `Lĩnh${NUL}vực` } }, 'name.vi'),
    post('/api/v1/admin/service-fields/import', { csv: `id,name_vi\ntext-field-2,Xây${NUL}dựng\n` }, 'csv'),
    post('/api/v1/admin/procedures', { id: '9.000001', serviceFieldId: `land${NUL}`, name: { vi: 'Thủ tục' } }, 'serviceFieldId'),
    post('/api/v1/admin/procedures', { id: '9.000001', serviceFieldId: 'land', name: { vi: `Thủ${NUL}tục` } }, 'name.vi'),
    post('/api/v1/admin/targets', { unitId: CENTRE_ID, questionnaireId: `sipas${NUL}`, year: 2026, percent: 90 }, 'questionnaireId', 'PUT'),
    post(
      '/api/v1/admin/accounts',
      { username: `text${NUL}user`, displayName: 'Chữ', password: 'a long password', role: 'staff', unitId: CENTRE_ID },
      'username',
    ),
    post(
      '/api/v1/admin/accounts',
      { username: 'text-user', displayName: `Chữ${NUL}`, password: 'a long password', role: 'staff', unitId: CENTRE_ID },
      'displayName',
    ),
    post(
      '/api/v1/admin/accounts',
      { username: 'text-user', displayName: 'Chữ', password: `a long${NUL}password`, role: 'staff', unitId: CENTRE_ID },
      'password',
    ),
    post(`/api/v1/admin/accounts/${staffAccountId}`, { displayName: `Nhân${NUL}viên` }, 'displayName', 'PATCH'),
    post('/api/v1/admin/enrolment-codes', { unitId: `${CENTRE_ID}${NUL}` }, 'unitId'),
    post(`/api/v1/admin/kiosk-settings/${CENTRE_ID}`, { ...DEFAULT_KIOSK_SETTINGS, counterId: `quay${NUL}` }, 'counterId', 'PUT'),
    post('/api/v1/admin/questionnaires', { ...SIPAS_V1, version: 9, title: { vi: `Khảo sát${NUL}` } }, 'title.vi'),
    { name: 'path parameter', request: { method: 'PATCH', url: '/api/v1/admin/units/x%00y', payload: { kind: 'commune' } }, field: 'id' },
    {
      name: 'report unitId',
      request: { method: 'GET', url: `/api/v1/reports/summary?unitId=${CENTRE_ID}%00&from=2026-03-01&to=2026-03-02` },
      field: 'unitId',
    },
    {
      name: 'report locale',
      request: { method: 'GET', url: `/api/v1/reports/export.csv?unitId=${CENTRE_ID}&from=2026-03-01&to=2026-03-02&locale=vi%00` },
      field: 'locale',
    },
    {
      name: 'report serviceFieldId',
      request: { method: 'GET', url: `/api/v1/reports/summary?unitId=${CENTRE_ID}&from=2026-03-01&to=2026-03-02&serviceFieldId=land%01` },
      field: 'serviceFieldId',
    },
  ];
}

describe.each(databasesUnderTest)('control characters in text inputs on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let admin: string;
  let staffAccountId: string;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    app = buildApp({ db: opened.db, staticDir: null, publicUrl: 'https://sipas.example', loginRateLimit: { max: 1000, timeWindowMs: 60_000 } });
    admin = await signIn(app, ACCOUNTS.admin.username);
    staffAccountId = (await opened.db.selectFrom('accounts').select('id').where('username', '=', ACCOUNTS.staff.username).executeTakeFirstOrThrow())
      .id;
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  async function snapshot() {
    const tables = [
      'units',
      'counters',
      'service_fields',
      'procedures',
      'accounts',
      'targets',
      'enrolment_codes',
      'kiosk_settings',
      'questionnaires',
    ] as const;
    const counts: Record<string, number> = {};
    for (const table of tables) counts[table] = (await opened.db.selectFrom(table).selectAll().execute()).length;
    return counts;
  }

  it('answers 400 naming the field for every admin and report text field, storing nothing', async () => {
    const before = await snapshot();
    const cases = adminCases(staffAccountId);
    expect(cases.length).toBeGreaterThanOrEqual(29);
    for (const { name, request, field } of cases) {
      const reply = await asSignedIn(app, admin, request);
      expect(reply.statusCode, `${name}: ${reply.body}`).toBe(400);
      expect(reply.json().error, name).toMatchObject({ code: 'invalid-request', field });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a NUL in the login name with 400, not 500', async () => {
    const reply = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { [CSRF_HEADER]: '1' },
      payload: { username: `root${NUL}admin`, password: 'whatever it is' },
    });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().error).toMatchObject({ code: 'invalid-request', field: 'username' });
  });

  it('refuses a control character in the device name at enrolment, keeping the code unused', async () => {
    const code = await newEnrolmentCode(opened.db, CENTRE_ID);
    for (const deviceName of [`Máy${NUL}tính`, 'Máy\u0007tính', 'Máy\ntính']) {
      const reply = await app.inject({ method: 'POST', url: '/api/v1/devices/enrol', payload: { code, deviceId: uuidv7(), deviceName } });
      expect(reply.statusCode, reply.body).toBe(400);
      expect(reply.json().error.field).toBe('deviceName');
    }
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/devices/enrol',
      payload: { code, deviceId: uuidv7(), deviceName: '  Ma\u0301y tính  ' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const stored = await opened.db.selectFrom('devices').select('name').where('id', '=', ok.json().deviceId).executeTakeFirstOrThrow();
    expect(stored.name).toBe('Máy tính'.normalize('NFC'));
  });

  it('stores names in NFC, trimmed, and keeps line breaks in multi-line texts such as CSV files', async () => {
    const created = await asSignedIn(app, admin, {
      method: 'POST',
      url: '/api/v1/admin/accounts',
      payload: {
        username: 'nfc-user',
        displayName: '  Nguye\u0302\u0303n Va\u0306n A  ',
        password: 'a long password',
        role: 'staff',
        unitId: CENTRE_ID,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const row = await opened.db.selectFrom('accounts').select('display_name').where('username', '=', 'nfc-user').executeTakeFirstOrThrow();
    expect(row.display_name).toBe('Nguyễn Văn A');
    const imported = await asSignedIn(app, admin, {
      method: 'POST',
      url: '/api/v1/admin/service-fields/import',
      payload: { csv: 'id,name_vi\r\ncsv-field,Xây dựng\r\n' },
    });
    expect(imported.statusCode, imported.body).toBe(200);
  });
});

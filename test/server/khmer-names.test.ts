import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceConfig } from '../../src/domain/device-config.ts';
import { buildApp } from '../../src/server/app.ts';
import { CENTRE_ID, enrolNewDevice, seedTestUnits, type EnrolledDevice } from './fixtures.ts';
import { ACCOUNTS, asSignedIn, seedAccounts, signIn } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

/** The names a citizen sees on a Khmer kiosk are kept per locale by administrators and reach the tablet. */
describe.each(databasesUnderTest)('Khmer names on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let admin: string;
  let device: EnrolledDevice;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    app = buildApp({ db: opened.db, staticDir: null });
    admin = await signIn(app, ACCOUNTS.admin.username);
    device = await enrolNewDevice(app, opened.db, CENTRE_ID);
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  const post = (url: string, payload: object) => asSignedIn(app, admin, { method: 'POST', url, payload });

  it('are accepted for units, service fields, procedures and counters, by form and by CSV, and published to the tablet', async () => {
    expect((await post('/api/v1/admin/service-fields', { id: 'land', name: { vi: 'Đất đai', en: 'Land', km: 'ដីធ្លី' } })).statusCode).toBe(200);
    const imported = await post('/api/v1/admin/procedures/import', {
      csv: 'id,service_field_id,name_vi,name_en,name_km\n1.001193,civil-status,Đăng ký khai sinh,,ការចុះបញ្ជីកំណើត\n',
    });
    expect(imported.statusCode).toBe(200);
    expect((await post('/api/v1/admin/counters', { id: 'khmer-counter', unitId: CENTRE_ID, name: { vi: 'Quầy 9', km: 'បញ្ជរ ៩' } })).statusCode).toBe(
      200,
    );
    const renamed = await asSignedIn(app, admin, {
      method: 'PATCH',
      url: `/api/v1/admin/units/${CENTRE_ID}`,
      payload: { name: { vi: 'Bộ phận Một cửa', km: 'ផ្នែកច្រកចេញចូលតែមួយ' } },
    });
    expect(renamed.statusCode).toBe(200);

    const reply = await app.inject({ method: 'GET', url: '/api/v1/sync/config', headers: { authorization: `Bearer ${device.token}` } });
    const config = reply.json<DeviceConfig>();
    expect(config.unit.name).toEqual({ vi: 'Bộ phận Một cửa', km: 'ផ្នែកច្រកចេញចូលតែមួយ' });
    expect(config.serviceFields.find((field) => field.id === 'land')?.name).toEqual({ vi: 'Đất đai', en: 'Land', km: 'ដីធ្លី' });
    expect(config.procedures.find((procedure) => procedure.id === '1.001193')?.name).toEqual({ vi: 'Đăng ký khai sinh', km: 'ការចុះបញ្ជីកំណើត' });
    expect(config.counters.find((counter) => counter.id === 'khmer-counter')?.name).toEqual({ vi: 'Quầy 9', km: 'បញ្ជរ ៩' });
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS } from '../../src/domain/kiosk-settings.ts';
import type { DeviceItem } from '../../src/domain/manage-api.ts';
import { buildApp } from '../../src/server/app.ts';
import { CENTRE_ID, COUNTER_IDS, OTHER_CENTRE_ID, PROVINCE_ID, enrolNewDevice, seedTestUnits } from './fixtures.ts';
import { ACCOUNTS, asSignedIn, seedAccounts, signIn } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

/** The administrator's device list: every device once, its unit's fixed counter, a unit filter by subtree. */
describe.each(databasesUnderTest)('GET /api/v1/admin/devices on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let cookie: string;
  const centreDevices: string[] = [];
  let otherDevice: string;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    app = buildApp({ db: opened.db, staticDir: null });
    cookie = await signIn(app, ACCOUNTS.admin.username);
    for (let k = 0; k < 2; k++) centreDevices.push((await enrolNewDevice(app, opened.db, CENTRE_ID)).deviceId);
    otherDevice = (await enrolNewDevice(app, opened.db, OTHER_CENTRE_ID)).deviceId;
    const saved = await asSignedIn(app, cookie, {
      method: 'PUT',
      url: `/api/v1/admin/kiosk-settings/${CENTRE_ID}`,
      payload: { ...DEFAULT_KIOSK_SETTINGS, counterId: COUNTER_IDS[1] },
    });
    expect(saved.statusCode, saved.body).toBeLessThan(300);
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  async function listDevices(query = ''): Promise<DeviceItem[]> {
    const reply = await asSignedIn(app, cookie, { method: 'GET', url: `/api/v1/admin/devices${query}` });
    expect(reply.statusCode, reply.body).toBe(200);
    return (reply.json() as { devices: DeviceItem[] }).devices;
  }

  it('lists every device once with the counter its unit fixes (none where the unit has no settings)', async () => {
    const devices = await listDevices();
    expect(devices.map((device) => device.id).sort()).toEqual([...centreDevices, otherDevice].sort());
    for (const device of devices) expect(device.counterId).toBe(device.unitId === CENTRE_ID ? COUNTER_IDS[1] : null);
  });

  it('filters by unit subtree', async () => {
    expect((await listDevices(`?unitId=${PROVINCE_ID}`)).map((device) => device.id).sort()).toEqual([...centreDevices, otherDevice].sort());
    expect((await listDevices(`?unitId=${OTHER_CENTRE_ID}`)).map((device) => device.id)).toEqual([otherDevice]);
    expect(await listDevices('?unitId=no-such-unit')).toEqual([]);
  });
});

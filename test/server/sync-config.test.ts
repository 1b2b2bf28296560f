import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceConfigSchema } from '../../src/domain/device-config.ts';
import { DEFAULT_KIOSK_SETTINGS } from '../../src/domain/kiosk-settings.ts';
import { buildApp } from '../../src/server/app.ts';
import { saveKioskSettings, setActiveQuestionnaires, setTarget } from '../../src/server/db/units-repository.ts';
import { apiErrorSchema } from '../../src/domain/sync-protocol.ts';
import { CENTRE_ID, COUNTER_IDS, OTHER_CENTRE_ID, PROVINCE_ID, enrolNewDevice, seedTestUnits, type EnrolledDevice } from './fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

describe.each(databasesUnderTest)('device configuration on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let device: EnrolledDevice;
  const now = new Date('2025-06-15T03:00:00.000Z');

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    app = buildApp({ db: opened.db, staticDir: null, now: () => now });
    device = await enrolNewDevice(app, opened.db);
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  const pullConfig = (headers: Record<string, string> = {}) =>
    app.inject({ url: '/api/v1/sync/config', headers: { authorization: `Bearer ${device.token}`, ...headers } });

  it('publishes the unit, its counters, offered fields, questionnaires, targets in effect and kiosk settings', async () => {
    await setTarget(opened.db, { unitId: PROVINCE_ID, questionnaireId: 'sipas', year: 2025, percent: 85 });
    await setTarget(opened.db, { unitId: CENTRE_ID, questionnaireId: 'sipas', year: 2025, percent: 90 });
    await setTarget(opened.db, { unitId: PROVINCE_ID, questionnaireId: 'counter-rating', year: 2025, percent: 80 });
    await setTarget(opened.db, { unitId: PROVINCE_ID, questionnaireId: 'sipas', year: 2024, percent: 70 });

    const reply = await pullConfig();

    expect(reply.statusCode).toBe(200);
    const config = deviceConfigSchema.parse(reply.json());
    expect(config.unit).toEqual({ id: CENTRE_ID, name: { vi: 'Trung tâm Thử' }, timeZone: 'Asia/Ho_Chi_Minh' });
    expect(config.counters.map((counter) => counter.id)).toEqual([...COUNTER_IDS]);
    expect(config.serviceFields.map((field) => field.id)).toEqual(['land', 'civil-status']);
    expect(config.activeQuestionnaires).toEqual({ full: 'sipas', quick: 'counter-rating' });
    expect(config.questionnaires.map((q) => `${q.id}@${q.version}`).sort()).toEqual(['counter-rating@1', 'sipas@1']);
    // The centre's own 90 overrides the province's 85; the counter rating inherits the province's target.
    expect(config.targets).toEqual([
      { questionnaireId: 'counter-rating', percent: 80 },
      { questionnaireId: 'sipas', percent: 90 },
    ]);
    expect(config.kioskSettings).toEqual(DEFAULT_KIOSK_SETTINGS);
  });

  it('answers 304 to a matching If-None-Match and a new ETag once the configuration changes', async () => {
    const first = await pullConfig();
    const entityTag = first.headers.etag as string;
    expect(entityTag).toMatch(/^"[A-Za-z0-9_-]+"$/);

    const unchanged = await pullConfig({ 'if-none-match': entityTag });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe('');
    expect(unchanged.headers.etag).toBe(entityTag);

    await saveKioskSettings(opened.db, CENTRE_ID, { ...DEFAULT_KIOSK_SETTINGS, mode: 'quick' }, now);
    const changed = await pullConfig({ 'if-none-match': entityTag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(entityTag);
    expect(deviceConfigSchema.parse(changed.json()).kioskSettings.mode).toBe('quick');
  });

  it('records that the device was seen', async () => {
    await pullConfig();
    const row = await opened.db.selectFrom('devices').select('last_seen_at').where('id', '=', device.deviceId).executeTakeFirstOrThrow();
    expect(row.last_seen_at).toBe(now.toISOString());
  });

  it('uses the questionnaires a unit or its parent sets, and refuses to publish one that is not there', async () => {
    const other = await enrolNewDevice(app, opened.db, OTHER_CENTRE_ID);
    const pullOther = () => app.inject({ url: '/api/v1/sync/config', headers: { authorization: `Bearer ${other.token}` } });

    await setActiveQuestionnaires(opened.db, OTHER_CENTRE_ID, { quick: 'sipas' });
    const overridden = deviceConfigSchema.parse((await pullOther()).json());
    expect(overridden.activeQuestionnaires).toEqual({ full: 'sipas', quick: 'sipas' });
    expect(overridden.questionnaires.map((q) => q.id)).toEqual(['sipas']);

    await setActiveQuestionnaires(opened.db, OTHER_CENTRE_ID, { full: 'hospital-survey' });
    const broken = await pullOther();
    expect(broken.statusCode).toBe(500);
    const { error } = apiErrorSchema.parse(broken.json());
    expect(error.code).toBe('unit-configuration-invalid');
    expect(error.message).toContain('hospital-survey');
  });
});

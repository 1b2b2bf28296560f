import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceConfigSchema } from '../../src/domain/device-config.ts';
import { buildApp } from '../../src/server/app.ts';
import { listDeviceOverviews } from '../../src/server/db/devices-repository.ts';
import { listUnits } from '../../src/server/db/units-repository.ts';
import { DEMO_KIOSK_UNIT_ID, seedDemo } from '../../src/server/demo-seed.ts';
import { newEnrolmentCode, recountedResponseCounts, recountedTallies, storedResponseCounts, storedTallies } from './fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';
import { uuidv7 } from 'uuidv7';
import { BUNDLED_QUESTIONNAIRES } from '../../src/domain/questionnaires/index.ts';
import { isDissatisfied } from '../../src/domain/report-headline.ts';
import type { SurveyResponse } from '../../src/domain/response.ts';

describe.each(databasesUnderTest)('the demo province on $name', (database) => {
  let opened: OpenedDatabase;
  const now = new Date('2025-09-17T04:00:00.000Z');

  beforeAll(async () => {
    opened = await database.open();
    await seedDemo(opened.db, now);
  });
  afterAll(async () => {
    await opened.close();
  });

  it('builds the unit tree with Vietnamese names in NFC', async () => {
    const units = await listUnits(opened.db);
    const names = units.map((unit) => JSON.parse(unit.name).vi as string);
    expect(names).toEqual(expect.arrayContaining(['Tỉnh Demo', 'Sở Tư pháp', 'Phường An Hòa', 'Xã Tân Phú']));
    for (const name of names) expect(name).toBe(name.normalize('NFC'));
    expect(units.find((unit) => unit.id === DEMO_KIOSK_UNIT_ID)?.parent_id).toBe('demo-phuong-an-hoa');
  });

  it('stores a few hundred historic answers whose tallies equal a recount, with one visible ledger gap', async () => {
    const devices = await listDeviceOverviews(opened.db);
    const received = devices.reduce((sum, device) => sum + device.receivedCount, 0);
    expect(received).toBeGreaterThan(200);
    expect(devices.flatMap((device) => device.missing)).toEqual([[37, 38]]);
    expect(await storedTallies(opened.db)).toEqual(await recountedTallies(opened.db));
    expect(await storedResponseCounts(opened.db)).toEqual(await recountedResponseCounts(opened.db));
  });

  it('has a month of ratings given on phones through dossier links at the department, one per dossier', async () => {
    const ratings = await opened.db.selectFrom('dossier_ratings').select(['unit_id', 'dossier_code']).execute();
    expect(ratings.length).toBeGreaterThan(30);
    expect(new Set(ratings.map((rating) => rating.dossier_code)).size).toBe(ratings.length);
    const linked = await opened.db.selectFrom('responses').select(['id', 'unit_id', 'counter_id']).where('channel', '=', 'dossier-link').execute();
    expect(linked).toHaveLength(ratings.length);
    expect(new Set(linked.map((row) => row.unit_id))).toEqual(new Set(['demo-so-tu-phap-mot-cua']));
    expect(linked.every((row) => row.counter_id === null)).toBe(true);
    expect((await listDeviceOverviews(opened.db)).some((device) => device.name === 'dossier-link')).toBe(false);
  });

  it('gives its comments the mood of their answers: nobody who rated a criterion badly writes a thank-you', async () => {
    const sipas = BUNDLED_QUESTIONNAIRES.find((questionnaire) => questionnaire.id === 'sipas')!;
    const rows = await opened.db.selectFrom('responses').select(['answers']).where('questionnaire_id', '=', 'sipas').execute();
    const commented = rows
      .map((row) => JSON.parse(row.answers) as SurveyResponse['answers'])
      .filter((answers) => typeof answers.comment === 'string');
    const complaints = commented.filter((answers) => isDissatisfied(sipas, answers)).map((answers) => answers.comment as string);
    expect(complaints.length).toBeGreaterThan(0);
    expect(complaints.filter((comment) => /cảm ơn|nhiệt tình/.test(comment))).toEqual([]);
    expect(commented.some((answers) => /cảm ơn|nhiệt tình/.test(answers.comment as string))).toBe(true);
  });

  it("has some kiosk answers given with a clerk's help, a small share of the tablets' answers", async () => {
    const byChannel = await opened.db
      .selectFrom('responses')
      .select((eb) => ['channel', eb.fn.countAll<number>().as('count')])
      .where('channel', '<>', 'dossier-link')
      .groupBy('channel')
      .execute();
    const count = Object.fromEntries(byChannel.map((row) => [row.channel, Number(row.count)]));
    expect(count['staff-assisted']).toBeGreaterThan(0);
    expect(count['staff-assisted']! / (count['staff-assisted']! + count.kiosk!)).toBeLessThan(0.15);
  });

  it('lets a new kiosk enrol at the demo centre and pull a configuration with targets', async () => {
    const app = buildApp({ db: opened.db, staticDir: null, now: () => now });
    try {
      const code = await newEnrolmentCode(opened.db, DEMO_KIOSK_UNIT_ID, now);
      const enrolled = (await app.inject({ method: 'POST', url: '/api/v1/devices/enrol', payload: { code, deviceId: uuidv7() } })).json<{
        token: string;
      }>();
      const config = deviceConfigSchema.parse(
        (await app.inject({ url: '/api/v1/sync/config', headers: { authorization: `Bearer ${enrolled.token}` } })).json(),
      );
      expect(config.unit.name.vi).toBe('Trung tâm Phục vụ hành chính công phường An Hòa');
      expect(config.counters.map((counter) => counter.name.vi)).toEqual(['Quầy 1', 'Quầy 2', 'Quầy 3']);
      expect(config.serviceFields).toHaveLength(8);
      expect(config.targets).toEqual(expect.arrayContaining([{ questionnaireId: 'sipas', percent: 90 }]));
    } finally {
      await app.close();
    }
  });
});

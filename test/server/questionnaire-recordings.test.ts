import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceConfigSchema } from '../../src/domain/device-config.ts';
import { unitTreeReplySchema } from '../../src/domain/manage-api.ts';
import { buildApp } from '../../src/server/app.ts';
import { SIPAS_V1, enrolNewDevice, seedTestUnits, type EnrolledDevice } from './fixtures.ts';
import { ACCOUNTS, asSignedIn, seedAccounts, signIn } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

/** A recording near the schema's 512 KB limit: six of them are well past Fastify's default 1 MB body. */
const RECORDING = `data:audio/ogg;base64,${'A'.repeat(480 * 1024)}`;

describe.each(databasesUnderTest)('questionnaire versions with recordings on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let device: EnrolledDevice;
  let admin: string;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    app = buildApp({ db: opened.db, staticDir: null, now: () => new Date('2026-03-02T03:00:00.000Z') });
    device = await enrolNewDevice(app, opened.db);
    admin = await signIn(app, ACCOUNTS.admin.username);
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it('publishes a version whose criteria carry recordings beyond 1 MB, and tablets receive them with the version', async () => {
    const recorded = {
      ...SIPAS_V1,
      version: 2,
      locales: { ...SIPAS_V1.locales, km: 'awaiting-review' },
      elements: SIPAS_V1.elements.map((element) =>
        element.id === 'E3' ? { ...element, criteria: element.criteria.map((criterion) => ({ ...criterion, audio: { vi: RECORDING } })) } : element,
      ),
    };
    const published = await asSignedIn(app, admin, { method: 'POST', url: '/api/v1/admin/questionnaires', payload: recorded });
    expect(published.statusCode, published.body).toBe(201);

    const config = deviceConfigSchema.parse(
      (await app.inject({ url: '/api/v1/sync/config', headers: { authorization: `Bearer ${device.token}` } })).json(),
    );
    const version2 = config.questionnaires.find((questionnaire) => questionnaire.id === 'sipas' && questionnaire.version === 2)!;
    expect(version2.elements[2]!.criteria.map((criterion) => criterion.audio?.vi === RECORDING)).toEqual([true, true, true, true, true, true]);

    const tree = unitTreeReplySchema.parse((await asSignedIn(app, admin, { method: 'GET', url: '/api/v1/units' })).json());
    expect(tree.questionnaires.find((questionnaire) => questionnaire.id === 'sipas' && questionnaire.version === 2)?.locales).toEqual({
      vi: 'reviewed',
      en: 'reviewed',
      km: 'awaiting-review',
    });
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportQuerySchema } from '../../src/domain/manage-api.ts';
import { scoreQuestionnaire } from '../../src/domain/scoring.ts';
import { tallyResponses } from '../../src/domain/tally.ts';
import { buildApp } from '../../src/server/app.ts';
import { QuestionnaireCatalog } from '../../src/server/db/questionnaires-repository.ts';
import { markUnitMerged, updateUnitRow } from '../../src/server/db/units-admin-repository.ts';
import { insertUnit, listUnits } from '../../src/server/db/units-repository.ts';
import { inWriteTransaction } from '../../src/server/db/write-transaction.ts';
import { buildReport } from '../../src/server/reports/build-report.ts';
import { UnitRowTree } from '../../src/server/db/unit-row-tree.ts';
import { CENTRE_ID, OTHER_CENTRE_ID, PROVINCE_ID, SIPAS_V1, batchOf, enrolNewDevice, seedTestUnits, sipasResponse, syncBatch } from './fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';
import { ACCOUNTS, asSignedIn, seedAccounts, signIn } from './manage-fixtures.ts';

/**
 * Two administrators move two centres at the same moment (each into the other's district). On PostgreSQL
 * the transactions really overlap; every report must still equal a recount from the raw responses.
 */
const DISTRICT_IDS = ['moves-district-1', 'moves-district-2'] as const;
const CENTRES = [CENTRE_ID, OTHER_CENTRE_ID] as const;
const FROM = '2026-06-01';
const TO = '2026-06-10';
const PAIRS = 25;

describe.each(databasesUnderTest)('concurrent unit moves on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    for (const [index, id] of DISTRICT_IDS.entries()) {
      await insertUnit(opened.db, { id, parentId: PROVINCE_ID, kind: 'district', name: { vi: `Huyện ${index + 1}` } });
    }
    for (const [index, centre] of CENTRES.entries()) {
      await inWriteTransaction(opened.db, (trx) => updateUnitRow(trx, centre, { parentId: DISTRICT_IDS[index]! }));
    }
    await seedAccounts(opened.db);
    app = buildApp({ db: opened.db, staticDir: null });
    for (const [index, centre] of CENTRES.entries()) {
      const device = await enrolNewDevice(app, opened.db, centre);
      // Different sizes, so a centre counted under the wrong district shows in the counts.
      const count = 30 + index * 17;
      const responses = Array.from({ length: count }, (_, i) =>
        sipasResponse(device, i + 1, {
          submittedAt: new Date(Date.parse(`${FROM}T01:00:00.000Z`) + i * 2 * 3_600_000).toISOString(),
          counterId: null,
        }),
      );
      await syncBatch(app, device.token, batchOf(responses));
    }
  });
  afterAll(async () => {
    await app?.close();
    await opened?.close();
  });

  async function expectEveryReportEqualsARecount(label: string) {
    const tree = new UnitRowTree(await listUnits(opened.db));
    const catalog = new QuestionnaireCatalog(opened.db);
    for (const unitId of [PROVINCE_ID, ...DISTRICT_IDS, ...CENTRES]) {
      const query = reportQuerySchema.parse({ unitId, from: FROM, to: TO, includeFlagged: 'true' });
      const { reply } = await buildReport(opened.db, catalog, tree, query);
      const raw = (
        await opened.db
          .selectFrom('responses')
          .selectAll()
          .where('unit_id', 'in', tree.scopeOf(unitId))
          .where('local_day', '>=', FROM)
          .where('local_day', '<=', TO)
          .execute()
      ).map((row) => ({ ...row, complete: Number(row.complete) === 1, answers: JSON.parse(row.answers) as Record<string, unknown> }));
      const score = scoreQuestionnaire(SIPAS_V1, tallyResponses(SIPAS_V1, raw as never));
      expect(reply.responses.complete, `${label}: ${unitId}`).toBe(raw.filter((row) => row.complete).length);
      expect(reply.overall.index, `${label}: ${unitId}`).toBe(score.overall);
    }
    const stored = await opened.db.selectFrom('unit_scope_members').select(['scope_unit_id', 'member_unit_id']).execute();
    const key = (scope: string, member: string) => `${scope} ⊇ ${member}`;
    expect(stored.map((row) => key(row.scope_unit_id, row.member_unit_id)).sort(), label).toEqual(
      tree
        .scopeMemberships()
        .map((row) => key(row.scopeUnitId, row.memberUnitId))
        .sort(),
    );
  }

  it(`keeps every report equal to a recount through ${PAIRS} pairs of moves sent at the same moment`, { timeout: 120_000 }, async () => {
    await expectEveryReportEqualsARecount('before the moves');
    for (let pair = 1; pair <= PAIRS; pair += 1) {
      // Odd pairs swap the centres' districts, even pairs swap them back.
      const [first, second] = pair % 2 === 1 ? [DISTRICT_IDS[1], DISTRICT_IDS[0]] : [DISTRICT_IDS[0], DISTRICT_IDS[1]];
      await Promise.all([
        inWriteTransaction(opened.db, (trx) => updateUnitRow(trx, CENTRES[0], { parentId: first })),
        inWriteTransaction(opened.db, (trx) => updateUnitRow(trx, CENTRES[1], { parentId: second })),
      ]);
      await expectEveryReportEqualsARecount(`after pair ${pair}`);
    }
  });

  it('refuses the second of two moves sent at the same moment that would put two districts under each other', async () => {
    const [first, second] = [await signIn(app, ACCOUNTS.admin.username), await signIn(app, ACCOUNTS.admin.username)];
    const replies = await Promise.all([
      asSignedIn(app, first, { method: 'PATCH', url: `/api/v1/admin/units/${DISTRICT_IDS[0]}`, payload: { parentId: DISTRICT_IDS[1] } }),
      asSignedIn(app, second, { method: 'PATCH', url: `/api/v1/admin/units/${DISTRICT_IDS[1]}`, payload: { parentId: DISTRICT_IDS[0] } }),
    ]);
    expect(replies.map((reply) => reply.statusCode).sort()).toEqual([200, 409]);
    expect(replies.find((reply) => reply.statusCode === 409)!.json()).toMatchObject({ error: { code: 'conflict', field: 'parentId' } });
    const tree = new UnitRowTree(await listUnits(opened.db));
    // Every district still reaches the province: no cycle was stored.
    for (const districtId of DISTRICT_IDS) expect(tree.ancestry(districtId).map((row) => row.id)).toContain(PROVINCE_ID);
    await expectEveryReportEqualsARecount('after two crossing moves');
    // Back where the other tests expect the districts.
    const moved = DISTRICT_IDS[replies[0]!.statusCode === 200 ? 0 : 1];
    const back = await asSignedIn(app, first, { method: 'PATCH', url: `/api/v1/admin/units/${moved}`, payload: { parentId: PROVINCE_ID } });
    expect(back.statusCode).toBe(200);
  });

  it('keeps every report equal to a recount when a merge and a move are sent at the same moment', async () => {
    await Promise.all([
      inWriteTransaction(opened.db, (trx) => markUnitMerged(trx, CENTRES[0], DISTRICT_IDS[1])),
      inWriteTransaction(opened.db, (trx) => updateUnitRow(trx, CENTRES[1], { parentId: DISTRICT_IDS[0] })),
    ]);
    await expectEveryReportEqualsARecount('after a merge and a move');
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportQuerySchema, type ReportReply } from '../../src/domain/manage-api.ts';
import type { SurveyResponse } from '../../src/domain/response.ts';
import { scoreQuestionnaire } from '../../src/domain/scoring.ts';
import { tallyResponses } from '../../src/domain/tally.ts';
import { buildApp } from '../../src/server/app.ts';
import { QuestionnaireCatalog } from '../../src/server/db/questionnaires-repository.ts';
import { rebuildScopeCounts } from '../../src/server/db/scope-members-repository.ts';
import { markUnitMerged, updateUnitRow } from '../../src/server/db/units-admin-repository.ts';
import { insertUnit, listUnits } from '../../src/server/db/units-repository.ts';
import { inWriteTransaction } from '../../src/server/db/write-transaction.ts';
import { buildReport } from '../../src/server/reports/build-report.ts';
import { UnitRowTree } from '../../src/server/db/unit-row-tree.ts';
import { CENTRE_ID, OTHER_CENTRE_ID, PROVINCE_ID, SIPAS_V1, batchOf, enrolNewDevice, seedTestUnits, sipasResponse, syncBatch } from './fixtures.ts';
import { seededRandom } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';
import { withLegacyCountViews } from './legacy-counts.ts';

/**
 * The scope totals (per unit with everything below it, by month and by day) that reports read instead of
 * the daily tables: written by the sync transaction, moved by changes of the tree, and always equal to a
 * rebuild from the daily tables and to a recomputation from the raw responses, over ranges made of whole
 * years, whole months and days at either end.
 */
const DISTRICT_ID = 'test-district';
const DISTRICT_CENTRE_ID = 'test-district-centre';
const FIRST_DAY = Date.parse('2026-06-25T00:00:00.000Z');
const DAYS = 105;

describe.each(databasesUnderTest)('scope totals on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await insertUnit(opened.db, { id: DISTRICT_ID, parentId: PROVINCE_ID, kind: 'district', name: { vi: 'Huyện Thử' } });
    await insertUnit(opened.db, { id: DISTRICT_CENTRE_ID, parentId: DISTRICT_ID, kind: 'service-centre', name: { vi: 'Bộ phận Huyện' } });
    app = buildApp({ db: opened.db, staticDir: null });
    const random = seededRandom(11);
    for (const unitId of [CENTRE_ID, OTHER_CENTRE_ID, DISTRICT_CENTRE_ID]) {
      const device = await enrolNewDevice(app, opened.db, unitId);
      const responses: SurveyResponse[] = [];
      let sequence = 0;
      for (let day = 0; day < DAYS; day += 1 + Math.floor(random() * 3)) {
        const perDay = 1 + Math.floor(random() * 3);
        for (let k = 0; k < perDay; k++) {
          sequence++;
          const submittedAt = new Date(FIRST_DAY + day * 86_400_000 + (2 + k) * 3_600_000).toISOString();
          const answers: SurveyResponse['answers'] = {};
          for (const criterion of SIPAS_V1.elements.flatMap((element) => element.criteria)) {
            if (random() < 0.9) answers[criterion.id] = 1 + Math.floor(random() * 5);
          }
          if (random() < 0.3) answers.improvements = ['access'];
          if (random() < 0.1) answers.comment = random() < 0.2 ? '   ' : `Góp ý ${unitId} #${sequence}`;
          responses.push({
            ...sipasResponse(device, sequence, { submittedAt, counterId: null }),
            answers,
            complete: random() > 0.1,
            dossierCode: random() < 0.4 ? `H12.22-${submittedAt.slice(2, 10).replaceAll('-', '')}-${String(sequence).padStart(4, '0')}` : null,
          });
        }
      }
      // A burst in August: ten completions 2 s apart, flagged when they arrive.
      const burstStart = Date.parse('2026-08-12T03:00:00.000Z');
      for (let i = 0; i < 10; i++) {
        sequence++;
        responses.push(sipasResponse(device, sequence, { submittedAt: new Date(burstStart + i * 2_000).toISOString(), counterId: null }));
      }
      for (let start = 0; start < responses.length; start += 60) await syncBatch(app, device.token, batchOf(responses.slice(start, start + 60)));
    }
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  async function storedTotals(): Promise<string[]> {
    const rows = await (await withLegacyCountViews(opened.db)).selectFrom('scope_totals').selectAll().where('count', '!=', 0).execute();
    return rows
      .map((row) =>
        [
          row.scope_unit_id,
          row.questionnaire_id,
          row.service_field_id,
          row.granularity,
          row.period,
          row.questionnaire_version,
          row.flagged,
          row.measure,
          row.item,
          row.detail,
          row.count,
        ].join('|'),
      )
      .sort();
  }

  async function expectTotalsEqualARebuild(): Promise<void> {
    const written = await storedTotals();
    expect(written.length).toBeGreaterThan(0);
    await rebuildScopeCounts(opened.db);
    expect(await storedTotals()).toEqual(written);
  }

  async function report(unitId: string, from: string, to: string, includeFlagged: boolean, serviceFieldId?: string): Promise<ReportReply> {
    const tree = new UnitRowTree(await listUnits(opened.db));
    const query = reportQuerySchema.parse({
      unitId,
      from,
      to,
      includeFlagged: String(includeFlagged),
      ...(serviceFieldId ? { serviceFieldId } : {}),
    });
    return (await buildReport(opened.db, new QuestionnaireCatalog(opened.db), tree, query)).reply;
  }

  async function recomputed(unitId: string, from: string, to: string, includeFlagged: boolean, serviceFieldId?: string) {
    const tree = new UnitRowTree(await listUnits(opened.db));
    let query = opened.db
      .selectFrom('responses')
      .selectAll()
      .where('unit_id', 'in', tree.scopeOf(unitId))
      .where('local_day', '>=', from)
      .where('local_day', '<=', to)
      .where('questionnaire_id', '=', 'sipas');
    if (!includeFlagged) query = query.where('flags', '=', '');
    if (serviceFieldId) query = query.where('service_field_id', '=', serviceFieldId);
    const raw = (await query.execute()).map((row) => ({
      ...row,
      complete: Number(row.complete) === 1,
      answers: JSON.parse(row.answers) as Record<string, unknown>,
    }));
    return { raw, score: scoreQuestionnaire(SIPAS_V1, tallyResponses(SIPAS_V1, raw as never)) };
  }

  async function expectReportEqualsRecomputation(
    unitId: string,
    from: string,
    to: string,
    includeFlagged: boolean,
    serviceFieldId?: string,
  ): Promise<ReportReply> {
    const reply = await report(unitId, from, to, includeFlagged, serviceFieldId);
    const { raw, score } = await recomputed(unitId, from, to, includeFlagged, serviceFieldId);
    expect(reply.responses.complete).toBe(raw.filter((row) => row.complete).length);
    expect(reply.responses.incomplete).toBe(raw.filter((row) => !row.complete).length);
    expect(reply.responses.withDossierCode).toBe(raw.filter((row) => row.complete && row.dossier_code !== null).length);
    expect(reply.overall.index).toBe(score.overall);
    reply.elements.forEach((element, e) => {
      element.criteria.forEach((criterion, c) => expect(criterion.levelCounts, criterion.id).toEqual(score.elements[e]!.criteria[c]!.levelCounts));
    });
    for (const row of reply.ranking.rows) {
      const child = await recomputed(row.unitId, from, to, includeFlagged, serviceFieldId);
      expect(row.n, row.unitId).toBe(child.raw.filter((response) => response.complete).length);
      expect(row.index, row.unitId).toBe(child.score.overall);
    }
    for (const point of reply.trend.points) {
      expect(point.from >= from && point.to <= to && point.from <= point.to, point.period).toBe(true);
      const inPeriod = await recomputed(unitId, point.from, point.to, includeFlagged, serviceFieldId);
      expect(point.responses, point.period).toBe(inPeriod.raw.filter((row) => row.complete).length);
      expect(point.index, point.period).toBe(inPeriod.score.overall);
    }
    return reply;
  }

  it('written by the sync transaction, equal a rebuild from the daily tables', async () => {
    await expectTotalsEqualARebuild();
  });

  const ranges = [
    { name: 'whole months with days at both ends', from: '2026-07-14', to: '2026-09-20' },
    { name: 'exactly three months', from: '2026-07-01', to: '2026-09-30' },
    { name: 'one month by day', from: '2026-08-01', to: '2026-08-31' },
    { name: 'a few days inside a month', from: '2026-08-10', to: '2026-08-13' },
    { name: 'from a month start to a day', from: '2026-07-01', to: '2026-10-03' },
    { name: 'a whole year', from: '2026-01-01', to: '2026-12-31' },
    { name: 'years, months and days', from: '2025-11-20', to: '2027-02-10' },
  ];
  const cases = ranges.flatMap((range) =>
    [PROVINCE_ID, DISTRICT_ID].flatMap((unitId) => [true, false].map((includeFlagged) => ({ ...range, unitId, includeFlagged }))),
  );

  it.each(cases)(
    'give the recomputed report for $unitId over $name (flagged included: $includeFlagged)',
    async ({ unitId, from, to, includeFlagged }) => {
      const reply = await expectReportEqualsRecomputation(unitId, from, to, includeFlagged);
      expect(reply.responses.complete).toBeGreaterThan(0);
    },
  );

  it.each(ranges)('give the recomputed report for one service field over $name', async ({ from, to }) => {
    const reply = await expectReportEqualsRecomputation(PROVINCE_ID, from, to, false, 'land');
    expect(reply.responses.complete).toBeGreaterThan(0);
  });

  // Whole months (read by month first, then day by day), cut ends (read by day), and a unit read on its own.
  it.each([
    { unitId: PROVINCE_ID, from: '2026-07-01', to: '2026-09-30' },
    { unitId: PROVINCE_ID, from: '2026-07-10', to: '2026-09-20' },
    { unitId: CENTRE_ID, from: '2026-07-10', to: '2026-09-20' },
  ])('list every comment of $unitId from $from to $to, newest first, from the days that have some', async ({ unitId, from, to }) => {
    const reply = await report(unitId, from, to, true);
    const { raw } = await recomputed(unitId, from, to, true);
    const comments = raw
      .filter((row) => row.complete && typeof row.answers.comment === 'string' && row.answers.comment.trim() !== '')
      .sort((a, b) =>
        a.corrected_submitted_at < b.corrected_submitted_at ? 1 : a.corrected_submitted_at > b.corrected_submitted_at ? -1 : a.id < b.id ? 1 : -1,
      )
      .map((row) => row.answers.comment);
    expect(comments.length).toBeGreaterThan(2);
    expect(reply.comments.map((comment) => comment.text)).toEqual(comments.slice(0, 100));
  });

  it('follow moves, merges and new units, history and all', async () => {
    // The district left with only itself: its totals go, and its report is read from the daily tables.
    await inWriteTransaction(opened.db, (trx) => updateUnitRow(trx, DISTRICT_CENTRE_ID, { parentId: PROVINCE_ID }));
    expect(
      await (
        await withLegacyCountViews(opened.db)
      )
        .selectFrom('scope_totals')
        .select('scope_unit_id')
        .where('scope_unit_id', '=', DISTRICT_ID)
        .execute(),
    ).toEqual([]);
    await expectTotalsEqualARebuild();
    await expectReportEqualsRecomputation(PROVINCE_ID, '2026-07-14', '2026-09-20', true);

    // A centre merged into it: the district holds two units again, built from both histories.
    await inWriteTransaction(opened.db, (trx) => markUnitMerged(trx, OTHER_CENTRE_ID, DISTRICT_ID));
    await expectTotalsEqualARebuild();
    for (const unitId of [PROVINCE_ID, DISTRICT_ID, DISTRICT_CENTRE_ID, CENTRE_ID]) {
      await expectReportEqualsRecomputation(unitId, '2026-07-14', '2026-09-20', false);
    }
    const district = await report(DISTRICT_ID, '2026-07-01', '2026-09-30', true);
    const merged = await recomputed(OTHER_CENTRE_ID, '2026-07-01', '2026-09-30', true);
    expect(district.responses.complete).toBe(merged.raw.filter((row) => row.complete).length);

    await inWriteTransaction(opened.db, (trx) => updateUnitRow(trx, DISTRICT_CENTRE_ID, { parentId: DISTRICT_ID }));
    await expectTotalsEqualARebuild();
    await expectReportEqualsRecomputation(DISTRICT_ID, '2026-07-14', '2026-09-20', true);
    await expectReportEqualsRecomputation(PROVINCE_ID, '2026-01-01', '2026-12-31', true);

    // A counter desk made a unit of its own under a centre: the centre's own history becomes its totals.
    await insertUnit(opened.db, { id: 'test-centre-annex', parentId: CENTRE_ID, kind: 'service-centre', name: { vi: 'Điểm phụ' } });
    await expectTotalsEqualARebuild();
    await expectReportEqualsRecomputation(CENTRE_ID, '2026-07-14', '2026-09-20', true);
  });
});

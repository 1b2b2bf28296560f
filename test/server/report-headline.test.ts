import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodContaining } from '../../src/domain/calendar.ts';
import { reportReplySchema, type ReportReply } from '../../src/domain/manage-api.ts';
import { isDissatisfied, previousComparablePeriod } from '../../src/domain/report-headline.ts';
import type { SurveyResponse } from '../../src/domain/response.ts';
import { criterionResult, headlineVerdict, indexInterval, rankUnits, scoreQuestionnaire } from '../../src/domain/scoring.ts';
import { levelCounts, tallyResponses } from '../../src/domain/tally.ts';
import { buildApp } from '../../src/server/app.ts';
import { CENTRE_ID, OTHER_CENTRE_ID, PROVINCE_ID, SIPAS_V1, batchOf, enrolNewDevice, seedTestUnits, sipasResponse, syncBatch } from './fixtures.ts';
import { ACCOUNTS, QUICK_V1, asSignedIn, dayAgo, seedAccounts, seedHistory, signIn } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

const QUICK_COMMUNE_ID = 'test-quick-commune';
const AGENCY_ID = 'test-agency';

/**
 * The report's headline (previous period, weakest sub-units and criteria, complaints, sparkline, verdict)
 * and its rankings come from the aggregates; here each figure is recomputed from the raw responses.
 */
describe.each(databasesUnderTest)('report headline on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let cookie: string;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    app = buildApp({ db: opened.db, staticDir: null });
    cookie = await signIn(app, ACCOUNTS.admin.username);
    for (const unit of [
      { id: QUICK_COMMUNE_ID, kind: 'commune', name: { vi: 'Xã Nhanh' } },
      { id: AGENCY_ID, kind: 'agency', name: { vi: 'Sở Thử' } },
    ]) {
      const created = await asSignedIn(app, cookie, { method: 'POST', url: '/api/v1/admin/units', payload: { ...unit, parentId: PROVINCE_ID } });
      expect(created.statusCode, created.body).toBe(201);
    }
    await seedHistory(app, opened.db, { days: 20, perDay: 6 });
    // A commune that only runs quick ratings: 14 answers, 9 satisfied.
    const tablet = await enrolNewDevice(app, opened.db, QUICK_COMMUNE_ID);
    const quickCriterion = QUICK_V1.elements[0]!.criteria[0]!.id;
    const quick = Array.from({ length: 14 }, (_, i) => ({
      ...sipasResponse(tablet, i + 1, { submittedAt: `${dayAgo(2)}T0${i % 8}:10:00.000Z`, counterId: null, serviceFieldId: null }),
      questionnaireId: 'counter-rating',
      answers: { [quickCriterion]: i < 5 ? 1 : 3 },
    }));
    await syncBatch(app, tablet.token, batchOf(quick));
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  async function raw(unitIds: string[], from: string, to: string, questionnaireId = 'sipas') {
    const rows = await opened.db
      .selectFrom('responses')
      .selectAll()
      .where('unit_id', 'in', unitIds)
      .where('local_day', '>=', from)
      .where('local_day', '<=', to)
      .where('questionnaire_id', '=', questionnaireId)
      .execute();
    return rows.map((row) => ({ ...row, complete: Number(row.complete) === 1, answers: JSON.parse(row.answers) as SurveyResponse['answers'] }));
  }

  async function summary(params: Record<string, string>): Promise<ReportReply> {
    const reply = await asSignedIn(app, cookie, { method: 'GET', url: `/api/v1/reports/summary?${new URLSearchParams(params)}` });
    expect(reply.statusCode, reply.body).toBe(200);
    return reportReplySchema.parse(reply.json());
  }

  const everyUnit = [PROVINCE_ID, CENTRE_ID, OTHER_CENTRE_ID, QUICK_COMMUNE_ID, AGENCY_ID];

  it('gives the headline n, interval and verdict, and the previous comparable period, as the raw responses do', async () => {
    const from = dayAgo(8);
    const to = dayAgo(1);
    const report = await summary({ unitId: PROVINCE_ID, from, to, minimumSample: '20' });
    const rows = await raw(everyUnit, from, to);
    const n = rows.filter((row) => row.complete).length;
    const index = scoreQuestionnaire(SIPAS_V1, tallyResponses(SIPAS_V1, rows as never)).overall;
    expect(report.overall.n).toBe(n);
    expect(report.overall.interval).toEqual(indexInterval(index, n));
    expect(report.overall.verdict).toBe(headlineVerdict({ index, n, interval: indexInterval(index, n) }, 85, 20));

    const previous = previousComparablePeriod(from, to);
    expect(report.headline.previous.period).toEqual({ from: previous.from, to: previous.to });
    const before = await raw(everyUnit, previous.from, previous.to);
    const previousN = before.filter((row) => row.complete).length;
    expect(previousN).toBeGreaterThan(0);
    expect(report.headline.previous.n).toBe(previousN);
    expect(report.headline.previous.index).toBe(scoreQuestionnaire(SIPAS_V1, tallyResponses(SIPAS_V1, before as never)).overall);
    const quickBefore = levelCounts(
      tallyResponses(QUICK_V1, (await raw(everyUnit, previous.from, previous.to, 'counter-rating')) as never),
      'Q.1',
      'three-level',
    );
    expect(report.headline.previous.quickIndex).toBe(criterionResult(quickBefore, 'three-level', [2, 3]).index);
  });

  it('names the three weakest criteria with enough answers, lowest first', async () => {
    const from = dayAgo(8);
    const to = dayAgo(1);
    const report = await summary({ unitId: PROVINCE_ID, from, to, minimumSample: '60' });
    const score = scoreQuestionnaire(SIPAS_V1, tallyResponses(SIPAS_V1, (await raw(everyUnit, from, to)) as never));
    const expected = score.elements
      .flatMap((element) => element.criteria)
      .filter((criterion) => criterion.index !== null && criterion.n >= 60)
      .sort((a, b) => a.index! - b.index!)
      .slice(0, 3)
      .map((criterion) => [criterion.criterionId, criterion.index, criterion.n]);
    expect(expected.length).toBe(3);
    expect(report.headline.weakestCriteria.map((row) => [row.criterionId, row.index, row.n])).toEqual(expected);
  });

  it('lists the complaints of dissatisfied respondents with their unit and service field, newest first', async () => {
    const from = dayAgo(8);
    const to = dayAgo(1);
    const report = await summary({ unitId: PROVINCE_ID, from, to });
    const expected = (await raw(everyUnit, from, to))
      .filter((row) => row.complete && typeof row.answers.comment === 'string' && isDissatisfied(SIPAS_V1, row.answers))
      .sort((a, b) => (a.corrected_submitted_at < b.corrected_submitted_at ? 1 : -1))
      .slice(0, 5)
      .map((row) => [row.answers.comment, row.unit_id, row.service_field_id]);
    expect(expected.length).toBeGreaterThan(0);
    expect(report.headline.complaints.map((comment) => [comment.text, comment.unitId, comment.serviceFieldId])).toEqual(expected);
    const names: Record<string, string> = { [CENTRE_ID]: 'Trung tâm Thử', [OTHER_CENTRE_ID]: 'Trung tâm Khác' };
    for (const comment of report.headline.complaints) expect(comment.unitName.vi).toBe(names[comment.unitId]);
    const rows = await raw(everyUnit, from, to);
    for (const comment of report.comments) {
      const source = rows.find((row) => row.answers.comment === comment.text)!;
      expect(comment.dissatisfied, comment.text).toBe(isDissatisfied(SIPAS_V1, source.answers));
    }
  });

  it('draws a weekly sparkline of twelve weeks for a short period, each week as its raw responses', async () => {
    const from = dayAgo(8);
    const to = dayAgo(1);
    const report = await summary({ unitId: CENTRE_ID, from, to });
    expect(report.headline.sparkline.granularity).toBe('week');
    expect(report.headline.sparkline.points).toHaveLength(12);
    expect(report.headline.sparkline.points.at(-1)!.period).toBe(periodContaining('week', to).from);
    let withAnswers = 0;
    for (const point of report.headline.sparkline.points) {
      const week = periodContaining('week', point.period);
      const rows = await raw([CENTRE_ID], week.from, week.to < to ? week.to : to);
      expect(point.n, point.period).toBe(rows.filter((row) => row.complete).length);
      expect(point.index, point.period).toBe(scoreQuestionnaire(SIPAS_V1, tallyResponses(SIPAS_V1, rows as never)).overall);
      if (point.n > 0) withAnswers++;
    }
    expect(withAnswers).toBeGreaterThanOrEqual(3);
    const yearly = await summary({ unitId: CENTRE_ID, from: dayAgo(200), to });
    expect(yearly.headline.sparkline.granularity).toBe('month');
    expect(yearly.headline.sparkline.points.reduce((sum, point) => sum + point.n, 0)).toBe(yearly.responses.complete);
  });

  it('ranks with the previous rank and by block, lists a quick-only commune with its quick figure and names the weakest sub-units', async () => {
    const from = dayAgo(8);
    const to = dayAgo(1);
    const report = await summary({ unitId: PROVINCE_ID, from, to, minimumSample: '10' });
    const previous = previousComparablePeriod(from, to);
    const figures = async (range: { from: string; to: string }) => {
      const rows = [];
      for (const unitId of [CENTRE_ID, OTHER_CENTRE_ID, QUICK_COMMUNE_ID, AGENCY_ID]) {
        const answers = await raw([unitId], range.from, range.to);
        rows.push({
          unitId,
          n: answers.filter((row) => row.complete).length,
          index: scoreQuestionnaire(SIPAS_V1, tallyResponses(SIPAS_V1, answers as never)).overall,
        });
      }
      return rankUnits(rows, 10);
    };
    const now = await figures({ from, to });
    const before = new Map((await figures(previous)).map((row) => [row.unitId, row.rank]));
    const byId = new Map(report.ranking.rows.map((row) => [row.unitId, row]));
    for (const row of now) {
      const got = byId.get(row.unitId)!;
      expect([got.rank, got.index, got.n, got.previousRank], row.unitId).toEqual([row.rank, row.index, row.n, before.get(row.unitId) ?? null]);
    }
    const commune = byId.get(QUICK_COMMUNE_ID)!;
    expect(commune.reason).toBe('quick-only');
    expect([commune.quickIndex, commune.quickN]).toEqual([(9 * 100) / 14, 14]);
    expect(byId.get(AGENCY_ID)!.reason).toBe('no-data');
    expect(commune.block).toBe('commune');
    expect(byId.get(AGENCY_ID)!.block).toBe('agency');
    expect(byId.get(CENTRE_ID)!.blockRank).toBeNull();
    const weakest = now
      .filter((row) => row.rank !== null)
      .sort((a, b) => a.index! - b.index!)
      .slice(0, 3)
      .map((row) => row.unitId);
    expect(report.headline.weakestUnits.map((row) => row.unitId)).toEqual(weakest);
  });

  it('gives no "k more needed" and no verdict where nobody answered', async () => {
    const report = await summary({ unitId: AGENCY_ID, from: dayAgo(8), to: dayAgo(1) });
    expect(report.overall).toMatchObject({ n: 0, interval: null, verdict: 'no-data' });
    for (const criterion of report.elements.flatMap((element) => element.criteria)) expect(criterion.additionalNeeded).toBeNull();
    const small = await summary({ unitId: CENTRE_ID, from: dayAgo(1), to: dayAgo(1), minimumSample: '1000' });
    expect(small.overall.n).toBeGreaterThan(0);
    expect(small.overall.verdict).toBe('not-conclusive');
  });
});

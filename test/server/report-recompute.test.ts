import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportReplySchema, type ReportReply } from '../../src/domain/manage-api.ts';
import { SIPAS_2017 } from '../../src/domain/methods/index.ts';
import { criterionResult, rankUnits, scoreQuestionnaire } from '../../src/domain/scoring.ts';
import { levelCounts, tallyResponses } from '../../src/domain/tally.ts';
import { buildApp } from '../../src/server/app.ts';
import { CENTRE_ID, OTHER_CENTRE_ID, PROVINCE_ID, SIPAS_V1, batchOf, enrolNewDevice, seedTestUnits, sipasResponse, syncBatch } from './fixtures.ts';
import { ACCOUNTS, QUICK_V1, asSignedIn, dayAgo, seedAccounts, seedHistory, signIn } from './manage-fixtures.ts';
import { addDays } from '../../src/domain/calendar.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

/**
 * The dashboard's figures are sums of the daily tables scored by the domain; here they are recomputed
 * independently from the raw responses table (SELECT, parse, tallyResponses, scoreQuestionnaire) and
 * must agree exactly, to the last bit, for several units, periods and filters.
 */
describe.each(databasesUnderTest)('report indices on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let cookie: string;
  let burst: ReturnType<typeof sipasResponse>[] = [];

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    app = buildApp({ db: opened.db, staticDir: null });
    await seedHistory(app, opened.db);
    // A burst (issue 7): ten completions from one tablet within 20 s, all flagged 'burst' on arrival.
    const stuffer = await enrolNewDevice(app, opened.db, CENTRE_ID);
    const burstStart = Date.parse(`${dayAgo(2)}T05:00:00.000Z`);
    burst = Array.from({ length: 10 }, (_, i) => sipasResponse(stuffer, i + 1, { submittedAt: new Date(burstStart + i * 2_000).toISOString() }));
    await syncBatch(app, stuffer.token, batchOf(burst));
    cookie = await signIn(app, ACCOUNTS.admin.username);
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  async function rawResponses(unitIds: string[], from: string, to: string, questionnaireId: string, serviceFieldId?: string, includeFlagged = true) {
    let query = opened.db
      .selectFrom('responses')
      .selectAll()
      .where('unit_id', 'in', unitIds)
      .where('local_day', '>=', from)
      .where('local_day', '<=', to)
      .where('questionnaire_id', '=', questionnaireId);
    if (serviceFieldId) query = query.where('service_field_id', '=', serviceFieldId);
    if (!includeFlagged) query = query.where('flags', '=', '');
    return (await query.execute()).map((row) => ({
      ...row,
      complete: Number(row.complete) === 1,
      answers: JSON.parse(row.answers) as Record<string, unknown>,
    }));
  }

  async function summary(params: Record<string, string>): Promise<ReportReply> {
    const reply = await asSignedIn(app, cookie, { method: 'GET', url: `/api/v1/reports/summary?${new URLSearchParams(params)}` });
    expect(reply.statusCode, reply.body).toBe(200);
    return reportReplySchema.parse(reply.json());
  }

  const cases = [
    {
      name: 'the province over the whole history',
      unitId: PROVINCE_ID,
      units: [PROVINCE_ID, CENTRE_ID, OTHER_CENTRE_ID],
      from: () => dayAgo(30),
      to: () => dayAgo(0),
    },
    { name: 'one centre over five days', unitId: CENTRE_ID, units: [CENTRE_ID], from: () => dayAgo(8), to: () => dayAgo(4) },
    { name: 'the other centre on one day', unitId: OTHER_CENTRE_ID, units: [OTHER_CENTRE_ID], from: () => dayAgo(3), to: () => dayAgo(3) },
    {
      name: 'the province for one service field',
      unitId: PROVINCE_ID,
      units: [PROVINCE_ID, CENTRE_ID, OTHER_CENTRE_ID],
      from: () => dayAgo(10),
      to: () => dayAgo(2),
      serviceFieldId: 'land',
    },
    {
      name: 'the province without sub-units (no own answers)',
      unitId: PROVINCE_ID,
      units: [PROVINCE_ID],
      from: () => dayAgo(30),
      to: () => dayAgo(0),
      includeSubunits: 'false',
    },
  ];

  const withAndWithoutFlagged = cases.flatMap((testCase) => [
    { ...testCase, includeFlagged: true, flaggedName: 'all responses' },
    { ...testCase, includeFlagged: false, flaggedName: 'flagged excluded' },
  ]);

  it.each(withAndWithoutFlagged)('equal a recomputation from raw responses: $name, $flaggedName', async (testCase) => {
    const from = testCase.from();
    const to = testCase.to();
    const report = await summary({
      unitId: testCase.unitId,
      from,
      to,
      ...(testCase.serviceFieldId ? { serviceFieldId: testCase.serviceFieldId } : {}),
      ...(testCase.includeSubunits ? { includeSubunits: testCase.includeSubunits } : {}),
      ...(testCase.includeFlagged ? {} : { includeFlagged: 'false' }),
    });
    expect(report.flaggedExcluded).toBe(!testCase.includeFlagged);
    const everything = await rawResponses(testCase.units, from, to, 'sipas', testCase.serviceFieldId);
    const flagged = everything.filter((row) => row.flags !== '');
    expect(report.flagged.count).toBe(flagged.filter((row) => row.complete).length);
    const raw = testCase.includeFlagged ? everything : everything.filter((row) => row.flags === '');
    const expected = scoreQuestionnaire(SIPAS_V1, tallyResponses(SIPAS_V1, raw as never));

    expect(report.responses.complete).toBe(raw.filter((row) => row.complete).length);
    expect(report.responses.incomplete).toBe(raw.filter((row) => !row.complete).length);
    expect(report.method).toEqual({ id: SIPAS_2017.id, version: SIPAS_2017.version, name: SIPAS_2017.name });
    expect(report.overall.index).toBe(expected.overall);
    expect(report.criteriaWithoutAnswers).toEqual(expected.criteriaWithoutAnswers);
    report.elements.forEach((element, e) => {
      expect(element.index).toBe(expected.elements[e]!.index);
      element.criteria.forEach((criterion, c) => {
        const want = expected.elements[e]!.criteria[c]!;
        expect([criterion.n, criterion.satisfied, criterion.index, criterion.levelCounts]).toEqual([
          want.n,
          want.satisfied,
          want.index,
          want.levelCounts,
        ]);
        expect(criterion.interval).toEqual(want.interval);
      });
    });
    if (testCase.units.length > 1) expect(report.overall.index).not.toBeNull();

    // Improvements: how many complete responses chose each option.
    for (const item of report.improvements) {
      const chosen = raw.filter(
        (row) => row.complete && Array.isArray(row.answers.improvements) && (row.answers.improvements as string[]).includes(item.optionId),
      );
      expect(item.count, item.optionId).toBe(chosen.length);
    }
    expect(report.improvements.map((item) => item.count)).toEqual([...report.improvements.map((item) => item.count)].sort((a, b) => b - a));

    // Comments: every comment of complete responses, newest first.
    const comments = raw
      .filter((row) => row.complete && typeof row.answers.comment === 'string')
      .sort((a, b) => (a.corrected_submitted_at < b.corrected_submitted_at ? 1 : -1))
      .map((row) => row.answers.comment);
    expect(report.comments.map((comment) => comment.text)).toEqual(comments.slice(0, 100));

    // Quick mode separately: the counter rating of the same units and period.
    const quickRaw = await rawResponses(testCase.units, from, to, 'counter-rating', testCase.serviceFieldId, testCase.includeFlagged);
    const quickCounts = levelCounts(tallyResponses(QUICK_V1, quickRaw as never), 'Q.1', 'three-level');
    expect(report.quick).toMatchObject({
      ...criterionResult(quickCounts, 'three-level', [2, 3]),
      levelCounts: quickCounts,
      method: { id: 'counter-rating-2025', version: 1 },
    });
  });

  it('excluding flagged responses removes exactly the burst, and says how many and why', async () => {
    const params = { unitId: PROVINCE_ID, from: dayAgo(30), to: dayAgo(0) };
    const full = await summary(params);
    const excluded = await summary({ ...params, includeFlagged: 'false' });
    expect(full.flaggedExcluded).toBe(false);
    expect(excluded.flaggedExcluded).toBe(true);
    for (const report of [full, excluded]) expect(report.flagged).toEqual({ count: 10, byReason: [{ flag: 'burst', count: 10 }] });
    expect(full.responses.complete - excluded.responses.complete).toBe(10);
    const burstTally = tallyResponses(SIPAS_V1, burst as never);
    full.elements.forEach((element, e) => {
      element.criteria.forEach((criterion, c) => {
        const without = excluded.elements[e]!.criteria[c]!;
        const levels = levelCounts(burstTally, criterion.id, 'five-level');
        expect(
          criterion.levelCounts.map((count, level) => count - without.levelCounts[level]!),
          criterion.id,
        ).toEqual(levels);
        expect(criterion.n - without.n, criterion.id).toBe(levels.reduce((sum, count) => sum + count, 0));
      });
    });
    const centre = (report: ReportReply) => report.ranking.rows.find((row) => row.unitId === CENTRE_ID)!.n;
    expect(centre(full) - centre(excluded)).toBe(10);
  });

  it('refuses a day that is not in the calendar, naming the field', async () => {
    const reply = await asSignedIn(app, cookie, {
      method: 'GET',
      url: `/api/v1/reports/summary?unitId=${PROVINCE_ID}&from=2026-02-30&to=2026-03-31`,
    });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().error.field).toBe('from');
  });

  it('ranks direct sub-units by their own recomputed index, marking small samples', async () => {
    const from = dayAgo(30);
    const to = dayAgo(0);
    const report = await summary({ unitId: PROVINCE_ID, from, to, minimumSample: '80' });
    const expected = [];
    for (const unitId of [CENTRE_ID, OTHER_CENTRE_ID]) {
      const raw = await rawResponses([unitId], from, to, 'sipas');
      const n = raw.filter((row) => row.complete).length;
      expected.push({ unitId, n, index: scoreQuestionnaire(SIPAS_V1, tallyResponses(SIPAS_V1, raw as never)).overall });
    }
    const ranked = rankUnits(expected, 80);
    expect(report.ranking.rows.map(({ unitId, n, index, rank, reason }) => ({ unitId, n, index, rank, reason }))).toEqual(
      ranked.map(({ unitId, n, index, rank, reason }) => ({ unitId, n, index, rank, reason })),
    );
    expect(report.ranking.rows.some((row) => row.reason === 'below-minimum-sample')).toBe(true);
  });

  it("ranks with the scoring method's minimum sample when the query names none", async () => {
    const report = await summary({ unitId: PROVINCE_ID, from: dayAgo(30), to: dayAgo(0) });
    expect(report.ranking.minimumSample).toBe(SIPAS_2017.minimumSampleToRank);
    expect(report.headline.minimumSample).toBe(SIPAS_2017.minimumSampleToRank);
    expect((await summary({ unitId: PROVINCE_ID, from: dayAgo(30), to: dayAgo(0), minimumSample: '7' })).ranking.minimumSample).toBe(7);
  });

  it('draws weeks by default up to about three months, each point the index of its days', async () => {
    const from = dayAgo(20);
    const to = dayAgo(0);
    const report = await summary({ unitId: CENTRE_ID, from, to });
    expect(report.trend.granularity).toBe('week');
    const weeks = report.trend.points;
    expect(weeks.length).toBeGreaterThanOrEqual(3);
    expect(weeks.length).toBeLessThanOrEqual(4);
    expect(weeks[0]!.from).toBe(from);
    expect(weeks.at(-1)!.to).toBe(to);
    for (const point of weeks) {
      // Each bucket starts on a Monday and covers its days within the range, seven at most.
      expect(new Date(`${point.period}T00:00:00Z`).getUTCDay(), point.period).toBe(1);
      expect(point.from >= point.period && point.to <= addDays(point.period, 6)).toBe(true);
      const raw = await rawResponses([CENTRE_ID], point.from, point.to, 'sipas');
      expect(point.index, point.period).toBe(scoreQuestionnaire(SIPAS_V1, tallyResponses(SIPAS_V1, raw as never)).overall);
      expect(point.responses, point.period).toBe(raw.filter((row) => row.complete).length);
    }
    expect(weeks.reduce((sum, point) => sum + point.responses, 0)).toBe(report.responses.complete);
    expect((await summary({ unitId: CENTRE_ID, from: dayAgo(92), to: dayAgo(0) })).trend.granularity).toBe('month');
    const quarter = await summary({ unitId: CENTRE_ID, from: dayAgo(91), to: dayAgo(0) });
    expect(quarter.trend.granularity).toBe('week');
  });

  it('draws days only on request (trendBy=day), and months beyond three months', async () => {
    const from = dayAgo(6);
    const to = dayAgo(2);
    const report = await summary({ unitId: CENTRE_ID, from, to, trendBy: 'day' });
    expect(report.trend.granularity).toBe('day');
    expect(report.trend.points.map((point) => point.period)).toEqual([dayAgo(6), dayAgo(5), dayAgo(4), dayAgo(3), dayAgo(2)]);
    for (const point of report.trend.points) {
      expect([point.from, point.to]).toEqual([point.period, point.period]);
      const raw = await rawResponses([CENTRE_ID], point.period, point.period, 'sipas');
      expect(point.index).toBe(scoreQuestionnaire(SIPAS_V1, tallyResponses(SIPAS_V1, raw as never)).overall);
      expect(point.responses).toBe(raw.filter((row) => row.complete).length);
    }
    const longer = await summary({ unitId: CENTRE_ID, from: dayAgo(100), to: dayAgo(0) });
    expect(longer.trend.granularity).toBe('month');
    expect(longer.trend.points[0]!.from).toBe(dayAgo(100));
    expect(longer.trend.points.reduce((sum, point) => sum + point.responses, 0)).toBe(longer.responses.complete);
    const longerByDay = await summary({ unitId: CENTRE_ID, from: dayAgo(100), to: dayAgo(0), trendBy: 'day' });
    expect(longerByDay.trend.points).toHaveLength(101);
    expect(longerByDay.trend.points.reduce((sum, point) => sum + point.responses, 0)).toBe(longer.responses.complete);
    expect(longerByDay.overall.index).toBe(longer.overall.index);
    // More than a year by day would be thousands of points: months instead, and the reply says so.
    expect((await summary({ unitId: CENTRE_ID, from: dayAgo(400), to: dayAgo(0), trendBy: 'day' })).trend.granularity).toBe('month');
    const refused = await asSignedIn(app, cookie, {
      method: 'GET',
      url: `/api/v1/reports/summary?${new URLSearchParams({ unitId: CENTRE_ID, from, to, trendBy: 'hour' })}`,
    });
    expect(refused.statusCode).toBe(400);
  });

  it('uses the nearest target and counts a merged unit under the unit it was merged into', async () => {
    const from = dayAgo(30);
    const to = dayAgo(0);
    const year = Number(to.slice(0, 4));
    const put = await asSignedIn(app, cookie, {
      method: 'PUT',
      url: '/api/v1/admin/targets',
      payload: { unitId: CENTRE_ID, questionnaireId: 'sipas', year, percent: 92.5 },
    });
    expect(put.statusCode, put.body).toBe(200);
    const centre = await summary({ unitId: CENTRE_ID, from, to });
    expect(centre.overall.target).toBe(92.5);
    expect(centre.elements[0]!.criteria[0]!.target).toBe(92.5);
    expect((await summary({ unitId: OTHER_CENTRE_ID, from, to })).overall.target).toBe(85);

    const merge = await asSignedIn(app, cookie, {
      method: 'POST',
      url: `/api/v1/admin/units/${OTHER_CENTRE_ID}/merge`,
      payload: { intoId: CENTRE_ID },
    });
    expect(merge.statusCode, merge.body).toBe(200);
    const merged = await summary({ unitId: CENTRE_ID, from, to });
    const raw = await rawResponses([CENTRE_ID, OTHER_CENTRE_ID], from, to, 'sipas');
    expect(merged.overall.index).toBe(scoreQuestionnaire(SIPAS_V1, tallyResponses(SIPAS_V1, raw as never)).overall);
    const province = await summary({ unitId: PROVINCE_ID, from, to });
    expect(province.ranking.rows.map((row) => row.unitId)).toEqual([CENTRE_ID]);
    expect(province.overall.index).toBe(merged.overall.index);
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceConfigSchema } from '../../src/domain/device-config.ts';
import { reportReplySchema, unitNodeSchema } from '../../src/domain/manage-api.ts';
import { methodPreviewReplySchema } from '../../src/domain/method-preview.ts';
import { allCriteria, type Questionnaire } from '../../src/domain/questionnaire.ts';
import type { SurveyResponse } from '../../src/domain/response.ts';
import { QUESTIONNAIRE_TEMPLATES } from '../../src/domain/templates/index.ts';
import { summarizeResponses } from '../../src/domain/daily-summary.ts';
import { buildApp } from '../../src/server/app.ts';
import {
  batchOf,
  CENTRE_ID,
  enrolNewDevice,
  OTHER_CENTRE_ID,
  PROVINCE_ID,
  seedTestUnits,
  sipasResponse,
  syncBatch,
  type EnrolledDevice,
} from './fixtures.ts';
import { ACCOUNTS, asSignedIn, seedAccounts, seededRandom, signIn } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

const NOW = new Date('2026-03-02T03:00:00.000Z');
const RESPONSES_PER_UNIT = 60;

/** Half away from zero to the hundredth, written apart from format.ts on purpose. */
function hundredths(value: number): number {
  const scaled = Math.abs(value) * 100;
  const rounded = Math.floor(scaled + 0.5 + 1e-9) / 100;
  return Math.sign(value) * rounded;
}

/**
 * The figures a hospital or school reads off its forms by hand: per criterion, answers at the satisfied
 * levels over all its answers; an element the mean of its answered criteria; the index the mean of the
 * elements, or their weighted sum when the method weighs them. Computed from the raw answers, not from tallies or the scoring code.
 */
function expectedFigures(questionnaire: Questionnaire, responses: readonly SurveyResponse[]) {
  const satisfiedLevels = new Set(questionnaire.scoringMethod!.satisfiedLevels['five-level']);
  const elements = questionnaire.elements.map((element) => {
    const shares = element.criteria.flatMap((criterion) => {
      const levels = responses.map((response) => response.answers[criterion.id]).filter((value): value is number => typeof value === 'number');
      return levels.length === 0 ? [] : [(100 * levels.filter((level) => satisfiedLevels.has(level)).length) / levels.length];
    });
    return { id: element.id, index: shares.reduce((sum, share) => sum + share, 0) / shares.length };
  });
  const weights = elements.map(
    (element) => questionnaire.scoringMethod!.tree?.elements.find((entry) => entry.id === element.id)?.weight ?? 1 / elements.length,
  );
  return { elements, overall: elements.reduce((sum, element, position) => sum + weights[position]! * element.index, 0) };
}

/**
 * Respondent-level shares by hand: for each element, each complete respondent who answered at least one
 * of its criteria counts the share of those answered at a satisfied level; the element is the mean of
 * those shares, the index the mean (or weighted sum) of the elements. From the raw answers, not from counts.
 */
function expectedRespondentFigures(questionnaire: Questionnaire, responses: readonly SurveyResponse[]) {
  const satisfiedLevels = new Set(questionnaire.scoringMethod!.satisfiedLevels['five-level']);
  const elements = questionnaire.elements.map((element) => {
    const shares = responses
      .filter((response) => response.complete)
      .map((response) =>
        element.criteria.map((criterion) => response.answers[criterion.id]).filter((value): value is number => typeof value === 'number'),
      )
      .filter((levels) => levels.length > 0)
      .map((levels) => (100 * levels.filter((level) => satisfiedLevels.has(level)).length) / levels.length);
    return { id: element.id, index: shares.reduce((sum, share) => sum + share, 0) / shares.length };
  });
  const weights = elements.map(
    (element) => questionnaire.scoringMethod!.tree?.elements.find((entry) => entry.id === element.id)?.weight ?? 1 / elements.length,
  );
  return { elements, overall: elements.reduce((sum, element, position) => sum + weights[position]! * element.index, 0) };
}

/** The questionnaire's method under a province's own id: the first element weighs `firstWeight`, the others share the rest. */
function weightedMethod(questionnaire: Questionnaire, id: string, firstWeight: number): NonNullable<Questionnaire['scoringMethod']> {
  const rest = (1 - firstWeight) / (questionnaire.elements.length - 1);
  return {
    ...questionnaire.scoringMethod!,
    id,
    tree: {
      elements: questionnaire.elements.map((element, position) => ({
        id: element.id,
        weight: position === 0 ? firstWeight : rest,
        figure: { kind: 'mean-of-criteria' as const },
      })),
    },
  };
}

function templateResponses(
  questionnaire: Questionnaire,
  device: EnrolledDevice,
  seed: number,
  firstAt = '2026-03-01T01:00:00.000Z',
): SurveyResponse[] {
  const random = seededRandom(seed);
  return Array.from({ length: RESPONSES_PER_UNIT }, (_, index) => {
    const answers: SurveyResponse['answers'] = {};
    for (const criterion of allCriteria(questionnaire)) {
      // About one criterion in eight left unanswered ("does not apply"): out of the denominator.
      if (random() < 0.125) continue;
      // Skewed towards the satisfied levels, as real forms are, so the shares differ per criterion.
      answers[criterion.id] = Math.min(5, 1 + Math.floor(random() * 5.6));
    }
    answers.overall = 1 + Math.floor(random() * 5);
    const submittedAt = new Date(Date.parse(firstAt) + index * 600_000).toISOString();
    return sipasResponse(device, index + 1, {
      questionnaireId: questionnaire.id,
      questionnaireVersion: questionnaire.version,
      // The other centre has no counters of its own in the fixtures.
      ...(device.unitId === CENTRE_ID ? {} : { counterId: null }),
      submittedAt,
      answers,
    });
  });
}

describe.each(databasesUnderTest)('questionnaires of other services, scored by the method published with them, on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let admin: string;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    app = buildApp({ db: opened.db, staticDir: null, now: () => NOW });
    admin = await signIn(app, ACCOUNTS.admin.username);
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it("publishes each template, sets it as a unit's survey, and reports its answers by its own method to the hundredth", async () => {
    const templates = (await asSignedIn(app, admin, { method: 'GET', url: '/api/v1/admin/questionnaire-templates' })).json<{
      templates: Questionnaire[];
    }>().templates;
    expect(templates.map((template) => template.id)).toEqual(['outpatient-satisfaction', 'school-parents']);
    const units = [CENTRE_ID, OTHER_CENTRE_ID];

    for (const [position, template] of templates.entries()) {
      const unitId = units[position]!;
      const published = await asSignedIn(app, admin, { method: 'POST', url: '/api/v1/admin/questionnaires', payload: template });
      expect(published.statusCode, published.body).toBe(201);
      const assigned = await asSignedIn(app, admin, {
        method: 'PUT',
        url: `/api/v1/admin/units/${unitId}/questionnaires`,
        payload: { full: template.id },
      });
      expect(assigned.statusCode, assigned.body).toBe(200);
      expect(unitNodeSchema.parse(assigned.json()).fullQuestionnaireId).toBe(template.id);

      const device = await enrolNewDevice(app, opened.db, unitId);
      const config = deviceConfigSchema.parse(
        (await app.inject({ url: '/api/v1/sync/config', headers: { authorization: `Bearer ${device.token}` } })).json(),
      );
      expect(config.activeQuestionnaires.full).toBe(template.id);
      expect(config.questionnaires.find((questionnaire) => questionnaire.id === template.id)?.scoringMethod?.id).toBe(template.scoringMethod!.id);

      const responses = templateResponses(template, device, 11 + position);
      const reply = await syncBatch(app, device.token, batchOf(responses, { deviceTime: NOW.toISOString() }));
      expect(
        reply.results.every((result) => result.status === 'accepted'),
        JSON.stringify(reply).slice(0, 600),
      ).toBe(true);

      const report = reportReplySchema.parse(
        (await asSignedIn(app, admin, { method: 'GET', url: `/api/v1/reports/summary?unitId=${unitId}&from=2026-03-01&to=2026-03-02` })).json(),
      );
      const expected = expectedFigures(template, responses);
      expect(report.questionnaire.id).toBe(template.id);
      expect(report.method).toEqual({ id: template.scoringMethod!.id, version: template.scoringMethod!.version, name: template.scoringMethod!.name });
      expect(report.responses.complete, JSON.stringify(report).slice(0, 1500)).toBe(RESPONSES_PER_UNIT);
      expect(report.elements.map((element) => [element.id, hundredths(element.index!)])).toEqual(
        expected.elements.map((element) => [element.id, hundredths(element.index)]),
      );
      expect(hundredths(report.overall.index!)).toBe(hundredths(expected.overall));
    }
  });

  it("scores the next version by the province's own weights published with it, not by the template's equal ones", async () => {
    const [, school] = QUESTIONNAIRE_TEMPLATES;
    const weighted: Questionnaire = {
      ...school!,
      version: 2,
      scoringMethod: weightedMethod(school!, 'school-parents-tinh-2026', 0.4),
    };
    const published = await asSignedIn(app, admin, { method: 'POST', url: '/api/v1/admin/questionnaires', payload: weighted });
    expect(published.statusCode, published.body).toBe(201);
    const device = await enrolNewDevice(app, opened.db, OTHER_CENTRE_ID);
    const responses = templateResponses(weighted, device, 23);
    await syncBatch(app, device.token, batchOf(responses, { deviceTime: NOW.toISOString() }));

    const report = reportReplySchema.parse(
      (
        await asSignedIn(app, admin, { method: 'GET', url: `/api/v1/reports/summary?unitId=${OTHER_CENTRE_ID}&from=2026-03-01&to=2026-03-02` })
      ).json(),
    );
    const expected = expectedFigures(weighted, responses);
    const equalWeights = expected.elements.reduce((sum, element) => sum + element.index, 0) / expected.elements.length;
    expect(hundredths(expected.overall)).not.toBe(hundredths(equalWeights));
    expect(report.questionnaire.version).toBe(2);
    expect(report.method.id).toBe('school-parents-tinh-2026');
    expect(hundredths(report.overall.index!)).toBe(hundredths(expected.overall));
  });

  it('refuses a unit questionnaire that is unknown or not published for that mode, naming the mode and changing nothing', async () => {
    const before = (await asSignedIn(app, admin, { method: 'GET', url: '/api/v1/units' })).json<{
      units: { id: string; quickQuestionnaireId: string | null }[];
    }>();
    for (const payload of [{ quick: 'outpatient-satisfaction' }, { quick: 'no-such-survey' }]) {
      const refused = await asSignedIn(app, admin, { method: 'PUT', url: `/api/v1/admin/units/${CENTRE_ID}/questionnaires`, payload });
      expect(refused.statusCode).toBe(400);
      expect(refused.json<{ error: { field: string } }>().error.field).toBe('quick');
    }
    const malformed = await asSignedIn(app, admin, {
      method: 'PUT',
      url: `/api/v1/admin/units/${CENTRE_ID}/questionnaires`,
      payload: { full: 'x', extra: true },
    });
    expect(malformed.statusCode).toBe(400);
    const missing = await asSignedIn(app, admin, { method: 'PUT', url: '/api/v1/admin/units/no-such-unit/questionnaires', payload: { full: null } });
    expect(missing.statusCode).toBe(404);
    const after = (await asSignedIn(app, admin, { method: 'GET', url: '/api/v1/units' })).json<{
      units: { id: string; quickQuestionnaireId: string | null }[];
    }>();
    expect(after.units).toEqual(before.units);
  });

  it('refuses to publish a version whose method does not fit it, naming the field, and publishes nothing', async () => {
    const [outpatient] = QUESTIONNAIRE_TEMPLATES;
    const broken = { ...outpatient!, version: 2, scoringMethod: { ...outpatient!.scoringMethod!, satisfiedLevels: { 'three-level': [3] } } };
    const refused = await asSignedIn(app, admin, { method: 'POST', url: '/api/v1/admin/questionnaires', payload: broken });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toMatch(/scoringMethod/);
    const version2 = await asSignedIn(app, admin, { method: 'GET', url: '/api/v1/admin/questionnaires/outpatient-satisfaction/versions/2' });
    expect(version2.statusCode).toBe(404);
  });

  it('gives a published version back as published, to export or to start the next version from', async () => {
    const [, school] = QUESTIONNAIRE_TEMPLATES;
    const version1 = await asSignedIn(app, admin, { method: 'GET', url: '/api/v1/admin/questionnaires/school-parents/versions/1' });
    expect(version1.statusCode).toBe(200);
    expect(version1.json()).toEqual(school);
  });

  it("draws the twelve months across a change of method: each month by its own version's method, both methods named", async () => {
    const [outpatient] = QUESTIONNAIRE_TEMPLATES;
    const before: Questionnaire = { ...outpatient!, id: 'trend-across-methods', version: 1 };
    const after: Questionnaire = {
      ...before,
      version: 2,
      scoringMethod: weightedMethod(before, 'trend-across-methods-2026', 0.7),
    };
    for (const version of [before, after]) {
      const published = await asSignedIn(app, admin, { method: 'POST', url: '/api/v1/admin/questionnaires', payload: version });
      expect(published.statusCode, published.body).toBe(201);
    }
    const januaryTablet = await enrolNewDevice(app, opened.db, CENTRE_ID);
    const februaryTablet = await enrolNewDevice(app, opened.db, CENTRE_ID);
    const january = templateResponses(before, januaryTablet, 31, '2026-01-20T01:00:00.000Z');
    const february = templateResponses(after, februaryTablet, 37, '2026-02-20T01:00:00.000Z');
    await syncBatch(app, januaryTablet.token, batchOf(january, { deviceTime: NOW.toISOString() }));
    await syncBatch(app, februaryTablet.token, batchOf(february, { deviceTime: NOW.toISOString() }));

    const reply = await asSignedIn(app, admin, {
      method: 'GET',
      url: `/api/v1/reports/summary?unitId=${CENTRE_ID}&questionnaireId=${before.id}&from=2026-02-01&to=2026-02-28`,
    });
    expect(reply.statusCode, reply.body).toBe(200);
    const { questionnaire, headline } = reportReplySchema.parse(reply.json());
    expect(questionnaire.version).toBe(2);
    const shown = headline.sparkline.points.filter((point) => point.version !== null);
    expect(shown.map((point) => [point.period, point.version, point.n])).toEqual([
      ['2026-01', 1, RESPONSES_PER_UNIT],
      ['2026-02', 2, RESPONSES_PER_UNIT],
    ]);
    expect(hundredths(shown[0]!.index!)).toBe(hundredths(expectedFigures(before, january).overall));
    expect(hundredths(shown[1]!.index!)).toBe(hundredths(expectedFigures(after, february).overall));
    // January has answers, but of version 1 only: not compared with February, and said so.
    expect(headline.previous).toMatchObject({ n: 0, index: null, otherVersionsOnly: true });
    expect(headline.sparkline.methods.map((entry) => [entry.version, entry.method.id])).toEqual([
      [1, before.scoringMethod!.id],
      [2, 'trend-across-methods-2026'],
    ]);
  });

  it("tries a draft's method on a past month beside the method in force, from the same answers, and publishes nothing", async () => {
    const [outpatient] = QUESTIONNAIRE_TEMPLATES;
    const inForce: Questionnaire = { ...outpatient!, id: 'method-preview', version: 1 };
    const published = await asSignedIn(app, admin, { method: 'POST', url: '/api/v1/admin/questionnaires', payload: inForce });
    expect(published.statusCode, published.body).toBe(201);
    const tablet = await enrolNewDevice(app, opened.db, OTHER_CENTRE_ID);
    const february = templateResponses(inForce, tablet, 41, '2026-02-10T01:00:00.000Z');
    await syncBatch(app, tablet.token, batchOf(february, { deviceTime: NOW.toISOString() }));
    const [firstElement, ...otherElements] = inForce.elements;
    const draft: Questionnaire = {
      ...inForce,
      version: 2,
      // One criterion more in the first element: nobody has answered it yet.
      elements: [{ ...firstElement!, criteria: [...firstElement!.criteria, { id: 'NEW.1', text: { vi: 'Tiêu chí mới' } }] }, ...otherElements],
      scoringMethod: weightedMethod(inForce, 'method-preview-2026', 0.5),
    };
    const preview = async (body: Record<string, unknown>, cookie = admin) =>
      asSignedIn(app, cookie, { method: 'POST', url: '/api/v1/admin/questionnaires/method-preview', payload: body });

    const reply = await preview({ questionnaire: draft, unitId: OTHER_CENTRE_ID, from: '2026-02-01', to: '2026-02-28' });
    expect(reply.statusCode, reply.body).toBe(200);
    const result = methodPreviewReplySchema.parse(reply.json());
    expect(result.n).toBe(RESPONSES_PER_UNIT);
    expect(result.basis?.version).toBe(1);
    expect(result.basis?.method.id).toBe(inForce.scoringMethod!.id);
    expect(result.draft.method.id).toBe('method-preview-2026');
    const before = expectedFigures(inForce, february);
    const after = expectedFigures(draft, february);
    expect(hundredths(result.basis!.overall!)).toBe(hundredths(before.overall));
    expect(hundredths(result.draft.overall!)).toBe(hundredths(after.overall));
    expect(hundredths(result.overallChange!)).toBe(hundredths(after.overall - before.overall));
    expect(result.elements.map((element) => [element.id, hundredths(element.basis!), hundredths(element.draft!)])).toEqual(
      before.elements.map((element, position) => [element.id, hundredths(element.index), hundredths(after.elements[position]!.index)]),
    );
    expect(result.criteriaWithoutAnswers).toEqual(['NEW.1']);
    const notPublished = await asSignedIn(app, admin, { method: 'GET', url: '/api/v1/admin/questionnaires/method-preview/versions/2' });
    expect(notPublished.statusCode).toBe(404);

    const quiet = methodPreviewReplySchema.parse(
      (await preview({ questionnaire: draft, unitId: OTHER_CENTRE_ID, from: '2025-02-01', to: '2025-02-28' })).json(),
    );
    expect([quiet.n, quiet.basis, quiet.overallChange]).toEqual([0, null, null]);

    const unknownUnit = await preview({ questionnaire: draft, unitId: 'nowhere', from: '2026-02-01', to: '2026-02-28' });
    expect(unknownUnit.statusCode).toBe(404);
    expect(unknownUnit.json()).toMatchObject({ error: { field: 'unitId' } });
    const unfit = { ...draft, scoringMethod: { ...draft.scoringMethod!, satisfiedLevels: { 'three-level': [3] } } };
    const refused = await preview({ questionnaire: unfit, unitId: OTHER_CENTRE_ID, from: '2026-02-01', to: '2026-02-28' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toMatch(/scoringMethod/);
    const manager = await signIn(app, ACCOUNTS.otherManager.username);
    expect((await preview({ questionnaire: draft, unitId: OTHER_CENTRE_ID, from: '2026-02-01', to: '2026-02-28' }, manager)).statusCode).toBe(403);
  });

  it("scores a version whose method takes each respondent's share from counts stored at sync, on the server and on the tablet alike", async () => {
    const [outpatient] = QUESTIONNAIRE_TEMPLATES;
    const byRespondent: Questionnaire = {
      ...outpatient!,
      id: 'respondent-shares',
      version: 1,
      scoringMethod: { ...outpatient!.scoringMethod!, id: 'outpatient-respondents-2026', shares: 'respondent-level' },
    };
    const published = await asSignedIn(app, admin, { method: 'POST', url: '/api/v1/admin/questionnaires', payload: byRespondent });
    expect(published.statusCode, published.body).toBe(201);
    const tablet = await enrolNewDevice(app, opened.db, OTHER_CENTRE_ID);
    const answers = templateResponses(byRespondent, tablet, 57, '2026-01-12T01:00:00.000Z');
    const reply = await syncBatch(app, tablet.token, batchOf(answers, { deviceTime: NOW.toISOString() }));
    expect(reply.results.every((result) => result.status === 'accepted')).toBe(true);

    const report = reportReplySchema.parse(
      (
        await asSignedIn(app, admin, {
          method: 'GET',
          url: `/api/v1/reports/summary?unitId=${OTHER_CENTRE_ID}&from=2026-01-01&to=2026-01-31&questionnaireId=respondent-shares`,
        })
      ).json(),
    );
    const expected = expectedRespondentFigures(byRespondent, answers);
    const pooled = expectedFigures(byRespondent, answers);
    // The answers were drawn so that the two readings differ: the test could not pass on answer-level shares.
    expect(hundredths(expected.overall)).not.toBe(hundredths(pooled.overall));
    expect(report.method.id).toBe('outpatient-respondents-2026');
    expect(report.responses.complete).toBe(RESPONSES_PER_UNIT);
    expect(report.elements.map((element) => [element.id, hundredths(element.index!)])).toEqual(
      expected.elements.map((element) => [element.id, hundredths(element.index)]),
    );
    expect(hundredths(report.overall.index!)).toBe(hundredths(expected.overall));
    // The province reads its scope's totals, which the same sync wrote.
    const province = reportReplySchema.parse(
      (
        await asSignedIn(app, admin, {
          method: 'GET',
          url: `/api/v1/reports/summary?unitId=${PROVINCE_ID}&from=2026-01-01&to=2026-01-31&questionnaireId=respondent-shares`,
        })
      ).json(),
    );
    expect(province.elements.map((element) => hundredths(element.index!))).toEqual(expected.elements.map((element) => hundredths(element.index)));
    // The staff view on the tablet scores its own stored answers by the same method and agrees.
    const onTablet = summarizeResponses({ responses: answers, questionnaires: [byRespondent], targets: [] });
    expect(hundredths(onTablet.questionnaires[0]!.score.overall!)).toBe(hundredths(expected.overall));

    // Trying the method on answers counted answer by answer says why its element figures are missing.
    const preview = methodPreviewReplySchema.parse(
      (
        await asSignedIn(app, admin, {
          method: 'POST',
          url: '/api/v1/admin/questionnaires/method-preview',
          payload: {
            questionnaire: { ...byRespondent, id: 'method-preview', version: 2 },
            unitId: OTHER_CENTRE_ID,
            from: '2026-02-01',
            to: '2026-02-28',
          },
        })
      ).json(),
    );
    expect(preview.respondentSharesUncounted).toBe(true);
    expect(preview.draft.overall).toBeNull();
  });

  it('refuses respondent-level shares over unequal criteria weights, naming the field, and publishes nothing', async () => {
    const [outpatient] = QUESTIONNAIRE_TEMPLATES;
    const [first, ...rest] = outpatient!.elements;
    const unequal: Questionnaire = {
      ...outpatient!,
      id: 'respondent-shares-weighted',
      version: 1,
      scoringMethod: {
        ...outpatient!.scoringMethod!,
        id: 'weighted-respondents',
        shares: 'respondent-level',
        tree: {
          elements: [
            {
              id: first!.id,
              figure: { kind: 'mean-of-criteria' },
              criteria: first!.criteria.map((criterion, position) => ({
                id: criterion.id,
                weight: position === 0 ? 0.5 : 0.5 / (first!.criteria.length - 1),
              })),
            },
            ...rest.map((element) => ({ id: element.id, figure: { kind: 'mean-of-criteria' as const } })),
          ],
        },
      },
    };
    const refused = await asSignedIn(app, admin, { method: 'POST', url: '/api/v1/admin/questionnaires', payload: unequal });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { field: string } }>().error.field).toMatch(/^scoringMethod\.tree\.elements\[0\]\.criteria/);
    expect(
      (await asSignedIn(app, admin, { method: 'GET', url: '/api/v1/admin/questionnaires/respondent-shares-weighted/versions/1' })).statusCode,
    ).toBe(404);
  });
});

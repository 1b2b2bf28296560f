import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_THEME_IDS, themesOfComments, type CommentThemeId } from '../../src/domain/comment-themes.ts';
import { reportReplySchema, type ReportReply } from '../../src/domain/manage-api.ts';
import type { SurveyResponse } from '../../src/domain/response.ts';
import { agreementWithCorrections } from '../../src/server/comments/agreement-with-corrections.ts';
import { CLASSIFY_STORED_COMMENTS_JOB, classifyStoredComments } from '../../src/server/comments/classify-stored-comments.ts';
import { QuestionnaireCatalog } from '../../src/server/db/questionnaires-repository.ts';
import { LABELLED_COMMENTS } from '../fixtures/comments/labelled-comments.ts';
import { CENTRE_ID, OTHER_CENTRE_ID, PROVINCE_ID, batchOf, enrolNewDevice, sipasResponse, syncBatch } from './fixtures.ts';
import { ACCOUNTS, asSignedIn, dayAgo, openManagedApp, signIn, type ManagedApp } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

/** More comments than a report lists (100): the theme counts must cover the whole period, not the list. */
const COMMENTED = 140;
const FROM = dayAgo(45);
const TO = dayAgo(1);

describe.each(databasesUnderTest)('stored comment themes on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let admin: string;
  let managed: ManagedApp;

  beforeAll(async () => {
    managed = await openManagedApp(database);
    ({ opened, app, admin } = managed);
    for (const unitId of [CENTRE_ID, OTHER_CENTRE_ID]) {
      const device = await enrolNewDevice(app, opened.db, unitId);
      const responses: SurveyResponse[] = [];
      for (let sequence = 1; sequence <= COMMENTED; sequence++) {
        const base = sipasResponse(device, sequence, {
          submittedAt: `${dayAgo(1 + (sequence % 44))}T02:${String(sequence % 60).padStart(2, '0')}:00.000Z`,
        });
        // Most answers carry a labelled comment; some none; a few are incomplete (counted for nothing).
        const comment =
          sequence % 5 === 0 ? undefined : LABELLED_COMMENTS[(sequence * 7 + (unitId === CENTRE_ID ? 0 : 3)) % LABELLED_COMMENTS.length]!.text;
        responses.push({ ...base, complete: sequence % 17 !== 0, answers: comment === undefined ? base.answers : { ...base.answers, comment } });
      }
      for (let start = 0; start < responses.length; start += 100) await syncBatch(app, device.token, batchOf(responses.slice(start, start + 100)));
    }
  });
  afterAll(async () => {
    await managed.close();
  });

  async function summary(params: Record<string, string>, cookie = admin): Promise<ReportReply> {
    const reply = await asSignedIn(app, cookie, { method: 'GET', url: `/api/v1/reports/summary?${new URLSearchParams(params)}` });
    expect(reply.statusCode, reply.body).toBe(200);
    return reportReplySchema.parse(reply.json());
  }

  /** The stored comments (as redacted at sync) of complete responses, with their current stored themes. */
  async function storedComments(unitIds: readonly string[]) {
    const rows = await opened.db
      .selectFrom('responses')
      .leftJoin('comment_classifications', 'comment_classifications.response_id', 'responses.id')
      .select([
        'responses.id',
        'responses.local_day',
        'responses.answers',
        'responses.complete',
        'comment_classifications.themes',
        'comment_classifications.source',
      ])
      .where('responses.unit_id', 'in', [...unitIds])
      .where('responses.local_day', '>=', FROM)
      .where('responses.local_day', '<=', TO)
      .execute();
    return rows
      .map((row) => ({ ...row, comment: (JSON.parse(row.answers) as SurveyResponse['answers']).comment }))
      .filter(
        (row): row is typeof row & { comment: string } => Number(row.complete) === 1 && typeof row.comment === 'string' && row.comment.trim() !== '',
      );
  }

  /** Theme counts as the dashboard shows them, recomputed from the raw responses and a theme rule. */
  function countsOf(comments: readonly { themes: readonly CommentThemeId[] }[]) {
    return COMMENT_THEME_IDS.map((theme) => ({ theme, count: comments.filter((comment) => comment.themes.includes(theme)).length }))
      .filter((entry) => entry.count > 0)
      .sort((a, b) => b.count - a.count);
  }

  it('counts the themes of every comment of the period, for a province and for one unit, as the classifier finds them in the stored text', async () => {
    for (const [unitId, members] of [
      [PROVINCE_ID, [CENTRE_ID, OTHER_CENTRE_ID]],
      [CENTRE_ID, [CENTRE_ID]],
    ] as const) {
      const report = await summary({ unitId, from: FROM, to: TO });
      const comments = await storedComments(members);
      expect(comments.length).toBeGreaterThan(100);
      expect(report.commentsTruncated).toBe(true);
      const expected = countsOf(comments.map((row) => ({ themes: themesOfComments([row.comment]) })));
      expect(expected.length).toBeGreaterThan(5);
      expect(report.commentThemes).toEqual(expected);
    }
  });

  it('counts each theme per week and per day of the trend, from the same stored comments', async () => {
    const comments = await storedComments([CENTRE_ID, OTHER_CENTRE_ID]);
    for (const trendBy of ['week', 'day'] as const) {
      const report = await summary({ unitId: PROVINCE_ID, from: FROM, to: TO, trendBy });
      expect(report.trend.granularity).toBe(trendBy);
      expect(report.trend.points.length).toBeGreaterThan(5);
      for (const point of report.trend.points) {
        const ofPoint = comments.filter((row) => row.local_day >= point.from && row.local_day <= point.to);
        expect(point.themes, `${point.from}–${point.to}`).toEqual(countsOf(ofPoint.map((row) => ({ themes: themesOfComments([row.comment]) }))));
      }
      // The points together hold the period's counts.
      const summed = new Map<string, number>();
      for (const entry of report.trend.points.flatMap((point) => point.themes)) summed.set(entry.theme, (summed.get(entry.theme) ?? 0) + entry.count);
      expect(report.commentThemes.map((entry) => [entry.theme, summed.get(entry.theme)])).toEqual(
        report.commentThemes.map((entry) => [entry.theme, entry.count]),
      );
    }
  });

  it('lists only the comments of the theme a manager picks, each with that theme', async () => {
    const all = await summary({ unitId: PROVINCE_ID, from: FROM, to: TO });
    const theme = all.commentThemes.find((entry) => entry.count > 3 && entry.count < 100)!.theme;
    const filtered = await summary({ unitId: PROVINCE_ID, from: FROM, to: TO, commentTheme: theme });
    expect(filtered.commentThemes).toEqual(all.commentThemes);
    const responses = new Set(filtered.comments.map((comment) => comment.responseId));
    expect(responses.size).toBe(all.commentThemes.find((entry) => entry.theme === theme)!.count);
    for (const comment of filtered.comments) expect(comment.themes).toContain(theme);
  });

  it('classifies the comments stored before themes were kept, to the same counts the sync gives', async () => {
    const before = await summary({ unitId: PROVINCE_ID, from: FROM, to: TO });
    // As a database upgraded from the release before: no stored themes and no theme counts.
    await opened.db.deleteFrom('comment_classifications').execute();
    await opened.db.deleteFrom('counts').where('measure', '=', 'mark').where('item', 'like', 'theme:%').execute();
    await opened.db.deleteFrom('finished_data_jobs').where('name', '=', CLASSIFY_STORED_COMMENTS_JOB).execute();
    expect((await summary({ unitId: PROVINCE_ID, from: FROM, to: TO })).commentThemes).toEqual([]);

    const counts = await classifyStoredComments(opened.db, new QuestionnaireCatalog(opened.db), () => new Date());
    expect(counts?.classified).toBe(
      (
        await opened.db
          .selectFrom('comment_classifications')
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n * 1,
    );
    expect((await summary({ unitId: PROVINCE_ID, from: FROM, to: TO })).commentThemes).toEqual(before.commentThemes);
    // Once per classifier version: a second start does nothing.
    expect(await classifyStoredComments(opened.db, new QuestionnaireCatalog(opened.db), () => new Date())).toBeNull();
  });

  it('keeps a manager’s correction: the counts move, it is audited, and a newer classifier leaves it', async () => {
    const manager = await signIn(app, ACCOUNTS.manager.username);
    const target = (await storedComments([CENTRE_ID])).find((row) => themesOfComments([row.comment]).length >= 2)!;
    const previous = themesOfComments([target.comment]);
    const corrected: CommentThemeId[] = previous.includes('fees') ? ['feedback'] : ['fees'];
    const before = await summary({ unitId: PROVINCE_ID, from: FROM, to: TO });

    const reply = await asSignedIn(app, manager, {
      method: 'PUT',
      url: `/api/v1/comments/${target.id}/themes`,
      payload: { themes: [...corrected, ...corrected] },
    });
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.json()).toEqual({ responseId: target.id, themes: corrected, themesCorrected: true });

    const after = await summary({ unitId: PROVINCE_ID, from: FROM, to: TO });
    const expected = countsOf(
      (await storedComments([CENTRE_ID, OTHER_CENTRE_ID])).map((row) => ({
        themes: row.source === 'manager' ? ((row.themes ?? ',').split(',').filter(Boolean) as CommentThemeId[]) : themesOfComments([row.comment]),
      })),
    );
    expect(after.commentThemes).toEqual(expected);
    const countOf = (report: ReportReply, theme: CommentThemeId) => report.commentThemes.find((entry) => entry.theme === theme)?.count ?? 0;
    for (const theme of previous) expect(countOf(after, theme)).toBe(countOf(before, theme) - 1);
    expect(countOf(after, corrected[0]!)).toBe(countOf(before, corrected[0]!) + 1);

    const listed = (await summary({ unitId: CENTRE_ID, from: FROM, to: TO, commentTheme: corrected[0]! })).comments.find(
      (comment) => comment.responseId === target.id,
    )!;
    expect(listed).toMatchObject({ themes: corrected, themesCorrected: true });
    const audit = await opened.db.selectFrom('audit_log').selectAll().where('action', '=', 'comment-themes.corrected').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(`account:${ACCOUNTS.manager.username}`);
    expect(JSON.parse(audit[0]!.detail)).toEqual({ responseId: target.id, unitId: CENTRE_ID, before: previous, after: corrected });
    expect(audit[0]!.detail).not.toContain(target.comment);

    // A newer classifier classifies the classifier's rows again, never the person's.
    await opened.db.updateTable('comment_classifications').set({ classifier_version: 0 }).execute();
    await opened.db.deleteFrom('finished_data_jobs').execute();
    const rerun = await classifyStoredComments(opened.db, new QuestionnaireCatalog(opened.db), () => new Date());
    expect(rerun).toEqual({ classified: 0, reclassified: expect.any(Number) });
    expect(rerun!.reclassified).toBeGreaterThan(100);
    expect((await summary({ unitId: PROVINCE_ID, from: FROM, to: TO })).commentThemes).toEqual(after.commentThemes);
    const kept = await opened.db.selectFrom('comment_classifications').selectAll().where('response_id', '=', target.id).executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ source: 'manager', corrected_by: `account:${ACCOUNTS.manager.username}` });

    // The correction measures the classifier: it found `previous`, the person kept `corrected`.
    const agreement = await agreementWithCorrections(opened.db, new QuestionnaireCatalog(opened.db));
    expect(agreement.comments).toBe(1);
    expect(agreement.overall).toMatchObject({ truePositives: 0, falsePositives: previous.length, falseNegatives: 1, precision: 0, recall: 0 });
    expect(agreement.perTheme[corrected[0]!].falseNegatives).toBe(1);
  });

  it('refuses staff, another unit’s manager, unknown themes, a missing CSRF header and a response without comment; nothing changes', async () => {
    const target = (await storedComments([CENTRE_ID]))[0]!;
    const uncommented = await opened.db
      .selectFrom('responses')
      .select('id')
      .where('unit_id', '=', CENTRE_ID)
      .where('answers', 'not like', '%"comment"%')
      .executeTakeFirstOrThrow();
    const before = await summary({ unitId: PROVINCE_ID, from: FROM, to: TO });
    const put = (cookie: string, responseId: string, payload: unknown, headers?: Record<string, string>) =>
      asSignedIn(app, cookie, { method: 'PUT', url: `/api/v1/comments/${responseId}/themes`, payload: payload as object, headers });

    const staff = await put(await signIn(app, ACCOUNTS.staff.username), target.id, { themes: ['fees'] });
    expect([staff.statusCode, staff.json().error.code]).toEqual([403, 'forbidden']);
    const other = await put(await signIn(app, ACCOUNTS.otherManager.username), target.id, { themes: ['fees'] });
    expect([other.statusCode, other.json().error.code, other.json().error.field]).toEqual([404, 'not-found', 'responseId']);
    const unknown = await put(admin, target.id, { themes: ['nonsense'] });
    expect([unknown.statusCode, unknown.json().error.code, unknown.json().error.field]).toEqual([400, 'invalid-request', 'themes[0]']);
    const noCsrf = await app.inject({
      method: 'PUT',
      url: `/api/v1/comments/${target.id}/themes`,
      headers: { cookie: admin },
      payload: { themes: ['fees'] },
    });
    expect(noCsrf.json().error.code).toBe('csrf-rejected');
    const none = await put(admin, uncommented.id, { themes: ['fees'] });
    expect([none.statusCode, none.json().error.code]).toEqual([404, 'not-found']);

    expect((await summary({ unitId: PROVINCE_ID, from: FROM, to: TO })).commentThemes).toEqual(before.commentThemes);
    expect(await opened.db.selectFrom('audit_log').select('id').where('action', '=', 'comment-themes.corrected').execute()).toHaveLength(1);
  });
});

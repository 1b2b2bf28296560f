import type { FastifyInstance } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportReplySchema } from '../../src/domain/manage-api.ts';
import { buildApp } from '../../src/server/app.ts';
import { migrateTo, migrateToLatest } from '../../src/server/db/migrate.ts';
import { enrolDevice } from '../../src/server/enrolment/enrolment.ts';
import {
  CENTRE_ID,
  COUNTER_IDS,
  PROVINCE_ID,
  batchOf,
  enrolNewDevice,
  newEnrolmentCode,
  seedTestUnits,
  sipasResponse,
  syncBatch,
} from './fixtures.ts';
import { ACCOUNTS, asSignedIn, dayAgo, seedAccounts, signIn } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

/**
 * Personal data typed into a comment never reaches the database: the server redacts every free-text
 * answer of an uploaded record (an old tablet may send it raw), the report's comment list and exports
 * read the stored text (with the themes found in it), and migration 0009 redacts what was stored before.
 */

const RAW_COMMENT = 'Chờ lâu quá. Gọi tôi 0912 345 678 hoặc chị Lê Thị Hoa, email hoa.le@gmail.com';
const REDACTED_COMMENT = 'Chờ lâu quá. Gọi tôi [số điện thoại] hoặc chị [họ tên], email [email]';
const PERSONAL_FRAGMENTS = ['0912', '345 678', 'Lê Thị Hoa', 'hoa.le@gmail.com'];

describe.each(databasesUnderTest)('comment redaction on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    app = buildApp({ db: opened.db, staticDir: null });
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it('stores an uploaded comment redacted and reports and exports it redacted', async () => {
    const device = await enrolNewDevice(app, opened.db);
    // Noon in the unit's time zone (UTC+7) yesterday: inside the report's days at any hour the test runs.
    const response = sipasResponse(device, 1, { submittedAt: `${dayAgo(1)}T05:00:00.000Z` });
    response.answers.comment = RAW_COMMENT;
    const reply = await syncBatch(app, device.token, batchOf([response]));
    expect(reply.results).toEqual([{ id: response.id, status: 'accepted' }]);

    const stored = await opened.db.selectFrom('responses').select('answers').where('id', '=', response.id).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.answers).comment).toBe(REDACTED_COMMENT);
    for (const fragment of PERSONAL_FRAGMENTS) expect(stored.answers).not.toContain(fragment);

    const cookie = await signIn(app, ACCOUNTS.provinceManager.username);
    const query = `unitId=${PROVINCE_ID}&from=${dayAgo(3)}&to=${dayAgo(0)}`;
    const summary = reportReplySchema.parse((await asSignedIn(app, cookie, { method: 'GET', url: `/api/v1/reports/summary?${query}` })).json());
    expect(summary.comments.map((comment) => comment.text)).toEqual([REDACTED_COMMENT]);
    // Themes are found from the stored (redacted) text when the report is read, and counted.
    expect(summary.comments[0]!.themes).toEqual(['staff', 'feedback', 'waiting-time']);
    expect(summary.commentThemes).toEqual([
      { theme: 'staff', count: 1 },
      { theme: 'feedback', count: 1 },
      { theme: 'waiting-time', count: 1 },
    ]);
    for (const format of ['csv', 'xlsx']) {
      const exported = await asSignedIn(app, cookie, { method: 'GET', url: `/api/v1/reports/export.${format}?${query}` });
      expect(exported.statusCode).toBe(200);
      for (const fragment of PERSONAL_FRAGMENTS) expect(exported.rawPayload.includes(Buffer.from(fragment))).toBe(false);
    }
  });

  it('leaves a comment without personal data, and its ordinary numbers, as typed', async () => {
    const device = await enrolNewDevice(app, opened.db);
    const response = sipasResponse(device, 1);
    response.answers.comment = 'Đi 3 lần, chờ 15 phút, hẹn ngày 12/3/2026, lệ phí 50.000 đồng ở quầy số 2';
    await syncBatch(app, device.token, batchOf([response]));
    const stored = await opened.db.selectFrom('responses').select('answers').where('id', '=', response.id).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.answers).comment).toBe(response.answers.comment);
  });
});

describe.each(databasesUnderTest)('migration 0009 on $name', (database) => {
  let opened: OpenedDatabase;

  beforeAll(async () => {
    opened = await database.open();
  });
  afterAll(async () => {
    await opened.close();
  });

  it('redacts the comments stored before it and audits how many responses changed', async () => {
    const { db } = opened;
    await seedTestUnits(db);
    const deviceId = '0190f5a0-0000-7000-8000-00000000c0f1';
    await enrolDevice(db, { code: await newEnrolmentCode(db), deviceId }, new Date());
    await migrateTo(db, '0006_procedures');

    const comments = [RAW_COMMENT, 'Cán bộ nhiệt tình, chờ 15 phút', null, 'stk 0071001234567 vietcombank hoàn phí giúp'];
    const ids: string[] = [];
    for (const [index, comment] of comments.entries()) {
      const id = uuidv7();
      ids.push(id);
      const at = '2026-02-03T03:00:00.000Z';
      await db
        .insertInto('responses')
        .values({
          id,
          questionnaire_id: 'sipas',
          questionnaire_version: 1,
          device_id: deviceId,
          device_sequence: index + 1,
          unit_id: CENTRE_ID,
          counter_id: COUNTER_IDS[0],
          service_field_id: 'land',
          locale: 'vi',
          started_at: at,
          submitted_at: at,
          complete: 1,
          answers: JSON.stringify({ 'E1.1': 4, improvements: ['staff'], ...(comment === null ? {} : { comment }) }),
          screen_durations_ms: '{}',
          dossier_code: null,
          received_at: at,
          clock_skew_ms: 0,
          corrected_submitted_at: at,
          local_day: '2026-02-03',
          procedure_id: null,
        })
        .execute();
    }

    await migrateToLatest(db);
    const rows = await db.selectFrom('responses').select(['id', 'answers']).where('id', 'in', ids).execute();
    const commentOf = (id: string) => JSON.parse(rows.find((row) => row.id === id)!.answers) as Record<string, unknown>;
    expect(commentOf(ids[0]!).comment).toBe(REDACTED_COMMENT);
    expect(commentOf(ids[1]!).comment).toBe('Cán bộ nhiệt tình, chờ 15 phút');
    expect(commentOf(ids[2]!)).toEqual({ 'E1.1': 4, improvements: ['staff'] });
    expect(commentOf(ids[3]!)).toEqual({ 'E1.1': 4, improvements: ['staff'], comment: 'stk [số tài khoản] vietcombank hoàn phí giúp' });

    // The test database ran 0009 once when it was made: nothing to redact, so no audit row; this run redacted two.
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'comments.redacted').orderBy('id').execute();
    expect(audit.map((row) => [row.actor, JSON.parse(row.detail)])).toEqual([['migration:0009_redact_comments', { redactedResponses: 2 }]]);
  });
});

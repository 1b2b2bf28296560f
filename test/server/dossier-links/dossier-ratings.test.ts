import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDossierLink, type DossierLinkFields } from '../../../src/domain/dossier-link.ts';
import { allCriteria } from '../../../src/domain/questionnaire.ts';
import { CSRF_HEADER } from '../../../src/domain/csrf.ts';
import { reportReplySchema } from '../../../src/domain/manage-api.ts';
import { buildApp } from '../../../src/server/app.ts';
import { dossierLinkDeviceId } from '../../../src/server/dossier-links/dossier-ratings.ts';
import {
  batchOf,
  CENTRE_ID,
  enrolNewDevice,
  OTHER_CENTRE_ID,
  PROVINCE_ID,
  recountedTallies,
  seedTestUnits,
  SIPAS_V1,
  sipasResponse,
  storedTallies,
  syncBatch,
} from '../fixtures.ts';
import { ACCOUNTS, asSignedIn, QUICK_V1, seedAccounts, signIn } from '../manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from '../test-databases.ts';
import { addBirthProcedure, BIRTH } from './link-fixtures.ts';

/** 2026-12-05 10:00 in Việt Nam. */
const NOW = new Date('2026-12-05T03:00:00Z');
const REPORT_QUERY = `unitId=${PROVINCE_ID}&from=2026-12-01&to=2026-12-31`;

/** Every criterion of the full survey rated, the fourth element (the result) low. */
function fullAnswers(): Record<string, number | string> {
  const answers: Record<string, number | string> = {};
  for (const criterion of allCriteria(SIPAS_V1)) answers[criterion.id] = criterion.id.startsWith('E4') ? 2 : 5;
  return answers;
}

describe.each(databasesUnderTest)('a citizen rates a dossier through its link, on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let admin: string;
  let keyId: string;
  let secret: Uint8Array;
  let otherKey: { keyId: string; secret: Uint8Array };
  const linkKeysSecret = new Uint8Array(randomBytes(32));
  const clock = NOW;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    app = buildApp({ db: opened.db, staticDir: null, now: () => clock, publicUrl: 'https://sipas.example.gov.vn', linkKeysSecret });
    admin = await signIn(app, ACCOUNTS.admin.username);
    await addBirthProcedure(app, admin);
    const newKey = async (unitId: string) => {
      const reply = await asSignedIn(app, admin, { method: 'POST', url: '/api/v1/admin/dossier-signing-keys', payload: { unitId } });
      expect(reply.statusCode, reply.body).toBe(201);
      const { keyId: id, secret: text } = reply.json() as { keyId: string; secret: string };
      return { keyId: id, secret: new Uint8Array(Buffer.from(text, 'base64url')) };
    };
    ({ keyId, secret } = await newKey(CENTRE_ID));
    otherKey = await newKey(OTHER_CENTRE_ID);
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  const linkOf = (dossierCode: string, overrides: Partial<DossierLinkFields> = {}, key = secret) =>
    signDossierLink(
      { keyId, unitId: CENTRE_ID, dossierCode, procedureCode: BIRTH, issuedOn: '2026-12-05', expiresOn: '2027-01-03', ...overrides },
      key,
    );
  const submission = (overrides: Record<string, unknown> = {}) => ({
    id: uuidv7(),
    questionnaireId: 'sipas',
    questionnaireVersion: 1,
    locale: 'vi',
    startedAt: new Date(NOW.getTime() - 120_000).toISOString(),
    answers: fullAnswers(),
    screenDurationsMs: { E1: 20_000 },
    ...overrides,
  });
  const rate = (token: string, body: object) =>
    app.inject({ method: 'POST', url: `/api/v1/dossier-links/${token}/rating`, payload: body, headers: { [CSRF_HEADER]: '1' } });
  const storedResponses = () => opened.db.selectFrom('responses').selectAll().where('channel', '=', 'dossier-link').execute();

  it('gives the page the unit, the procedure and the questions the unit’s links ask, with nothing rated yet', async () => {
    const reply = await app.inject({ method: 'GET', url: `/api/v1/dossier-links/${linkOf('H12-0001')}` });
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.headers['set-cookie']).toBeUndefined();
    const page = reply.json();
    expect(page).toMatchObject({
      dossierCode: 'H12-0001',
      rated: false,
      mode: 'full',
      procedure: { code: BIRTH, name: { vi: 'Đăng ký khai sinh' } },
    });
    expect(page.questionnaire).toMatchObject({ id: 'sipas', version: 1 });
    expect(page.languages).toContain('vi');
  });

  it('stores the rating once, under the dossier-link channel, and counts it in the report and the per-dossier export', async () => {
    const token = linkOf('H12-0002');
    const body = submission();
    (body.answers as Record<string, string>).comment = 'Gọi tôi 0912 345 678, kết quả trả chậm';
    const first = await rate(token, body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({ status: 'stored', responseId: body.id });
    // The same answers again (a dropped reply, a double tap): answered as stored, nothing added.
    const again = await rate(token, body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ status: 'duplicate', responseId: body.id });

    const rows = await storedResponses();
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({
      id: body.id,
      unit_id: CENTRE_ID,
      dossier_code: 'H12-0002',
      procedure_id: BIRTH,
      service_field_id: 'civil-status',
      counter_id: null,
      device_id: dossierLinkDeviceId(CENTRE_ID),
      local_day: '2026-12-05',
      flags: '',
    });
    expect(Number(row!.device_sequence)).toBe(1);
    expect(JSON.parse(row!.answers).comment).not.toContain('0912');
    expect(await storedTallies(opened.db)).toEqual(await recountedTallies(opened.db));

    const opening = await app.inject({ method: 'GET', url: `/api/v1/dossier-links/${token}` });
    expect(opening.json().rated).toBe(true);

    const report = reportReplySchema.parse((await asSignedIn(app, admin, { method: 'GET', url: `/api/v1/reports/summary?${REPORT_QUERY}` })).json());
    expect(report.responses).toMatchObject({ complete: 1, withDossierCode: 1 });
    const exported = await asSignedIn(app, admin, { method: 'GET', url: `/api/v1/reports/dossiers.json?${REPORT_QUERY}` });
    expect(exported.json().dossiers).toEqual([
      expect.objectContaining({ dossierCode: 'H12-0002', procedureCode: BIRTH, channel: 'dossier-link', ratedAt: '2026-12-05T10:00:00+07:00' }),
    ]);

    // The unit's dossier-link device is no tablet: not listed, not revocable.
    const devices = await asSignedIn(app, admin, { method: 'GET', url: '/api/v1/admin/devices' });
    expect(devices.body).not.toContain(dossierLinkDeviceId(CENTRE_ID));
    const revoke = await asSignedIn(app, admin, { method: 'POST', url: `/api/v1/admin/devices/${dossierLinkDeviceId(CENTRE_ID)}/revoke` });
    expect(revoke.statusCode).toBe(404);
  });

  it('keeps one rating per dossier when two tabs send different answers at once', async () => {
    const token = linkOf('H12-0003');
    const replies = await Promise.all([rate(token, submission()), rate(token, submission({ answers: { [allCriteria(SIPAS_V1)[0]!.id]: 1 } }))]);
    expect(replies.map((reply) => reply.statusCode).sort()).toEqual([201, 409]);
    expect(replies.find((reply) => reply.statusCode === 409)!.json().error.code).toBe('dossier-already-rated');
    const rows = await storedResponses();
    expect(rows.filter((row) => row.dossier_code === 'H12-0003')).toHaveLength(1);
    // The ledger issued contiguous numbers: nothing is reported missing.
    expect(rows.map((row) => Number(row.device_sequence)).sort()).toEqual([1, 2]);
    const ledger = await opened.db
      .selectFrom('device_ledgers')
      .selectAll()
      .where('device_id', '=', dossierLinkDeviceId(CENTRE_ID))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(ledger.missing)).toEqual([]);
  });

  it('accepts the quick rating too, and refuses answers that rate nothing or do not fit, storing nothing', async () => {
    const quick = await rate(linkOf('H12-0004'), submission({ questionnaireId: QUICK_V1.id, answers: { [allCriteria(QUICK_V1)[0]!.id]: 3 } }));
    expect(quick.statusCode, quick.body).toBe(201);
    const before = (await storedResponses()).length;

    const nothing = await rate(linkOf('H12-0005'), submission({ answers: {} }));
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().error).toMatchObject({ code: 'nothing-rated', field: 'answers' });
    const outOfScale = await rate(linkOf('H12-0005'), submission({ answers: { [allCriteria(SIPAS_V1)[0]!.id]: 9 } }));
    expect(outOfScale.statusCode).toBe(400);
    expect(outOfScale.json().error).toMatchObject({ code: 'invalid-rating', field: 'answers' });
    const otherQuestionnaire = await rate(linkOf('H12-0005'), submission({ questionnaireId: 'school-parents' }));
    expect(otherQuestionnaire.statusCode).toBe(400);
    expect(otherQuestionnaire.json().error.field).toBe('questionnaireId');
    const badId = await rate(linkOf('H12-0005'), submission({ id: 'not-a-uuid' }));
    expect(badId.statusCode).toBe(400);

    expect(await storedResponses()).toHaveLength(before);
    expect((await app.inject({ method: 'GET', url: `/api/v1/dossier-links/${linkOf('H12-0005')}` })).json().rated).toBe(false);
  });

  it('refuses forged, tampered, wrong-unit, expired and revoked links, storing nothing', async () => {
    const before = (await storedResponses()).length;
    const forged = linkOf('H12-0006', {}, new Uint8Array(32));
    const [payload, tag] = linkOf('H12-0006').split('.');
    const tampered = `${Buffer.from(Buffer.from(payload!, 'base64url').toString('utf8').replace('H12-0006', 'H12-0007'), 'utf8').toString('base64url')}.${tag}`;
    // Signed with the other centre's key but naming this centre: the key is not this unit's.
    const wrongUnit = signDossierLink(
      { keyId: otherKey.keyId, unitId: CENTRE_ID, dossierCode: 'H12-0006', procedureCode: BIRTH, issuedOn: '2026-12-05', expiresOn: '2027-01-03' },
      otherKey.secret,
    );
    const expired = linkOf('H12-0006', { issuedOn: '2026-11-01', expiresOn: '2026-12-04' });
    for (const token of [forged, tampered, wrongUnit]) {
      const reply = await rate(token, submission());
      expect(reply.statusCode).toBe(404);
      expect(reply.json().error.code).toBe('dossier-link-invalid');
    }
    const late = await rate(expired, submission());
    expect(late.statusCode).toBe(410);
    expect(late.json().error.code).toBe('dossier-link-expired');

    const revoke = await asSignedIn(app, admin, { method: 'POST', url: `/api/v1/admin/dossier-signing-keys/${otherKey.keyId}/revoke` });
    expect(revoke.statusCode, revoke.body).toBeLessThan(300);
    const revoked = signDossierLink(
      { keyId: otherKey.keyId, unitId: OTHER_CENTRE_ID, dossierCode: 'K-1', procedureCode: BIRTH, issuedOn: '2026-12-05', expiresOn: '2027-01-03' },
      otherKey.secret,
    );
    const withdrawn = await rate(revoked, submission());
    expect(withdrawn.statusCode).toBe(410);
    expect(withdrawn.json().error.code).toBe('dossier-link-revoked');
    expect(await storedResponses()).toHaveLength(before);
  });

  it('splits every report by channel and says its channel mix, for a unit and for the province above it', async () => {
    const tablet = await enrolNewDevice(app, opened.db, CENTRE_ID);
    const kiosk = sipasResponse(tablet, 1, { submittedAt: new Date(NOW.getTime() - 3_600_000).toISOString(), dossierCode: 'H12-QUAY-1' });
    expect((await syncBatch(app, tablet.token, batchOf([kiosk], { deviceTime: NOW.toISOString() }))).results[0]!.status).toBe('accepted');
    const summary = async (query: string) =>
      reportReplySchema.parse((await asSignedIn(app, admin, { method: 'GET', url: `/api/v1/reports/summary?${query}` })).json());
    for (const place of [REPORT_QUERY, `unitId=${CENTRE_ID}&from=2026-12-01&to=2026-12-31&includeSubunits=false`]) {
      // Two full surveys came through links (H12-0002 and H12-0003), one from the counter's kiosk.
      const every = await summary(place);
      expect(every.filters.channel).toBeNull();
      expect(every.responses.complete).toBe(3);
      expect(every.channels).toEqual([
        { channel: 'kiosk', complete: 1 },
        { channel: 'staff-assisted', complete: 0 },
        { channel: 'dossier-link', complete: 2 },
      ]);
      const linked = await summary(`${place}&channel=dossier-link`);
      expect(linked.filters.channel).toBe('dossier-link');
      expect(linked.responses.complete).toBe(2);
      expect(linked.channels).toEqual(every.channels);
      const atCounter = await summary(`${place}&channel=kiosk`);
      expect(atCounter.responses.complete).toBe(1);
      // Per channel, the criteria's answers add up to those of every channel.
      const answers = (report: typeof every) => report.elements.flatMap((element) => element.criteria.map((criterion) => criterion.n));
      expect(answers(linked).map((n, index) => n + answers(atCounter)[index]!)).toEqual(answers(every));
    }
    const exported = await asSignedIn(app, admin, { method: 'GET', url: `/api/v1/reports/dossiers.json?${REPORT_QUERY}&channel=kiosk` });
    expect(exported.json().dossiers.map((row: { dossierCode: string }) => row.dossierCode)).toEqual(['H12-QUAY-1']);
    const refused = await asSignedIn(app, admin, { method: 'GET', url: `/api/v1/reports/summary?${REPORT_QUERY}&channel=fax` });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toBe('channel');
  });

  it('asks the quick rating where an administrator chose it for the unit’s links', async () => {
    const set = await asSignedIn(app, admin, {
      method: 'PUT',
      url: `/api/v1/admin/units/${CENTRE_ID}/questionnaires`,
      payload: { dossierLink: 'quick' },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().dossierLinkMode).toBe('quick');
    const page = await app.inject({ method: 'GET', url: `/api/v1/dossier-links/${linkOf('H12-0008')}` });
    expect(page.json()).toMatchObject({ mode: 'quick', questionnaire: { id: QUICK_V1.id } });
    // Below it, a unit inherits the choice; the audit names it.
    const audit = await asSignedIn(app, admin, { method: 'GET', url: '/api/v1/admin/audit?limit=5' });
    expect(audit.body).toContain('"dossierLink":"quick"');
  });
});

import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { allCriteria } from '../../src/domain/questionnaire.ts';
import type { SurveyResponse } from '../../src/domain/response.ts';
import { parseCsv } from '../fixtures/csv.ts';
import { batchOf, CENTRE_ID, COUNTER_IDS, enrolNewDevice, OTHER_CENTRE_ID, PROVINCE_ID, SIPAS_V1, sipasResponse, syncBatch } from './fixtures.ts';
import { ACCOUNTS, asSignedIn, openManagedApp, QUICK_V1, signIn, type ManagedApp } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

const DAY = '2026-11-20';
const QUERY = `unitId=${PROVINCE_ID}&from=2026-11-01&to=2026-11-30`;

function quickRating(
  device: { deviceId: string; unitId: string },
  deviceSequence: number,
  level: number,
  overrides: Partial<SurveyResponse>,
): SurveyResponse {
  return {
    ...sipasResponse(device, deviceSequence, overrides),
    questionnaireId: QUICK_V1.id,
    questionnaireVersion: QUICK_V1.version,
    answers: { [allCriteria(QUICK_V1)[0]!.id]: level },
    ...overrides,
  };
}

describe.each(databasesUnderTest)('the per-dossier export on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let admin: string;
  let managed: ManagedApp;

  beforeAll(async () => {
    managed = await openManagedApp(database);
    ({ opened, app, admin } = managed);
    const centre = await enrolNewDevice(app, opened.db, CENTRE_ID);
    const other = await enrolNewDevice(app, opened.db, OTHER_CENTRE_ID);
    const at = (time: string) => new Date(`${DAY}T${time}Z`).toISOString();
    await syncBatch(
      app,
      centre.token,
      batchOf([
        // Rated twice at the counter: the later rating is the dossier's.
        quickRating(centre, 1, 1, { dossierCode: '000.00.31.H12-261120-0001', procedureId: null, submittedAt: at('02:00:00') }),
        quickRating(centre, 2, 3, { dossierCode: '000.00.31.H12-261120-0001', procedureId: null, submittedAt: at('03:30:00') }),
        quickRating(centre, 3, 2, { dossierCode: '000.00.31.H12-261120-0002', submittedAt: at('04:00:00') }),
        // No dossier code: not a rated dossier.
        quickRating(centre, 4, 1, { submittedAt: at('05:00:00') }),
        sipasResponse(centre, 5, { dossierCode: '000.00.31.H12-261120-0003', submittedAt: at('06:00:00'), counterId: COUNTER_IDS[0] }),
      ]),
    );
    await syncBatch(
      app,
      other.token,
      batchOf([quickRating(other, 1, 1, { dossierCode: 'KHAC-0001', submittedAt: at('07:15:00'), counterId: null })]),
    );
  });
  afterAll(async () => {
    await managed.close();
  });

  it('stores a unit’s agency code as administrators give it, and refuses one that is not a code, changing nothing', async () => {
    const set = await asSignedIn(app, admin, {
      method: 'PATCH',
      url: `/api/v1/admin/units/${CENTRE_ID}`,
      payload: { agencyCode: ' 000.00.31.h12 ' },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ id: CENTRE_ID, agencyCode: '000.00.31.H12' });

    const refused = await asSignedIn(app, admin, { method: 'PATCH', url: `/api/v1/admin/units/${CENTRE_ID}`, payload: { agencyCode: 'Sở Tư pháp' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'invalid-request', field: 'agencyCode' });
    const units = await asSignedIn(app, admin, { method: 'GET', url: '/api/v1/units' });
    expect(units.json().units.find((unit: { id: string }) => unit.id === CENTRE_ID).agencyCode).toBe('000.00.31.H12');
  });

  it('gives one row per rated dossier, with its latest rating, agency code, time with +07:00 and each criterion', async () => {
    const reply = await asSignedIn(app, admin, { method: 'GET', url: `/api/v1/reports/dossiers.json?${QUERY}` });
    expect(reply.statusCode).toBe(200);
    const { dossiers } = reply.json();
    expect(dossiers.map((row: { dossierCode: string }) => row.dossierCode)).toEqual([
      '000.00.31.H12-261120-0001',
      '000.00.31.H12-261120-0002',
      '000.00.31.H12-261120-0003',
      'KHAC-0001',
    ]);
    const [first, second, survey, other] = dossiers;
    expect(first).toMatchObject({
      agencyCode: '000.00.31.H12',
      unitId: CENTRE_ID,
      channel: 'kiosk',
      ratedAt: '2026-11-20T10:30:00+07:00',
      ratingLevel: 3,
      satisfied: true,
      questionnaire: QUICK_V1.id,
      method: 'counter-rating-2025',
    });
    expect(second).toMatchObject({ ratingLevel: 2, satisfied: true });
    expect(other).toMatchObject({ unitId: OTHER_CENTRE_ID, agencyCode: null, ratingLevel: 1, satisfied: false });
    // A full survey: no single level; its criteria keyed by id, as answered.
    const answered = sipasResponse({ deviceId: uuidv7(), unitId: CENTRE_ID }, 5).answers;
    expect(survey.ratingLevel).toBeNull();
    expect(survey.questionnaire).toBe('sipas');
    for (const criterion of allCriteria(SIPAS_V1)) expect(survey.criteria[criterion.id]).toBe(answered[criterion.id]);
    expect(JSON.stringify(reply.json())).not.toMatch(/comment|deviceId|locale/);
  });

  it('writes the same rows as CSV (UTF-8 with BOM) and XLSX, and audits every export', async () => {
    const csv = await asSignedIn(app, admin, { method: 'GET', url: `/api/v1/reports/dossiers.csv?${QUERY}` });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="sipas-${PROVINCE_ID}-2026-11-01-2026-11-30.dossiers.csv"`);
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(csv.body.slice(1));
    expect(header!.slice(0, 8)).toEqual([
      'dossier_code',
      'procedure_code',
      'agency_code',
      'unit_id',
      'channel',
      'rated_at',
      'rating_level',
      'satisfied',
    ]);
    expect(rows).toHaveLength(4);
    expect(rows[0]!.slice(0, 8)).toEqual([
      '000.00.31.H12-261120-0001',
      '',
      '000.00.31.H12',
      CENTRE_ID,
      'kiosk',
      '2026-11-20T10:30:00+07:00',
      '3',
      '1',
    ]);

    const xlsx = await asSignedIn(app, admin, { method: 'GET', url: `/api/v1/reports/dossiers.xlsx?${QUERY}` });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(5);
    expect(sheet.getRow(2).getCell(1).value).toBe('000.00.31.H12-261120-0001');
    expect(sheet.getRow(2).getCell(7).value).toBe(3);

    const audited = await opened.db.selectFrom('audit_log').select('detail').where('action', '=', 'report.exported.dossiers').execute();
    expect(audited.map((row) => JSON.parse(row.detail).format).sort()).toEqual(['csv', 'json', 'xlsx']);
  });

  it('lets a manager export only within their units, and no staff account at all', async () => {
    const manager = await signIn(app, ACCOUNTS.manager.username);
    const own = await asSignedIn(app, manager, {
      method: 'GET',
      url: `/api/v1/reports/dossiers.json?unitId=${CENTRE_ID}&from=2026-11-01&to=2026-11-30`,
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().dossiers.every((row: { unitId: string }) => row.unitId === CENTRE_ID)).toBe(true);
    const province = await asSignedIn(app, manager, { method: 'GET', url: `/api/v1/reports/dossiers.csv?${QUERY}` });
    expect(province.statusCode).toBe(403);
    const staff = await signIn(app, ACCOUNTS.staff.username);
    const refused = await asSignedIn(app, staff, {
      method: 'GET',
      url: `/api/v1/reports/dossiers.csv?unitId=${CENTRE_ID}&from=2026-11-01&to=2026-11-30`,
    });
    expect(refused.statusCode).toBe(403);
    const anonymous = await app.inject({ method: 'GET', url: `/api/v1/reports/dossiers.csv?${QUERY}` });
    expect(anonymous.statusCode).toBe(401);
    const unknown = await asSignedIn(app, admin, {
      method: 'GET',
      url: '/api/v1/reports/dossiers.json?unitId=no-such-unit&from=2026-11-01&to=2026-11-30',
    });
    expect(unknown.statusCode).toBe(404);
  });
});

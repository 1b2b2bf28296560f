import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceConfig } from '../../src/domain/device-config.ts';
import type { ReportReply } from '../../src/domain/manage-api.ts';
import type { SurveyResponse } from '../../src/domain/response.ts';
import { scoreQuestionnaire } from '../../src/domain/scoring.ts';
import { tallyResponses } from '../../src/domain/tally.ts';
import { buildApp } from '../../src/server/app.ts';
import { migrateTo, migrateToLatest } from '../../src/server/db/migrate.ts';
import {
  CENTRE_ID,
  OTHER_CENTRE_ID,
  PROVINCE_ID,
  SIPAS_V1,
  batchOf,
  enrolNewDevice,
  seedTestUnits,
  sipasResponse,
  syncBatch,
  type EnrolledDevice,
} from './fixtures.ts';
import { ACCOUNTS, asSignedIn, seedAccounts, seededRandom, signIn } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';
import { withLegacyCountViews } from './legacy-counts.ts';

/**
 * Procedures (thủ tục hành chính): administrators keep them per service field, tablets receive them with
 * their configuration, a response may name one of its service field, and every report can be filtered
 * by one, with figures equal to a recomputation from the raw responses that name it.
 */
const BIRTH = '1.001193';
const MARRIAGE = '1.000894';
const LAND_CHANGE = '1.004227';
const DAY_MS = 86_400_000;

describe.each(databasesUnderTest)('procedures on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let admin: string;
  let centreDevice: EnrolledDevice;
  let otherDevice: EnrolledDevice;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    app = buildApp({ db: opened.db, staticDir: null });
    admin = await signIn(app, ACCOUNTS.admin.username);
    centreDevice = await enrolNewDevice(app, opened.db, CENTRE_ID);
    otherDevice = await enrolNewDevice(app, opened.db, OTHER_CENTRE_ID);
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  const post = (cookie: string, url: string, payload: unknown) => asSignedIn(app, cookie, { method: 'POST', url, payload: payload as object });

  it('are created one by one and imported from CSV by an administrator only, each in a known service field', async () => {
    const created = await post(admin, '/api/v1/admin/procedures', { id: BIRTH, serviceFieldId: 'civil-status', name: { vi: 'Đăng ký khai sinh' } });
    expect(created.statusCode).toBe(200);

    const unknownField = await post(admin, '/api/v1/admin/procedures', { id: '9.999999', serviceFieldId: 'no-such-field', name: { vi: 'X' } });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json()).toMatchObject({ error: { field: 'serviceFieldId' } });

    const badImport = await post(admin, '/api/v1/admin/procedures/import', {
      csv: `id,service_field_id,name_vi\n${MARRIAGE},civil-status,Đăng ký kết hôn\n9.1,nowhere,Không có\n`,
    });
    expect(badImport.statusCode).toBe(400);
    expect(badImport.json().error.message).toContain('line 3');

    const imported = await post(admin, '/api/v1/admin/procedures/import', {
      csv: `id,service_field_id,name_vi,name_en\n${MARRIAGE},civil-status,Đăng ký kết hôn,Marriage registration\n${LAND_CHANGE},land,Đăng ký biến động đất đai,\n${BIRTH},civil-status,Đăng ký khai sinh (sửa),\n`,
    });
    expect(imported.json()).toEqual({ created: 2, updated: 1 });

    const manager = await signIn(app, ACCOUNTS.provinceManager.username);
    expect((await post(manager, '/api/v1/admin/procedures', { id: '2.000815', serviceFieldId: 'land', name: { vi: 'X' } })).statusCode).toBe(403);
    expect((await asSignedIn(app, manager, { method: 'GET', url: '/api/v1/admin/procedures' })).statusCode).toBe(403);

    const listed = await asSignedIn(app, admin, { method: 'GET', url: '/api/v1/admin/procedures' });
    // In the service fields' order, then in the order each was added to its field.
    expect(listed.json().procedures).toEqual([
      { id: LAND_CHANGE, serviceFieldId: 'land', name: { vi: 'Đăng ký biến động đất đai' } },
      { id: BIRTH, serviceFieldId: 'civil-status', name: { vi: 'Đăng ký khai sinh (sửa)' } },
      { id: MARRIAGE, serviceFieldId: 'civil-status', name: { vi: 'Đăng ký kết hôn', en: 'Marriage registration' } },
    ]);
    // The same list reaches the report filters of every signed-in account.
    const tree = await asSignedIn(app, manager, { method: 'GET', url: '/api/v1/units' });
    expect(tree.json().procedures.map((procedure: { id: string }) => procedure.id)).toEqual([LAND_CHANGE, BIRTH, MARRIAGE]);
  });

  it('reach a tablet with its configuration', async () => {
    const reply = await app.inject({ method: 'GET', url: '/api/v1/sync/config', headers: { authorization: `Bearer ${centreDevice.token}` } });
    expect(reply.statusCode).toBe(200);
    const config = reply.json<DeviceConfig>();
    expect(config.procedures.map((procedure) => [procedure.id, procedure.serviceFieldId])).toEqual([
      [LAND_CHANGE, 'land'],
      [BIRTH, 'civil-status'],
      [MARRIAGE, 'civil-status'],
    ]);
  });

  it('a response names one of its own service field, or it is rejected with the reason', async () => {
    const base = Date.now() - 40 * DAY_MS;
    const at = (offset: number) => new Date(base + offset * 60_000).toISOString();
    const reply = await syncBatch(
      app,
      centreDevice.token,
      batchOf([
        sipasResponse(centreDevice, 1, { submittedAt: at(0), serviceFieldId: 'civil-status', procedureId: BIRTH }),
        sipasResponse(centreDevice, 2, { submittedAt: at(1), serviceFieldId: 'civil-status', procedureId: '0.000000' }),
        sipasResponse(centreDevice, 3, { submittedAt: at(2), serviceFieldId: 'land', procedureId: BIRTH }),
      ]),
    );
    expect(reply.results.map((result) => result.status)).toEqual(['accepted', 'rejected', 'rejected']);
    expect(reply.results[1]).toMatchObject({ code: 'unknown-procedure', message: expect.stringContaining('procedureId') });
    expect(reply.results[2]).toMatchObject({ code: 'unknown-procedure', message: expect.stringContaining('"civil-status", not to "land"') });
    const stored = await opened.db
      .selectFrom('responses')
      .select(['device_sequence', 'procedure_id'])
      .where('device_id', '=', centreDevice.deviceId)
      .execute();
    expect(stored.map((row) => [Number(row.device_sequence), row.procedure_id])).toEqual([[1, BIRTH]]);
  });

  describe('reports filtered by a procedure', () => {
    const FROM_DAYS_AGO = 30;
    let sequences: Record<string, number>;

    beforeAll(async () => {
      sequences = { [centreDevice.deviceId]: 3, [otherDevice.deviceId]: 0 };
      const random = seededRandom(23);
      for (const device of [centreDevice, otherDevice]) {
        const responses: SurveyResponse[] = [];
        for (let day = FROM_DAYS_AGO; day >= 1; day -= 1 + Math.floor(random() * 2)) {
          for (let k = 0; k < 3; k++) {
            const sequence = ++sequences[device.deviceId]!;
            const procedureId = [BIRTH, MARRIAGE, null][Math.floor(random() * 3)]!;
            const answers: SurveyResponse['answers'] = {};
            for (const criterion of SIPAS_V1.elements.flatMap((element) => element.criteria))
              if (random() < 0.9) answers[criterion.id] = 1 + Math.floor(random() * 5);
            if (random() < 0.3) answers.comment = `Góp ý ${procedureId ?? 'không rõ thủ tục'} #${sequence}`;
            responses.push({
              ...sipasResponse(device, sequence, { submittedAt: new Date(Date.now() - day * DAY_MS + k * 3_600_000).toISOString(), counterId: null }),
              serviceFieldId: procedureId === null && random() < 0.5 ? 'land' : 'civil-status',
              procedureId,
              answers,
              complete: random() > 0.1,
            });
          }
        }
        for (let start = 0; start < responses.length; start += 40) await syncBatch(app, device.token, batchOf(responses.slice(start, start + 40)));
      }
    });

    async function report(params: Record<string, string>): Promise<ReportReply> {
      const reply = await asSignedIn(app, admin, { method: 'GET', url: `/api/v1/reports/summary?${new URLSearchParams(params).toString()}` });
      expect(reply.statusCode, reply.body).toBe(200);
      return reply.json<ReportReply>();
    }

    async function recomputed(unitIds: string[], from: string, to: string, procedureId: string, includeFlagged = true) {
      let query = opened.db
        .selectFrom('responses')
        .selectAll()
        .where('unit_id', 'in', unitIds)
        .where('local_day', '>=', from)
        .where('local_day', '<=', to)
        .where('questionnaire_id', '=', 'sipas')
        .where('procedure_id', '=', procedureId);
      if (!includeFlagged) query = query.where('flags', '=', '');
      const raw = (await query.execute()).map((row) => ({
        ...row,
        complete: Number(row.complete) === 1,
        answers: JSON.parse(row.answers) as Record<string, unknown>,
      }));
      return { raw, score: scoreQuestionnaire(SIPAS_V1, tallyResponses(SIPAS_V1, raw as never)) };
    }

    const from = () => new Date(Date.now() - (FROM_DAYS_AGO + 15) * DAY_MS).toISOString().slice(0, 10);
    const to = () => new Date().toISOString().slice(0, 10);

    it.each([BIRTH, MARRIAGE])('give for the province the figures of exactly the responses about %s', async (procedureId) => {
      const reply = await report({ unitId: PROVINCE_ID, from: from(), to: to(), procedureId });
      const { raw, score } = await recomputed([PROVINCE_ID, CENTRE_ID, OTHER_CENTRE_ID], from(), to(), procedureId);
      expect(raw.filter((row) => row.complete).length).toBeGreaterThan(5);
      expect(reply.filters.procedureId).toBe(procedureId);
      expect(reply.responses.complete).toBe(raw.filter((row) => row.complete).length);
      expect(reply.responses.incomplete).toBe(raw.filter((row) => !row.complete).length);
      expect(reply.overall.index).toBe(score.overall);
      reply.elements.forEach((element, e) => {
        element.criteria.forEach((criterion, c) => expect(criterion.levelCounts, criterion.id).toEqual(score.elements[e]!.criteria[c]!.levelCounts));
      });
      for (const row of reply.ranking.rows) {
        const child = await recomputed([row.unitId], from(), to(), procedureId);
        expect(row.n, row.unitId).toBe(child.raw.filter((response) => response.complete).length);
        expect(row.index, row.unitId).toBe(child.score.overall);
      }
      const trendTotal = reply.trend.points.reduce((sum, point) => sum + point.responses, 0);
      expect(trendTotal).toBe(reply.responses.complete);
      const comments = raw.filter((row) => row.complete && typeof row.answers.comment === 'string').map((row) => row.answers.comment);
      expect(reply.comments.map((comment) => comment.text).sort()).toEqual([...comments].sort());
      // Quick ratings name no procedure: no quick index of one.
      expect(reply.quick).toBeNull();
    });

    it('give for one centre only its own responses about the procedure', async () => {
      const reply = await report({ unitId: OTHER_CENTRE_ID, from: from(), to: to(), procedureId: MARRIAGE });
      const { raw, score } = await recomputed([OTHER_CENTRE_ID], from(), to(), MARRIAGE);
      expect(reply.responses.complete).toBe(raw.filter((row) => row.complete).length);
      expect(reply.overall.index).toBe(score.overall);
    });

    it('leave out the flagged responses about the procedure when asked, and say how many', async () => {
      // Ten completions 2 s apart about one procedure: a burst, flagged on arrival.
      const burstStart = Date.now() - 2 * DAY_MS;
      const burst = Array.from({ length: 10 }, (_, i) => {
        const sequence = ++sequences[centreDevice.deviceId]!;
        const submittedAt = new Date(burstStart + i * 2_000).toISOString();
        const dossierCode = `H12.22-${String(sequence).padStart(6, '0')}`;
        return {
          ...sipasResponse(centreDevice, sequence, { submittedAt, counterId: null, dossierCode }),
          serviceFieldId: 'civil-status',
          procedureId: MARRIAGE,
        };
      });
      // In two uploads, so the first five are stored unflagged and moved to the flagged rows by the second.
      await syncBatch(app, centreDevice.token, batchOf(burst.slice(0, 5)));
      await syncBatch(app, centreDevice.token, batchOf(burst.slice(5)));
      const flaggedNow = await opened.db
        .selectFrom('responses')
        .select('flags')
        .where(
          'id',
          'in',
          burst.map((response) => response.id),
        )
        .execute();
      expect(flaggedNow.every((row) => row.flags !== '')).toBe(true);

      const all = await report({ unitId: PROVINCE_ID, from: from(), to: to(), procedureId: MARRIAGE });
      const clean = await report({ unitId: PROVINCE_ID, from: from(), to: to(), procedureId: MARRIAGE, includeFlagged: 'false' });
      expect(all.responses.complete - clean.responses.complete).toBe(10);
      expect(clean.flagged.count).toBe(10);
      const { raw, score } = await recomputed([PROVINCE_ID, CENTRE_ID, OTHER_CENTRE_ID], from(), to(), MARRIAGE, false);
      expect(clean.responses.complete).toBe(raw.filter((row) => row.complete).length);
      expect(clean.overall.index).toBe(score.overall);
      // The five moved to the flagged rows took their dossier codes with them.
      expect(all.responses.withDossierCode - clean.responses.withDossierCode).toBe(10);
      expect(clean.responses.withDossierCode).toBe(raw.filter((row) => row.complete && row.dossier_code !== null).length);
    });

    it('write the procedure into the export', async () => {
      const reply = await asSignedIn(app, admin, {
        method: 'GET',
        url: `/api/v1/reports/export.csv?${new URLSearchParams({ unitId: PROVINCE_ID, from: from(), to: to(), procedureId: BIRTH }).toString()}`,
      });
      expect(reply.statusCode).toBe(200);
      expect(reply.body).toContain(`Thủ tục,${BIRTH}`);
    });
  });
});

describe.each(databasesUnderTest)('migration 0006 on $name', (database) => {
  it('keeps every stored response, with no procedure, and adds the procedure tables', async () => {
    const opened = await database.open();
    try {
      const app = buildApp({ db: opened.db, staticDir: null });
      await seedTestUnits(opened.db);
      const device = await enrolNewDevice(app, opened.db, CENTRE_ID);
      await syncBatch(app, device.token, batchOf([sipasResponse(device, 1), sipasResponse(device, 2)]));
      await app.close();
      await migrateTo(opened.db, '0005_scope_year_totals');
      expect(await opened.db.selectFrom('responses').select('id').execute()).toHaveLength(2);

      await migrateToLatest(opened.db);
      const rows = await opened.db.selectFrom('responses').select(['device_sequence', 'procedure_id']).orderBy('device_sequence').execute();
      expect(rows.map((row) => [Number(row.device_sequence), row.procedure_id])).toEqual([
        [1, null],
        [2, null],
      ]);
      expect(await opened.db.selectFrom('procedures').selectAll().execute()).toEqual([]);
      expect(await (await withLegacyCountViews(opened.db)).selectFrom('procedure_totals').selectAll().execute()).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

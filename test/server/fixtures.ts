import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { allCriteria, questionnaireKey, type Questionnaire } from '../../src/domain/questionnaire.ts';
import { BUNDLED_QUESTIONNAIRES } from '../../src/domain/questionnaires/index.ts';
import type { SurveyResponse } from '../../src/domain/response.ts';
import type { BatchReply, ResponseBatch } from '../../src/domain/sync-protocol.ts';
import { scaleByQuestionId, tallyEntriesOfResponse } from '../../src/domain/tally.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { insertCounter, insertServiceField, insertUnit, offerServiceFields } from '../../src/server/db/units-repository.ts';
import { issueEnrolmentCode } from '../../src/server/enrolment/enrolment.ts';
import { withLegacyCountViews } from './legacy-counts.ts';

/** Small factories for server tests: a unit with counters, enrolled devices, valid responses, batches. */

export const PROVINCE_ID = 'test-province';
export const CENTRE_ID = 'test-centre';
export const OTHER_CENTRE_ID = 'test-other-centre';
export const COUNTER_IDS = ['test-counter-1', 'test-counter-2'] as const;
export const OTHER_COUNTER_ID = 'test-other-counter';
export const SERVICE_FIELD_IDS = ['land', 'civil-status'] as const;

export const SIPAS_V1: Questionnaire = BUNDLED_QUESTIONNAIRES.find((q) => q.id === 'sipas' && q.version === 1)!;

export async function seedTestUnits(db: Kysely<Database>): Promise<void> {
  await insertUnit(db, { id: PROVINCE_ID, parentId: null, kind: 'province', name: { vi: 'Tỉnh Thử', en: 'Test Province' } });
  await insertUnit(db, { id: CENTRE_ID, parentId: PROVINCE_ID, kind: 'service-centre', name: { vi: 'Trung tâm Thử' } });
  await insertUnit(db, { id: OTHER_CENTRE_ID, parentId: PROVINCE_ID, kind: 'service-centre', name: { vi: 'Trung tâm Khác' } });
  for (const [position, id] of COUNTER_IDS.entries()) {
    await insertCounter(db, { id, unitId: CENTRE_ID, name: { vi: `Quầy ${position + 1}` }, position });
  }
  await insertCounter(db, { id: OTHER_COUNTER_ID, unitId: OTHER_CENTRE_ID, name: { vi: 'Quầy 1' } });
  await insertServiceField(db, { id: 'land', name: { vi: 'Đất đai', en: 'Land' }, position: 1 });
  await insertServiceField(db, { id: 'civil-status', name: { vi: 'Hộ tịch', en: 'Civil status' }, position: 2 });
  await offerServiceFields(db, PROVINCE_ID, SERVICE_FIELD_IDS);
}

export interface EnrolledDevice {
  deviceId: string;
  token: string;
  unitId: string;
}

export async function newEnrolmentCode(db: Kysely<Database>, unitId = CENTRE_ID, now = new Date()): Promise<string> {
  return (await issueEnrolmentCode(db, { unitId, now, actor: 'test' })).code;
}

export async function enrolNewDevice(app: FastifyInstance, db: Kysely<Database>, unitId = CENTRE_ID): Promise<EnrolledDevice> {
  const code = await newEnrolmentCode(db, unitId);
  const reply = await app.inject({ method: 'POST', url: '/api/v1/devices/enrol', payload: { code, deviceId: uuidv7() } });
  if (reply.statusCode !== 200) throw new Error(`enrolment failed: ${reply.statusCode} ${reply.body}`);
  return reply.json<EnrolledDevice>();
}

/** A complete, valid answer to the bundled SIPAS v1 for `device`; the levels cycle so tallies vary. */
export function sipasResponse(
  device: Pick<EnrolledDevice, 'deviceId' | 'unitId'>,
  deviceSequence: number,
  overrides: Partial<SurveyResponse> = {},
): SurveyResponse {
  const submittedAt = overrides.submittedAt ?? new Date().toISOString();
  const answers: SurveyResponse['answers'] = {};
  allCriteria(SIPAS_V1).forEach((criterion, index) => {
    // Leave every seventh criterion unanswered: "does not apply" must stay out of the tally.
    if ((index + deviceSequence) % 7 !== 0) answers[criterion.id] = ((index + deviceSequence) % 5) + 1;
  });
  answers.overall = (deviceSequence % 5) + 1;
  return {
    id: uuidv7(),
    questionnaireId: 'sipas',
    questionnaireVersion: 1,
    deviceId: device.deviceId,
    deviceSequence,
    unitId: device.unitId,
    counterId: COUNTER_IDS[deviceSequence % COUNTER_IDS.length]!,
    serviceFieldId: SERVICE_FIELD_IDS[deviceSequence % SERVICE_FIELD_IDS.length]!,
    locale: 'vi',
    startedAt: new Date(Date.parse(submittedAt) - 90_000).toISOString(),
    submittedAt,
    complete: true,
    answers,
    screenDurationsMs: { E1: 12_000, E2: 15_000 },
    dossierCode: null,
    procedureId: null,
    channel: 'kiosk',
    ...overrides,
  };
}

export function batchOf(
  responses: readonly unknown[],
  options: { highestIssuedSequence?: number; deviceTime?: string; pendingCount?: number } = {},
): ResponseBatch {
  const sequences = responses.map((r) => (r as Partial<SurveyResponse>).deviceSequence ?? 0);
  return {
    deviceTime: options.deviceTime ?? new Date().toISOString(),
    highestIssuedSequence: options.highestIssuedSequence ?? Math.max(0, ...sequences),
    ...(options.pendingCount === undefined ? {} : { pendingCount: options.pendingCount }),
    responses: [...responses],
  };
}

export function postBatch(app: FastifyInstance, token: string, batch: unknown): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/v1/sync/responses',
    headers: { authorization: `Bearer ${token}` },
    payload: batch as object,
  });
}

export async function syncBatch(app: FastifyInstance, token: string, batch: ResponseBatch): Promise<BatchReply> {
  const reply = await postBatch(app, token, batch);
  if (reply.statusCode !== 200) throw new Error(`sync failed: ${reply.statusCode} ${reply.body}`);
  return reply.json<BatchReply>();
}

type CountRows = Record<string, number>;

/** The daily tally as stored, keyed by its dimensions. */
export async function storedTallies(db: Kysely<Database>): Promise<CountRows> {
  const rows = await (await withLegacyCountViews(db)).selectFrom('daily_tallies').selectAll().execute();
  const result: CountRows = {};
  for (const row of rows) {
    const key = [
      row.local_day,
      row.unit_id,
      row.counter_id,
      row.service_field_id,
      row.questionnaire_id,
      row.questionnaire_version,
      row.criterion_id,
      row.level,
      row.flagged,
    ].join('|');
    // A response flagged after the fact leaves its old row at zero.
    if (Number(row.count) !== 0) result[key] = Number(row.count);
  }
  return result;
}

/** The daily tally recomputed from the raw responses table with the domain's own tally rules. */
export async function recountedTallies(db: Kysely<Database>): Promise<CountRows> {
  const questionnaires = new Map(BUNDLED_QUESTIONNAIRES.map((q) => [questionnaireKey(q), scaleByQuestionId(q)]));
  const rows = await db.selectFrom('responses').selectAll().execute();
  const result: CountRows = {};
  for (const row of rows) {
    const scales = questionnaires.get(questionnaireKey({ id: row.questionnaire_id, version: row.questionnaire_version }))!;
    const entries = tallyEntriesOfResponse({ answers: JSON.parse(row.answers), complete: Number(row.complete) === 1 }, scales);
    for (const entry of entries) {
      const key = [
        row.local_day,
        row.unit_id,
        row.counter_id ?? '',
        row.service_field_id ?? '',
        row.questionnaire_id,
        row.questionnaire_version,
        entry.criterionId,
        entry.level,
        row.flags === '' ? 0 : 1,
      ].join('|');
      result[key] = (result[key] ?? 0) + entry.count;
    }
  }
  return result;
}

export async function storedResponseCounts(db: Kysely<Database>): Promise<CountRows> {
  const rows = await (await withLegacyCountViews(db)).selectFrom('daily_response_counts').selectAll().execute();
  return Object.fromEntries(
    rows
      .filter((row) => Number(row.count) !== 0)
      .map((row) => [
        [
          row.local_day,
          row.unit_id,
          row.counter_id,
          row.service_field_id,
          row.questionnaire_id,
          row.questionnaire_version,
          row.complete,
          row.flagged,
        ].join('|'),
        Number(row.count),
      ]),
  );
}

export async function recountedResponseCounts(db: Kysely<Database>): Promise<CountRows> {
  const rows = await db.selectFrom('responses').selectAll().execute();
  const result: CountRows = {};
  for (const row of rows) {
    const key = [
      row.local_day,
      row.unit_id,
      row.counter_id ?? '',
      row.service_field_id ?? '',
      row.questionnaire_id,
      row.questionnaire_version,
      row.complete,
      row.flags === '' ? 0 : 1,
    ].join('|');
    result[key] = (result[key] ?? 0) + 1;
  }
  return result;
}

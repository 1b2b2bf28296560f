import type { Kysely } from 'kysely';
import { answerClockSkew } from '../../domain/device-clock.ts';
import { clockSkewMs, localDayOf } from '../../domain/local-day.ts';
import { highestContiguousSequence, recordIssued, recordReceived } from '../../domain/ledger.ts';
import { questionnaireKey, type Questionnaire } from '../../domain/questionnaire.ts';
import type { SurveyResponse } from '../../domain/response.ts';
import type { BatchReply, RecordResult, ResponseBatch } from '../../domain/sync-protocol.ts';
import { scaleByQuestionId } from '../../domain/tally.ts';
import { lockDeviceForSync, recordDeviceContact } from '../db/devices-repository.ts';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import { commentsOfAnswers, freeTextQuestionIds } from '../../domain/response-marks.ts';
import { THEME_CLASSIFIER_VERSION, themesOfComments, type CommentThemeId } from '../../domain/comment-themes.ts';
import { insertClassifierThemes, themesOfResponses } from '../db/comment-classifications-repository.ts';
import { withCommentsRedacted } from '../../domain/comment-redaction.ts';
import {
  findStoredByIds,
  findStoredBySequences,
  insertNewResponses,
  readLedger,
  writeLedger,
} from '../db/responses-repository.ts';
import type { Database, NewResponseRow } from '../db/schema.ts';
import { countersOfUnit, existingServiceFieldIds, findUnit, serviceFieldsOfProcedures } from '../db/units-repository.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { choiceQuestionsOf, type ChoiceQuestions } from './choice-entries.ts';
import type { StoredResponse } from './daily-aggregates.ts';
import { addToAggregates } from './add-aggregates.ts';
import { checkRecordAgainstContext, parseRecord, reject, type ParsedRecord } from './record-checks.ts';
import { serverTimeOfSubmission } from './submission-time.ts';
import { flagNewResponses } from './stuffing-checks.ts';
import { setResponseFlags } from '../db/flags-repository.ts';
import { timeZoneOfUnit } from './unit-time-zone.ts';

export interface IngestRequest {
  device: { id: string; unitId: string };
  batch: ResponseBatch;
  /** The server clock when the batch arrived: the reference for the device's clock skew. */
  receivedAt: Date;
}

/** The device disappeared or was revoked between authentication and the sync transaction. */
export class DeviceNoLongerEnrolled extends Error {
  constructor(readonly deviceId: string) {
    super(`device ${deviceId} is revoked or no longer enrolled`);
    this.name = 'DeviceNoLongerEnrolled';
  }
}

/**
 * Stores a batch exactly once. Each record is answered accepted, duplicate or rejected; valid records are
 * stored even when others are rejected. Inserts, daily tables, ledger and device facts change in one
 * transaction, serialised per device, so a resent or concurrently sent batch is never counted twice.
 */
export async function ingestBatch(
  db: Kysely<Database>,
  catalog: QuestionnaireCatalog,
  { device, batch, receivedAt }: IngestRequest,
): Promise<BatchReply> {
  const unit = await findUnit(db, device.unitId);
  const timeZone = timeZoneOfUnit(unit);
  // Positive when the tablet's clock is ahead of the server's (the sign local-day.ts uses throughout).
  const skewMs = clockSkewMs(batch.deviceTime, receivedAt.toISOString());

  const results: (RecordResult | undefined)[] = [];
  const parsed: ParsedRecord[] = [];
  batch.responses.forEach((raw, index) => {
    const outcome = parseRecord(raw, index);
    if ('status' in outcome) results[index] = outcome;
    else parsed.push(outcome);
  });

  const context = {
    deviceId: device.id,
    unitId: device.unitId,
    counterIds: new Set((await countersOfUnit(db, device.unitId)).map((counter) => counter.id)),
    serviceFieldIds: await existingServiceFieldIds(db, distinct(parsed.map((record) => record.response.serviceFieldId))),
    procedureFields: await serviceFieldsOfProcedures(db, distinct(parsed.map((record) => record.response.procedureId))),
    questionnaires: await loadQuestionnaires(catalog, parsed),
  };
  const candidates: ParsedRecord[] = [];
  for (const record of parsed) {
    const rejection = checkRecordAgainstContext(record.response, context);
    if (rejection) results[record.index] = rejection;
    // Personal data typed into a comment is never stored, whatever client sent it (domain/redaction.ts).
    else candidates.push({ ...record, response: withCommentsRedacted(record.response, context.questionnaires.get(questionnaireKeyOf(record.response))!) });
  }

  const ledger = await inWriteTransaction(db, async (trx) => {
    const locked = await lockDeviceForSync(trx, device.id);
    if (!locked || locked.revoked_at !== null) throw new DeviceNoLongerEnrolled(device.id);

    const toInsert = await classifyAgainstStored(trx, device.id, candidates, results);
    const skews = toInsert.map((record) => answerClockSkew(record.response.clockOffset, skewMs));
    const rows = toInsert.map((record, position) => responseRow(record.response, { receivedAt, skewMs: skews[position]!.skewMs, timeZone }));
    const questionnaireOf = async (id: string, version: number) =>
      context.questionnaires.get(questionnaireKey({ id, version })) ?? (await catalog.findPublished(id, version));
    const { reflagged } = await flagNewResponses(
      trx,
      device,
      rows.map((row, position) => ({ row, answers: toInsert[position]!.response.answers, clockUncertain: !skews[position]!.certain })),
      questionnaireOf,
    );
    const inserted = await insertNewResponses(trx, rows);

    const stored: StoredResponse[] = [];
    // The themes of each new response's comments (already redacted), kept with it for the reports.
    const themed: { responseId: string; themes: CommentThemeId[] }[] = [];
    toInsert.forEach((record, position) => {
      const { response } = record;
      if (inserted.has(response.id)) {
        results[record.index] = { id: response.id, status: 'accepted' };
        const questionnaire = context.questionnaires.get(questionnaireKeyOf(response))!;
        const comments = commentsOfAnswers(response.answers, freeTextIdsOfCached(questionnaire));
        const themes = comments.length > 0 ? themesOfComments(comments) : [];
        if (comments.length > 0) themed.push({ responseId: response.id, themes });
        stored.push({
          row: rows[position]!,
          answers: response.answers,
          scales: scalesOf(questionnaire),
          choiceQuestions: choiceQuestionsOfCached(questionnaire),
          freeTextIds: freeTextIdsOfCached(questionnaire),
          themes,
        });
      } else {
        // Only another device can have inserted this id meanwhile: this device's batches are serialised.
        results[record.index] = reject(response.id, 'conflicting-id', 'id: a response with this id was stored from another device');
      }
    });

    // A stored response that a new run (a burst, a repeated pattern) now flags moves to the flagged rows.
    for (const { row, flags } of reflagged) {
      const questionnaire = await questionnaireOf(row.questionnaire_id, Number(row.questionnaire_version));
      if (!questionnaire) continue;
      // Flags first: the update locks the row, so the themes read next are those any correction or
      // classification of stored comments committed before it (theme-changes.ts locks the same row).
      await setResponseFlags(trx, row.id, flags);
      const shape = {
        answers: JSON.parse(row.answers) as SurveyResponse['answers'],
        scales: scalesOf(questionnaire),
        choiceQuestions: choiceQuestionsOfCached(questionnaire),
        freeTextIds: freeTextIdsOfCached(questionnaire),
        themes: (await themesOfResponses(trx, [row.id])).get(row.id)?.themes ?? [],
      };
      const asStored = { ...row, complete: Number(row.complete) as 0 | 1 };
      stored.push({ ...shape, row: asStored, sign: -1 }, { ...shape, row: { ...asStored, flags } });
    }

    await addToAggregates(trx, stored);
    await insertClassifierThemes(trx, themed, THEME_CLASSIFIER_VERSION);

    const before = await readLedger(trx, device.id);
    const after = recordReceived(
      recordIssued(before, batch.highestIssuedSequence),
      stored.filter(({ sign }) => sign === undefined).map(({ row }) => row.device_sequence),
    );
    if (after !== before) await writeLedger(trx, device.id, after, receivedAt);
    await recordDeviceContact(trx, device.id, {
      at: receivedAt,
      clockSkewMs: skewMs,
      pendingReported: batch.pendingCount ?? null,
      batchSize: batch.responses.length,
    });
    return after;
  });

  return {
    results: batch.responses.map((_, index) => results[index] ?? reject(`#${index}`, 'invalid-record', 'record was not checked')),
    serverTime: receivedAt.toISOString(),
    ledger: {
      highestContiguousSequence: highestContiguousSequence(ledger),
      receivedCount: ledger.receivedCount,
      missing: ledger.missing.map(([from, to]) => [from, to] as [number, number]),
    },
  };
}

/**
 * Sorts candidates into new ones and those the server already holds. Same id, same device and sequence:
 * a duplicate (an upload retried). The same id or the same device sequence with different identity: a
 * conflict, because storing it would make one sequence number stand for two answers.
 */
async function classifyAgainstStored(
  db: Kysely<Database>,
  deviceId: string,
  candidates: readonly ParsedRecord[],
  results: (RecordResult | undefined)[],
): Promise<ParsedRecord[]> {
  const byId = new Map(
    (await findStoredByIds(db, candidates.map((record) => record.response.id))).map((row) => [row.id, row] as const),
  );
  const idBySequence = new Map(
    (await findStoredBySequences(db, deviceId, distinct(candidates.map((record) => record.response.deviceSequence)))).map(
      (row) => [row.device_sequence, row.id] as const,
    ),
  );
  const fresh: ParsedRecord[] = [];
  for (const record of candidates) {
    const { id, deviceSequence } = record.response;
    const stored = byId.get(id);
    if (stored) {
      const sameIdentity = stored.device_id === deviceId && Number(stored.device_sequence) === deviceSequence;
      results[record.index] = sameIdentity
        ? { id, status: 'duplicate' }
        : reject(id, 'conflicting-id', `id: already stored as sequence ${stored.device_sequence} of ${stored.device_id === deviceId ? 'this' : 'another'} device`);
      continue;
    }
    const holder = idBySequence.get(deviceSequence);
    if (holder !== undefined) {
      results[record.index] = reject(id, 'conflicting-id', `deviceSequence: ${deviceSequence} is already stored under another id (${holder})`);
      continue;
    }
    // Within the batch: the first occurrence wins, a repeat is judged against it as if it were stored.
    byId.set(id, { id, device_id: deviceId, device_sequence: deviceSequence });
    idBySequence.set(deviceSequence, id);
    fresh.push(record);
  }
  return fresh;
}

/** A response row as ingest builds it: the columns that may be null are always given. */
export type IngestedResponseRow = NewResponseRow & Required<Pick<NewResponseRow, 'counter_id' | 'service_field_id' | 'dossier_code' | 'procedure_id'>>;

/** The stored row of a checked response: corrected submit time and local day from the answer's clock skew. */
export function responseRow(
  response: SurveyResponse,
  clock: { receivedAt: Date; skewMs: number; timeZone: string },
): IngestedResponseRow {
  const correctedSubmittedAt = serverTimeOfSubmission(response.submittedAt, clock.skewMs, clock.receivedAt);
  return {
    id: response.id,
    questionnaire_id: response.questionnaireId,
    questionnaire_version: response.questionnaireVersion,
    device_id: response.deviceId,
    device_sequence: response.deviceSequence,
    unit_id: response.unitId,
    counter_id: response.counterId,
    service_field_id: response.serviceFieldId,
    locale: response.locale,
    started_at: response.startedAt,
    submitted_at: response.submittedAt,
    complete: response.complete ? 1 : 0,
    answers: JSON.stringify(response.answers),
    screen_durations_ms: JSON.stringify(response.screenDurationsMs),
    dossier_code: response.dossierCode,
    procedure_id: response.procedureId,
    received_at: clock.receivedAt.toISOString(),
    clock_skew_ms: clock.skewMs,
    corrected_submitted_at: correctedSubmittedAt,
    local_day: localDayOf(correctedSubmittedAt, clock.timeZone),
  };
}

async function loadQuestionnaires(catalog: QuestionnaireCatalog, records: readonly ParsedRecord[]) {
  const found = new Map<string, Questionnaire>();
  const wanted = new Map(records.map(({ response }) => [questionnaireKeyOf(response), response] as const));
  for (const [key, response] of wanted) {
    const questionnaire = await catalog.findPublished(response.questionnaireId, response.questionnaireVersion);
    if (questionnaire) found.set(key, questionnaire);
  }
  return found;
}

function questionnaireKeyOf(response: SurveyResponse): string {
  return questionnaireKey({ id: response.questionnaireId, version: response.questionnaireVersion });
}

const scalesByQuestionnaire = new WeakMap<Questionnaire, ReturnType<typeof scaleByQuestionId>>();
function scalesOf(questionnaire: Questionnaire) {
  let scales = scalesByQuestionnaire.get(questionnaire);
  if (!scales) scalesByQuestionnaire.set(questionnaire, (scales = scaleByQuestionId(questionnaire)));
  return scales;
}

const choicesByQuestionnaire = new WeakMap<Questionnaire, ChoiceQuestions>();
function choiceQuestionsOfCached(questionnaire: Questionnaire): ChoiceQuestions {
  let questions = choicesByQuestionnaire.get(questionnaire);
  if (!questions) choicesByQuestionnaire.set(questionnaire, (questions = choiceQuestionsOf(questionnaire)));
  return questions;
}

const freeTextIdsByQuestionnaire = new WeakMap<Questionnaire, string[]>();
function freeTextIdsOfCached(questionnaire: Questionnaire): string[] {
  let ids = freeTextIdsByQuestionnaire.get(questionnaire);
  if (!ids) freeTextIdsByQuestionnaire.set(questionnaire, (ids = freeTextQuestionIds(questionnaire)));
  return ids;
}

function distinct<T>(values: readonly (T | null)[]): T[] {
  return [...new Set(values.filter((value): value is T => value !== null))];
}

import type { Kysely } from 'kysely';
import { answerClockSkew } from '../../domain/device-clock.ts';
import { clockSkewMs, localDayOf } from '../../domain/local-day.ts';
import { highestContiguousSequence, recordIssued, recordReceived } from '../../domain/ledger.ts';
import { questionnaireKey, type Questionnaire } from '../../domain/questionnaire.ts';
import type { SurveyResponse } from '../../domain/response.ts';
import type { BatchReply, RecordResult, ResponseBatch } from '../../domain/sync-protocol.ts';
import { lockDeviceForSync, recordDeviceContact } from '../db/devices-repository.ts';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import { THEME_CLASSIFIER_VERSION } from '../../domain/comment-themes.ts';
import { insertClassifierThemes } from '../db/comment-classifications-repository.ts';
import { withCommentsRedacted } from '../../domain/comment-redaction.ts';
import { findStoredByIds, findStoredBySequences, insertNewResponses, readLedger, writeLedger } from '../db/responses-repository.ts';
import type { Database, NewResponseRow } from '../db/schema.ts';
import { countersOfUnit, existingServiceFieldIds, findUnit, serviceFieldsOfProcedures } from '../db/units-repository.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { addToAggregates } from './add-aggregates.ts';
import { movedByReflagging, newlyStored, questionnaireKeyOf } from './counted-responses.ts';
import { checkRecordAgainstContext, parseRecord, reject, type ParsedRecord } from './record-checks.ts';
import { serverTimeOfSubmission } from './submission-time.ts';
import { flagNewResponses } from './stuffing-checks.ts';
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

  const { context, candidates } = await checkAgainstContext(db, catalog, device, parsed, results);

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

    const { stored, themed } = newlyStored(toInsert, rows, inserted, context.questionnaires, results);
    stored.push(...(await movedByReflagging(trx, reflagged, questionnaireOf)));

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

type BatchContext = Parameters<typeof checkRecordAgainstContext>[1] & { questionnaires: Map<string, Questionnaire> };

/** The records that pass the checks against the unit's counters, fields, procedures and questionnaires, comments redacted. */
async function checkAgainstContext(
  db: Kysely<Database>,
  catalog: QuestionnaireCatalog,
  device: IngestRequest['device'],
  parsed: readonly ParsedRecord[],
  results: (RecordResult | undefined)[],
): Promise<{ context: BatchContext; candidates: ParsedRecord[] }> {
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
    else
      candidates.push({
        ...record,
        response: withCommentsRedacted(record.response, context.questionnaires.get(questionnaireKeyOf(record.response))!),
      });
  }
  return { context, candidates };
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
    (
      await findStoredByIds(
        db,
        candidates.map((record) => record.response.id),
      )
    ).map((row) => [row.id, row] as const),
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
        : reject(
            id,
            'conflicting-id',
            `id: already stored as sequence ${stored.device_sequence} of ${stored.device_id === deviceId ? 'this' : 'another'} device`,
          );
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
export type IngestedResponseRow = NewResponseRow &
  Required<Pick<NewResponseRow, 'counter_id' | 'service_field_id' | 'dossier_code' | 'procedure_id' | 'channel'>>;

/** The stored row of a checked response: corrected submit time and local day from the answer's clock skew. */
export function responseRow(response: SurveyResponse, clock: { receivedAt: Date; skewMs: number; timeZone: string }): IngestedResponseRow {
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
    // A tablet's sync carries the kiosk's channels only; a dossier link's rating overrides it (dossier-ratings.ts).
    channel: response.channel,
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

function distinct<T>(values: readonly (T | null)[]): T[] {
  return [...new Set(values.filter((value): value is T => value !== null))];
}

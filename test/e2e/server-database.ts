import Database from 'better-sqlite3';
import type { RawStoredResponse } from './kiosk-pages.ts';

/** A stored response as the server holds it, in the tablet's field names, for a field-by-field comparison. */
export interface ServerResponse {
  id: string;
  deviceSequence: number;
  questionnaireId: string;
  questionnaireVersion: number;
  deviceId: string;
  unitId: string;
  counterId: string | null;
  serviceFieldId: string | null;
  locale: string;
  startedAt: string;
  submittedAt: string;
  complete: boolean;
  answers: Record<string, unknown>;
  screenDurationsMs: Record<string, number>;
  dossierCode: string | null;
  procedureId: string | null;
}

interface ResponseRow {
  id: string;
  device_sequence: number;
  questionnaire_id: string;
  questionnaire_version: number;
  device_id: string;
  unit_id: string;
  counter_id: string | null;
  service_field_id: string | null;
  locale: string;
  started_at: string;
  submitted_at: string;
  complete: number;
  answers: string;
  screen_durations_ms: string;
  dossier_code: string | null;
  procedure_id: string | null;
}

/** Reads the server's SQLite file directly (read-only), not through its API. */
export function readServerResponses(databaseFile: string): ServerResponse[] {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT * FROM responses ORDER BY device_id, device_sequence').all() as ResponseRow[];
    return rows.map((row) => ({
      id: row.id,
      deviceSequence: row.device_sequence,
      questionnaireId: row.questionnaire_id,
      questionnaireVersion: row.questionnaire_version,
      deviceId: row.device_id,
      unitId: row.unit_id,
      counterId: row.counter_id,
      serviceFieldId: row.service_field_id,
      locale: row.locale,
      startedAt: row.started_at,
      submittedAt: row.submitted_at,
      complete: row.complete === 1,
      answers: JSON.parse(row.answers) as Record<string, unknown>,
      screenDurationsMs: JSON.parse(row.screen_durations_ms) as Record<string, number>,
      dossierCode: row.dossier_code,
      procedureId: row.procedure_id,
    }));
  } finally {
    db.close();
  }
}

/** The wire fields of a tablet record, without its local sync bookkeeping. */
export function wireFields(record: RawStoredResponse): ServerResponse {
  return {
    id: record.id,
    deviceSequence: record.deviceSequence,
    questionnaireId: record.questionnaireId,
    questionnaireVersion: record.questionnaireVersion as number,
    deviceId: record.deviceId as string,
    unitId: record.unitId as string,
    counterId: record.counterId as string | null,
    serviceFieldId: record.serviceFieldId,
    locale: record.locale,
    startedAt: record.startedAt as string,
    submittedAt: record.submittedAt as string,
    complete: record.complete,
    answers: record.answers,
    screenDurationsMs: record.screenDurationsMs as Record<string, number>,
    dossierCode: record.dossierCode as string | null,
    procedureId: record.procedureId as string | null,
  };
}

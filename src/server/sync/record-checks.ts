import { findAnswerProblems, surveyResponseSchema, type SurveyResponse } from '../../domain/response.ts';
import { questionnaireKey, type Questionnaire } from '../../domain/questionnaire.ts';
import type { RecordResult } from '../../domain/sync-protocol.ts';
import { formatIssuePath } from '../http/api-failure.ts';

/** Checks of one uploaded record that need no knowledge of what is already stored. */

export type Rejection = Extract<RecordResult, { status: 'rejected' }>;

export interface ParsedRecord {
  index: number;
  response: SurveyResponse;
}

/** What a record is checked against: the sending device and what its unit offers. */
export interface RecordCheckContext {
  deviceId: string;
  unitId: string;
  counterIds: ReadonlySet<string>;
  serviceFieldIds: ReadonlySet<string>;
  /** The service field of each procedure the batch names that exists. */
  procedureFields: ReadonlyMap<string, string>;
  /** Published questionnaire versions named by the batch, by questionnaireKey. */
  questionnaires: ReadonlyMap<string, Questionnaire>;
}

const MAX_ECHOED_ID_LENGTH = 100;
const MAX_LISTED_PROBLEMS = 3;

/** The id a result is reported under: the record's own when it has a readable one, so the device can match it. */
export function reportedIdOf(raw: unknown, index: number): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_ECHOED_ID_LENGTH ? id : `#${index}`;
}

export function reject(id: string, code: Rejection['code'], message: string): Rejection {
  return { id, status: 'rejected', code, message };
}

/** Validates the record's shape; the message names the field at fault. */
export function parseRecord(raw: unknown, index: number): ParsedRecord | Rejection {
  const parsed = surveyResponseSchema.safeParse(raw);
  if (parsed.success) {
    const unstorable = unstorableField(parsed.data);
    return unstorable ? reject(parsed.data.id, 'invalid-record', unstorable) : { index, response: parsed.data };
  }
  const issues = parsed.error.issues;
  const described = issues.slice(0, MAX_LISTED_PROBLEMS).map((issue) => `${formatIssuePath(issue.path) || 'record'}: ${issue.message}`);
  if (issues.length > MAX_LISTED_PROBLEMS) described.push(`and ${issues.length - MAX_LISTED_PROBLEMS} more problems`);
  return reject(reportedIdOf(raw, index), 'invalid-record', described.join('; '));
}

/** PostgreSQL's integer columns hold numbers up to 2^31 − 1; a larger one would fail the whole batch. */
export const MAX_STORED_INTEGER = 2_147_483_647;

/**
 * What the schema allows but the databases cannot store in a column: a number beyond the integer
 * column, or a NUL character, which PostgreSQL refuses in text. Rejecting the one record keeps it from
 * failing the whole batch again on every retry. (Answers are stored as JSON, which escapes NUL.)
 */
function unstorableField(response: SurveyResponse): string | null {
  const integers = { deviceSequence: response.deviceSequence, questionnaireVersion: response.questionnaireVersion };
  for (const [field, value] of Object.entries(integers)) {
    if (value > MAX_STORED_INTEGER) return `${field}: ${value} is larger than ${MAX_STORED_INTEGER}`;
  }
  const texts = {
    questionnaireId: response.questionnaireId,
    unitId: response.unitId,
    counterId: response.counterId,
    serviceFieldId: response.serviceFieldId,
    dossierCode: response.dossierCode,
    procedureId: response.procedureId,
  };
  for (const [field, value] of Object.entries(texts)) {
    if (value?.includes('\u0000')) return `${field}: contains a NUL character`;
  }
  return null;
}

/** Checks a well-formed record against the device, its unit and the questionnaire it answers. */
export function checkRecordAgainstContext(response: SurveyResponse, context: RecordCheckContext): Rejection | null {
  const id = response.id;
  if (response.deviceId !== context.deviceId) {
    return reject(id, 'wrong-device', `deviceId: the record belongs to device ${response.deviceId}, not to the device that sent it`);
  }
  if (response.unitId !== context.unitId) {
    return reject(id, 'wrong-unit', `unitId: the record names unit "${response.unitId}", but this device is enrolled at "${context.unitId}"`);
  }
  const questionnaire = context.questionnaires.get(questionnaireKey({ id: response.questionnaireId, version: response.questionnaireVersion }));
  if (!questionnaire) {
    return reject(
      id,
      'unknown-questionnaire',
      `questionnaireId: "${response.questionnaireId}" version ${response.questionnaireVersion} is not published on this server`,
    );
  }
  const problems = findAnswerProblems(response, questionnaire);
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((problem) => `answers: ${problem.message} (${problem.code})`);
    if (problems.length > MAX_LISTED_PROBLEMS) listed.push(`and ${problems.length - MAX_LISTED_PROBLEMS} more problems`);
    return reject(id, 'invalid-answer', listed.join('; '));
  }
  if (response.counterId !== null && !context.counterIds.has(response.counterId)) {
    return reject(id, 'unknown-counter', `counterId: "${response.counterId}" is not a counter of unit "${context.unitId}"`);
  }
  if (response.serviceFieldId !== null && !context.serviceFieldIds.has(response.serviceFieldId)) {
    return reject(id, 'unknown-service-field', `serviceFieldId: "${response.serviceFieldId}" is not a known service field`);
  }
  if (response.procedureId !== null) {
    const fieldOfProcedure = context.procedureFields.get(response.procedureId);
    if (fieldOfProcedure === undefined) return reject(id, 'unknown-procedure', `procedureId: "${response.procedureId}" is not a known procedure`);
    if (fieldOfProcedure !== response.serviceFieldId) {
      return reject(
        id,
        'unknown-procedure',
        `procedureId: "${response.procedureId}" belongs to service field "${fieldOfProcedure}", not to "${response.serviceFieldId ?? '(none)'}"`,
      );
    }
  }
  return null;
}

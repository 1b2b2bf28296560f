import type { Kysely } from 'kysely';
import type { Questionnaire } from '../../domain/questionnaire.ts';
import {
  answerPattern,
  computeStuffingFlags,
  parseFlags,
  serializeFlags,
  type FlagSubject,
  type FlagThresholds,
} from '../../domain/stuffing-flags.ts';
import { flagThresholdsOfUnit, latestResponsesOfDevice, type DeviceHistoryRow } from '../db/flags-repository.ts';
import type { Database, NewResponseRow } from '../db/schema.ts';

/**
 * How far back a device's history is read: enough for the longest run a rule looks at (bursts and
 * repeated patterns), with room for thresholds an administrator raises.
 */
const HISTORY_SIZE = 60;

export interface FlagOutcome {
  /** Stored responses whose flags grew, with their flags before and after. */
  reflagged: { row: DeviceHistoryRow; flags: string }[];
}

type QuestionnaireLookup = (id: string, version: number) => Promise<Questionnaire | undefined>;

/**
 * Sets the flags of the new rows (in place, before they are inserted) and finds stored responses of the
 * device that a rule over runs now flags too. Runs inside the device's sync transaction.
 */
export async function flagNewResponses(
  db: Kysely<Database>,
  device: { id: string; unitId: string },
  rows: NewResponseRow[],
  questionnaireOf: QuestionnaireLookup,
): Promise<FlagOutcome> {
  if (rows.length === 0) return { reflagged: [] };
  const thresholds: FlagThresholds = await flagThresholdsOfUnit(db, device.unitId);
  const history = await latestResponsesOfDevice(db, device.id, HISTORY_SIZE);
  const subjects: FlagSubject[] = [];
  for (const row of history) subjects.push(await subjectOf(row, questionnaireOf));
  for (const row of rows) subjects.push(await subjectOf(row, questionnaireOf));

  const computed = computeStuffingFlags(subjects, thresholds);
  for (const row of rows) row.flags = serializeFlags(computed.get(row.id) ?? []);
  const reflagged: FlagOutcome['reflagged'] = [];
  for (const row of history) {
    const grown = serializeFlags([...parseFlags(row.flags), ...(computed.get(row.id) ?? [])]);
    if (grown !== row.flags) reflagged.push({ row, flags: grown });
  }
  return { reflagged };
}

interface SubjectSource {
  id: string;
  device_sequence: number;
  questionnaire_id: string;
  questionnaire_version: number;
  started_at: string;
  submitted_at: string;
  corrected_submitted_at: string;
  clock_skew_ms: number;
  complete: number;
  answers: string;
}

async function subjectOf(row: SubjectSource, questionnaireOf: QuestionnaireLookup): Promise<FlagSubject> {
  const questionnaire = await questionnaireOf(row.questionnaire_id, Number(row.questionnaire_version));
  const scored = new Set(questionnaire?.elements.flatMap((element) => element.criteria.map((criterion) => criterion.id)) ?? []);
  return {
    id: row.id,
    deviceSequence: Number(row.device_sequence),
    submittedAtMs: Date.parse(row.corrected_submitted_at),
    durationMs: Date.parse(row.submitted_at) - Date.parse(row.started_at),
    complete: Number(row.complete) === 1,
    fullSurvey: questionnaire?.mode === 'full',
    pattern: answerPattern(JSON.parse(row.answers) as Record<string, unknown>, scored),
    clockSkewMs: Number(row.clock_skew_ms),
  };
}

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

export interface FlagOutcome {
  /** Stored responses whose flags grew, with their new flags. */
  reflagged: { row: DeviceHistoryRow; flags: string }[];
}

type QuestionnaireLookup = (id: string, version: number) => Promise<Questionnaire | undefined>;

/** A new row with the answers it was made from, so they are not parsed back from its JSON. */
export interface NewRowWithAnswers {
  row: NewResponseRow;
  answers: Record<string, unknown>;
  /** The server could not know the answer's real time (device-clock.ts). */
  clockUncertain?: boolean;
}

/**
 * How far back a device's history is read: the longest run a rule looks at. Members of a longer run
 * were flagged when the run first reached the threshold, so nothing older can change.
 */
function historySize(thresholds: FlagThresholds): number {
  return Math.max(thresholds.burst.count, thresholds.repeatedPatternTimes);
}

/**
 * Sets the flags of the new rows (in place, before they are inserted) and finds stored responses of the
 * device that a rule over runs now flags too. Runs inside the device's sync transaction.
 */
export async function flagNewResponses(
  db: Kysely<Database>,
  device: { id: string; unitId: string },
  fresh: readonly NewRowWithAnswers[],
  questionnaireOf: QuestionnaireLookup,
): Promise<FlagOutcome> {
  if (fresh.length === 0) return { reflagged: [] };
  const thresholds = await flagThresholdsOfUnit(db, device.unitId);
  const history = await latestResponsesOfDevice(db, device.id, historySize(thresholds));
  const subjects: FlagSubject[] = [];
  for (const row of history) subjects.push(await subjectOf(row, JSON.parse(row.answers) as Record<string, unknown>, questionnaireOf));
  for (const { row, answers, clockUncertain } of fresh) {
    subjects.push({ ...(await subjectOf(row, answers, questionnaireOf)), clockUncertain: clockUncertain === true });
  }

  const computed = computeStuffingFlags(subjects, thresholds);
  for (const { row } of fresh) row.flags = serializeFlags(computed.get(row.id) ?? []);
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
}

const scoredCriteriaByQuestionnaire = new WeakMap<Questionnaire, ReadonlySet<string>>();

function scoredCriteriaOf(questionnaire: Questionnaire | undefined): ReadonlySet<string> {
  if (!questionnaire) return new Set();
  let scored = scoredCriteriaByQuestionnaire.get(questionnaire);
  if (!scored) {
    scored = new Set(questionnaire.elements.flatMap((element) => element.criteria.map((criterion) => criterion.id)));
    scoredCriteriaByQuestionnaire.set(questionnaire, scored);
  }
  return scored;
}

async function subjectOf(row: SubjectSource, answers: Record<string, unknown>, questionnaireOf: QuestionnaireLookup): Promise<FlagSubject> {
  const questionnaire = await questionnaireOf(row.questionnaire_id, Number(row.questionnaire_version));
  return {
    id: row.id,
    deviceSequence: Number(row.device_sequence),
    submittedAtMs: Date.parse(row.corrected_submitted_at),
    durationMs: Date.parse(row.submitted_at) - Date.parse(row.started_at),
    complete: Number(row.complete) === 1,
    fullSurvey: questionnaire?.mode === 'full',
    pattern: answerPattern(answers, scoredCriteriaOf(questionnaire)),
    clockSkewMs: Number(row.clock_skew_ms),
  };
}

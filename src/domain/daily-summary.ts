import { allQuestions, questionnaireKey, type Questionnaire } from './questionnaire.ts';
import { withoutBidiControls } from './text-input.ts';
import type { SurveyResponse } from './response.ts';
import { methodFor, methodLabel, type MethodLabel } from './methods/index.ts';
import { scoreByMethod, type QuestionnaireScore } from './scoring.ts';
import type { ScoringMethod } from './scoring-method.ts';
import { tallyResponses } from './tally.ts';

/**
 * What counter staff see for a day (or a range of days) on the tablet: counts, indices against the
 * unit's target, breakdowns and comments. Built from the same tally and scoring as every other report,
 * so the tablet and the server agree to the last decimal.
 */

/** Provinces' usual target when the unit has none configured (reform plans' "trên 85%"). */
export const DEFAULT_TARGET_PERCENT = 85;

export type SummarizedResponse = Pick<
  SurveyResponse,
  'questionnaireId' | 'questionnaireVersion' | 'complete' | 'answers' | 'serviceFieldId' | 'counterId' | 'channel'
>;

export interface BreakdownRow {
  /** The service field or counter id; null for responses that named none. */
  id: string | null;
  /** Complete responses in this group. */
  responses: number;
  /** The questionnaire's overall index over this group alone. */
  index: number | null;
}

export interface QuestionnaireSummary {
  questionnaireId: string;
  questionnaireVersion: number;
  mode: Questionnaire['mode'];
  /** Complete responses: the only ones indices count. */
  responses: number;
  incomplete: number;
  targetPercent: number;
  /** The method the score and breakdowns follow, stated in the staff view's exports. */
  method: MethodLabel;
  score: QuestionnaireScore;
  byServiceField: BreakdownRow[];
  byCounter: BreakdownRow[];
}

export interface DailySummary {
  total: number;
  complete: number;
  incomplete: number;
  /** Complete responses a clerk helped with (the staff-assisted channel), counted in the indices like any other. */
  assisted: number;
  /** One entry per questionnaire version: indices of different questionnaires are never mixed. */
  questionnaires: QuestionnaireSummary[];
  /** Responses whose questionnaire version this tablet does not hold; counted, never scored. */
  unscored: number;
  /**
   * Free-text comments, sorted by their text so their order tells nothing about who wrote them or when:
   * staff never see one person's answers together.
   */
  comments: string[];
}

export interface SummaryInput {
  responses: readonly SummarizedResponse[];
  questionnaires: readonly Questionnaire[];
  targets: readonly { questionnaireId: string; percent: number }[];
}

export function summarizeResponses({ responses, questionnaires, targets }: SummaryInput): DailySummary {
  const byKey = new Map(questionnaires.map((questionnaire) => [questionnaireKey(questionnaire), questionnaire]));
  const groups = new Map<string, SummarizedResponse[]>();
  let unscored = 0;
  for (const response of responses) {
    const key = questionnaireKey({ id: response.questionnaireId, version: response.questionnaireVersion });
    if (!byKey.has(key)) {
      unscored += 1;
      continue;
    }
    const group = groups.get(key);
    if (group) group.push(response);
    else groups.set(key, [response]);
  }
  const summaries = [...groups].map(([key, group]) => summarizeQuestionnaire(byKey.get(key)!, group, targetFor(targets, byKey.get(key)!.id)));
  summaries.sort(
    (a, b) => a.mode.localeCompare(b.mode) || a.questionnaireId.localeCompare(b.questionnaireId) || a.questionnaireVersion - b.questionnaireVersion,
  );
  const complete = responses.filter((response) => response.complete).length;
  return {
    total: responses.length,
    complete,
    incomplete: responses.length - complete,
    assisted: responses.filter((response) => response.complete && response.channel === 'staff-assisted').length,
    questionnaires: summaries,
    unscored,
    comments: collectComments(responses, byKey),
  };
}

export function targetFor(targets: SummaryInput['targets'], questionnaireId: string): number {
  return targets.find((target) => target.questionnaireId === questionnaireId)?.percent ?? DEFAULT_TARGET_PERCENT;
}

function summarizeQuestionnaire(questionnaire: Questionnaire, group: SummarizedResponse[], targetPercent: number): QuestionnaireSummary {
  // Only complete responses count; an incomplete one is kept on the tablet but never enters an index.
  const complete = group.filter((response) => response.complete);
  const method = methodFor(questionnaire);
  return {
    questionnaireId: questionnaire.id,
    questionnaireVersion: questionnaire.version,
    mode: questionnaire.mode,
    responses: complete.length,
    incomplete: group.length - complete.length,
    targetPercent,
    method: methodLabel(method),
    score: scoreByMethod(method, questionnaire, tallyResponses(questionnaire, complete, method)),
    byServiceField: breakdown(method, questionnaire, complete, (response) => response.serviceFieldId),
    byCounter: breakdown(method, questionnaire, complete, (response) => response.counterId),
  };
}

function breakdown(
  method: ScoringMethod,
  questionnaire: Questionnaire,
  complete: SummarizedResponse[],
  groupOf: (response: SummarizedResponse) => string | null,
): BreakdownRow[] {
  const groups = new Map<string | null, SummarizedResponse[]>();
  for (const response of complete) {
    const id = groupOf(response);
    const group = groups.get(id);
    if (group) group.push(response);
    else groups.set(id, [response]);
  }
  return [...groups]
    .map(([id, members]) => ({
      id,
      responses: members.length,
      index: scoreByMethod(method, questionnaire, tallyResponses(questionnaire, members, method)).overall,
    }))
    .sort((a, b) => (a.id ?? '\uffff').localeCompare(b.id ?? '\uffff'));
}

function collectComments(responses: readonly SummarizedResponse[], byKey: Map<string, Questionnaire>): string[] {
  const comments: string[] = [];
  for (const response of responses) {
    const questionnaire = byKey.get(questionnaireKey({ id: response.questionnaireId, version: response.questionnaireVersion }));
    if (!questionnaire) continue;
    for (const question of allQuestions(questionnaire)) {
      if (question.kind !== 'free-text') continue;
      const text = response.answers[question.id];
      const shown = typeof text === 'string' ? withoutBidiControls(text).trim() : '';
      if (shown !== '') comments.push(shown);
    }
  }
  return comments.sort((a, b) => a.localeCompare(b, 'vi'));
}

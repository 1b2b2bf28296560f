import type { Questionnaire } from '../../domain/questionnaire.ts';
import type { SurveyResponse } from '../../domain/response.ts';

/** Per choice question of a questionnaire version: whether several options may be chosen, and which exist. */
export type ChoiceQuestions = Map<string, { multiple: boolean; options: Set<string> }>;

export function choiceQuestionsOf(questionnaire: Questionnaire): ChoiceQuestions {
  const questions: ChoiceQuestions = new Map();
  for (const section of questionnaire.sections) {
    for (const question of section.questions) {
      if (question.kind !== 'single-choice' && question.kind !== 'multiple-choice') continue;
      questions.set(question.id, {
        multiple: question.kind === 'multiple-choice',
        options: new Set(question.options.map((option) => option.id)),
      });
    }
  }
  return questions;
}

/**
 * The options one response chose, once each. Like the criterion tally, an incomplete response counts
 * for nothing, and an option the version does not name is skipped rather than counted under a guess.
 */
export function choiceEntriesOfResponse(
  response: Pick<SurveyResponse, 'answers' | 'complete'>,
  questions: ChoiceQuestions,
): { questionId: string; optionId: string }[] {
  if (!response.complete) return [];
  const entries: { questionId: string; optionId: string }[] = [];
  for (const [questionId, value] of Object.entries(response.answers)) {
    const question = questions.get(questionId);
    if (!question) continue;
    const chosen = question.multiple ? (Array.isArray(value) ? value : []) : typeof value === 'string' ? [value] : [];
    for (const optionId of new Set(chosen)) {
      if (question.options.has(optionId)) entries.push({ questionId, optionId });
    }
  }
  return entries;
}

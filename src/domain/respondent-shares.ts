import type { Questionnaire } from './questionnaire.ts';
import { SCALES } from './scales.ts';
import type { ScoringMethod } from './scoring-method.ts';
import type { SurveyResponse } from './response.ts';

/**
 * Respondent-level shares (a method's `shares: 'respondent-level'`): an element's figure is the mean,
 * over the respondents who answered at least one of its criteria, of each one's share of those criteria
 * answered at a satisfied level; a respondent who answered 3 of 4 at a satisfied level counts 75%, where
 * answer-level shares would pool every answer. Criteria weigh equally within a respondent's share.
 *
 * The shares are counted when a response is stored, by the method of the version it answered (a published
 * version and its method never change), as how many respondents had each "satisfied/answered" pair per
 * element: additive like a tally, so reports keep summing aggregates, never raw answers.
 */

/** What counting respondents' shares needs of one element of a version. */
export interface RespondentElement {
  elementId: string;
  criterionIds: readonly string[];
  levels: readonly number[];
  satisfiedLevels: readonly number[];
}

/** One respondent's part of an element: criteria answered, and of them, answered at a satisfied level. */
export interface RespondentShare {
  elementId: string;
  satisfied: number;
  answered: number;
}

/** The elements whose respondents' shares a version counts: none unless its method asks for respondent-level shares. */
export function respondentElementsOf(method: ScoringMethod, questionnaire: Pick<Questionnaire, 'elements'>): RespondentElement[] {
  if (method.shares !== 'respondent-level') return [];
  const nodes = new Map((method.tree?.elements ?? []).map((node) => [node.id, node]));
  return questionnaire.elements.map((element) => {
    const own = element.criteria.map((criterion) => criterion.id);
    const chosen = nodes.get(element.id)?.criteria?.map((criterion) => criterion.id);
    return {
      elementId: element.id,
      criterionIds: chosen ? chosen.filter((id) => own.includes(id)) : own,
      levels: SCALES[element.scale].levels,
      satisfiedLevels: method.satisfiedLevels[element.scale] ?? [],
    };
  });
}

/** A complete response's share of each element it answered; an incomplete one counts nowhere, as in a tally. */
export function respondentSharesOf(
  elements: readonly RespondentElement[],
  response: Pick<SurveyResponse, 'answers' | 'complete'>,
): RespondentShare[] {
  if (!response.complete) return [];
  const shares: RespondentShare[] = [];
  for (const element of elements) {
    let answered = 0;
    let satisfied = 0;
    for (const criterionId of element.criterionIds) {
      const value = Object.hasOwn(response.answers, criterionId) ? response.answers[criterionId] : undefined;
      if (typeof value !== 'number' || !element.levels.includes(value)) continue;
      answered += 1;
      if (element.satisfiedLevels.includes(value)) satisfied += 1;
    }
    if (answered > 0) shares.push({ elementId: element.elementId, satisfied, answered });
  }
  return shares;
}

/** The detail text a count of respondents is stored under: "satisfied/answered". */
export function shareDetail(share: Pick<RespondentShare, 'satisfied' | 'answered'>): string {
  return `${share.satisfied}/${share.answered}`;
}

/** "3/4" → 3 of 4; anything else → null. */
export function parseShareDetail(detail: string): { satisfied: number; answered: number } | null {
  const match = /^(\d+)\/(\d+)$/.exec(detail);
  if (!match) return null;
  const satisfied = Number(match[1]);
  const answered = Number(match[2]);
  return answered > 0 && satisfied <= answered ? { satisfied, answered } : null;
}

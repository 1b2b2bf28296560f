import type { Questionnaire } from './questionnaire.ts';
import { SCALES, type ScaleKind } from './scales.ts';
import type { SurveyResponse } from './response.ts';
import { respondentElementsOf, respondentSharesOf, shareDetail } from './respondent-shares.ts';
import type { ScoringMethod } from './scoring-method.ts';

/**
 * Additive counts per criterion × level. Every index of sipas.md is computed from a tally, and
 * tallies add up: tally(day 1) + tally(day 2) = tally(both days). Scale questions outside the elements
 * (the overall rating) are tallied too, for their distribution; scoring reads only element criteria.
 */
export interface Tally {
  /** counts[criterionId][level - 1] = number of answers at that level. */
  readonly counts: Readonly<Record<string, readonly number[]>>;
  /**
   * respondents[elementId]["satisfied/answered"] = respondents with that share of the element
   * (respondent-shares.ts); only for versions whose method asks for respondent-level shares.
   */
  readonly respondents?: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface RespondentEntry {
  elementId: string;
  /** "satisfied/answered" (respondent-shares.ts shareDetail). */
  share: string;
  count: number;
}

export interface TallyEntry {
  criterionId: string;
  level: number;
  count: number;
}

export const EMPTY_TALLY: Tally = { counts: {} };

/** The scale of every tallied question of a questionnaire version, by id. */
export function scaleByQuestionId(questionnaire: Questionnaire): Map<string, ScaleKind> {
  const scales = new Map<string, ScaleKind>();
  for (const element of questionnaire.elements) {
    for (const criterion of element.criteria) scales.set(criterion.id, element.scale);
  }
  for (const section of questionnaire.sections) {
    for (const question of section.questions) if (question.kind === 'scale') scales.set(question.id, question.scale);
  }
  return scales;
}

/**
 * The tally rows one response contributes. An incomplete response (someone walked away) contributes
 * nothing: it is stored, never counted. Unanswered criteria are absent, so they never enter a denominator.
 */
export function tallyEntriesOfResponse(response: Pick<SurveyResponse, 'answers' | 'complete'>, scales: Map<string, ScaleKind>): TallyEntry[] {
  if (!response.complete) return [];
  const entries: TallyEntry[] = [];
  for (const [criterionId, value] of Object.entries(response.answers)) {
    const scale = scales.get(criterionId);
    if (!scale || typeof value !== 'number') continue;
    if (!(SCALES[scale].levels as readonly number[]).includes(value)) continue;
    entries.push({ criterionId, level: value, count: 1 });
  }
  return entries;
}

export function tallyFromEntries(entries: Iterable<TallyEntry>): Tally {
  const counts: Record<string, number[]> = {};
  for (const { criterionId, level, count } of entries) {
    if (!Number.isInteger(level) || level < 1 || count === 0) continue;
    // Own keys only: a criterion id such as "constructor" is valid and must not reach Object.prototype.
    const row = Object.hasOwn(counts, criterionId) ? counts[criterionId]! : (counts[criterionId] = []);
    while (row.length < level) row.push(0);
    row[level - 1] = (row[level - 1] ?? 0) + count;
  }
  return { counts };
}

/** The tally of responses; with a respondent-level `method`, their respondents' shares as well. */
export function tallyResponses(
  questionnaire: Questionnaire,
  responses: Iterable<Pick<SurveyResponse, 'answers' | 'complete'>>,
  method?: ScoringMethod,
): Tally {
  const scales = scaleByQuestionId(questionnaire);
  const elements = method ? respondentElementsOf(method, questionnaire) : [];
  const entries: TallyEntry[] = [];
  const respondents: RespondentEntry[] = [];
  for (const response of responses) {
    entries.push(...tallyEntriesOfResponse(response, scales));
    for (const share of respondentSharesOf(elements, response)) respondents.push({ elementId: share.elementId, share: shareDetail(share), count: 1 });
  }
  return withRespondents(tallyFromEntries(entries), respondents);
}

/** The tally with respondents' shares added (a tally without any keeps no `respondents`). */
export function withRespondents(tally: Tally, entries: Iterable<RespondentEntry>): Tally {
  const respondents: Record<string, Record<string, number>> = {};
  for (const [elementId, shares] of Object.entries(tally.respondents ?? {})) respondents[elementId] = { ...shares };
  let any = Object.keys(respondents).length > 0;
  for (const { elementId, share, count } of entries) {
    if (count === 0) continue;
    // Own keys only, as for criteria: an element id such as "constructor" must not reach Object.prototype.
    const shares = Object.hasOwn(respondents, elementId) ? respondents[elementId]! : (respondents[elementId] = {});
    shares[share] = (Object.hasOwn(shares, share) ? shares[share]! : 0) + count;
    any = true;
  }
  return any ? { counts: tally.counts, respondents } : tally;
}

export function respondentEntriesOf(tally: Tally): RespondentEntry[] {
  return Object.entries(tally.respondents ?? {}).flatMap(([elementId, shares]) =>
    Object.entries(shares).map(([share, count]) => ({ elementId, share, count })),
  );
}

export function tallyToEntries(tally: Tally): TallyEntry[] {
  return Object.entries(tally.counts).flatMap(([criterionId, row]) =>
    row.flatMap((count, index) => (count > 0 ? [{ criterionId, level: index + 1, count }] : [])),
  );
}

export function mergeTallies(...tallies: Tally[]): Tally {
  return withRespondents(tallyFromEntries(tallies.flatMap(tallyToEntries)), tallies.flatMap(respondentEntriesOf));
}

/** Answers at each level of `scale` for one criterion, zeros included. */
export function levelCounts(tally: Tally, criterionId: string, scale: ScaleKind): number[] {
  const row = (Object.hasOwn(tally.counts, criterionId) ? tally.counts[criterionId] : undefined) ?? [];
  return SCALES[scale].levels.map((level) => row[level - 1] ?? 0);
}

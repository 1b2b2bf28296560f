import { methodFor } from './methods/index.ts';
import { DEFAULT_MINIMUM_SAMPLE } from './scoring-method.ts';
import { parseShareDetail } from './respondent-shares.ts';
import type { Questionnaire } from './questionnaire.ts';
import { SCALES, type ScaleKind } from './scales.ts';
import type { MethodElement, ScoringMethod } from './scoring-method.ts';
import { levelCounts, type Tally } from './tally.ts';

/**
 * The indices of sipas.md, computed from a tally by a scoring method (scoring-method.ts): one path,
 * scoreByMethod, for every report, export and the staff view. Results keep full precision: rounding to two
 * decimals happens only when a value is shown or exported (format.ts), so a mean is never taken of
 * already-rounded figures.
 */

/** z for a two-sided 95% interval (the 0.975 quantile of the standard normal distribution). */
export const WILSON_Z_95 = 1.959963984540054;

/** Bounds in percent, 0–100. */
export interface Interval {
  low: number;
  high: number;
}

export interface CriterionResult {
  /** Answers at any level; unanswered criteria never enter it. */
  n: number;
  satisfied: number;
  /** satisfied ÷ n × 100, or null when nobody answered. */
  index: number | null;
  /** 95% Wilson score interval of the index, or null when nobody answered. */
  interval: Interval | null;
}

export interface CriterionScore extends CriterionResult {
  criterionId: string;
  /** Answers per level, level 1 first. */
  levelCounts: number[];
}

export interface ElementScore {
  elementId: string;
  /**
   * The element's figure as the method forms it (2017: the mean of the criterion indices that exist), or
   * null when nothing it is formed from has answers.
   */
  index: number | null;
  criteria: CriterionScore[];
  criteriaWithoutAnswers: string[];
}

export interface QuestionnaireScore {
  /** The (weighted) mean of the element figures that exist (the SIPAS index for the SIPAS questionnaire). */
  overall: number | null;
  elements: ElementScore[];
  criteriaWithoutAnswers: string[];
  elementsWithoutAnswers: string[];
}

/**
 * The index of one criterion from its answers per level (level 1 first, as `levelCounts` gives them).
 * Counts beyond the scale's levels are ignored, as the tally ignores out-of-scale answers.
 */
export function criterionResult(counts: readonly number[], scale: ScaleKind, satisfiedLevels: readonly number[]): CriterionResult {
  const { levels } = SCALES[scale];
  let n = 0;
  let satisfied = 0;
  for (const level of levels) {
    const count = counts[level - 1] ?? 0;
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`the count at level ${level} must be a non-negative integer, got ${count}`);
    }
    n += count;
    if (satisfiedLevels.includes(level)) satisfied += count;
  }
  return { n, satisfied, index: indexOf(satisfied, n), interval: wilsonInterval(satisfied, n) };
}

/**
 * 95% Wilson score interval of satisfied ÷ n, in percent; null when n is 0. Unlike the normal
 * approximation it stays within 0–100 and is meaningful for small samples and for 0% or 100%.
 */
export function wilsonInterval(satisfied: number, n: number): Interval | null {
  assertCounts(satisfied, n);
  if (n === 0) return null;
  return wilsonOfShare(satisfied / n, n);
}

/**
 * The 95% interval of an index that is not one share but a mean of criterion shares (the SIPAS index),
 * read as the share of satisfaction among its n respondents: the Wilson interval of that share with n.
 * An approximation that errs wide, since each respondent answers several criteria.
 */
export function indexInterval(indexPercent: number | null, n: number): Interval | null {
  if (indexPercent === null || n === 0) return null;
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  return wilsonOfShare(indexPercent / 100, n);
}

function wilsonOfShare(p: number, n: number): Interval {
  const z2 = WILSON_Z_95 * WILSON_Z_95;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (WILSON_Z_95 / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0% and 100% the exact bound is the index itself; rounding must not push it past the index.
  const low = p === 0 ? 0 : Math.max(0, centre - halfWidth) * 100;
  const high = p === 1 ? 100 : Math.min(1, centre + halfWidth) * 100;
  return { low, high };
}

/** Scores a questionnaire over a tally by the method its questionnaire maps to (methods/index.ts). */
export function scoreQuestionnaire(questionnaire: Questionnaire, tally: Tally): QuestionnaireScore {
  return scoreByMethod(methodFor(questionnaire), questionnaire, tally);
}

/**
 * Scores every criterion and element of a questionnaire over the answers a tally holds, as the method
 * says. The method must be valid for the questionnaire (scoring-method.ts methodIssuesFor). Elements come
 * in the questionnaire's order; a figure without answers is skipped by the means above it, whose weights
 * then stand for the figures that exist.
 */
export function scoreByMethod(method: ScoringMethod, questionnaire: Questionnaire, tally: Tally): QuestionnaireScore {
  const treeElements = new Map((method.tree?.elements ?? []).map((node) => [node.id, node]));
  const scored = questionnaire.elements.map((element) => {
    const satisfiedLevels = satisfiedLevelsOf(method, element.scale);
    const criteria = element.criteria.map((criterion): CriterionScore => {
      const counts = levelCounts(tally, criterion.id, element.scale);
      return { criterionId: criterion.id, ...criterionResult(counts, element.scale, satisfiedLevels), levelCounts: counts };
    });
    const node = treeElements.get(element.id);
    const score: ElementScore = {
      elementId: element.id,
      index: elementFigure(method, questionnaire, tally, element.id, node, criteria),
      criteria,
      criteriaWithoutAnswers: criteria.filter((c) => c.index === null).map((c) => c.criterionId),
    };
    return { score, weight: node?.weight };
  });
  const elements = scored.map(({ score }) => score);
  return {
    overall: meanOf(scored.map(({ score, weight }) => ({ value: score.index, weight }))),
    elements,
    criteriaWithoutAnswers: elements.flatMap((element) => element.criteriaWithoutAnswers),
    elementsWithoutAnswers: elements.filter((e) => e.index === null).map((e) => e.elementId),
  };
}

function elementFigure(
  method: ScoringMethod,
  questionnaire: Questionnaire,
  tally: Tally,
  elementId: string,
  node: MethodElement | undefined,
  criteria: readonly CriterionScore[],
): number | null {
  const byId = new Map(criteria.map((criterion) => [criterion.criterionId, criterion]));
  const parts = node?.criteria ?? criteria.map((criterion) => ({ id: criterion.criterionId, weight: undefined }));
  const criteriaMean =
    method.shares === 'respondent-level'
      ? respondentMean(tally, elementId)
      : meanOf(parts.map((part) => ({ value: byId.get(part.id)?.index ?? null, weight: part.weight })));
  const figure = node?.figure ?? { kind: 'mean-of-criteria' };
  if (figure.kind === 'mean-of-criteria') return criteriaMean;
  const inGeneral = inGeneralIndex(method, questionnaire, tally, figure.questionId);
  if (figure.kind === 'in-general') return inGeneral;
  return meanOf([
    { value: criteriaMean, weight: figure.criteriaWeight },
    { value: inGeneral, weight: figure.inGeneralWeight },
  ]);
}

/**
 * The mean of the respondents' shares of an element (respondent-shares.ts): Σ count × satisfied ÷ answered
 * over Σ count, as a percentage; null when no respondent answered it (or the tally holds no shares).
 */
function respondentMean(tally: Tally, elementId: string): number | null {
  const shares = tally.respondents && Object.hasOwn(tally.respondents, elementId) ? tally.respondents[elementId]! : {};
  let respondents = 0;
  let sum = 0;
  for (const [detail, count] of Object.entries(shares)) {
    const share = parseShareDetail(detail);
    if (!share || count <= 0) continue;
    respondents += count;
    sum += (count * share.satisfied) / share.answered;
  }
  return respondents === 0 ? null : (sum / respondents) * 100;
}

function inGeneralIndex(method: ScoringMethod, questionnaire: Questionnaire, tally: Tally, questionId: string): number | null {
  const question = questionnaire.sections.flatMap((section) => section.questions).find((candidate) => candidate.id === questionId);
  if (question?.kind !== 'scale') throw new Error(`method "${method.id}" needs the scale question "${questionId}", which the questionnaire lacks`);
  return criterionResult(levelCounts(tally, questionId, question.scale), question.scale, satisfiedLevelsOf(method, question.scale)).index;
}

function satisfiedLevelsOf(method: ScoringMethod, scale: ScaleKind): readonly number[] {
  const levels = method.satisfiedLevels[scale];
  if (!levels) throw new Error(`method "${method.id}" says nothing about the ${scale} scale`);
  return levels;
}

/** Points between an index and a target; negative means below the target. */
export function gapToTarget(index: number | null, targetPercent: number): number | null {
  return index === null ? null : index - targetPercent;
}

/**
 * The smallest k ≥ 0 with (satisfied + k) ÷ (n + k) ≥ target, i.e. how many more satisfied answers
 * the criterion needs. Computed in exact integer arithmetic on the target's decimal digits, so that a
 * criterion exactly at its target (85 of 100 against 85%) needs 0, never 1.
 *
 * - With no answers (n = 0) there is no index to meet a target with, so the answer is 1: a single
 *   satisfied answer makes the index 100.
 * - null when no number of answers reaches the target: a 100% target with any unsatisfied answer.
 */
export function additionalSatisfiedNeeded(satisfied: number, n: number, targetPercent: number): number | null {
  assertCounts(satisfied, n);
  if (!Number.isFinite(targetPercent) || targetPercent < 0 || targetPercent > 100) {
    throw new RangeError(`a target is a percentage from 0 to 100, got ${targetPercent}`);
  }
  if (n === 0) return 1;
  // target = numerator ÷ scale exactly, so (s + k) ÷ (n + k) ≥ target ⇔ k·(100·scale − numerator) ≥ numerator·n − 100·scale·s.
  const { numerator, scale } = exactDecimal(targetPercent);
  const hundred = 100n * scale;
  const shortfall = numerator * BigInt(n) - hundred * BigInt(satisfied);
  if (shortfall <= 0n) return 0;
  const gainPerAnswer = hundred - numerator;
  if (gainPerAnswer === 0n) return null;
  return Number((shortfall + gainPerAnswer - 1n) / gainPerAnswer);
}

export type TargetStanding = 'meets' | 'below' | 'not-conclusive' | 'no-data';

/**
 * Reads a criterion result against a target, honest about small samples: it meets the target only
 * when the whole 95% interval is at or above it, is below only when the whole interval is under it,
 * and is "not yet conclusive" when the interval straddles the target, whatever the index itself says.
 * A consequence: a 100% target is never "meets", since no finite sample rules out an unsatisfied person.
 */
export function targetStanding(result: Pick<CriterionResult, 'index' | 'interval'>, targetPercent: number): TargetStanding {
  if (result.index === null || result.interval === null) return 'no-data';
  if (result.interval.low >= targetPercent) return 'meets';
  if (result.interval.high < targetPercent) return 'below';
  return 'not-conclusive';
}

/**
 * The plain verdict of a headline figure: targetStanding on its interval, and "not yet conclusive" while
 * the sample is under the minimum, however far the index is from the target.
 */
export function headlineVerdict(
  result: Pick<CriterionResult, 'index' | 'interval' | 'n'>,
  targetPercent: number,
  minimumSample: number,
): TargetStanding {
  const standing = targetStanding(result, targetPercent);
  return standing !== 'no-data' && result.n < minimumSample ? 'not-conclusive' : standing;
}

/** How many more satisfied answers reach the target, only where that is meaningful: null without answers. */
export function additionalNeededWithAnswers(satisfied: number, n: number, targetPercent: number): number | null {
  return n === 0 ? null : additionalSatisfiedNeeded(satisfied, n, targetPercent);
}

export interface UnitIndexRow {
  unitId: string;
  index: number | null;
  /** The sample behind the index, shown beside it and compared with the minimum sample. */
  n: number;
}

export type RankedUnit<Row extends UnitIndexRow> = Row &
  ({ rank: number; reason: null } | { rank: null; reason: 'below-minimum-sample' | 'no-data' });

/**
 * Indices of different means can differ in the last bits while being the same figure (the sum of
 * the same criterion indices taken in another order); they tie rather than rank apart on noise.
 */
const TIE_TOLERANCE_POINTS = 1e-9;

/**
 * Ranks units as provinces publish them: highest index first, equal indices share a rank and the next
 * rank skips (1, 2, 2, 4). Equal indices keep the order they were given in. Units under the minimum
 * sample are listed after, unranked, then units without an index, each group in the order given.
 */
export function rankUnits<Row extends UnitIndexRow>(rows: readonly Row[], minimumSample: number = DEFAULT_MINIMUM_SAMPLE): RankedUnit<Row>[] {
  const rankable: (Row & { index: number })[] = [];
  const belowMinimum: RankedUnit<Row>[] = [];
  const withoutData: RankedUnit<Row>[] = [];
  for (const row of rows) {
    if (row.index === null) withoutData.push({ ...row, rank: null, reason: 'no-data' });
    else if (row.n < minimumSample) belowMinimum.push({ ...row, rank: null, reason: 'below-minimum-sample' });
    else rankable.push({ ...row, index: row.index });
  }
  // Array.prototype.sort is stable, which keeps tied units in the order given.
  rankable.sort((a, b) => b.index - a.index);
  const ranked: RankedUnit<Row>[] = [];
  let tieLeader: number | null = null;
  let rank = 0;
  rankable.forEach((row, position) => {
    if (tieLeader === null || tieLeader - row.index > TIE_TOLERANCE_POINTS) {
      rank = position + 1;
      tieLeader = row.index;
    }
    ranked.push({ ...row, rank, reason: null });
  });
  return [...ranked, ...belowMinimum, ...withoutData];
}

function indexOf(satisfied: number, n: number): number | null {
  // Multiplying first keeps the integer product exact, so 57 of 100 is 57, not 56.99999999999999.
  return n === 0 ? null : (satisfied * 100) / n;
}

/**
 * The mean of the values that exist. Without weights every value weighs the same (the 2017 rule: a plain
 * sum divided by the count); with weights, those of the existing values are rescaled to add up to 1.
 */
function meanOf(parts: readonly { value: number | null; weight: number | undefined }[]): number | null {
  const existing = parts.filter((part): part is { value: number; weight: number | undefined } => part.value !== null);
  if (existing.length === 0) return null;
  if (existing.every((part) => part.weight === undefined)) {
    return existing.reduce((sum, part) => sum + part.value, 0) / existing.length;
  }
  const totalWeight = existing.reduce((sum, part) => sum + (part.weight ?? 0), 0);
  if (totalWeight === 0) return null;
  return existing.reduce((sum, part) => sum + part.value * (part.weight ?? 0), 0) / totalWeight;
}

function assertCounts(satisfied: number, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0 || !Number.isSafeInteger(satisfied) || satisfied < 0 || satisfied > n) {
    throw new RangeError(`expected 0 ≤ satisfied ≤ n as integers, got satisfied ${satisfied} of n ${n}`);
  }
}

/**
 * A target as the decimal a person typed (85.5 → 855 ÷ 10). The shortest round-trip text of a number
 * is that decimal, whereas the binary value of 87.35 is slightly below 87.35.
 */
function exactDecimal(value: number): { numerator: bigint; scale: bigint } {
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!match) throw new RangeError(`cannot read ${value} as a decimal`);
  const [, whole = '', fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText) - fraction.length;
  const digits = BigInt(whole + fraction);
  return exponent >= 0 ? { numerator: digits * 10n ** BigInt(exponent), scale: 1n } : { numerator: digits, scale: 10n ** BigInt(-exponent) };
}

/** The share (0–100) of complete responses that carry a dossier code; null with no complete response. */
export function dossierCodeShare(responses: { complete: number; withDossierCode: number }): number | null {
  return responses.complete === 0 ? null : (100 * responses.withDossierCode) / responses.complete;
}

import { z } from 'zod';
import { SCALES, type Questionnaire } from './questionnaire.ts';
import type { ScoringMethod } from './scoring-method.ts';

/**
 * Alert rules: what each kind of rule watches, its thresholds (with their allowed ranges) and the
 * judgement of a figure against them. Pure: the server reads the figures from its aggregates and hands
 * them here; the engine decides what opens, what stays open and what clears.
 */

export const ALERT_RULE_KINDS = ['index-below-target', 'dissatisfaction-burst', 'device-silent', 'ledger-gap', 'stuffing-flags'] as const;
export type AlertRuleKind = (typeof ALERT_RULE_KINDS)[number];

const count = (min: number, max: number) => z.number().int().min(min).max(max);

export const indexBelowTargetParamsSchema = z
  .object({
    /** The rolling window in local days, today included. */
    windowDays: count(1, 366),
    /** Fewer complete responses than this in the window: no judgement (the figure is noise). */
    minimumN: count(1, 100_000),
    /** null: the unit's target for the year (or the product's 85%). */
    targetPercent: z.number().min(0).max(100).nullable(),
  })
  .strict();

export const dissatisfactionBurstParamsSchema = z
  .object({
    windowMinutes: count(1, 24 * 60),
    minimumAnswers: count(1, 10_000),
    /** Share of dissatisfied answers, in percent, that makes a burst. */
    dissatisfiedPercent: z.number().min(1).max(100),
  })
  .strict();

export const deviceSilentParamsSchema = z.object({ days: count(1, 365) }).strict();
export const ledgerGapParamsSchema = z.object({ hours: count(1, 24 * 365) }).strict();
export const stuffingFlagsParamsSchema = z.object({ windowDays: count(1, 366), maxFlags: count(0, 1_000_000) }).strict();

export const alertRuleParamsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('index-below-target'), params: indexBelowTargetParamsSchema }),
  z.object({ kind: z.literal('dissatisfaction-burst'), params: dissatisfactionBurstParamsSchema }),
  z.object({ kind: z.literal('device-silent'), params: deviceSilentParamsSchema }),
  z.object({ kind: z.literal('ledger-gap'), params: ledgerGapParamsSchema }),
  z.object({ kind: z.literal('stuffing-flags'), params: stuffingFlagsParamsSchema }),
]);
export type AlertRuleDefinition = z.infer<typeof alertRuleParamsSchema>;
export type AlertRuleParams<Kind extends AlertRuleKind> = Extract<AlertRuleDefinition, { kind: Kind }>['params'];

/** What a new deployment watches from its first day (migration 0015 stores these for every unit). */
export const DEFAULT_ALERT_RULES: readonly AlertRuleDefinition[] = [
  { kind: 'index-below-target', params: { windowDays: 30, minimumN: 30, targetPercent: null } },
  { kind: 'dissatisfaction-burst', params: { windowMinutes: 15, minimumAnswers: 4, dissatisfiedPercent: 50 } },
  { kind: 'device-silent', params: { days: 3 } },
  { kind: 'ledger-gap', params: { hours: 24 } },
  { kind: 'stuffing-flags', params: { windowDays: 1, maxFlags: 10 } },
];

/** A condition that holds now, with the figures that made it hold (shown in the inbox and the messages). */
export type Finding = { firing: false } | { firing: true; detail: Record<string, number | string | null> };

const quiet: Finding = { firing: false };

export function judgeIndex(figure: { index: number | null; n: number; target: number }, params: AlertRuleParams<'index-below-target'>): Finding {
  const target = params.targetPercent ?? figure.target;
  if (figure.index === null || figure.n < params.minimumN || figure.index >= target) return quiet;
  return { firing: true, detail: { index: figure.index, target, n: figure.n, windowDays: params.windowDays } };
}

/** One response's criterion answers: how many were rated (1–5 or 1–3, "no opinion" left out) and how many of them satisfied. */
export interface RatedResponse {
  counterId: string;
  /** ISO-8601 UTC, the answer's corrected time. */
  at: string;
  rated: number;
  satisfied: number;
}

/** How many of a response's criteria were rated on their scale ("no opinion" and unanswered left out) and how many satisfied. */
export function ratingOfAnswers(
  questionnaire: Pick<Questionnaire, 'elements'>,
  method: Pick<ScoringMethod, 'satisfiedLevels'>,
  answers: Readonly<Record<string, unknown>>,
): { rated: number; satisfied: number } {
  let rated = 0;
  let satisfied = 0;
  for (const element of questionnaire.elements) {
    const levels: readonly number[] = SCALES[element.scale].levels;
    const satisfiedLevels = method.satisfiedLevels[element.scale] ?? [];
    for (const criterion of element.criteria) {
      const value = answers[criterion.id];
      if (typeof value !== 'number' || !levels.includes(value)) continue;
      rated += 1;
      if (satisfiedLevels.includes(value)) satisfied += 1;
    }
  }
  return { rated, satisfied };
}

/** A response is dissatisfied when fewer than half of its rated criteria are at a satisfied level. */
export function isDissatisfied(response: Pick<RatedResponse, 'rated' | 'satisfied'>): boolean {
  return response.rated > 0 && response.satisfied * 2 < response.rated;
}

/** Per counter: a burst when, within the window before `now`, enough answers came and enough of them were dissatisfied. */
export function judgeBursts(responses: readonly RatedResponse[], now: Date, params: AlertRuleParams<'dissatisfaction-burst'>): Map<string, Finding> {
  const since = now.getTime() - params.windowMinutes * 60_000;
  const byCounter = new Map<string, { answers: number; dissatisfied: number }>();
  for (const response of responses) {
    const at = Date.parse(response.at);
    if (response.rated === 0 || at < since || at > now.getTime()) continue;
    const sums = byCounter.get(response.counterId) ?? { answers: 0, dissatisfied: 0 };
    sums.answers += 1;
    if (isDissatisfied(response)) sums.dissatisfied += 1;
    byCounter.set(response.counterId, sums);
  }
  const findings = new Map<string, Finding>();
  for (const [counterId, sums] of byCounter) {
    const percent = (sums.dissatisfied / sums.answers) * 100;
    const firing = sums.answers >= params.minimumAnswers && percent >= params.dissatisfiedPercent;
    findings.set(
      counterId,
      firing ? { firing, detail: { answers: sums.answers, dissatisfied: sums.dissatisfied, percent, windowMinutes: params.windowMinutes } } : quiet,
    );
  }
  return findings;
}

/** A tablet is silent when its last contact (or, never seen, its enrolment) is at least `days` days ago. */
export function judgeDeviceSilence(
  device: { lastSeenAt: string | null; enrolledAt: string },
  now: Date,
  params: AlertRuleParams<'device-silent'>,
): Finding {
  const last = device.lastSeenAt ?? device.enrolledAt;
  const silentMs = now.getTime() - Date.parse(last);
  if (silentMs < params.days * 86_400_000) return quiet;
  return { firing: true, detail: { lastSeenAt: device.lastSeenAt, silentDays: Math.floor(silentMs / 86_400_000) } };
}

/**
 * A ledger gap counts once it has been open for `hours`: a tablet that uploads its numbers out of order
 * closes a gap within a sync or two, which is no news. `openSince` is when the engine first saw the gap.
 */
export function judgeLedgerGap(gap: { missing: number; openSince: string | null }, now: Date, params: AlertRuleParams<'ledger-gap'>): Finding {
  if (gap.missing === 0 || gap.openSince === null) return quiet;
  const openHours = (now.getTime() - Date.parse(gap.openSince)) / 3_600_000;
  if (openHours < params.hours) return quiet;
  return { firing: true, detail: { missing: gap.missing, openSince: gap.openSince, openHours: Math.floor(openHours) } };
}

export function judgeStuffingFlags(flags: number, params: AlertRuleParams<'stuffing-flags'>): Finding {
  if (flags <= params.maxFlags) return quiet;
  return { firing: true, detail: { flags, maxFlags: params.maxFlags, windowDays: params.windowDays } };
}

/** The open alert's next state after an evaluation: opened, kept, cleared, or nothing to do. */
export type AlertTransition = 'open' | 'keep' | 'clear' | 'none';

export function alertTransition(alreadyOpen: boolean, finding: Finding): AlertTransition {
  if (finding.firing) return alreadyOpen ? 'keep' : 'open';
  return alreadyOpen ? 'clear' : 'none';
}

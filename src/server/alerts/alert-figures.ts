import type { Kysely } from 'kysely';
import {
  judgeBursts,
  judgeDeviceSilence,
  judgeIndex,
  judgeLedgerGap,
  judgeStuffingFlags,
  ratingOfAnswers,
  type AlertRuleDefinition,
  type AlertRuleParams,
  type Finding,
} from '../../domain/alert-rules.ts';
import { addDays, coverOf, todayLocal, trendGranularity } from '../../domain/calendar.ts';
import { countMissing, type DeviceLedger } from '../../domain/ledger.ts';
import { localDayOf } from '../../domain/local-day.ts';
import { methodFor } from '../../domain/methods/index.ts';
import type { Questionnaire } from '../../domain/questionnaire.ts';
import { activeQuestionnaireIds } from '../../domain/questionnaires/index.ts';
import { scoreByMethod } from '../../domain/scoring.ts';
import { enrolledDevicesOfUnits, flagCountsByUnit, recentResponsesAtCounters } from '../db/alert-figures-repository.ts';
import { endWatch, startWatch, watchesOfRule } from '../db/alerts-repository.ts';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import type { Database, UnitRow } from '../db/schema.ts';
import { questionnaireChoiceOf, targetsInEffect, targetsInEffectOfUnits } from '../db/units-repository.ts';
import { DEFAULT_TARGET_PERCENT } from '../reports/build-report.ts';
import { reportReads } from '../reports/report-reads.ts';
import { completeOf, SCORED_MEASURES, tallyOf } from '../reports/report-sums.ts';
import type { UnitRowTree } from '../db/unit-row-tree.ts';
import type { VersionedSum } from '../db/counts-repository.ts';
import { addInto, WindowSums } from './window-sums.ts';

/** What one rule finds about each subject it judged: "unitId|subject" → finding. */
export type Findings = Map<string, { unitId: string; subject: string; finding: Finding }>;

export interface FigureContext {
  db: Kysely<Database>;
  catalog: QuestionnaireCatalog;
  tree: UnitRowTree;
  now: Date;
  /** Kept by the engine between evaluations; a figure read without one sums every window afresh. */
  windowSums?: WindowSums;
}

/** Judges a rule over the given units (each active unit of the rule's reach), reading only what the rule needs. */
export async function findingsOf(context: FigureContext, ruleId: string, rule: AlertRuleDefinition, units: readonly UnitRow[]): Promise<Findings> {
  switch (rule.kind) {
    case 'index-below-target':
      return indexFindings(context, units, rule.params);
    case 'dissatisfaction-burst':
      return burstFindings(context, units, rule.params);
    case 'device-silent':
      return deviceFindings(context, units, (device) =>
        judgeDeviceSilence({ lastSeenAt: device.last_seen_at, enrolledAt: device.enrolled_at }, context.now, rule.params),
      );
    case 'ledger-gap':
      return ledgerFindings(context, ruleId, units, rule.params);
    case 'stuffing-flags':
      return stuffingFindings(context, units, rule.params);
  }
}

function put(findings: Findings, unitId: string, subject: string, finding: Finding): void {
  findings.set(`${unitId}|${subject}`, { unitId, subject, finding });
}

/**
 * Each unit's index with its whole scope over the window, as the report shows it (the unit's method and
 * target, the newest questionnaire version with answers). Every unit's own counts over the window come
 * from the window sums kept between evaluations (window-sums.ts: a unit is read again only when its counts
 * changed, and a window that moved a day reads that day); a unit's scope is the sum of its members' sums,
 * as its report sums them.
 */
async function indexFindings(context: FigureContext, units: readonly UnitRow[], params: AlertRuleParams<'index-below-target'>): Promise<Findings> {
  const findings: Findings = new Map();
  const groups = new Map<string, { zone: string; questionnaireId: string; units: UnitRow[] }>();
  for (const unit of units) {
    const questionnaireId = activeQuestionnaireIds(context.tree.ancestry(unit.id).map(questionnaireChoiceOf)).full;
    const key = `${unit.time_zone}|${questionnaireId}`;
    if (!groups.has(key)) groups.set(key, { zone: unit.time_zone, questionnaireId, units: [] });
    groups.get(key)!.units.push(unit);
  }
  const windowSums = context.windowSums ?? new WindowSums();
  for (const { zone, questionnaireId, units: grouped } of groups.values()) {
    const to = todayLocal(context.now, zone);
    const from = addDays(to, -(params.windowDays - 1));
    const scopes = new Map(grouped.map((unit) => [unit.id, context.tree.scopeOf(unit.id, true)]));
    const own = await windowSums.of(context.db, { key: `${zone}|${questionnaireId}|${params.windowDays}`, questionnaireId, range: { from, to } }, [
      ...new Set([...scopes.values()].flat()),
    ]);
    const versions = (await context.catalog.listPublishedVersions([questionnaireId]))
      .filter((entry) => entry.id === questionnaireId)
      .sort((a, b) => b.version - a.version);
    const targetsOf = await targetsInEffectOfUnits(
      context.db,
      new Map(grouped.map((unit) => [unit.id, context.tree.ancestry(unit.id)])),
      Number(to.slice(0, 4)),
    );
    for (const unit of grouped) {
      const totals = new Map<string, VersionedSum>();
      for (const memberId of scopes.get(unit.id)!) for (const sum of own.get(memberId)!.values()) addInto(totals, sum, 1);
      const answered = new Set([...totals.values()].filter((sum) => sum.measure === 'responses').map((sum) => sum.version));
      const questionnaire = versions.find((entry) => answered.has(entry.version));
      if (!questionnaire) {
        put(findings, unit.id, '', { firing: false });
        continue;
      }
      const rows = [...totals.values()].filter((sum) => sum.version === questionnaire.version);
      const target = (targetsOf.get(unit.id) ?? []).find((entry) => entry.questionnaireId === questionnaireId)?.percent ?? DEFAULT_TARGET_PERCENT;
      const figure = { index: scoreByMethod(methodFor(questionnaire), questionnaire, tallyOf(rows)).overall, n: completeOf(rows), target };
      const finding = judgeIndex(figure, params);
      put(findings, unit.id, '', finding.firing ? { firing: true, detail: { ...finding.detail, from, to } } : finding);
    }
  }
  return findings;
}

export type QuestionnaireCache = Map<string, Questionnaire | undefined>;

/**
 * A unit's index (with its sub-units) over local days from..to: the newest questionnaire version with
 * answers, its method, the unit's target of the year. null when nobody answered.
 */
export async function unitIndexOver(
  context: Omit<FigureContext, 'now'>,
  unit: UnitRow,
  range: { from: string; to: string },
  questionnaires: QuestionnaireCache = new Map(),
): Promise<{ index: number | null; n: number; target: number } | null> {
  const { from, to } = range;
  const ancestry = context.tree.ancestry(unit.id);
  const questionnaireId = activeQuestionnaireIds(ancestry.map(questionnaireChoiceOf)).full;
  const reads = reportReads(context.db, context.tree, unit, { unitId: unit.id, from, to, includeSubunits: true, includeFlagged: true, locale: 'vi' });
  const cover = coverOf(from, to, { byDay: trendGranularity(from, to) === 'day', years: false });
  const rows = await reads.scopeRows(questionnaireId, [...SCORED_MEASURES, 'responses'], { from, to }, cover);
  const version = Math.max(0, ...rows.filter((row) => row.measure === 'responses').map((row) => row.version));
  if (version === 0) return null;
  const key = `${questionnaireId}@${version}`;
  if (!questionnaires.has(key)) questionnaires.set(key, await context.catalog.findPublished(questionnaireId, version));
  const questionnaire = questionnaires.get(key);
  if (!questionnaire) return null;
  const ofVersion = rows.filter((row) => row.version === version);
  const score = scoreByMethod(methodFor(questionnaire), questionnaire, tallyOf(ofVersion));
  const targets = await targetsInEffect(context.db, ancestry, Number(to.slice(0, 4)));
  const target = targets.find((entry) => entry.questionnaireId === questionnaireId)?.percent ?? DEFAULT_TARGET_PERCENT;
  return { index: score.overall, n: completeOf(ofVersion), target };
}

async function burstFindings(context: FigureContext, units: readonly UnitRow[], params: AlertRuleParams<'dissatisfaction-burst'>): Promise<Findings> {
  const since = new Date(context.now.getTime() - params.windowMinutes * 60_000).toISOString();
  const days = new Set<string>();
  for (const unit of units) {
    days.add(localDayOf(since, unit.time_zone));
    days.add(localDayOf(context.now.toISOString(), unit.time_zone));
  }
  const responses = await recentResponsesAtCounters(
    context.db,
    units.map((unit) => unit.id),
    [...days],
    since,
  );
  const questionnaires: QuestionnaireCache = new Map();
  const rated = [];
  const unitOfCounter = new Map<string, string>();
  for (const response of responses) {
    const key = `${response.questionnaire_id}@${response.questionnaire_version}`;
    if (!questionnaires.has(key))
      questionnaires.set(key, await context.catalog.findPublished(response.questionnaire_id, response.questionnaire_version));
    const questionnaire = questionnaires.get(key);
    if (!questionnaire || response.counter_id === null) continue;
    unitOfCounter.set(response.counter_id, response.unit_id);
    const rating = ratingOfAnswers(questionnaire, methodFor(questionnaire), JSON.parse(response.answers) as Record<string, unknown>);
    rated.push({ counterId: response.counter_id, at: response.corrected_submitted_at, ...rating });
  }
  const findings: Findings = new Map();
  for (const [counterId, finding] of judgeBursts(rated, context.now, params)) put(findings, unitOfCounter.get(counterId)!, counterId, finding);
  return findings;
}

async function deviceFindings(
  context: FigureContext,
  units: readonly UnitRow[],
  judge: (device: Awaited<ReturnType<typeof enrolledDevicesOfUnits>>[number]) => Finding,
): Promise<Findings> {
  const findings: Findings = new Map();
  for (const device of await enrolledDevicesOfUnits(
    context.db,
    units.map((unit) => unit.id),
  ))
    put(findings, device.unit_id, device.id, judge(device));
  return findings;
}

/** A gap is watched from the first evaluation that sees it; the watch ends when it closes. */
async function ledgerFindings(
  context: FigureContext,
  ruleId: string,
  units: readonly UnitRow[],
  params: AlertRuleParams<'ledger-gap'>,
): Promise<Findings> {
  const watches = await watchesOfRule(context.db, ruleId);
  const findings: Findings = new Map();
  for (const device of await enrolledDevicesOfUnits(
    context.db,
    units.map((unit) => unit.id),
  )) {
    const missing =
      device.missing === null
        ? 0
        : countMissing({ missing: JSON.parse(device.missing) as DeviceLedger['missing'], highestIssued: 0, receivedCount: 0 });
    let openSince = watches.get(`${device.unit_id}|${device.id}`) ?? null;
    if (missing > 0 && openSince === null) {
      await startWatch(context.db, ruleId, device.unit_id, device.id, context.now);
      openSince = context.now.toISOString();
    } else if (missing === 0 && openSince !== null) {
      await endWatch(context.db, ruleId, device.unit_id, device.id);
    }
    put(findings, device.unit_id, device.id, judgeLedgerGap({ missing, openSince }, context.now, params));
  }
  return findings;
}

async function stuffingFindings(context: FigureContext, units: readonly UnitRow[], params: AlertRuleParams<'stuffing-flags'>): Promise<Findings> {
  const findings: Findings = new Map();
  const byZone = new Map<string, UnitRow[]>();
  for (const unit of units) byZone.set(unit.time_zone, [...(byZone.get(unit.time_zone) ?? []), unit]);
  for (const [zone, zoneUnits] of byZone) {
    const to = todayLocal(context.now, zone);
    const from = addDays(to, -(params.windowDays - 1));
    const counts = await flagCountsByUnit(
      context.db,
      zoneUnits.map((unit) => unit.id),
      from,
      to,
    );
    for (const unit of zoneUnits) put(findings, unit.id, '', judgeStuffingFlags(counts.get(unit.id) ?? 0, params));
  }
  return findings;
}

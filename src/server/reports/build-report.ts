import { RESPONSE_CHANNELS } from '../../domain/response-channel.ts';
import type { Kysely } from 'kysely';
import { coverOf, periodsOf, trendBucketDays, trendBucketOf, trendGranularity, type TrendGranularity } from '../../domain/calendar.ts';
import { themeMarkOf } from '../../domain/response-marks.ts';
import type { ReportQuery, ReportReply } from '../../domain/manage-api.ts';
import { methodFor, methodLabel } from '../../domain/methods/index.ts';
import type { Questionnaire } from '../../domain/questionnaire.ts';
import { activeQuestionnaireIds } from '../../domain/questionnaires/index.ts';
import { previousComparablePeriod } from '../../domain/report-headline.ts';
import {
  additionalNeededWithAnswers,
  gapToTarget,
  headlineVerdict,
  indexInterval,
  scoreByMethod,
  targetStanding,
  type QuestionnaireScore,
} from '../../domain/scoring.ts';
import type { ScoringMethod } from '../../domain/scoring-method.ts';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import type { Count } from '../db/counts-repository.ts';
import type { Database, UnitRow } from '../db/schema.ts';
import { parseLocalizedText, questionnaireChoiceOf, targetsInEffect } from '../db/units-repository.ts';
import { NotFound } from '../errors.ts';
import { commentsOf, improvementsOf } from './report-comments.ts';
import { buildHeadline } from './report-headline.ts';
import { rankChildren } from './report-ranking.ts';
import { reportReads, type ReportReads } from './report-reads.ts';
import { completeOf, groupBy, quickIndexOfTally, SCORED_MEASURES, sumOf, tallyOf, themeCountsOf } from './report-sums.ts';
import type { UnitRowTree } from '../db/unit-row-tree.ts';

/** sipas.md: "SIPAS above 85%" is the usual yearly target when a unit sets none. */
export const DEFAULT_TARGET_PERCENT = 85;

/** A report of one unit (with its scope), period and filters, from the scope totals and the domain's scoring. */
export async function buildReport(
  db: Kysely<Database>,
  catalog: QuestionnaireCatalog,
  tree: UnitRowTree,
  query: ReportQuery,
): Promise<{ reply: ReportReply; questionnaire: Questionnaire }> {
  const unit = tree.get(query.unitId);
  if (!unit) throw new NotFound(`There is no unit "${query.unitId}".`, { field: 'unitId' });
  const ancestry = tree.ancestry(unit.id);
  const active = activeQuestionnaireIds(ancestry.map(questionnaireChoiceOf));
  const questionnaireId = query.questionnaireId ?? active.full;
  const reads = reportReads(db, tree, unit, query);
  const range = { from: query.from, to: query.to };
  const granularity = trendGranularity(query.from, query.to, query.trendBy);
  // Weeks and days are sums of day rows; months read month rows where the range holds whole ones.
  const cover = coverOf(query.from, query.to, { byDay: granularity !== 'month', years: false });
  const rows = await reads.scopeRows(questionnaireId, [...SCORED_MEASURES, 'responses', 'choice', 'flag', 'mark'], range, cover);
  const versions = [...new Set(rows.filter((row) => row.measure === 'responses').map((row) => row.version))].sort((a, b) => b - a);
  const questionnaire = await questionnaireOf(catalog, questionnaireId, query.version ?? versions[0]);
  const ofVersion = rows.filter((row) => row.version === questionnaire.version);
  const counted = ofVersion.filter((row) => query.includeFlagged || !row.flagged);

  const targets = await targetsInEffect(db, ancestry, Number(query.to.slice(0, 4)));
  const target = targets.find((entry) => entry.questionnaireId === questionnaireId)?.percent ?? DEFAULT_TARGET_PERCENT;
  const method = methodFor(questionnaire);
  const minimumSample = query.minimumSample ?? method.minimumSampleToRank;
  const score = scoreByMethod(method, questionnaire, tallyOf(counted));
  const complete = completeOf(counted);
  const quickId = active.quick;
  // A quick rating names no procedure: there is no quick index of one procedure.
  const quickQuestionnaire =
    query.procedureId || quickId === questionnaire.id ? null : ((await catalog.listPublishedVersions([quickId])).at(-1) ?? null);
  const children = query.includeSubunits ? tree.activeChildren(unit.id) : [];

  const [quick, ranking, comments, mix] = await Promise.all([
    quickOf(reads, quickQuestionnaire, range, cover, query.includeFlagged, target, minimumSample),
    rankingOf(reads, children, questionnaire, quickQuestionnaire, query, minimumSample),
    commentsOf(
      db,
      tree,
      questionnaire,
      { ...dailySliceOf(query, tree, unit), questionnaireId, version: questionnaire.version },
      commentDays(reads, query, questionnaire, rows),
      query.commentTheme,
    ),
    reads.channelMix(questionnaireId, range, cover),
  ]);
  const elements = elementsOf(questionnaire, score, target);
  const reply: ReportReply = {
    unit: { id: unit.id, name: parseLocalizedText(unit.name), timeZone: unit.time_zone },
    period: range,
    filters: filtersOf(query),
    channels: channelMixOf(mix, questionnaire.version, query.includeFlagged),
    questionnaire: questionnaireSummaryOf(questionnaire, versions),
    method: methodLabel(method),
    responses: responsesOf(counted, complete),
    overall: overallOf(score.overall, complete, target, minimumSample),
    headline: await buildHeadline({
      reads,
      questionnaire,
      publishedVersion: (version) => catalog.findPublished(questionnaireId, version),
      quick: quickQuestionnaire,
      range,
      target,
      minimumSample,
      includeFlagged: query.includeFlagged,
      elements,
      ranking,
      comments: comments.items,
    }),
    elements,
    criteriaWithoutAnswers: score.criteriaWithoutAnswers,
    quick,
    ranking: { minimumSample, rows: ranking },
    trend: { granularity, target, points: trendOf(method, questionnaire, counted, range, granularity) },
    improvements: improvementsOf(questionnaire, counted),
    comments: comments.items,
    commentsTruncated: comments.truncated,
    commentThemes: themeCountsOf(counted),
    flagged: flaggedOf(ofVersion),
    flaggedExcluded: !query.includeFlagged,
  };
  return { reply, questionnaire };
}

function filtersOf(query: ReportQuery): ReportReply['filters'] {
  return {
    serviceFieldId: query.serviceFieldId ?? null,
    procedureId: query.procedureId ?? null,
    includeSubunits: query.includeSubunits,
    channel: query.channel ?? null,
  };
}

/** Complete responses of the version per channel (flagged ones only when the report counts them). */
function channelMixOf(mix: Awaited<ReturnType<ReportReads['channelMix']>>, version: number, includeFlagged: boolean): ReportReply['channels'] {
  return RESPONSE_CHANNELS.map((channel) => ({
    channel,
    complete: sumOf(mix.filter((row) => row.channel === channel && row.version === version && (includeFlagged || !row.flagged))),
  }));
}

function questionnaireSummaryOf(questionnaire: Questionnaire, versionsWithAnswers: number[]): ReportReply['questionnaire'] {
  return { id: questionnaire.id, version: questionnaire.version, title: questionnaire.title, mode: questionnaire.mode, versionsWithAnswers };
}

function responsesOf(counted: readonly Count[], complete: number): ReportReply['responses'] {
  return {
    complete,
    incomplete: sumOf(counted.filter((row) => row.measure === 'responses' && row.item === '0')),
    withDossierCode: sumOf(counted.filter((row) => row.measure === 'mark' && row.item === 'dossier')),
  };
}

function overallOf(index: number | null, complete: number, target: number, minimumSample: number): ReportReply['overall'] {
  const interval = indexInterval(index, complete);
  return {
    index,
    target,
    gap: gapToTarget(index, target),
    standing: index === null ? 'no-data' : index >= target ? 'meets' : 'below',
    n: complete,
    interval,
    verdict: headlineVerdict({ index, interval, n: complete }, target, minimumSample),
  };
}

async function questionnaireOf(catalog: QuestionnaireCatalog, questionnaireId: string, wanted: number | undefined): Promise<Questionnaire> {
  const version = wanted ?? (await catalog.listPublishedVersions([questionnaireId])).at(-1)?.version;
  const questionnaire = version === undefined ? undefined : await catalog.findPublished(questionnaireId, version);
  if (!questionnaire) {
    throw new NotFound(`There is no published questionnaire "${questionnaireId}" version ${version ?? '?'}.`, { field: 'questionnaireId' });
  }
  return questionnaire;
}

/** The unit's scope, period and filters as the reads of raw responses take them. */
export function dailySliceOf(query: ReportQuery, tree: UnitRowTree, unit: UnitRow) {
  return {
    unitIds: tree.scopeOf(unit.id, query.includeSubunits),
    from: query.from,
    to: query.to,
    serviceFieldId: query.serviceFieldId ?? null,
    procedureId: query.procedureId ?? null,
    includeFlagged: query.includeFlagged,
    channel: query.channel ?? null,
  };
}

function elementsOf(questionnaire: Questionnaire, score: QuestionnaireScore, target: number): ReportReply['elements'] {
  return questionnaire.elements.map((element, elementIndex) => {
    const scored = score.elements[elementIndex]!;
    return {
      id: element.id,
      title: element.title,
      index: scored.index,
      gap: gapToTarget(scored.index, target),
      criteria: element.criteria.map((criterion, criterionIndex) => {
        const result = scored.criteria[criterionIndex]!;
        return {
          id: criterion.id,
          text: criterion.text,
          n: result.n,
          satisfied: result.satisfied,
          index: result.index,
          interval: result.interval,
          levelCounts: result.levelCounts,
          target,
          gap: gapToTarget(result.index, target),
          additionalNeeded: additionalNeededWithAnswers(result.satisfied, result.n, target),
          standing: targetStanding(result, target),
        };
      }),
    };
  });
}

/** The counter rating (quick mode), reported beside and never mixed into the SIPAS index. */
async function quickOf(
  reads: ReportReads,
  quick: Questionnaire | null,
  range: { from: string; to: string },
  cover: ReturnType<typeof coverOf>,
  includeFlagged: boolean,
  target: number,
  minimumSample: number,
): Promise<ReportReply['quick']> {
  if (!quick) return null;
  const rows = (await reads.scopeRows(quick.id, ['tally'], range, cover)).filter((row) => includeFlagged || !row.flagged);
  const figure = quickIndexOfTally(quick, tallyOf(rows));
  if (!figure) return null;
  return {
    questionnaireId: quick.id,
    title: quick.title,
    method: methodLabel(methodFor(quick)),
    ...figure,
    verdict: headlineVerdict(figure, target, minimumSample),
  };
}

async function rankingOf(
  reads: ReportReads,
  children: readonly UnitRow[],
  questionnaire: Questionnaire,
  quick: Questionnaire | null,
  query: ReportQuery,
  minimumSample: number,
) {
  if (children.length === 0) return [];
  const range = { from: query.from, to: query.to };
  const previous = previousComparablePeriod(query.from, query.to);
  const counts = <Row extends { flagged: boolean }>(rows: Row[]) => rows.filter((row) => query.includeFlagged || !row.flagged);
  const [sums, quickSums, previousSums] = await Promise.all([
    reads.childSums(children, questionnaire.id, questionnaire.version, [...SCORED_MEASURES, 'responses'], range),
    quick ? reads.childSums(children, quick.id, null, ['tally'], range) : Promise.resolve([]),
    reads.childSums(children, questionnaire.id, questionnaire.version, [...SCORED_MEASURES, 'responses'], { from: previous.from, to: previous.to }),
  ]);
  return rankChildren({
    children,
    questionnaire,
    quick,
    sums: counts(sums),
    quickSums: counts(quickSums),
    previousSums: counts(previousSums),
    minimumSample,
  });
}

function trendOf(
  method: ScoringMethod,
  questionnaire: Questionnaire,
  counted: readonly Count[],
  range: { from: string; to: string },
  granularity: TrendGranularity,
) {
  // A month row's period is 'YYYY-MM'; its bucket is itself.
  const byPeriod = groupBy(counted, (row) => (row.period.length === 7 ? row.period : trendBucketOf(row.period, granularity)));
  return periodsOf(range.from, range.to, granularity).map((period) => {
    const periodRows = byPeriod.get(period) ?? [];
    const days = trendBucketDays(period, granularity, range);
    return {
      period,
      ...days,
      responses: completeOf(periodRows),
      index: scoreByMethod(method, questionnaire, tallyOf(periodRows)).overall,
      themes: themeCountsOf(periodRows),
    };
  });
}

function flaggedOf(ofVersion: readonly Count[]): ReportReply['flagged'] {
  const flaggedRows = ofVersion.filter((row) => row.flagged);
  return {
    count: completeOf(flaggedRows),
    byReason: [
      ...groupBy(
        flaggedRows.filter((row) => row.measure === 'flag'),
        (row) => row.item,
      ),
    ]
      .map(([flag, reasonRows]) => ({ flag, count: sumOf(reasonRows) }))
      .filter((reason) => reason.count > 0)
      .sort((a, b) => (a.flag < b.flag ? -1 : a.flag > b.flag ? 1 : 0)),
  };
}

/**
 * The days of the range that have comments of the report's version (of the asked theme), newest first,
 * read lazily: the report's rows over its cover (whole months, days at the range's cut ends) say which months
 * have any, then a month's days are read only when the comments walk reaches it. A year whose newest month holds
 * enough comments reads one month of day rows, and a year without comments none.
 */
async function* commentDays(
  reads: ReportReads,
  query: ReportQuery,
  questionnaire: Questionnaire,
  coverRows: readonly Count[],
): AsyncGenerator<string> {
  const range = { from: query.from, to: query.to };
  // With a theme asked for, only the days that have comments of it.
  const mark = query.commentTheme ? themeMarkOf(query.commentTheme) : 'comment';
  const withComments = (rows: readonly Count[]) =>
    rows.filter((row) => row.item === mark && row.version === questionnaire.version && (query.includeFlagged || !row.flagged) && row.count > 0);
  // The report's own rows over its cover: day rows, or month rows for whole months and day rows at the cut ends.
  const first = withComments(coverRows.filter((row) => row.measure === 'mark'));
  const knownDays = new Set(first.filter((row) => row.period.length === 10).map((row) => row.period));
  const monthsToRead = new Set(first.filter((row) => row.period.length === 7).map((row) => row.period));
  for (const month of periodsOf(query.from, query.to, 'month').reverse()) {
    const days = monthsToRead.has(month) ? await daysWithComments(month) : [...knownDays].filter((day) => day.startsWith(`${month}-`));
    yield* days.sort().reverse();
  }

  async function daysWithComments(month: string): Promise<string[]> {
    const days = trendBucketDays(month, 'month', range);
    const rows = await reads.scopeRows(questionnaire.id, ['mark'], days, coverOf(days.from, days.to, { byDay: true, years: false }));
    return [...new Set(withComments(rows).map((row) => row.period))];
  }
}

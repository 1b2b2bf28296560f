import type { Kysely } from 'kysely';
import { commentsOfAnswers, freeTextQuestionIds } from '../../domain/response-marks.ts';
import { classifyCommentThemes, countCommentThemes } from '../../domain/comment-themes.ts';
import type { SurveyResponse } from '../../domain/response.ts';
import type { ReportQuery, ReportReply } from '../../domain/manage-api.ts';
import { allQuestions, type Questionnaire } from '../../domain/questionnaire.ts';
import { DEFAULT_FULL_QUESTIONNAIRE_ID, DEFAULT_QUICK_QUESTIONNAIRE_ID } from '../../domain/questionnaires/index.ts';
import {
  additionalSatisfiedNeeded,
  criterionResult,
  gapToTarget,
  rankUnits,
  scoreQuestionnaire,
  targetStanding,
} from '../../domain/scoring.ts';
import { levelCounts, tallyFromEntries, type Tally } from '../../domain/tally.ts';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import { readDailyTotals, responsesWithTextOnDay, sumDailyByUnit, type ReportSlice } from '../db/reports-repository.ts';
import { readScopeTotals, sumScopeTotals, type ScopeTotal } from '../db/scope-totals-repository.ts';
import { readProcedureTotals } from '../db/procedure-totals-repository.ts';
import type { Database, ScopeMeasure } from '../db/schema.ts';
import { parseLocalizedText, targetsInEffect } from '../db/units-repository.ts';
import { ApiFailure } from '../http/api-failure.ts';
import { coverOf, periodsOf, trendGranularity, type PeriodCover } from '../../domain/calendar.ts';
import type { UnitTree } from './unit-tree.ts';

/** sipas.md: "SIPAS above 85%" is the usual yearly target when a unit sets none. */
export const DEFAULT_TARGET_PERCENT = 85;
export const COMMENT_LIMIT = 100;

/** A report of one unit (with its scope), period and filters, from the scope totals and the domain's scoring. */
export async function buildReport(
  db: Kysely<Database>,
  catalog: QuestionnaireCatalog,
  tree: UnitTree,
  query: ReportQuery,
): Promise<{ reply: ReportReply; questionnaire: Questionnaire }> {
  const unit = tree.get(query.unitId);
  if (!unit) throw new ApiFailure(404, 'not-found', `There is no unit "${query.unitId}".`, 'unitId');
  const ancestry = tree.ancestry(unit.id);
  const questionnaireId =
    query.questionnaireId ?? ancestry.find((row) => row.full_questionnaire_id !== null)?.full_questionnaire_id ?? DEFAULT_FULL_QUESTIONNAIRE_ID;
  const scope = tree.scopeOf(unit.id, query.includeSubunits);
  const granularity = trendGranularity(query.from, query.to);
  const cover = coverOf(query.from, query.to, { byDay: granularity === 'day', years: false });
  const serviceFieldId = query.serviceFieldId ?? null;
  const procedureId = query.procedureId ?? null;
  const dailySlice = (unitIds: readonly string[], id: string, version: number | null): ReportSlice => ({
    unitIds,
    from: query.from,
    to: query.to,
    questionnaireId: id,
    version,
    serviceFieldId,
    includeFlagged: true,
  });
  // Day rows hold every service field together: a filtered range that needs days reads the daily tables.
  const totalsServe = (rowsCover: PeriodCover) => serviceFieldId === null || rowsCover.days.length === 0;
  // A scope holding more than its own unit is totalled; a unit on its own is one range of the daily tables.
  // Filtered by procedure, every unit's days come from the procedure totals.
  const totalled = query.includeSubunits && scope.length > 1;
  const procedureRows = (unitIds: readonly string[], id: string, version: number | null, measures: readonly ScopeMeasure[], scopeOf: (unitId: string) => string) =>
    readProcedureTotals(db, { unitIds, questionnaireId: id, procedureId: procedureId!, from: query.from, to: query.to, version, measures }, scopeOf);
  const scopeRows = (id: string, measures: readonly ScopeMeasure[], rowsCover: PeriodCover) =>
    procedureId !== null
      ? procedureRows(scope, id, null, measures, () => unit.id)
      : totalled && totalsServe(rowsCover)
        ? readScopeTotals(db, { scopeIds: [unit.id], questionnaireId: id, serviceFieldId, version: null, cover: rowsCover, measures })
        : readDailyTotals(db, dailySlice(scope, id, null), unit.id, measures);

  const rows = await scopeRows(questionnaireId, ['tally', 'responses', 'choice', 'flag', 'mark'], cover);
  const versions = [...new Set(rows.filter((row) => row.measure === 'responses').map((row) => row.version))].sort((a, b) => b - a);
  const published = await catalog.listPublishedVersions([questionnaireId]);
  const version = query.version ?? versions[0] ?? published.at(-1)?.version;
  const questionnaire = version === undefined ? undefined : await catalog.findPublished(questionnaireId, version);
  if (!questionnaire) {
    throw new ApiFailure(404, 'not-found', `There is no published questionnaire "${questionnaireId}" version ${version ?? '?'}.`, 'questionnaireId');
  }
  const ofVersion = rows.filter((row) => row.version === questionnaire.version);
  const counted = ofVersion.filter((row) => query.includeFlagged || !row.flagged);
  const periodOf = (row: ScopeTotal) => (granularity === 'month' ? row.period.slice(0, 7) : row.period);

  const targets = await targetsInEffect(db, ancestry, Number(query.to.slice(0, 4)));
  const target = targets.find((entry) => entry.questionnaireId === questionnaireId)?.percent ?? DEFAULT_TARGET_PERCENT;

  const score = scoreQuestionnaire(questionnaire, tallyOf(counted));
  const elements = questionnaire.elements.map((element, elementIndex) => {
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
          additionalNeeded: additionalSatisfiedNeeded(result.satisfied, result.n, target),
          standing: targetStanding(result, target),
        };
      }),
    };
  });

  const responseRows = counted.filter((row) => row.measure === 'responses');
  const complete = sumOf(responseRows.filter((row) => row.item === '1'));
  const incomplete = sumOf(responseRows.filter((row) => row.item === '0'));
  const withDossierCode = sumOf(counted.filter((row) => row.measure === 'mark' && row.item === 'dossier'));

  // Sub-units are ranked on whole years and months where the range allows, whatever the trend's granularity.
  const children = query.includeSubunits ? tree.activeChildren(unit.id) : [];
  const childCover = coverOf(query.from, query.to, { byDay: false, years: serviceFieldId === null });
  const [totalledChildren, dailyChildren] = partition(
    children,
    (child) => procedureId === null && tree.scopeOf(child.id).length > 1 && totalsServe(childCover),
  );
  const childOfUnit = new Map<string, string>();
  for (const child of dailyChildren) for (const id of tree.scopeOf(child.id)) childOfUnit.set(id, child.id);
  const childSums = [
    ...(await sumScopeTotals(db, {
      scopeIds: totalledChildren.map((child) => child.id),
      questionnaireId,
      serviceFieldId,
      version: questionnaire.version,
      cover: childCover,
      measures: ['tally', 'responses'],
    })),
    ...(procedureId !== null
      ? await procedureRows([...childOfUnit.keys()], questionnaireId, questionnaire.version, ['tally', 'responses'], (unitId) => childOfUnit.get(unitId)!)
      : (await sumDailyByUnit(db, dailySlice([...childOfUnit.keys()], questionnaireId, questionnaire.version))).map((row) => ({
          ...row,
          scopeId: childOfUnit.get(row.scopeId)!,
        }))),
  ];
  const sumsByChild = groupBy(
    childSums.filter((row) => query.includeFlagged || !row.flagged),
    (row) => row.scopeId,
  );
  const rankingRows = children.map((child) => {
    const sums = sumsByChild.get(child.id) ?? [];
    const responses = sumOf(sums.filter((row) => row.measure === 'responses' && row.item === '1'));
    const index = scoreQuestionnaire(questionnaire, tallyOf(sums)).overall;
    return { unitId: child.id, name: parseLocalizedText(child.name), responses, n: responses, index };
  });

  const byPeriod = groupBy(counted, periodOf);
  const trendPoints = periodsOf(query.from, query.to, granularity).map((period) => {
    const periodRows = byPeriod.get(period) ?? [];
    const responses = sumOf(periodRows.filter((row) => row.measure === 'responses' && row.item === '1'));
    return { period, responses, index: scoreQuestionnaire(questionnaire, tallyOf(periodRows)).overall };
  });

  const flaggedRows = ofVersion.filter((row) => row.flagged);
  const flagged = {
    count: sumOf(flaggedRows.filter((row) => row.measure === 'responses' && row.item === '1')),
    byReason: [...groupBy(flaggedRows.filter((row) => row.measure === 'flag'), (row) => row.item)]
      .map(([flag, reasonRows]) => ({ flag, count: sumOf(reasonRows) }))
      .filter((reason) => reason.count > 0)
      .sort((a, b) => (a.flag < b.flag ? -1 : a.flag > b.flag ? 1 : 0)),
  };

  const commentDays = async () => {
    const dayRows = await scopeRows(questionnaireId, ['mark'], coverOf(query.from, query.to, { byDay: true, years: false }));
    const days = dayRows
      .filter((row) => row.item === 'comment' && row.version === questionnaire.version && (query.includeFlagged || !row.flagged) && row.count > 0)
      .map((row) => row.period);
    return [...new Set(days)].sort().reverse();
  };
  const slice: ReportSlice = { ...dailySlice(scope, questionnaireId, questionnaire.version), procedureId, includeFlagged: query.includeFlagged };
  const quickId = ancestry.find((row) => row.quick_questionnaire_id !== null)?.quick_questionnaire_id ?? DEFAULT_QUICK_QUESTIONNAIRE_ID;
  const [quick, comments] = await Promise.all([
    // A quick rating names no procedure: there is no quick index of one procedure.
    procedureId !== null ? null : quickIndex(catalog, quickId, questionnaire, async () =>
      (await scopeRows(quickId, ['tally'], cover)).filter((row) => query.includeFlagged || !row.flagged),
    ),
    commentsOf(db, questionnaire, slice, await commentDays()),
  ]);

  const reply: ReportReply = {
    unit: { id: unit.id, name: parseLocalizedText(unit.name), timeZone: unit.time_zone },
    period: { from: query.from, to: query.to },
    filters: { serviceFieldId, procedureId, includeSubunits: query.includeSubunits },
    questionnaire: { id: questionnaire.id, version: questionnaire.version, title: questionnaire.title, versionsWithAnswers: versions },
    responses: { complete, incomplete, withDossierCode },
    overall: {
      index: score.overall,
      target,
      gap: gapToTarget(score.overall, target),
      standing: score.overall === null ? 'no-data' : score.overall >= target ? 'meets' : 'below',
    },
    elements,
    criteriaWithoutAnswers: score.criteriaWithoutAnswers,
    quick,
    ranking: { minimumSample: query.minimumSample, rows: rankUnits(rankingRows, query.minimumSample) },
    trend: { granularity, target, points: trendPoints },
    improvements: improvementsOf(questionnaire, counted),
    comments: comments.items,
    commentsTruncated: comments.truncated,
    commentThemes: countCommentThemes(comments.items),
    flagged,
    flaggedExcluded: !query.includeFlagged,
  };
  return { reply, questionnaire };
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const passing: T[] = [];
  const failing: T[] = [];
  for (const item of items) (test(item) ? passing : failing).push(item);
  return [passing, failing];
}

function sumOf(rows: readonly { count: number }[]): number {
  let total = 0;
  for (const row of rows) total += row.count;
  return total;
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

function tallyOf(rows: readonly Pick<ScopeTotal, 'measure' | 'item' | 'detail' | 'count'>[]): Tally {
  return tallyFromEntries(
    rows.filter((row) => row.measure === 'tally').map((row) => ({ criterionId: row.item, level: Number(row.detail), count: row.count })),
  );
}

/** The counter rating (quick mode), reported beside and never mixed into the SIPAS index. */
async function quickIndex(
  catalog: QuestionnaireCatalog,
  quickId: string,
  reported: Questionnaire,
  readTallies: () => Promise<ScopeTotal[]>,
): Promise<ReportReply['quick']> {
  if (quickId === reported.id) return null;
  const quick = (await catalog.listPublishedVersions([quickId])).at(-1);
  const element = quick?.elements[0];
  const criterion = element?.criteria[0];
  if (!quick || !element || !criterion) return null;
  // Every version: the one criterion keeps its id across versions of a quick questionnaire.
  const counts = levelCounts(tallyOf(await readTallies()), criterion.id, element.scale);
  return { questionnaireId: quickId, title: quick.title, ...criterionResult(counts, element.scale), levelCounts: counts };
}

function improvementsOf(questionnaire: Questionnaire, rows: readonly ScopeTotal[]): ReportReply['improvements'] {
  const multiple = allQuestions(questionnaire).filter((question) => question.kind === 'multiple-choice');
  const question = multiple.find((candidate) => candidate.id === 'improvements') ?? multiple[0];
  if (!question || question.kind !== 'multiple-choice') return [];
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (row.measure === 'choice' && row.item === question.id) counts.set(row.detail, (counts.get(row.detail) ?? 0) + row.count);
  }
  return question.options
    .map((option) => ({ optionId: option.id, text: option.text, count: counts.get(option.id) ?? 0 }))
    .sort((a, b) => b.count - a.count);
}

async function commentsOf(
  db: Kysely<Database>,
  questionnaire: Questionnaire,
  slice: ReportSlice,
  daysNewestFirst: readonly string[],
): Promise<{ items: ReportReply['comments']; truncated: boolean }> {
  const textIds = freeTextQuestionIds(questionnaire);
  const items: ReportReply['comments'] = [];
  if (textIds.length === 0) return { items, truncated: false };
  for (const day of daysNewestFirst) {
    const rows = await responsesWithTextOnDay(db, slice, day, textIds, COMMENT_LIMIT + 1 - items.length);
    for (const row of rows) {
      for (const text of commentsOfAnswers(JSON.parse(row.answers) as SurveyResponse['answers'], textIds)) {
        items.push({ submittedAt: row.submittedAt, localDay: row.localDay, text, themes: classifyCommentThemes(text) });
      }
    }
    if (items.length > COMMENT_LIMIT) return { items: items.slice(0, COMMENT_LIMIT), truncated: true };
  }
  return { items, truncated: false };
}

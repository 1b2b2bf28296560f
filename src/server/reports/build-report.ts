import type { Kysely } from 'kysely';
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
import {
  daysWithResponses,
  flaggedOfSlice,
  responsesWithTextOnDay,
  sumChoices,
  sumResponseCounts,
  sumTalliesByPeriod,
  sumTalliesByUnit,
  versionsWithResponses,
  type ReportSlice,
  type UnitTallyRow,
} from '../db/reports-repository.ts';
import type { Database } from '../db/schema.ts';
import { parseLocalizedText, targetsInEffect } from '../db/units-repository.ts';
import { ApiFailure } from '../http/api-failure.ts';
import { periodsOf, trendGranularity } from './periods.ts';
import type { UnitTree } from './unit-tree.ts';

/** sipas.md: "SIPAS above 85%" is the usual yearly target when a unit sets none. */
export const DEFAULT_TARGET_PERCENT = 85;
export const COMMENT_LIMIT = 100;

/** A report of one unit (with its scope), period and filters, from the daily tables and the domain's scoring. */
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
  const base: ReportSlice = {
    unitIds: scope,
    from: query.from,
    to: query.to,
    questionnaireId,
    version: null,
    serviceFieldId: query.serviceFieldId ?? null,
    includeFlagged: query.includeFlagged,
  };
  const versions = await versionsWithResponses(db, base);
  const published = await catalog.listPublishedVersions([questionnaireId]);
  const version = query.version ?? versions[0] ?? published.at(-1)?.version;
  const questionnaire = version === undefined ? undefined : await catalog.findPublished(questionnaireId, version);
  if (!questionnaire) {
    throw new ApiFailure(404, 'not-found', `There is no published questionnaire "${questionnaireId}" version ${version ?? '?'}.`, 'questionnaireId');
  }
  const slice: ReportSlice = { ...base, version: questionnaire.version };
  const granularity = trendGranularity(query.from, query.to);

  const [unitTallies, periodTallies, counts] = await Promise.all([
    sumTalliesByUnit(db, slice),
    sumTalliesByPeriod(db, slice, granularity),
    sumResponseCounts(db, slice, granularity),
  ]);
  const targets = await targetsInEffect(db, ancestry, Number(query.to.slice(0, 4)));
  const target = targets.find((entry) => entry.questionnaireId === questionnaireId)?.percent ?? DEFAULT_TARGET_PERCENT;

  const score = scoreQuestionnaire(questionnaire, tallyOfUnits(unitTallies));
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

  const completeByUnit = new Map<string, number>();
  let complete = 0;
  let incomplete = 0;
  for (const row of counts) {
    if (row.complete) {
      complete += row.count;
      completeByUnit.set(row.unitId, (completeByUnit.get(row.unitId) ?? 0) + row.count);
    } else incomplete += row.count;
  }

  // Each unit of the scope belongs to at most one direct sub-unit's scope; one pass sorts the rows.
  const children = query.includeSubunits ? tree.activeChildren(unit.id) : [];
  const childOf = new Map<string, string>();
  for (const child of children) for (const id of tree.scopeOf(child.id)) childOf.set(id, child.id);
  const rowsByChild = new Map<string, UnitTallyRow[]>(children.map((child) => [child.id, []]));
  for (const row of unitTallies) {
    const childId = childOf.get(row.unitId);
    if (childId !== undefined) rowsByChild.get(childId)!.push(row);
  }
  const responsesByChild = new Map<string, number>();
  for (const [unitId, count] of completeByUnit) {
    const childId = childOf.get(unitId);
    if (childId !== undefined) responsesByChild.set(childId, (responsesByChild.get(childId) ?? 0) + count);
  }
  const rankingRows = children.map((child) => {
    const responses = responsesByChild.get(child.id) ?? 0;
    const index = scoreQuestionnaire(questionnaire, tallyOfUnits(rowsByChild.get(child.id)!)).overall;
    return { unitId: child.id, name: parseLocalizedText(child.name), responses, n: responses, index };
  });

  const talliesByPeriod = groupBy(periodTallies, (row) => row.period);
  const trendPoints = periodsOf(query.from, query.to, granularity).map((period) => {
    const tally = tallyFromEntries(talliesByPeriod.get(period) ?? []);
    const responses = counts.filter((row) => row.period === period && row.complete).reduce((sum, row) => sum + row.count, 0);
    return { period, responses, index: scoreQuestionnaire(questionnaire, tally).overall };
  });

  const [quick, improvements, comments, flagged] = await Promise.all([
    quickIndex(db, catalog, ancestry.find((row) => row.quick_questionnaire_id !== null)?.quick_questionnaire_id, questionnaire, base),
    improvementsOf(db, questionnaire, slice),
    commentsOf(db, questionnaire, slice),
    flaggedOfSlice(db, slice),
  ]);

  const reply: ReportReply = {
    unit: { id: unit.id, name: parseLocalizedText(unit.name), timeZone: unit.time_zone },
    period: { from: query.from, to: query.to },
    filters: { serviceFieldId: query.serviceFieldId ?? null, includeSubunits: query.includeSubunits },
    questionnaire: { id: questionnaire.id, version: questionnaire.version, title: questionnaire.title, versionsWithAnswers: versions },
    responses: { complete, incomplete },
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
    improvements,
    comments: comments.items,
    commentsTruncated: comments.truncated,
    flagged,
    flaggedExcluded: !query.includeFlagged,
  };
  return { reply, questionnaire };
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

function tallyOfUnits(rows: readonly UnitTallyRow[]): Tally {
  return tallyFromEntries(rows.map((row) => ({ criterionId: row.criterionId, level: row.level, count: row.count })));
}

/** The counter rating (quick mode), reported beside and never mixed into the SIPAS index. */
async function quickIndex(
  db: Kysely<Database>,
  catalog: QuestionnaireCatalog,
  inheritedId: string | null | undefined,
  reported: Questionnaire,
  base: ReportSlice,
): Promise<ReportReply['quick']> {
  const quickId = inheritedId ?? DEFAULT_QUICK_QUESTIONNAIRE_ID;
  if (quickId === reported.id) return null;
  const quick = (await catalog.listPublishedVersions([quickId])).at(-1);
  const element = quick?.elements[0];
  const criterion = element?.criteria[0];
  if (!quick || !element || !criterion) return null;
  // Every version: the one criterion keeps its id across versions of a quick questionnaire.
  const rows = await sumTalliesByUnit(db, { ...base, questionnaireId: quickId, version: null });
  const counts = levelCounts(tallyOfUnits(rows), criterion.id, element.scale);
  return { questionnaireId: quickId, title: quick.title, ...criterionResult(counts, element.scale), levelCounts: counts };
}

async function improvementsOf(db: Kysely<Database>, questionnaire: Questionnaire, slice: ReportSlice): Promise<ReportReply['improvements']> {
  const multiple = allQuestions(questionnaire).filter((question) => question.kind === 'multiple-choice');
  const question = multiple.find((candidate) => candidate.id === 'improvements') ?? multiple[0];
  if (!question || question.kind !== 'multiple-choice') return [];
  const counts = new Map((await sumChoices(db, slice, [question.id])).map((row) => [row.optionId, row.count]));
  return question.options
    .map((option) => ({ optionId: option.id, text: option.text, count: counts.get(option.id) ?? 0 }))
    .sort((a, b) => b.count - a.count);
}

async function commentsOf(
  db: Kysely<Database>,
  questionnaire: Questionnaire,
  slice: ReportSlice,
): Promise<{ items: ReportReply['comments']; truncated: boolean }> {
  const textIds = allQuestions(questionnaire)
    .filter((question) => question.kind === 'free-text')
    .map((question) => question.id);
  const items: ReportReply['comments'] = [];
  if (textIds.length === 0) return { items, truncated: false };
  for (const day of await daysWithResponses(db, slice)) {
    const rows = await responsesWithTextOnDay(db, slice, day, textIds, COMMENT_LIMIT + 1 - items.length);
    for (const row of rows) {
      const answers = JSON.parse(row.answers) as Record<string, unknown>;
      for (const id of textIds) {
        const text = answers[id];
        if (typeof text === 'string' && text.trim() !== '') items.push({ submittedAt: row.submittedAt, localDay: row.localDay, text });
      }
    }
    if (items.length > COMMENT_LIMIT) return { items: items.slice(0, COMMENT_LIMIT), truncated: true };
  }
  return { items, truncated: false };
}

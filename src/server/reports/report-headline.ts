import { coverOf, daysInRange, periodContaining, shiftPeriod } from '../../domain/calendar.ts';
import type { ReportHeadline, ReportReply } from '../../domain/manage-api.ts';
import type { Questionnaire } from '../../domain/questionnaire.ts';
import { previousComparablePeriod, weakestOf } from '../../domain/report-headline.ts';
import { headlineVerdict, indexInterval, scoreQuestionnaire } from '../../domain/scoring.ts';
import { methodFor, methodLabel } from '../../domain/methods/index.ts';
import type { Count } from '../db/counts-repository.ts';
import type { DayRange } from '../../domain/calendar.ts';
import type { ReportReads } from './report-reads.ts';
import { completeOf, groupBy, quickIndexOfTally, SCORED_MEASURES, tallyOf } from './report-sums.ts';

const SPARKLINE_POINTS = 12;
const COMPLAINTS_SHOWN = 5;
/** A range shorter than a month is drawn over weeks; a month or more over months. */
const WEEKLY_BELOW_DAYS = 28;

export interface HeadlineInput {
  reads: ReportReads;
  questionnaire: Questionnaire;
  /** Another published version of the questionnaire, for the sparkline's months before (or after) a change. */
  publishedVersion: (version: number) => Promise<Questionnaire | undefined>;
  quick: Questionnaire | null;
  range: DayRange;
  target: number;
  minimumSample: number;
  /** false: rows of flagged responses are left out, as in the rest of the report. */
  includeFlagged: boolean;
  elements: ReportReply['elements'];
  ranking: ReportReply['ranking']['rows'];
  comments: ReportReply['comments'];
}

/** The first screen's answers, all from aggregates except the complaints (the report's comments). */
export async function buildHeadline(input: HeadlineInput): Promise<ReportHeadline> {
  const { minimumSample } = input;
  const [previous, sparkline] = await Promise.all([previousHeadline(input), sparklineOf(input)]);
  return {
    minimumSample,
    previous,
    weakestUnits: weakestOf(
      input.ranking.filter((row) => row.rank !== null).map((row) => ({ unitId: row.unitId, name: row.name, index: row.index, n: row.n })),
      minimumSample,
    ) as ReportHeadline['weakestUnits'],
    weakestCriteria: weakestOf(
      input.elements.flatMap((element) =>
        element.criteria.map((criterion) => ({
          criterionId: criterion.id,
          elementId: element.id,
          text: criterion.text,
          index: criterion.index,
          n: criterion.n,
        })),
      ),
      minimumSample,
    ) as ReportHeadline['weakestCriteria'],
    complaints: input.comments.filter((comment) => comment.dissatisfied).slice(0, COMPLAINTS_SHOWN),
    sparkline,
  };
}

async function previousHeadline(input: HeadlineInput): Promise<ReportHeadline['previous']> {
  const period = previousComparablePeriod(input.range.from, input.range.to);
  const range = { from: period.from, to: period.to };
  const cover = coverOf(range.from, range.to, { byDay: false, years: false });
  const [rows, quickRows] = await Promise.all([
    input.reads.scopeRows(input.questionnaire.id, [...SCORED_MEASURES, 'responses'], range, cover),
    input.quick ? input.reads.scopeRows(input.quick.id, ['tally'], range, cover) : Promise.resolve([]),
  ]);
  const counted = rows.filter((row) => counts(input, row) && row.version === input.questionnaire.version);
  const n = completeOf(counted);
  const ofOtherVersions = completeOf(rows.filter((row) => counts(input, row) && row.version !== input.questionnaire.version));
  const index = scoreQuestionnaire(input.questionnaire, tallyOf(counted)).overall;
  const quickFigure = input.quick ? quickIndexOfTally(input.quick, tallyOf(quickRows.filter((row) => counts(input, row)))) : null;
  return {
    period: range,
    index,
    n,
    verdict: headlineVerdict({ index, n, interval: indexInterval(index, n) }, input.target, input.minimumSample),
    quickIndex: quickFigure?.index ?? null,
    otherVersionsOnly: n === 0 && ofOtherVersions > 0,
  };
}

/** Twelve months ending with the period's last month, or twelve weeks for a range shorter than a month. */
async function sparklineOf(input: HeadlineInput): Promise<ReportHeadline['sparkline']> {
  const byWeek = daysInRange(input.range.from, input.range.to) < WEEKLY_BELOW_DAYS;
  let first = byWeek ? periodContaining('week', input.range.to) : periodContaining('month', input.range.to);
  for (let step = 1; step < SPARKLINE_POINTS; step++) first = shiftPeriod(first, -1);
  const range = { from: first.from, to: input.range.to };
  const rows = await input.reads.scopeRows(
    input.questionnaire.id,
    [...SCORED_MEASURES, 'responses'],
    range,
    coverOf(range.from, range.to, { byDay: byWeek, years: false }),
  );
  const bucketOf = (row: Count) => (byWeek ? periodContaining('week', row.period).from : row.period.slice(0, 7));
  const buckets = groupBy(
    rows.filter((row) => counts(input, row)),
    bucketOf,
  );
  const periods: string[] = [];
  for (let period = first, step = 0; step < SPARKLINE_POINTS; step++, period = shiftPeriod(period, 1)) {
    periods.push(byWeek ? period.from : period.from.slice(0, 7));
  }
  const shown = periods.map((period) => {
    const bucket = buckets.get(period) ?? [];
    return { period, bucket, version: versionShown(bucket, input.questionnaire.version) };
  });
  const questionnaires = new Map([[input.questionnaire.version, input.questionnaire]]);
  for (const version of new Set(shown.map((point) => point.version))) {
    if (version === null || questionnaires.has(version)) continue;
    const other = await input.publishedVersion(version);
    if (other) questionnaires.set(version, other);
  }
  const points = shown.map(({ period, bucket, version }) => {
    const questionnaire = version === null ? undefined : questionnaires.get(version);
    if (!questionnaire) return { period, n: 0, index: null, version: null };
    // One version a point: a month never mixes questionnaires or methods, even the month of a change.
    const ofVersion = bucket.filter((row) => row.version === version);
    return { period, n: completeOf(ofVersion), index: scoreQuestionnaire(questionnaire, tallyOf(ofVersion)).overall, version };
  });
  const versions = [...new Set(points.map((point) => point.version).filter((version) => version !== null))];
  return {
    granularity: byWeek ? 'week' : 'month',
    points,
    methods: versions.map((version) => ({ version, method: methodLabel(methodFor(questionnaires.get(version)!)) })),
  };
}

/** The report's version where the bucket has complete answers of it, else the newest that has; null for none. */
function versionShown(bucket: readonly Count[], reportVersion: number): number | null {
  const answered = new Set(bucket.filter((row) => row.measure === 'responses' && row.item === '1' && row.count > 0).map((row) => row.version));
  if (answered.has(reportVersion)) return reportVersion;
  return answered.size === 0 ? null : Math.max(...answered);
}

function counts(input: HeadlineInput, row: Count): boolean {
  return input.includeFlagged || !row.flagged;
}

import { periodContaining, shiftPeriod, type Period } from './calendar.ts';
import type { Questionnaire } from './questionnaire.ts';
import type { SurveyResponse } from './response.ts';
import { SCALES } from './scales.ts';

/**
 * What a report's headline reads off figures it already has: the comparable period before, the weakest
 * sub-units and criteria, whether a comment comes from a dissatisfied person, the block of a unit.
 */

/** The period a from–to range stands for: a whole week, month, quarter or year when it is one, else custom. */
export function periodOfRange(from: string, to: string): Period {
  for (const kind of ['year', 'quarter', 'month', 'week', 'day'] as const) {
    const period = periodContaining(kind, from);
    if (period.from === from && period.to === to) return period;
  }
  return { kind: 'custom', from, to };
}

/** The comparable period just before: last month for a month, the same number of days before a custom range. */
export function previousComparablePeriod(from: string, to: string): Period {
  return shiftPeriod(periodOfRange(from, to), -1);
}

/** The `count` rows with the lowest index among those with at least `minimumSample` answers, lowest first. */
export function weakestOf<Row extends { index: number | null; n: number }>(rows: readonly Row[], minimumSample: number, count = 3): Row[] {
  return rows
    .filter((row): row is Row & { index: number } => row.index !== null && row.n >= minimumSample)
    .sort((a, b) => a.index - b.index)
    .slice(0, count);
}

/**
 * A response is dissatisfied when at least one of its criterion answers is below the scale's middle: "Không
 * hài lòng" or "Rất không hài lòng" on the five-level scale, the lowest level on the three-level one. A
 * neutral answer counts against the index but is no complaint.
 */
export function isDissatisfied(questionnaire: Questionnaire, answers: SurveyResponse['answers']): boolean {
  for (const element of questionnaire.elements) {
    const middle = Math.ceil(SCALES[element.scale].levels.length / 2);
    for (const criterion of element.criteria) {
      const level = answers[criterion.id];
      if (typeof level === 'number' && level < middle) return true;
    }
  }
  return false;
}

export type UnitBlock = 'agency' | 'commune';

/** Provinces rank departments and communes/wards separately: the block of a unit, from its kind. */
export function blockOfKind(kind: string): UnitBlock | null {
  const normalized = kind.trim().toLowerCase();
  if (['agency', 'department', 'so', 'sở', 'board', 'ban'].includes(normalized)) return 'agency';
  if (['commune', 'ward', 'township', 'xa', 'xã', 'phuong', 'phường', 'thi-tran'].includes(normalized)) return 'commune';
  return null;
}

/** Rank change since the previous period: positive when the unit moved up (from rank 5 to rank 2 is +3). */
export function rankChange(rank: number | null, previousRank: number | null): number | null {
  return rank === null || previousRank === null ? null : previousRank - rank;
}

interface VersionedPoint {
  period: string;
  index: number | null;
  version: number | null;
}
interface VersionMethod<Method> {
  version: number;
  method: Method;
}
export interface VersionChange<Method> {
  /** The first point of the new version. */
  period: string;
  before: VersionMethod<Method>;
  after: VersionMethod<Method>;
}

/**
 * Where a trend's points pass from one questionnaire version to another (a new method, or new questions
 * under one): indices either side are not comparable, so a chart marks the change and names both methods.
 */
export function versionChangesOf<Method>(points: readonly VersionedPoint[], methods: readonly VersionMethod<Method>[]): VersionChange<Method>[] {
  const methodOf = new Map(methods.map((entry) => [entry.version, entry]));
  const changes: VersionChange<Method>[] = [];
  let lastVersion: number | null = null;
  for (const point of points) {
    if (point.index === null || point.version === null) continue;
    const before = lastVersion === null ? undefined : methodOf.get(lastVersion);
    const after = methodOf.get(point.version);
    if (lastVersion !== point.version && before && after) changes.push({ period: point.period, before, after });
    lastVersion = point.version;
  }
  return changes;
}

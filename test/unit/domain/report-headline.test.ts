import { describe, expect, it } from 'vitest';
import { BUNDLED_QUESTIONNAIRES } from '../../../src/domain/questionnaires/index.ts';
import {
  blockOfKind,
  isDissatisfied,
  periodOfRange,
  previousComparablePeriod,
  rankChange,
  versionChangesOf,
  weakestOf,
} from '../../../src/domain/report-headline.ts';
import { additionalNeededWithAnswers, headlineVerdict, indexInterval, wilsonInterval } from '../../../src/domain/scoring.ts';

const SIPAS = BUNDLED_QUESTIONNAIRES.find((q) => q.id === 'sipas' && q.version === 1)!;

describe('the report headline rules', () => {
  it('compares a month with the month before, a quarter with the quarter before, a custom range with as many days before', () => {
    expect(periodOfRange('2026-11-01', '2026-11-30').kind).toBe('month');
    expect(previousComparablePeriod('2026-11-01', '2026-11-30')).toMatchObject({ from: '2026-10-01', to: '2026-10-31' });
    expect(previousComparablePeriod('2026-10-01', '2026-12-31')).toMatchObject({ kind: 'quarter', from: '2026-07-01', to: '2026-09-30' });
    expect(previousComparablePeriod('2026-03-01', '2026-03-10')).toMatchObject({ kind: 'custom', from: '2026-02-19', to: '2026-02-28' });
  });

  it('calls a headline conclusive only with the minimum sample and an interval clear of the target', () => {
    const n = 400;
    const interval = indexInterval(92, n);
    expect(interval).toEqual(wilsonInterval(368, 400));
    expect(headlineVerdict({ index: 92, n, interval }, 85, 30)).toBe('meets');
    expect(headlineVerdict({ index: 92, n, interval }, 85, 1000)).toBe('not-conclusive');
    expect(headlineVerdict({ index: 70, n, interval: indexInterval(70, n) }, 85, 30)).toBe('below');
    expect(headlineVerdict({ index: null, n: 0, interval: null }, 85, 30)).toBe('no-data');
  });

  it('gives "k more needed" only where someone answered', () => {
    expect(additionalNeededWithAnswers(0, 0, 85)).toBeNull();
    expect(additionalNeededWithAnswers(8, 10, 85)).toBe(4);
  });

  it('names the weakest rows among those with enough answers, lowest first', () => {
    const rows = [
      { id: 'a', index: 50, n: 5 },
      { id: 'b', index: 70, n: 40 },
      { id: 'c', index: 60, n: 40 },
      { id: 'd', index: null, n: 0 },
      { id: 'e', index: 90, n: 40 },
      { id: 'f', index: 80, n: 40 },
    ];
    expect(weakestOf(rows, 30).map((row) => row.id)).toEqual(['c', 'b', 'f']);
  });

  it('reads a complaint from answers below the middle of the scale, blocks from unit kinds, and rank changes as places moved up', () => {
    const criteria = SIPAS.elements.flatMap((element) => element.criteria.map((criterion) => criterion.id));
    const allAt = (level: number) => Object.fromEntries(criteria.map((id) => [id, level]));
    expect(isDissatisfied(SIPAS, allAt(3))).toBe(false);
    expect(isDissatisfied(SIPAS, { ...allAt(5), [criteria[4]!]: 2 })).toBe(true);
    expect([blockOfKind('agency'), blockOfKind('Ward'), blockOfKind('service-centre')]).toEqual(['agency', 'commune', null]);
    expect([rankChange(2, 5), rankChange(4, 1), rankChange(3, null)]).toEqual([3, -3, null]);
  });
});

describe("a trend's changes of questionnaire version", () => {
  const methods = [
    { version: 1, method: 'SIPAS 2017' },
    { version: 2, method: 'SIPAS 2023' },
  ];
  const point = (period: string, version: number | null) => ({ period, version, index: version === null ? null : 80 });

  it('are found across months without answers, at the first month of the new version, with both methods', () => {
    const points = [point('2026-01', 1), point('2026-02', null), point('2026-03', 2), point('2026-04', 2)];
    expect(versionChangesOf(points, methods)).toEqual([{ period: '2026-03', before: methods[0], after: methods[1] }]);
  });

  it('are none for one version, and each back-and-forth is its own change', () => {
    expect(versionChangesOf([point('2026-01', 1), point('2026-02', 1)], methods)).toEqual([]);
    expect(versionChangesOf([point('2026-01', 2), point('2026-02', 1), point('2026-03', 2)], methods).map((change) => change.period)).toEqual([
      '2026-02',
      '2026-03',
    ]);
  });
});

import { useTranslation } from 'react-i18next';
import type { ReportHeadline } from '../../../domain/manage-api.ts';
import { formatCount, formatPercent } from './report-format.ts';
import { formatBucket, namedBucket } from './report-periods.ts';
import type { VersionChange } from '../../../domain/report-headline.ts';

const WIDTH = 220;
const HEIGHT = 56;
const PAD = 4;

/**
 * The last twelve months or weeks as a small line with the target dashed across it. The y-axis is fitted
 * to the points and the target, so a move of two points shows; a bucket without answers breaks no line,
 * the line joins the buckets that have an index. A change of questionnaire version (and so of method)
 * breaks it: a vertical mark stands between the two, whose indices are not comparable.
 */
export function Sparkline({
  sparkline,
  target,
  changes: versionChanges,
}: {
  sparkline: ReportHeadline['sparkline'];
  target: number;
  /** Where the points pass to another questionnaire version (versionChangesOf), marked between the two. */
  changes: readonly VersionChange<unknown>[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const points = sparkline.points.map((point, position) => ({ ...point, position }));
  const withIndex = points.filter((point): point is typeof point & { index: number } => point.index !== null);
  const values = [...withIndex.map((point) => point.index), target];
  const low = Math.max(0, Math.min(...values) - 2);
  const high = Math.min(100, Math.max(...values) + 2);
  const x = (position: number) => PAD + (position * (WIDTH - 2 * PAD)) / Math.max(1, points.length - 1);
  const y = (value: number) => HEIGHT - PAD - ((value - low) * (HEIGHT - 2 * PAD)) / Math.max(1, high - low);
  const path = withIndex
    .map((point, i) => {
      const startsAnew = i === 0 || withIndex[i - 1]!.version !== point.version;
      return `${startsAnew ? 'M' : 'L'}${x(point.position).toFixed(1)},${y(point.index).toFixed(1)}`;
    })
    .join(' ');
  const changes = versionChanges.map((change) => {
    const position = points.find((point) => point.period === change.period)!.position;
    const previous = withIndex.filter((point) => point.position < position).at(-1)!.position;
    return { ...change, x: (x(previous) + x(position)) / 2 };
  });
  const described = withIndex
    .map((point) => `${formatBucket(point.period, sparkline.granularity, language)}: ${formatPercent(point.index, language)}`)
    .join('; ');
  const label = [
    t(`manage.headline.sparkline.${sparkline.granularity}`, { points: described || t('manage.headline.noData') }),
    ...changes.map((change) => t('manage.headline.methodChangeShort', { period: namedBucket(change.period, sparkline.granularity, language, t) })),
  ].join(' ');
  return (
    <svg className="sparkline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={label}>
      <line x1={PAD} x2={WIDTH - PAD} y1={y(target)} y2={y(target)} className="sparkline__target" />
      {changes.map((change) => (
        <line key={change.period} x1={change.x} x2={change.x} y1={0} y2={HEIGHT} className="sparkline__change" />
      ))}
      {path && <path d={path} className="sparkline__line" />}
      {withIndex.map((point) => (
        <circle
          key={point.period}
          cx={x(point.position)}
          cy={y(point.index)}
          r={point.position === points.length - 1 ? 3.5 : 2}
          className="sparkline__dot"
        >
          <title>{`${formatBucket(point.period, sparkline.granularity, language)}: ${formatPercent(point.index, language)} (n = ${formatCount(point.n, language)})`}</title>
        </circle>
      ))}
    </svg>
  );
}

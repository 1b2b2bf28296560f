import { useTranslation } from 'react-i18next';
import type { CommentThemeId } from '../../../domain/comment-themes.ts';
import type { ReportReply } from '../../../domain/manage-api.ts';
import { formatCount } from './report-format.ts';
import { pointDays } from './TrendChart.tsx';
import { DataTable } from '../../ui/DataTable.tsx';

type Trend = ReportReply['trend'];

const BAR_WIDTH = 5;
const BAR_GAP = 2;
const BARS_HEIGHT = 16;

/** The theme's count in each trend point, in the points' order. */
function countsOverTime(theme: CommentThemeId, trend: Trend): number[] {
  return trend.points.map((point) => point.themes.find((entry) => entry.theme === theme)?.count ?? 0);
}

/**
 * How many comments of the whole period have each theme (what people complain about, most first), each
 * with small bars of its count per week or month of the report's trend, so a theme that grows shows; the
 * table beside them carries the same figures as text.
 */
export function CommentThemeCounts({ themeCounts, trend }: { themeCounts: ReportReply['commentThemes']; trend: Trend }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  if (themeCounts.length === 0) return null;
  const overTime = trend.points.length > 1;
  return (
    <div className="comment-themes">
      <p className="note">{t('manage.comments.themeCountsIntro')}</p>
      <ol className="comment-themes__list">
        {themeCounts.map((entry) => (
          <li key={entry.theme}>
            {t(`manage.commentThemes.${entry.theme}`)}: <strong>{formatCount(entry.count, language)}</strong>
            {overTime && <ThemeBars theme={entry.theme} trend={trend} />}
          </li>
        ))}
      </ol>
      {overTime && (
        <details className="trend-table comment-themes__table">
          <summary>{t(`manage.comments.themeTrend.${trend.granularity}`)}</summary>
          <DataTable
            scrolls
            headings={[t(`manage.trend.${trend.granularity}`), ...themeCounts.map((entry) => t(`manage.commentThemes.${entry.theme}`))]}
          >
            <tbody>
              {trend.points.map((point) => (
                <tr key={point.period}>
                  <th scope="row">{pointDays(point, language)}</th>
                  {themeCounts.map((entry) => (
                    <td className="number" key={entry.theme}>
                      {formatCount(point.themes.find((counted) => counted.theme === entry.theme)?.count ?? 0, language)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </DataTable>
        </details>
      )}
    </div>
  );
}

/** One bar per trend point, as high as the theme's count there against its busiest point. */
function ThemeBars({ theme, trend }: { theme: CommentThemeId; trend: Trend }) {
  const { t, i18n } = useTranslation();
  const counts = countsOverTime(theme, trend);
  const highest = Math.max(1, ...counts);
  const width = counts.length * (BAR_WIDTH + BAR_GAP) - BAR_GAP;
  const described = trend.points
    .map((point, position) => `${pointDays(point, i18n.language)}: ${formatCount(counts[position] ?? 0, i18n.language)}`)
    .join('; ');
  return (
    <svg
      className="comment-themes__bars"
      viewBox={`0 0 ${width} ${BARS_HEIGHT}`}
      width={width}
      height={BARS_HEIGHT}
      role="img"
      aria-label={t(`manage.comments.themeBars.${trend.granularity}`, { theme: t(`manage.commentThemes.${theme}`), points: described })}
    >
      {counts.map((count, position) => {
        const height = count === 0 ? 1 : Math.max(2, (count / highest) * BARS_HEIGHT);
        return (
          <rect
            key={trend.points[position]?.period}
            x={position * (BAR_WIDTH + BAR_GAP)}
            y={BARS_HEIGHT - height}
            width={BAR_WIDTH}
            height={height}
            className={count === 0 ? 'comment-themes__bar comment-themes__bar--none' : 'comment-themes__bar'}
          />
        );
      })}
    </svg>
  );
}

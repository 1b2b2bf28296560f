import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrendGranularity } from '../../../domain/calendar.ts';
import type { ReportReply } from '../../../domain/manage-api.ts';
import { formatCount, formatDayOfMonth, formatLocalDay, formatMonthOfYear, formatPercent } from './report-format.ts';
import { DataTable } from '../../ui/DataTable.tsx';

type Trend = ReportReply['trend'];
type TrendPoint = Trend['points'][number];

/** Seconds since the epoch at the start of a 'YYYY-MM' or 'YYYY-MM-DD' period, read as UTC for the axis. */
function periodSeconds(period: string): number {
  return Date.parse(`${period.length === 7 ? `${period}-01` : period}T00:00:00Z`) / 1000;
}

/** An x-axis tick as the reader writes dates: "05/11" for days and weeks, "11/2026" for months. */
function axisDay(seconds: number, granularity: Trend['granularity'], language: string): string {
  const day = new Date(seconds * 1000).toISOString().slice(0, 10);
  return granularity === 'month' ? formatMonthOfYear(day.slice(0, 7), language) : formatDayOfMonth(day, language);
}

/** The days a point covers as the reader writes them: "02/11/2026" or "02/11/2026–08/11/2026". */
export function pointDays(point: Pick<TrendPoint, 'from' | 'to'>, language: string): string {
  const from = formatLocalDay(point.from, language);
  return point.from === point.to ? from : `${from}–${formatLocalDay(point.to, language)}`;
}

interface TrendChartProps {
  trend: Trend;
  /** '' when the server chose (weeks up to about a quarter, months beyond). */
  trendBy?: '' | TrendGranularity;
  onChooseTrendBy?: (trendBy: '' | TrendGranularity) => void;
}

/**
 * The index over time against the target line (uPlot, loaded with the chart), each point's days, index and n
 * in a tooltip; the table beside it carries the same figures as text.
 */
export function TrendChart({ trend, trendBy = '', onChooseTrendBy }: TrendChartProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const container = useRef<HTMLDivElement>(null);
  const tooltip = useRef<HTMLDivElement>(null);
  const indexLabel = t('manage.trend.index');
  const targetLabel = t('manage.trend.target');

  useEffect(() => {
    const element = container.current;
    if (!element || trend.points.length === 0) return;
    let chart: { destroy: () => void } | null = null;
    let cancelled = false;
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')])
      .then(([{ default: UPlot }]) => {
        if (cancelled) return;
        const xs = trend.points.map((point) => periodSeconds(point.period));
        const indices = trend.points.map((point) => point.index);
        const targets = trend.points.map(() => trend.target);
        const showPoint = (index: number | null | undefined, left: number, top: number) => {
          const box = tooltip.current;
          if (!box) return;
          const point = index === null || index === undefined ? undefined : trend.points[index];
          if (!point || left < 0) {
            box.hidden = true;
            return;
          }
          box.hidden = false;
          box.textContent = t('manage.trend.tooltip', {
            days: pointDays(point, language),
            index: formatPercent(point.index, language),
            n: formatCount(point.responses, language),
          });
          box.style.left = `${Math.min(left + 60, element.clientWidth - 200)}px`;
          box.style.top = `${Math.max(0, top - 10)}px`;
        };
        chart = new UPlot(
          {
            width: Math.max(300, Math.min(element.clientWidth || 720, 960)),
            height: 260,
            // Fitted to the figures and the target, so a move of two points shows instead of a flat line at 0–100%.
            scales: { x: { time: true }, y: { range: fittedRange(indices, trend.target) } },
            // The table and the note below name the series, so uPlot's own (English) legend is left out.
            legend: { show: false },
            cursor: { points: { size: 8 } },
            hooks: {
              setCursor: [(u) => showPoint(u.cursor.idx, u.cursor.left ?? -1, u.cursor.top ?? 0)],
            },
            axes: [
              { values: (_chart, ticks) => ticks.map((tick) => axisDay(tick, trend.granularity, language)) },
              { size: 56, values: (_chart, ticks) => ticks.map((tick) => `${formatCount(tick, language)}%`) },
            ],
            series: [
              {},
              // A point without answers is left out and the line joins its neighbours: no broken line.
              { label: indexLabel, stroke: '#0b4f8a', width: 2, points: { show: true }, spanGaps: true },
              { label: targetLabel, stroke: '#a4161a', width: 1, dash: [6, 4], points: { show: false } },
            ],
          },
          [xs, indices, targets],
          element,
        );
      })
      .catch((error: unknown) => {
        // The table below carries the same figures, so a chart that cannot draw costs no information.
        console.error('the trend chart could not be drawn', error);
      });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [trend, language, indexLabel, targetLabel, t]);

  return (
    <section className="report-section" aria-labelledby="trend-heading">
      <div className="trend-header">
        <h3 id="trend-heading">{t('manage.trend.title')}</h3>
        {onChooseTrendBy && (
          <label className="trend-by no-print">
            <span>{t('manage.trend.by')}</span>
            <select value={trendBy} onChange={(event) => onChooseTrendBy(event.target.value as '' | TrendGranularity)}>
              <option value="">{t('manage.trend.byDefault')}</option>
              <option value="day">{t('manage.trend.byDay')}</option>
              <option value="week">{t('manage.trend.byWeek')}</option>
              <option value="month">{t('manage.trend.byMonth')}</option>
            </select>
          </label>
        )}
      </div>
      {trend.points.length === 0 ? (
        <p className="note">{t('manage.trend.none')}</p>
      ) : (
        <>
          <div className="trend-chart-frame">
            <div ref={container} className="trend-chart" aria-hidden="true" />
            <div ref={tooltip} className="trend-tooltip" role="presentation" hidden />
          </div>
          <details className="trend-table">
            <summary>{t('manage.trend.asTable')}</summary>
            <DataTable headings={[t(`manage.trend.${trend.granularity}`), indexLabel, t('manage.report.responses')]}>
              <tbody>
                {trend.points.map((point) => (
                  <tr key={point.period}>
                    <th scope="row">{pointDays(point, language)}</th>
                    <td className="number">{formatPercent(point.index, language)}</td>
                    <td className="number">{formatCount(point.responses, language)}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          </details>
          <p className="note">
            {t(`manage.trend.shownBy.${trend.granularity}`)} {t('manage.trend.targetNote', { target: formatPercent(trend.target, language) })}
          </p>
        </>
      )}
    </section>
  );
}

function fittedRange(indices: readonly (number | null)[], target: number): [number, number] {
  const values = [...indices.filter((value): value is number => value !== null), target];
  return [Math.max(0, Math.floor(Math.min(...values) - 5)), Math.min(100, Math.ceil(Math.max(...values) + 5))];
}

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportReply } from '../../../domain/manage-api.ts';
import { formatCount, formatPercent, numberLocale } from './report-format.ts';
import { formatBucket } from './report-periods.ts';

type Trend = ReportReply['trend'];

/** Seconds since the epoch at the start of a 'YYYY-MM' or 'YYYY-MM-DD' period, read as UTC for the axis. */
function periodSeconds(period: string): number {
  return Date.parse(`${period.length === 7 ? `${period}-01` : period}T00:00:00Z`) / 1000;
}

/** An x-axis tick as the reader writes dates: "05/11" for days, "11/2026" for months. */
function axisDay(seconds: number, granularity: Trend['granularity'], language: string): string {
  const options: Intl.DateTimeFormatOptions =
    granularity === 'month' ? { timeZone: 'UTC', month: '2-digit', year: 'numeric' } : { timeZone: 'UTC', day: '2-digit', month: '2-digit' };
  return new Intl.DateTimeFormat(numberLocale(language), options).format(new Date(seconds * 1000));
}

/** The index over time against the target line (uPlot, loaded with the chart); the table beside it carries the same figures as text. */
export function TrendChart({ trend }: { trend: Trend }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const container = useRef<HTMLDivElement>(null);
  const indexLabel = t('manage.trend.index');
  const targetLabel = t('manage.trend.target');

  useEffect(() => {
    const element = container.current;
    if (!element || trend.points.length === 0) return;
    let chart: { destroy: () => void } | null = null;
    let cancelled = false;
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([{ default: UPlot }]) => {
      if (cancelled) return;
      const xs = trend.points.map((point) => periodSeconds(point.period));
      const indices = trend.points.map((point) => point.index);
      const targets = trend.points.map(() => trend.target);
      chart = new UPlot(
        {
          width: Math.max(320, Math.min(element.clientWidth || 720, 960)),
          height: 260,
          // Fitted to the figures and the target, so a move of two points shows instead of a flat line at 0–100%.
          scales: { x: { time: true }, y: { range: fittedRange(indices, trend.target) } },
          // The table and the note below name the series, so uPlot's own (English) legend is left out.
          legend: { show: false },
          axes: [
            { values: (_chart, ticks) => ticks.map((tick) => axisDay(tick, trend.granularity, language)) },
            { size: 56, values: (_chart, ticks) => ticks.map((tick) => `${formatCount(tick, language)}%`) },
          ],
          series: [
            {},
            { label: indexLabel, stroke: '#0b4f8a', width: 2, points: { show: true }, spanGaps: true },
            { label: targetLabel, stroke: '#a4161a', width: 1, dash: [6, 4], points: { show: false } },
          ],
        },
        [xs, indices, targets],
        element,
      );
    }).catch((error: unknown) => {
      // The table below carries the same figures, so a chart that cannot draw costs no information.
      console.error('the trend chart could not be drawn', error);
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [trend, language, indexLabel, targetLabel]);

  return (
    <section className="report-section" aria-labelledby="trend-heading">
      <h3 id="trend-heading">{t('manage.trend.title')}</h3>
      {trend.points.length === 0 ? (
        <p className="note">{t('manage.trend.none')}</p>
      ) : (
        <>
          <div ref={container} className="trend-chart" aria-hidden="true" />
          <details className="trend-table">
            <summary>{t('manage.trend.asTable')}</summary>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(`manage.trend.${trend.granularity}`)}</th>
                  <th scope="col">{indexLabel}</th>
                  <th scope="col">{t('manage.report.responses')}</th>
                </tr>
              </thead>
              <tbody>
                {trend.points.map((point) => (
                  <tr key={point.period}>
                    <th scope="row">{formatBucket(point.period, trend.granularity, language)}</th>
                    <td className="number">{formatPercent(point.index, language)}</td>
                    <td className="number">{formatCount(point.responses, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
          <p className="note">{t('manage.trend.targetNote', { target: formatPercent(trend.target, language) })}</p>
        </>
      )}
    </section>
  );
}

function fittedRange(indices: readonly (number | null)[], target: number): [number, number] {
  const values = [...indices.filter((value): value is number => value !== null), target];
  return [Math.max(0, Math.floor(Math.min(...values) - 5)), Math.min(100, Math.ceil(Math.max(...values) + 5))];
}

import { useTranslation } from 'react-i18next';
import type { Period } from '../../../domain/calendar.ts';
import { localize } from '../../../domain/localize.ts';
import type { ReportReply } from '../../../domain/manage-api.ts';
import { formatCount, formatInterval, formatLocalDay, formatPercent, formatPoints } from './report-format.ts';
import { describePeriod, lastPeriodWithData, namedBucket } from './report-periods.ts';
import { versionChangesOf, type VersionChange } from '../../../domain/report-headline.ts';
import { HEADLINE_PAINT_IDENTIFIER } from './performance-marks.ts';
import { Sparkline } from './Sparkline.tsx';

interface HeadlineProps {
  report: ReportReply;
  /** Offered when the period is empty: opens the newest period that has answers. */
  onChoosePeriod?: (period: Period) => void;
}

/** The answer first: are we above target, who drags us down, what do people complain about. */
export function HeadlineAnswer({ report, onChoosePeriod }: HeadlineProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { overall, headline } = report;
  const periodWords = describePeriod(report.period, language, t);
  const versionChanges = versionChangesOf(headline.sparkline.points, headline.sparkline.methods);
  return (
    <section className="answer" aria-labelledby="answer-heading">
      <h2 id="answer-heading" className="answer__heading">
        {t('manage.headline.heading', { unit: localize(report.unit.name, language), period: periodWords })}
      </h2>
      <p className="note" data-testid="headline-method">
        {t('manage.headline.method', { name: localize(report.method.name, language), version: report.method.version })}
      </p>
      {overall.n === 0 ? (
        <EmptyPeriod report={report} onChoosePeriod={onChoosePeriod} />
      ) : (
        <div className="answer__grid">
          <div className={`answer__card answer__main verdict--${overall.verdict}`}>
            <p className="answer__verdict" data-testid="headline-verdict">
              {t(`manage.headline.verdict.${overall.verdict}`)}
            </p>
            <p className="answer__figure" elementtiming={HEADLINE_PAINT_IDENTIFIER}>
              <span className="answer__index" data-testid="headline-index">
                {formatPercent(overall.index, language)}
              </span>{' '}
              <span className="answer__target">{t('manage.headline.target', { target: formatPercent(overall.target, language) })}</span>
            </p>
            <p data-testid="headline-gap">{gapWords(overall.gap, language, t)}</p>
            <p className="answer__sample">
              <span data-testid="headline-n">{t('manage.headline.sample', { formatted: formatCount(overall.n, language), count: overall.n })}</span>
              {' · '}
              <span data-testid="headline-interval">{t('manage.headline.interval', { interval: formatInterval(overall.interval, language) })}</span>
            </p>
            {overall.verdict === 'not-conclusive' && (
              <p className="note">{t('manage.headline.notConclusiveWhy', { minimum: headline.minimumSample })}</p>
            )}
            <PreviousLine report={report} />
            <Sparkline sparkline={headline.sparkline} target={overall.target} changes={versionChanges} />
            <p className="note">{t(`manage.headline.sparklineCaption.${headline.sparkline.granularity}`)}</p>
            <MethodChanges granularity={headline.sparkline.granularity} changes={versionChanges} />
          </div>
          {report.quick && report.quick.n > 0 && (
            <div className="answer__card answer__quick">
              <h3>{localize(report.quick.title, language)}</h3>
              <p className="answer__index answer__index--small" data-testid="headline-quick">
                {formatPercent(report.quick.index, language)}
              </p>
              <p>{t('manage.headline.quickSample', { formatted: formatCount(report.quick.n, language), count: report.quick.n })}</p>
              <p className="note">{t('manage.headline.quickApart')}</p>
              <p className="note" data-testid="headline-quick-method">
                {t('manage.headline.method', { name: localize(report.quick.method.name, language), version: report.quick.method.version })}
              </p>
            </div>
          )}
          <WeakestLists report={report} />
          <Complaints report={report} />
        </div>
      )}
      <nav className="answer__details no-print" aria-label={t('manage.headline.detailsLabel')}>
        <span>{t('manage.headline.details')}</span>
        {['indices-heading', 'ranking-heading', 'trend-heading', 'distribution-heading', 'improvements-heading', 'comments-heading'].map((anchor) => (
          <a key={anchor} href={`#${anchor}`}>
            {t(`manage.headline.anchors.${anchor}`)}
          </a>
        ))}
      </nav>
    </section>
  );
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

function gapWords(gap: number | null, language: string, t: Translate): string {
  if (gap === null) return '';
  if (gap >= 0) return t('manage.headline.above', { points: formatPoints(gap, language).replace('+', '') });
  return t('manage.headline.below', { points: formatPoints(-gap, language).replace('+', '') });
}

function PreviousLine({ report }: { report: ReportReply }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const previous = report.headline.previous;
  const period = describePeriod(previous.period, language, t);
  // The period's words open these sentences ("tháng 11/2026 …"): their first letter is a capital.
  const opening = period.charAt(0).toLocaleUpperCase(language) + period.slice(1);
  if (previous.otherVersionsOnly) {
    return <p data-testid="headline-change">{t('manage.headline.previousOtherVersions', { period: opening })}</p>;
  }
  if (previous.index === null || report.overall.index === null) {
    return <p data-testid="headline-change">{t('manage.headline.noPrevious', { period: opening })}</p>;
  }
  const change = report.overall.index - previous.index;
  const arrow = change > 0 ? '▲' : change < 0 ? '▼' : '＝';
  return (
    <p data-testid="headline-change">
      {t('manage.headline.change', {
        arrow,
        points: formatPoints(change, language),
        period,
        previous: formatPercent(previous.index, language),
      })}
    </p>
  );
}

/** Says where the sparkline passes to another questionnaire version, and by which method each side is scored. */
function MethodChanges({ granularity, changes }: { granularity: 'month' | 'week'; changes: readonly VersionChange<ReportReply['method']>[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const methodName = (entry: { version: number; method: ReportReply['method'] }) =>
    t('manage.headline.versionMethod', { version: entry.version, method: localize(entry.method.name, language) });
  return changes.map((change) => (
    <p key={change.period} className="note" data-testid="headline-method-change">
      {t('manage.headline.methodChange', {
        period: namedBucket(change.period, granularity, language, t),
        after: methodName(change.after),
        before: methodName(change.before),
      })}
    </p>
  ));
}

function EmptyPeriod({ report, onChoosePeriod }: HeadlineProps) {
  const { t, i18n } = useTranslation();
  const suggestion = lastPeriodWithData(report.headline.sparkline.points, report.headline.sparkline.granularity);
  return (
    <div className="answer__card answer__empty" role="status">
      <p className="answer__verdict">{t('manage.headline.empty')}</p>
      {suggestion ? (
        <p>
          {t('manage.headline.suggest', { period: describePeriod(suggestion, i18n.language, t) })}{' '}
          {onChoosePeriod && (
            <button type="button" onClick={() => onChoosePeriod(suggestion)}>
              {t('manage.headline.openSuggested')}
            </button>
          )}
        </p>
      ) : (
        <p>{t('manage.headline.noRecentData')}</p>
      )}
    </div>
  );
}

function WeakestLists({ report }: { report: ReportReply }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { weakestUnits, weakestCriteria, minimumSample } = report.headline;
  return (
    <>
      {report.ranking.rows.length > 0 && (
        <div className="answer__card">
          <h3>{t('manage.headline.weakestUnits')}</h3>
          {weakestUnits.length === 0 ? (
            <p className="note">{t('manage.headline.noneRanked', { minimum: minimumSample })}</p>
          ) : (
            <ol className="answer__list" data-testid="weakest-units">
              {weakestUnits.map((unit) => (
                <li key={unit.unitId}>
                  <span>{localize(unit.name, language)}</span> <strong>{formatPercent(unit.index, language)}</strong>{' '}
                  <span className="note">n = {formatCount(unit.n, language)}</span>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
      <div className="answer__card">
        <h3>{t('manage.headline.weakestCriteria')}</h3>
        {weakestCriteria.length === 0 ? (
          <p className="note">{t('manage.headline.noCriteria', { minimum: minimumSample })}</p>
        ) : (
          <ol className="answer__list" data-testid="weakest-criteria">
            {weakestCriteria.map((criterion) => (
              <li key={criterion.criterionId}>
                <span>{localize(criterion.text, language)}</span> <strong>{formatPercent(criterion.index, language)}</strong>
              </li>
            ))}
          </ol>
        )}
        <p className="note">{t('manage.headline.weakestRule', { minimum: minimumSample })}</p>
      </div>
    </>
  );
}

function Complaints({ report }: { report: ReportReply }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const complaints = report.headline.complaints.slice(0, 3);
  return (
    <div className="answer__card answer__complaints">
      <h3>{t('manage.headline.complaints')}</h3>
      {complaints.length === 0 ? (
        <p className="note">{t('manage.headline.noComplaints')}</p>
      ) : (
        <ul className="answer__list" data-testid="complaints">
          {complaints.map((comment, position) => (
            <li key={`${comment.submittedAt}-${position}`}>
              <q>{comment.text}</q>
              <span className="note">
                {[
                  localize(comment.unitName, language),
                  comment.serviceFieldName && localize(comment.serviceFieldName, language),
                  formatLocalDay(comment.localDay, language),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}
      <a href="#comments-heading" className="no-print">
        {t('manage.headline.allComments')}
      </a>
    </div>
  );
}

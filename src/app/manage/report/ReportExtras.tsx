import { useTranslation } from 'react-i18next';
import { localize } from '../../../domain/localize.ts';
import type { ReportReply } from '../../../domain/manage-api.ts';
import { formatCount, formatInterval, formatPercent } from './report-format.ts';
import { Figure } from '../../ui/Figure.tsx';

/** The counter rating (quick mode) has its own index, never mixed into the SIPAS index. */
export function QuickIndexCard({ quick }: { quick: ReportReply['quick'] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <section className="report-section" aria-labelledby="quick-heading">
      <h3 id="quick-heading">{t('manage.quick.title')}</h3>
      {quick === null ? (
        <p className="note">{t('manage.quick.none')}</p>
      ) : (
        <>
          <p>{localize(quick.title, language)}</p>
          <dl className="overall__figures">
            <Figure label={t('manage.report.columns.index')} className="overall__index" data-testid="quick-index">
              {formatPercent(quick.index, language)}
            </Figure>
            <Figure label={t('manage.report.columns.interval')}>{formatInterval(quick.interval, language)}</Figure>
            <Figure label={t('manage.report.columns.n')}>{formatCount(quick.n, language)}</Figure>
          </dl>
          {quick.index === null && <p className="note">{t('manage.report.noData')}</p>}
        </>
      )}
    </section>
  );
}

export function ImprovementsList({ improvements }: { improvements: ReportReply['improvements'] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const chosen = improvements.filter((improvement) => improvement.count > 0);
  return (
    <section className="report-section" aria-labelledby="improvements-heading">
      <h3 id="improvements-heading">{t('manage.improvements.title')}</h3>
      {chosen.length === 0 ? (
        <p className="note">{t('manage.improvements.none')}</p>
      ) : (
        <ol className="improvements">
          {chosen.map((improvement) => (
            <li key={improvement.optionId}>
              {localize(improvement.text, language)}{' '}
              <span className="improvements__count">
                {t('manage.improvements.times', { count: improvement.count, formatted: formatCount(improvement.count, language) })}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

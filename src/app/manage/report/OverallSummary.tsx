import { useTranslation } from 'react-i18next';
import { localize } from '../../../domain/localize.ts';
import type { ReportReply } from '../../../domain/manage-api.ts';
import { dossierCodeShare } from '../../../domain/scoring.ts';
import { formatCount, formatPercent, formatPoints } from './report-format.ts';
import { StandingBadge } from './StandingBadge.tsx';

/** The headline: the SIPAS index against its target, and the sample behind it. */
export function OverallSummary({ report }: { report: ReportReply }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { overall, responses } = report;
  const quickMode = report.questionnaire.mode === 'quick';
  return (
    <section className="overall" aria-labelledby="overall-heading">
      <h3 id="overall-heading">{t('manage.report.overallOf', { title: localize(report.questionnaire.title, language) })}</h3>
      <dl className="overall__figures">
        <div>
          <dt>{t(quickMode ? 'manage.report.quickIndex' : 'manage.report.overallIndex')}</dt>
          <dd className="overall__index" data-testid="overall-index">
            {formatPercent(overall.index, language)}
          </dd>
        </div>
        <div>
          <dt>{t('manage.report.columns.target')}</dt>
          <dd>{formatPercent(overall.target, language)}</dd>
        </div>
        <div>
          <dt>{t('manage.report.columns.gap')}</dt>
          <dd>{t('manage.report.points', { value: formatPoints(overall.gap, language) })}</dd>
        </div>
        <div>
          <dt>{t('manage.report.columns.standing')}</dt>
          <dd>
            <StandingBadge standing={overall.verdict} />
          </dd>
        </div>
        <div>
          <dt>{t('manage.report.responses')}</dt>
          <dd>
            {formatCount(responses.complete, language)}
            {responses.incomplete > 0 &&
              ` ${t('manage.report.incomplete', { count: responses.incomplete, formatted: formatCount(responses.incomplete, language) })}`}
          </dd>
        </div>
        <div>
          <dt>{t('manage.report.dossierShare')}</dt>
          <dd data-testid="dossier-share">
            {t('manage.report.dossierShareValue', {
              percent: formatPercent(dossierCodeShare(responses), language),
              formatted: formatCount(responses.withDossierCode, language),
            })}
          </dd>
        </div>
      </dl>
      {overall.index === null && <p className="note">{t('manage.report.noData')}</p>}
      <p className="note">{t(quickMode ? 'manage.report.quickMethod' : 'manage.report.overallMethod')}</p>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { localize } from '../../../domain/localize.ts';
import type { ReportReply } from '../../../domain/manage-api.ts';
import { dossierCodeShare } from '../../../domain/scoring.ts';
import { channelShares } from '../../../domain/response-channel.ts';
import { formatCount, formatPercent, formatPoints } from './report-format.ts';
import { StandingBadge } from './StandingBadge.tsx';
import { Figure } from '../../ui/Figure.tsx';

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
        <Figure
          label={t(quickMode ? 'manage.report.quickIndex' : 'manage.report.overallIndex')}
          className="overall__index"
          data-testid="overall-index"
        >
          {formatPercent(overall.index, language)}
        </Figure>
        <Figure label={t('manage.report.columns.target')}>{formatPercent(overall.target, language)}</Figure>
        <Figure label={t('manage.report.columns.gap')}>{t('manage.report.points', { value: formatPoints(overall.gap, language) })}</Figure>
        <Figure label={t('manage.report.columns.standing')}>
          <StandingBadge standing={overall.verdict} />
        </Figure>
        <Figure label={t('manage.report.responses')}>
          {formatCount(responses.complete, language)}
          {responses.incomplete > 0 &&
            ` ${t('manage.report.incomplete', { count: responses.incomplete, formatted: formatCount(responses.incomplete, language) })}`}
        </Figure>
        <Figure label={t('manage.report.dossierShare')} data-testid="dossier-share">
          {t('manage.report.dossierShareValue', {
            percent: formatPercent(dossierCodeShare(responses), language),
            formatted: formatCount(responses.withDossierCode, language),
          })}
        </Figure>
        <Figure label={t('manage.report.channelMix')} data-testid="channel-mix">
          {channelShares(report.channels)
            .map((entry) =>
              t('manage.report.channelShare', {
                channel: t(`manage.channels.${entry.channel}`),
                formatted: formatCount(entry.complete, language),
                percent: formatPercent(entry.share, language),
              }),
            )
            .join(' · ') || formatCount(0, language)}
        </Figure>
      </dl>
      {report.filters.channel && (
        <p className="note">{t('manage.report.channelOnly', { channel: t(`manage.channels.${report.filters.channel}`) })}</p>
      )}
      {overall.index === null && <p className="note">{t('manage.report.noData')}</p>}
      <p className="note">{t(quickMode ? 'manage.report.quickMethod' : 'manage.report.overallMethod')}</p>
    </section>
  );
}

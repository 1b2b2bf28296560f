import { useTranslation } from 'react-i18next';
import { localize } from '../../../domain/localize.ts';
import type { ReportReply } from '../../../domain/manage-api.ts';
import type { Period, TrendGranularity } from '../../../domain/calendar.ts';
import { HeadlineAnswer } from './HeadlineAnswer.tsx';
import { IndexTable } from './IndexTable.tsx';
import { OverallSummary } from './OverallSummary.tsx';
import { RankingTable } from './RankingTable.tsx';
import { TrendChart } from './TrendChart.tsx';
import { DistributionBars } from './DistributionBars.tsx';
import { CommentsList, type CommentActions } from './CommentsList.tsx';
import { ImprovementsList, QuickIndexCard } from './ReportExtras.tsx';
import { formatCount, formatDateTime, formatLocalDay } from './report-format.ts';

/** One report as the server computed it; this screen only lays it out (also for the printed A4 page). */
interface ReportViewProps {
  report: ReportReply;
  serviceFieldName?: string;
  procedureName?: string;
  onChoosePeriod?: (period: Period) => void;
  /** The trend's points as the manager chose them ('' for the default) and how to choose others. */
  trendBy?: '' | TrendGranularity;
  onChooseTrendBy?: (trendBy: '' | TrendGranularity) => void;
  /** The comment list's theme filter and corrections; without it (a print) the list only shows. */
  comments?: CommentActions;
}

export function ReportView({ report, serviceFieldName, procedureName, onChoosePeriod, trendBy, onChooseTrendBy, comments }: ReportViewProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const quickMode = report.questionnaire.mode === 'quick';
  const criterionNames = new Map(
    report.elements.flatMap((element) => element.criteria.map((criterion) => [criterion.id, localize(criterion.text, language)])),
  );
  return (
    <article className="report" aria-labelledby="answer-heading">
      {/* The printed A4 page says whose report, of which period and when it was made; pages are numbered by @page. */}
      <div className="print-only report__print-header" data-testid="print-header">
        <strong>{localize(report.unit.name, language)}</strong>
        <span>
          {t('manage.report.periodLine', { from: formatLocalDay(report.period.from, language), to: formatLocalDay(report.period.to, language) })}
        </span>
        <span>{t('manage.report.generatedAt', { at: formatDateTime(new Date().toISOString(), language, report.unit.timeZone) })}</span>
      </div>
      <HeadlineAnswer report={report} onChoosePeriod={onChoosePeriod} />
      <header className="report__header">
        <p>
          {t('manage.report.periodLine', { from: formatLocalDay(report.period.from, language), to: formatLocalDay(report.period.to, language) })}
          {' · '}
          {t('manage.filters.version', { title: localize(report.questionnaire.title, language), version: report.questionnaire.version })}
          {report.filters.serviceFieldId !== null &&
            ` · ${t('manage.report.serviceFieldLine', { name: serviceFieldName ?? report.filters.serviceFieldId })}`}
          {report.filters.procedureId !== null && ` · ${t('manage.report.procedureLine', { name: procedureName ?? report.filters.procedureId })}`}
          {report.filters.includeSubunits && ` · ${t('manage.report.withSubunits')}`}
        </p>
      </header>
      <FlaggedLine flagged={report.flagged} excluded={report.flaggedExcluded} />
      <OverallSummary report={report} />
      <IndexTable elements={report.elements} target={report.overall.target} quickMode={quickMode} />
      <p className="note">{t('manage.report.dashExplained')}</p>
      {report.criteriaWithoutAnswers.length > 0 && (
        <p className="note" role="note">
          {t('manage.report.withoutAnswers', { list: report.criteriaWithoutAnswers.map((id) => criterionNames.get(id) ?? id).join('; ') })}
        </p>
      )}
      <p className="note">{t('manage.report.notConclusiveExplained')}</p>
      {!quickMode && <QuickIndexCard quick={report.quick} />}
      <RankingTable ranking={report.ranking} />
      <TrendChart trend={report.trend} trendBy={trendBy} onChooseTrendBy={onChooseTrendBy} />
      <DistributionBars elements={report.elements} />
      <ImprovementsList improvements={report.improvements} />
      <CommentsList
        comments={report.comments}
        themeCounts={report.commentThemes}
        trend={report.trend}
        truncated={report.commentsTruncated}
        timeZone={report.unit.timeZone}
        actions={comments}
      />
      <p className="note print-only">
        {t('manage.report.printedAt', {
          at: formatDateTime(new Date().toISOString(), language, report.unit.timeZone),
          method: localize(report.method.name, language),
          version: report.method.version,
        })}
      </p>
    </article>
  );
}

/** How many flagged responses the figures leave out (or still hold) and why; a response may have two reasons. */
function FlaggedLine({ flagged, excluded }: { flagged: ReportReply['flagged']; excluded: boolean }) {
  const { t, i18n } = useTranslation();
  if (flagged.count === 0 && flagged.byReason.length === 0) return null;
  const reasons = flagged.byReason
    .map(({ flag, count }) => `${t(`manage.report.flagReason.${flag}`, { defaultValue: flag })}: ${formatCount(count, i18n.language)}`)
    .join('; ');
  return (
    <p className="note" role="note">
      {t(excluded ? 'manage.report.flaggedExcluded' : 'manage.report.flaggedIncluded', {
        count: flagged.count,
        formatted: formatCount(flagged.count, i18n.language),
        reasons,
      })}
    </p>
  );
}

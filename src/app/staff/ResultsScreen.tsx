import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceConfig } from '../../domain/device-config.ts';
import { formatCount, formatDateTime, formatLocalDay } from '../../domain/display-format.ts';
import { localize } from '../../domain/localize.ts';
import { QuestionnaireResults } from './QuestionnaireResults.tsx';
import { ExportBar } from './ExportBar.tsx';
import { ReconciliationCard } from './ReconciliationCard.tsx';
import { todayIn, useDayRange, useDaysOnTablet, useReconciliation } from './useStaffData.ts';
import { Figure } from '../ui/Figure.tsx';

/** The day's counts at the top, in this order; each is a key of the summary and of staff.results' words. */
const SUMMARY_COUNTS = ['total', 'complete', 'incomplete', 'assisted'] as const;

/** Today's results by default; any day or range still on the tablet, in the unit's own days. */
export function ResultsScreen({ config }: { config: DeviceConfig }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const day = (value: string) => formatLocalDay(value, language);
  const today = todayIn(config.unit.timeZone);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const bounds = useDaysOnTablet();
  const data = useDayRange(config, from, to);
  const reconciliation = useReconciliation(data?.responses);

  return (
    <section className="staff-results" aria-labelledby="staff-results-title">
      <p className="staff-unit staff-print-only" data-testid="staff-unit">
        {t('staff.results.unit')}: <strong>{localize(config.unit.name, language)}</strong>
      </p>
      <h1 id="staff-results-title">
        {from === to ? t('staff.results.titleDay', { day: day(from) }) : t('staff.results.titleRange', { from: day(from), to: day(to) })}
      </h1>
      <p className="staff-hint staff-print-only">
        {t('staff.results.printedAt', { at: formatDateTime(new Date().toISOString(), language, config.unit.timeZone) })}
      </p>
      <div className="staff-results__range no-print">
        <label className="text-field">
          <span>{t('staff.results.from')}</span>
          <input type="date" value={from} min={bounds?.first} max={to} onChange={(event) => event.target.value && setFrom(event.target.value)} />
        </label>
        <label className="text-field">
          <span>{t('staff.results.to')}</span>
          <input type="date" value={to} min={from} max={today} onChange={(event) => event.target.value && setTo(event.target.value)} />
        </label>
        <button type="button" className="button" onClick={() => (setFrom(today), setTo(today))}>
          {t('staff.results.today')}
        </button>
      </div>
      {bounds ? <p className="staff-hint no-print">{t('staff.results.onTablet', { first: day(bounds.first), last: day(bounds.last) })}</p> : null}
      {!data ? (
        <p>{t('loading')}</p>
      ) : (
        <>
          <dl className="staff-counts">
            {SUMMARY_COUNTS.map((count) => (
              <Figure key={count} label={t(`staff.results.${count}`)} data-testid={`count-${count}`}>
                {formatCount(data.summary[count], language)}
              </Figure>
            ))}
          </dl>
          {reconciliation ? <ReconciliationCard reconciliation={reconciliation} timeZone={config.unit.timeZone} /> : null}
          <ExportBar config={config} from={from} to={to} summary={data.summary} responses={data.responses} reconciliation={reconciliation} />
          {data.summary.questionnaires.length === 0 ? <p>{t('staff.results.none')}</p> : null}
          {data.summary.questionnaires.map((part) => (
            <QuestionnaireResults key={`${part.questionnaireId}@${part.questionnaireVersion}`} config={config} part={part} />
          ))}
          {data.summary.unscored > 0 ? <p className="staff-hint">{t('staff.results.unscored', { count: data.summary.unscored })}</p> : null}
          <section aria-labelledby="staff-comments-title">
            <h2 id="staff-comments-title">{t('staff.results.comments', { count: data.summary.comments.length })}</h2>
            <p className="staff-hint">{t('staff.results.commentsHint')}</p>
            <ul className="staff-comments">
              {data.summary.comments.map((comment, index) => (
                <li key={index}>{comment}</li>
              ))}
            </ul>
          </section>
        </>
      )}
    </section>
  );
}

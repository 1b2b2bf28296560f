import type { CommentThemeId } from '../../../domain/comment-themes.ts';
import type { TrendGranularity } from '../../../domain/calendar.ts';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../domain/localize.ts';
import type { UnitTreeReply } from '../../../domain/manage-api.ts';
import { RESPONSE_CHANNELS, type ResponseChannel } from '../../../domain/response-channel.ts';
import { PeriodPicker } from './PeriodPicker.tsx';
import type { Period } from '../../../domain/calendar.ts';
import { unitOptions } from './unit-options.ts';
import { describePeriod, lastCompleteMonth } from './report-periods.ts';

export interface ReportSelection {
  unitId: string;
  period: Period;
  /** '' for every service field. */
  serviceFieldId: string;
  /** '' for every procedure; a procedure belongs to one service field. */
  procedureId: string;
  /** '' for the unit's own questionnaire, else 'id' (newest version with answers) or 'id@version'. */
  questionnaire: string;
  includeSubunits: boolean;
  /** false leaves responses with a stuffing flag out of every figure (issue 7). */
  includeFlagged: boolean;
  /** '' for every channel; else only the counter's kiosks or only dossier links (the citizen's phone). */
  channel: '' | ResponseChannel;
  /** Sub-units with a smaller sample are listed unranked in the ranking. */
  minimumSample: number;
  /** '' for every comment; else only the comments of this theme are listed (the theme counts cover all). */
  commentTheme: CommentThemeId | '';
  /** The trend's points when the manager chose them; '' for the server's default (weeks, or months beyond a quarter). */
  trendBy: '' | TrendGranularity;
}

interface ReportFiltersProps {
  tree: UnitTreeReply;
  selection: ReportSelection;
  onChange: (selection: ReportSelection) => void;
}

/** Indentation for the unit picker: a select cannot nest, so depth is shown with leading spaces. */
const INDENT = '\u00a0\u00a0\u00a0';

export function ReportFilters({ tree, selection, onChange }: ReportFiltersProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const change = (patch: Partial<ReportSelection>) => onChange({ ...selection, ...patch });
  const questionnaireIds = [...new Set(tree.questionnaires.map((questionnaire) => questionnaire.id))];
  return (
    <form className="report-filters no-print" aria-label={t('manage.filters.label')} onSubmit={(event) => event.preventDefault()}>
      <label>
        <span>{t('manage.filters.unit')}</span>
        <select value={selection.unitId} onChange={(event) => change({ unitId: event.target.value })}>
          {unitOptions(tree.units, tree.rootIds).map(({ unit, depth }) => (
            <option key={unit.id} value={unit.id}>
              {INDENT.repeat(depth) + localize(unit.name, locale)}
            </option>
          ))}
        </select>
      </label>
      <PeriodPicker period={selection.period} onChange={(period) => change({ period })} />
      {isLastCompleteMonth(selection.period) && (
        <p className="report-filters__default" data-testid="default-period">
          {t('manage.headline.defaultPeriod', { period: describePeriod(selection.period, locale, t) })}
        </p>
      )}
      <details className="report-filters__more">
        <summary>{t('manage.filters.more')}</summary>
        <div className="report-filters__rest">
          <label>
            <span>{t('manage.filters.serviceField')}</span>
            <select
              value={selection.serviceFieldId}
              onChange={(event) => {
                const serviceFieldId = event.target.value;
                const keepsProcedure = tree.procedures.some(
                  (procedure) => procedure.id === selection.procedureId && (serviceFieldId === '' || procedure.serviceFieldId === serviceFieldId),
                );
                change({ serviceFieldId, procedureId: keepsProcedure ? selection.procedureId : '' });
              }}
            >
              <option value="">{t('manage.filters.allServiceFields')}</option>
              {tree.serviceFields.map((field) => (
                <option key={field.id} value={field.id}>
                  {localize(field.name, locale)}
                </option>
              ))}
            </select>
          </label>
          {tree.procedures.length > 0 && (
            <label>
              <span>{t('manage.filters.procedure')}</span>
              <select value={selection.procedureId} onChange={(event) => change({ procedureId: event.target.value })}>
                <option value="">{t('manage.filters.allProcedures')}</option>
                {tree.serviceFields
                  .filter((field) => selection.serviceFieldId === '' || field.id === selection.serviceFieldId)
                  .map((field) => {
                    const ofField = tree.procedures.filter((procedure) => procedure.serviceFieldId === field.id);
                    if (ofField.length === 0) return null;
                    return (
                      <optgroup key={field.id} label={localize(field.name, locale)}>
                        {ofField.map((procedure) => (
                          <option key={procedure.id} value={procedure.id}>
                            {`${localize(procedure.name, locale)} (${procedure.id})`}
                          </option>
                        ))}
                      </optgroup>
                    );
                  })}
              </select>
            </label>
          )}
          <label>
            <span>{t('manage.filters.questionnaire')}</span>
            <select value={selection.questionnaire} onChange={(event) => change({ questionnaire: event.target.value })}>
              <option value="">{t('manage.filters.defaultQuestionnaire')}</option>
              {questionnaireIds.map((id) => {
                const versions = tree.questionnaires.filter((questionnaire) => questionnaire.id === id);
                const title = localize(versions[0]!.title, locale);
                return (
                  <optgroup key={id} label={title}>
                    <option value={id}>{t('manage.filters.newestVersion', { title })}</option>
                    {versions.map((questionnaire) => (
                      <option key={questionnaire.version} value={`${id}@${questionnaire.version}`}>
                        {t('manage.filters.version', { title, version: questionnaire.version })}
                      </option>
                    ))}
                  </optgroup>
                );
              })}
            </select>
          </label>
          <label>
            <span>{t('manage.filters.channel')}</span>
            <select value={selection.channel} onChange={(event) => change({ channel: event.target.value as ReportSelection['channel'] })}>
              <option value="">{t('manage.filters.everyChannel')}</option>
              {RESPONSE_CHANNELS.map((channel) => (
                <option key={channel} value={channel}>
                  {t(`manage.channels.${channel}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="report-filters__check">
            <input type="checkbox" checked={selection.includeSubunits} onChange={(event) => change({ includeSubunits: event.target.checked })} />
            <span>{t('manage.filters.includeSubunits')}</span>
          </label>
          <label className="report-filters__check">
            <input type="checkbox" checked={!selection.includeFlagged} onChange={(event) => change({ includeFlagged: !event.target.checked })} />
            <span>{t('manage.filters.excludeFlagged')}</span>
          </label>
          <label>
            <span>{t('manage.filters.minimumSample')}</span>
            <input
              type="number"
              min={1}
              max={100000}
              value={selection.minimumSample}
              onChange={(event) => {
                const value = Number(event.target.value);
                if (Number.isInteger(value) && value >= 1 && value <= 100_000) change({ minimumSample: value });
              }}
            />
          </label>
        </div>
      </details>
    </form>
  );
}

function isLastCompleteMonth(period: Period): boolean {
  const last = lastCompleteMonth();
  return period.kind === 'month' && period.from === last.from;
}

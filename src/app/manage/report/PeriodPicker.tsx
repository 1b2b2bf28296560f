import { useTranslation } from 'react-i18next';
import {
  customPeriod,
  isLocalDay,
  PERIOD_KINDS,
  periodContaining,
  quarterOf,
  shiftPeriod,
  todayLocal,
  type Period,
  type PeriodKind,
} from '../../../domain/calendar.ts';
import { formatLocalDay } from './report-format.ts';

interface PeriodPickerProps {
  period: Period;
  onChange: (period: Period) => void;
}

/** Day, week, month, quarter, year (each containing a chosen day) or a custom range of local days. */
export function PeriodPicker({ period, onChange }: PeriodPickerProps) {
  const { t, i18n } = useTranslation();
  const changeKind = (kind: PeriodKind) => {
    if (kind === 'custom') onChange(customPeriod(period.from, period.to));
    else onChange(periodContaining(kind, period.kind === 'custom' ? period.to : period.from));
  };
  const year = period.from.slice(0, 4);
  return (
    <fieldset className="period-picker">
      <legend className="visually-hidden">{t('manage.period.label')}</legend>
      <label>
        <span>{t('manage.period.kind')}</span>
        <select value={period.kind} onChange={(event) => changeKind(event.target.value as PeriodKind)}>
          {PERIOD_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`manage.period.kinds.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      {(period.kind === 'day' || period.kind === 'week') && (
        <label>
          <span>{t('manage.period.day')}</span>
          <input
            type="date"
            value={period.from}
            onChange={(event) => isLocalDay(event.target.value) && onChange(periodContaining(period.kind as 'day', event.target.value))}
          />
        </label>
      )}
      {period.kind === 'month' && (
        <label>
          <span>{t('manage.period.month')}</span>
          <input
            type="month"
            value={period.from.slice(0, 7)}
            onChange={(event) => isLocalDay(`${event.target.value}-01`) && onChange(periodContaining('month', `${event.target.value}-01`))}
          />
        </label>
      )}
      {period.kind === 'quarter' && (
        <label>
          <span>{t('manage.period.quarter')}</span>
          <select
            value={quarterOf(period.from)}
            onChange={(event) =>
              onChange(periodContaining('quarter', `${year}-${String((Number(event.target.value) - 1) * 3 + 1).padStart(2, '0')}-01`))
            }
          >
            {[1, 2, 3, 4].map((quarter) => (
              <option key={quarter} value={quarter}>
                {t('manage.period.quarterNumber', { number: quarter })}
              </option>
            ))}
          </select>
        </label>
      )}
      {(period.kind === 'quarter' || period.kind === 'year') && (
        <label>
          <span>{t('manage.period.year')}</span>
          <input
            type="number"
            min={2000}
            max={2100}
            value={year}
            onChange={(event) => {
              const day = `${event.target.value.padStart(4, '0')}${period.from.slice(4)}`;
              if (isLocalDay(day)) onChange(periodContaining(period.kind as 'year', day));
            }}
          />
        </label>
      )}
      {period.kind === 'custom' && (
        <>
          <label>
            <span>{t('manage.period.from')}</span>
            <input
              type="date"
              value={period.from}
              onChange={(event) => isLocalDay(event.target.value) && onChange(customPeriod(event.target.value, period.to))}
            />
          </label>
          <label>
            <span>{t('manage.period.to')}</span>
            <input
              type="date"
              value={period.to}
              onChange={(event) => isLocalDay(event.target.value) && onChange(customPeriod(period.from, event.target.value))}
            />
          </label>
        </>
      )}
      <div className="period-picker__steps">
        <button type="button" className="manage-button" onClick={() => onChange(shiftPeriod(period, -1))}>
          {t('manage.period.previous')}
        </button>
        <button
          type="button"
          className="manage-button"
          onClick={() => onChange(periodContaining(period.kind === 'custom' ? 'month' : period.kind, todayLocal()))}
        >
          {t('manage.period.current')}
        </button>
        <button type="button" className="manage-button" onClick={() => onChange(shiftPeriod(period, 1))}>
          {t('manage.period.next')}
        </button>
      </div>
      <p className="period-picker__range" aria-live="polite">
        {t('manage.period.range', { from: formatLocalDay(period.from, i18n.language), to: formatLocalDay(period.to, i18n.language) })}
      </p>
    </fieldset>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALERT_KIND_NAMES, alertSummary } from '../../../domain/alert-messages.ts';
import { reportPathOfAlert, type Alert } from '../../../domain/alerts-api.ts';
import { localize } from '../../../domain/localize.ts';
import { alertsApi } from '../api/alerts.ts';
import { useApiQuery, useMutationRunner } from '../api/queries.ts';
import { alertKeys } from '../api/query-keys.ts';
import { ApiErrorMessage, apiErrorText } from '../layout/ApiErrorMessage.tsx';
import { formatDateTime } from '../report/report-format.ts';
import { asApiError } from '../../http/api-error.ts';
import { DataTable } from '../../ui/DataTable.tsx';

const ZONE = 'Asia/Ho_Chi_Minh';

/** Open alerts (or the whole history) of the account's units, newest first, with acknowledge and resolve. */
export function AlertInbox({ onCountChanged }: { onCountChanged?: (openCount: number) => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const list = useApiQuery(alertKeys.list(status), (signal) =>
    alertsApi.listAlerts(status, signal).then((reply) => {
      onCountChanged?.(reply.openCount);
      return reply;
    }),
  );
  const headings = [
    t('manage.alerts.openedAt'),
    t('manage.alerts.unit'),
    t('manage.alerts.what'),
    t('manage.alerts.status'),
    t('manage.alerts.actions'),
  ];
  return (
    <section className="admin-section" aria-labelledby="alert-inbox-heading">
      <h2 id="alert-inbox-heading">{t('manage.alerts.inbox')}</h2>
      <label>
        <span>{t('manage.alerts.show')}</span>
        <select value={status} onChange={(event) => setStatus(event.target.value as 'open' | 'all')}>
          <option value="open">{t('manage.alerts.showOpen')}</option>
          <option value="all">{t('manage.alerts.showAll')}</option>
        </select>
      </label>
      {list.state.kind === 'failed' && <ApiErrorMessage error={list.state.error} onRetry={list.reload} />}
      {list.state.kind === 'loading' && <p className="loading">{t('manage.loading')}</p>}
      {list.state.kind === 'loaded' &&
        (list.state.data.alerts.length === 0 ? (
          <p role="status">{t(status === 'open' ? 'manage.alerts.noneOpen' : 'manage.alerts.none')}</p>
        ) : (
          <DataTable className="admin-table" scrolls cardsOnPhone headings={headings}>
            <tbody>
              {list.state.data.alerts.map((alert) => (
                <AlertRow key={alert.id} alert={alert} onChanged={list.reload} />
              ))}
            </tbody>
          </DataTable>
        ))}
    </section>
  );
}

function AlertRow({ alert, onChanged }: { alert: Alert; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const run = useMutationRunner();
  const [failure, setFailure] = useState<string | null>(null);
  const locale = i18n.language === 'en' ? 'en' : 'vi';
  const at = (iso: string) => formatDateTime(iso, i18n.language, ZONE);
  const act = async (action: 'acknowledge' | 'resolve') => {
    setFailure(null);
    try {
      await run(() => alertsApi[action](alert.id));
      onChanged();
    } catch (error) {
      setFailure(apiErrorText(asApiError(error), t));
    }
  };
  const closed = alert.status === 'resolved' || alert.status === 'cleared';
  return (
    <tr>
      <td>{at(alert.openedAt)}</td>
      <td>{localize(alert.unit.name, i18n.language)}</td>
      <td>
        <strong>{ALERT_KIND_NAMES[alert.kind][locale]}</strong>
        <p>
          {alertSummary(
            { kind: alert.kind, detail: alert.detail, subjectName: alert.subjectName ? localize(alert.subjectName, i18n.language) : alert.subject },
            locale,
          )}
        </p>
        <a href={reportPathOfAlert({ unitId: alert.unit.id, openedAt: alert.openedAt, detail: alert.detail }, ZONE)}>
          {t('manage.alerts.openReport')}
        </a>
      </td>
      <td>
        <p>{t(`manage.alerts.statuses.${alert.status}`)}</p>
        {alert.acknowledged && (
          <p>{t('manage.alerts.acknowledgedBy', { by: alert.acknowledged.by.replace(/^account:/, ''), at: at(alert.acknowledged.at) })}</p>
        )}
        {alert.resolved && <p>{t('manage.alerts.resolvedBy', { by: alert.resolved.by.replace(/^account:/, ''), at: at(alert.resolved.at) })}</p>}
        {alert.clearedAt && <p>{t('manage.alerts.clearedAt', { at: at(alert.clearedAt) })}</p>}
      </td>
      <td>
        {alert.status === 'open' && (
          <button type="button" className="manage-button" onClick={() => void act('acknowledge')}>
            {t('manage.alerts.acknowledge')}
          </button>
        )}
        {!closed && (
          <button type="button" className="manage-button" onClick={() => void act('resolve')}>
            {t('manage.alerts.resolve')}
          </button>
        )}
        {failure && <p role="alert">{failure}</p>}
      </td>
    </tr>
  );
}

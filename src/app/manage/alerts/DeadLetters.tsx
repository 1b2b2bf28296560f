import { useTranslation } from 'react-i18next';
import { alertsApi } from '../api/alerts.ts';
import { useApiQuery, useMutationRunner } from '../api/queries.ts';
import { alertKeys } from '../api/query-keys.ts';
import { ApiErrorMessage } from '../layout/ApiErrorMessage.tsx';
import { formatDateTime } from '../report/report-format.ts';
import { DataTable } from '../../ui/DataTable.tsx';

/** Administrators: messages that failed every attempt, with the last error and a way to send them again. */
export function DeadLetters() {
  const { t, i18n } = useTranslation();
  const run = useMutationRunner();
  const list = useApiQuery(alertKeys.deadLetters(), (signal) => alertsApi.listDeadLetters(signal));
  return (
    <section className="admin-section" aria-labelledby="dead-letters-heading">
      <h2 id="dead-letters-heading">{t('manage.alerts.deadLetters.title')}</h2>
      {list.state.kind === 'failed' && <ApiErrorMessage error={list.state.error} onRetry={list.reload} />}
      {list.state.kind === 'loaded' &&
        (list.state.data.deliveries.length === 0 ? (
          <p role="status">{t('manage.alerts.deadLetters.none')}</p>
        ) : (
          <DataTable
            className="admin-table"
            cardsOnPhone
            headings={[
              t('manage.alerts.openedAt'),
              t('manage.alerts.deadLetters.channel'),
              t('manage.alerts.what'),
              t('manage.alerts.deadLetters.error'),
              t('manage.alerts.actions'),
            ]}
          >
            <tbody>
              {list.state.data.deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <td>{formatDateTime(delivery.createdAt, i18n.language, 'Asia/Ho_Chi_Minh')}</td>
                  <td>{t(`manage.alerts.preferences.channel.${delivery.channel}`)}</td>
                  <td>{delivery.about}</td>
                  <td>
                    <code>{delivery.lastError}</code> ({t('manage.alerts.deadLetters.attempts', { count: delivery.attempts })})
                  </td>
                  <td>
                    <button
                      type="button"
                      className="manage-button"
                      onClick={() => void run(() => alertsApi.retryDelivery(delivery.id)).then(list.reload, list.reload)}
                    >
                      {t('manage.alerts.deadLetters.retry')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        ))}
    </section>
  );
}

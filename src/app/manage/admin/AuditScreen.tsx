import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../api/admin.ts';
import { useApiData } from '../api/use-api-data.ts';
import { ApiErrorMessage } from '../layout/ApiErrorMessage.tsx';
import { formatDateTime } from '../report/report-format.ts';

/** Every admin change and export, newest first, 100 at a time. */
export function AuditScreen() {
  const { t, i18n } = useTranslation();
  const [before, setBefore] = useState<string | null>(null);
  const entries = useApiData(`audit:${before ?? ''}`, (signal) => adminApi.listAudit(before, signal));
  return (
    <div className="admin-section">
      {entries.state.kind === 'failed' && <ApiErrorMessage error={entries.state.error} onRetry={entries.reload} />}
      {entries.state.kind === 'loading' && <p className="loading">{t('manage.loading')}</p>}
      {entries.state.kind === 'loaded' && (
        <>
          <div className="table-scroll">
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('manage.audit.at')}</th>
                  <th scope="col">{t('manage.audit.actor')}</th>
                  <th scope="col">{t('manage.audit.action')}</th>
                  <th scope="col">{t('manage.audit.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.state.data.map((entry) => (
                  <tr key={entry.id}>
                    <td>{formatDateTime(entry.at, i18n.language, 'Asia/Ho_Chi_Minh')}</td>
                    <td>{entry.actor}</td>
                    <td>
                      <code>{entry.action}</code>
                    </td>
                    <td>
                      <code className="audit-detail">{JSON.stringify(entry.detail)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="export-bar">
            {before !== null && (
              <button type="button" className="manage-button" onClick={() => setBefore(null)}>
                {t('manage.audit.newest')}
              </button>
            )}
            {entries.state.data.length > 0 && (
              <button type="button" className="manage-button" onClick={() => setBefore(entries.state.kind === 'loaded' ? (entries.state.data.at(-1)?.id ?? null) : null)}>
                {t('manage.audit.older')}
              </button>
            )}
          </div>
        </>
      )}
    </div>
  );
}

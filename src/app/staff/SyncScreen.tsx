import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceConfig } from '../../domain/device-config.ts';
import { formatCount, formatDateTime } from '../../domain/display-format.ts';
import { useSyncNow, useSyncStatus } from '../sync/SyncContext.tsx';
import { serverErrorText } from '../i18n/server-errors.ts';
import { downloadFile, rejectedCsv } from './exports.ts';
import { todayIn, useRejectedResponses } from './useStaffData.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { Figure } from '../ui/Figure.tsx';

/** Where the tablet's answers stand with the server, in words, with the rejected ones and why. */
export function SyncScreen({ config }: { config: DeviceConfig }) {
  const { t, i18n } = useTranslation();
  const status = useSyncStatus();
  const syncNow = useSyncNow();
  const rejected = useRejectedResponses();
  const [running, setRunning] = useState(false);
  const language = i18n.language;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, language, config.unit.timeZone) : t('staff.sync.never'));
  const errorText = status.lastError
    ? t(`staff.sync.errors.${status.lastError.code}`, { defaultValue: serverErrorText(t, status.lastError.code) })
    : null;

  return (
    <section aria-labelledby="staff-sync-title">
      <h1 id="staff-sync-title">{t('staff.sync.title')}</h1>
      {status.stoppedReason ? (
        <p className="staff-alert" role="alert">
          {t(`staff.sync.stopped.${status.stoppedReason}`)}
        </p>
      ) : null}
      <dl className="staff-counts">
        <Figure label={t('staff.sync.pending')} data-testid="sync-pending">
          {formatCount(status.pending, language)}
        </Figure>
        <Figure label={t('staff.sync.synced')} data-testid="sync-synced">
          {formatCount(status.synced, language)}
        </Figure>
        <Figure label={t('staff.sync.rejected')} data-testid="sync-rejected">
          {formatCount(status.rejected, language)}
        </Figure>
      </dl>
      <p>{t(`staff.sync.state.${status.state}`)}</p>
      <p>{t('staff.sync.lastSuccess', { time: when(status.lastSuccessAt) })}</p>
      {errorText ? <p className="form-error">{t('staff.sync.lastError', { error: errorText, time: when(status.lastError?.at ?? null) })}</p> : null}
      <button
        type="button"
        className="button button--primary"
        disabled={running || status.state === 'syncing'}
        onClick={() => {
          setRunning(true);
          void syncNow()
            .catch(() => undefined)
            .finally(() => setRunning(false));
        }}
      >
        {t('staff.sync.now')}
      </button>
      <h2>{t('staff.sync.rejectedTitle', { count: rejected?.length ?? 0 })}</h2>
      {rejected && rejected.length > 0 ? (
        <>
          <DataTable
            className="staff-table"
            headings={[t('staff.sync.rejectedColumns.sequence'), t('staff.sync.rejectedColumns.code'), t('staff.sync.rejectedColumns.message')]}
          >
            <tbody>
              {rejected.map((response) => (
                <tr key={response.id}>
                  <td>#{response.deviceSequence}</td>
                  <td>{response.rejection?.code ?? 'unknown'}</td>
                  <td>{serverErrorText(t, response.rejection?.code ?? 'unknown')}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <button
            type="button"
            className="button"
            onClick={() => downloadFile(rejectedCsv({ config, t, today: todayIn(config.unit.timeZone) }, rejected))}
          >
            {t('staff.sync.exportRejected')}
          </button>
        </>
      ) : null}
    </section>
  );
}

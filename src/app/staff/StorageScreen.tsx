import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { formatBytes, formatDateTime } from '../../domain/display-format.ts';
import type { KioskSettings } from '../../domain/kiosk-settings.ts';
import { useStorageHealth } from '../store/useStorageHealth.ts';
import { useKioskDatabase } from '../store/StoreContext.tsx';
import { oldestPendingSubmittedAt } from '../store/staff-queries.ts';
import { pruneSyncedResponses } from '../store/retention.ts';

/** What eviction or a full disk could cost, and the retention that keeps the tablet from filling up. */
export function StorageScreen({ settings, timeZone }: { settings: KioskSettings; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const db = useKioskDatabase();
  const health = useStorageHealth();
  const oldestPending = useLiveQuery(() => oldestPendingSubmittedAt(db), [db]);
  const [pruned, setPruned] = useState<number | null>(null);
  return (
    <section aria-labelledby="staff-storage-title">
      <h1 id="staff-storage-title">{t('staff.storage.title')}</h1>
      {health ? (
        <>
          <p>{t('staff.storage.used', { used: formatBytes(health.usageBytes, language), quota: formatBytes(health.quotaBytes, language) })}</p>
          <p className={health.persistence === 'granted' ? undefined : 'staff-alert'}>{t(`staff.storage.persistence.${health.persistence}`)}</p>
        </>
      ) : (
        <p>{t('loading')}</p>
      )}
      <p>
        {oldestPending
          ? t('staff.storage.oldestPending', { time: formatDateTime(oldestPending, language, timeZone) })
          : t('staff.storage.nothingPending')}
      </p>
      <p>{t('staff.storage.retention', { count: settings.retentionDays })}</p>
      <button type="button" className="button" onClick={() => void pruneSyncedResponses(db, settings.retentionDays).then(setPruned)}>
        {t('staff.storage.pruneNow')}
      </button>
      {pruned !== null ? <p role="status">{t('staff.storage.pruned', { count: pruned })}</p> : null}
    </section>
  );
}

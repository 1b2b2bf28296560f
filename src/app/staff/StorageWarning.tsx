import { useTranslation } from 'react-i18next';
import { isNearlyFull } from '../store/storage-health.ts';
import { useStorageHealth } from '../store/useStorageHealth.ts';

/**
 * A notice in the staff view when the tablet could lose data it has not sent. Staff matters stay here:
 * citizens see at most the neutral dot on the staff button (StaffEntryButton).
 */
export function StorageWarning() {
  const { t } = useTranslation();
  const health = useStorageHealth();
  if (!health) return null;
  const messages = [health.persistence === 'denied' ? t('errors.persistDenied') : null, isNearlyFull(health) ? t('errors.storageFull') : null].filter(
    (message): message is string => message !== null,
  );
  if (messages.length === 0) return null;
  return (
    <div className="staff-notice" role="status">
      {messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}

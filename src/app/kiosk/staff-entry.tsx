import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { isNearlyFull } from '../store/storage-health.ts';
import { useStorageHealth } from '../store/useStorageHealth.ts';

/** Opens the staff view; null while a citizen is answering, so the button never interrupts a survey. */
export const StaffEntryContext = createContext<(() => void) | null>(null);

/**
 * A small, labelled button in the header's corner: discreet for citizens, findable for staff. When the
 * tablet's storage needs care it carries a small neutral dot; the words are in the staff view.
 */
export function StaffEntryButton() {
  const { t } = useTranslation();
  const open = useContext(StaffEntryContext);
  const health = useStorageHealth();
  if (!open) return null;
  const needsCare = health !== null && (health.persistence === 'denied' || isNearlyFull(health));
  return (
    <button type="button" className="staff-entry" onClick={open} data-needs-care={needsCare || undefined}>
      {t('nav.staff')}
      {needsCare ? <span className="staff-entry__dot" aria-hidden="true" /> : null}
    </button>
  );
}

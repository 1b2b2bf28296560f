import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';

/** Opens the staff view; null while a citizen is answering, so the button never interrupts a survey. */
export const StaffEntryContext = createContext<(() => void) | null>(null);

/** A small, labelled button in the header's corner: discreet for citizens, findable for staff. */
export function StaffEntryButton() {
  const { t } = useTranslation();
  const open = useContext(StaffEntryContext);
  if (!open) return null;
  return (
    <button type="button" className="staff-entry" onClick={open}>
      {t('nav.staff')}
    </button>
  );
}

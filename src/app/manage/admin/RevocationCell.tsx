import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../report/report-format.ts';

/**
 * A table cell of something an administrator can revoke (a tablet, a key): when it was revoked, or the
 * button that revokes it (the caller asks for the confirmation). `status` comes first when given.
 */
export function RevocationCell({
  revokedAt,
  revokedText,
  label,
  onRevoke,
  status,
}: {
  revokedAt: string | null;
  /** The words for "revoked at", given the time as the reader reads it. */
  revokedText: (at: string) => string;
  label: string;
  onRevoke: () => void;
  status?: ReactNode;
}) {
  const { i18n } = useTranslation();
  if (revokedAt) return <td>{revokedText(formatDateTime(revokedAt, i18n.language, 'Asia/Ho_Chi_Minh'))}</td>;
  return (
    <td>
      {status}
      {status ? ' ' : null}
      <button type="button" className="manage-button manage-button--danger" onClick={onRevoke}>
        {label}
      </button>
    </td>
  );
}

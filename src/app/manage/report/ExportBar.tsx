import { useTranslation } from 'react-i18next';
import type { ReportQueryInput } from '../../../domain/manage-api.ts';
import { reportExportUrl } from '../api/reports.ts';

/** Downloads come straight from the server (which audits them); the A4 page is the browser's print of this screen. */
export function ExportBar({ query }: { query: ReportQueryInput }) {
  const { t } = useTranslation();
  return (
    <div className="export-bar no-print" role="group" aria-label={t('manage.export.label')}>
      <a className="manage-button" href={reportExportUrl('csv', query)} download>
        {t('manage.export.csv')}
      </a>
      <a className="manage-button" href={reportExportUrl('xlsx', query)} download>
        {t('manage.export.xlsx')}
      </a>
      <button type="button" className="manage-button" onClick={() => window.print()}>
        {t('manage.export.print')}
      </button>
    </div>
  );
}

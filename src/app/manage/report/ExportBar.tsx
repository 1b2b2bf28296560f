import { useTranslation } from 'react-i18next';
import type { ReportQueryInput } from '../../../domain/manage-api.ts';
import { reportExportUrl, reportPdfUrl } from '../api/reports.ts';

/**
 * Downloads come straight from the server (which audits them): the data as CSV or Excel, and the official
 * numbered report as an A4 PDF; printing this screen remains for a quick paper copy.
 */
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
      <a className="manage-button" href={reportPdfUrl(query)} download>
        {t('manage.export.pdf')}
      </a>
      <button type="button" className="manage-button" onClick={() => window.print()}>
        {t('manage.export.print')}
      </button>
    </div>
  );
}

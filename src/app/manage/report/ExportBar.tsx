import { useTranslation } from 'react-i18next';
import type { ReportQueryInput } from '../../../domain/manage-api.ts';
import { dossierExportUrl, reportExportUrl, reportPdfUrl } from '../api/reports.ts';

const DOSSIER_FORMATS = [
  { format: 'csv', label: 'manage.export.dossiersCsv' },
  { format: 'xlsx', label: 'manage.export.dossiersXlsx' },
  { format: 'json', label: 'manage.export.dossiersJson' },
] as const;

/**
 * Downloads come straight from the server (which audits them): the data as CSV or Excel, the official
 * numbered report as an A4 PDF, and for managers the per-dossier ratings the one-stop system imports for
 * the 766 index; printing this screen remains for a quick paper copy.
 */
export function ExportBar({ query, canExportDossiers = false }: { query: ReportQueryInput; canExportDossiers?: boolean }) {
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
      {canExportDossiers && (
        <details className="export-bar__dossiers">
          <summary>{t('manage.export.dossiers')}</summary>
          <p className="export-bar__hint">{t('manage.export.dossiersHint')}</p>
          {DOSSIER_FORMATS.map(({ format, label }) => (
            <a key={format} className="manage-button" href={dossierExportUrl(format, query)} download>
              {t(label)}
            </a>
          ))}
        </details>
      )}
    </div>
  );
}

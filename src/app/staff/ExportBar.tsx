import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceConfig } from '../../domain/device-config.ts';
import type { DailySummary } from '../../domain/daily-summary.ts';
import type { Reconciliation } from '../../domain/reconciliation.ts';
import type { StoredResponse } from '../store/db.ts';
import { downloadFile, responsesCsv, summaryCsv, workbook, type ExportFile } from './exports.ts';

interface ExportBarProps {
  config: DeviceConfig;
  from: string;
  to: string;
  summary: DailySummary;
  responses: readonly StoredResponse[];
  /** Exported with the day's report, so the file says what reached the server too. */
  reconciliation: Reconciliation | undefined;
}

/** Files are made on the tablet, offline; the printable report is this screen with the print stylesheet. */
export function ExportBar({ config, from, to, summary, responses, reconciliation }: ExportBarProps) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const context = { config, from, to, t };
  const run = async (make: () => ExportFile | Promise<ExportFile>) => {
    setFailure(null);
    try {
      downloadFile(await make());
    } catch (error) {
      setFailure(t('staff.export.failed', { message: error instanceof Error ? error.message : String(error) }));
    }
  };
  return (
    <div className="staff-exports no-print" role="group" aria-label={t('staff.export.title')}>
      <button type="button" className="button" onClick={() => void run(() => responsesCsv(context, responses))}>
        {t('staff.export.responsesCsv')}
      </button>
      <button type="button" className="button" onClick={() => void run(() => responsesCsv(context, responses, 'excel-vi'))}>
        {t('staff.export.responsesCsvVi')}
      </button>
      <button type="button" className="button" onClick={() => void run(() => summaryCsv(context, summary, reconciliation))}>
        {t('staff.export.summaryCsv')}
      </button>
      <button type="button" className="button" onClick={() => void run(() => summaryCsv(context, summary, reconciliation, 'excel-vi'))}>
        {t('staff.export.summaryCsvVi')}
      </button>
      <button type="button" className="button" onClick={() => void run(() => workbook(context, summary, responses, reconciliation))}>
        {t('staff.export.xlsx')}
      </button>
      <button type="button" className="button" onClick={() => window.print()}>
        {t('staff.export.print')}
      </button>
      <p className="staff-hint">{t('staff.export.csvHint')}</p>
      {failure ? (
        <p className="form-error" role="alert">
          {failure}
        </p>
      ) : null}
    </div>
  );
}

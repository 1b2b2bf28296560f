import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { csvImportSchema } from '../../../domain/manage-api.ts';
import { readFileText, SubmitWithStatus, TitledForm, useSubmission } from './form-parts.tsx';

interface CsvImportFormProps {
  title: string;
  /** The header row the server expects, shown to the administrator. */
  columns: string;
  onImport: (csv: string) => Promise<{ created: number; updated: number }>;
  onImported: () => void;
}

/** Pastes or picks a CSV file and sends it for import; the server validates every row. */
export function CsvImportForm({ title, columns, onImport, onImported }: CsvImportFormProps) {
  const { t } = useTranslation();
  const [csv, setCsv] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const { outcome, submit } = useSubmission();
  const headingId = useId();
  return (
    <TitledForm
      id={headingId}
      title={title}
      hint={t('manage.import.columns', { columns })}
      onSubmit={() => {
        const parsed = csvImportSchema.safeParse({ csv });
        setLocalError(parsed.success ? null : t('manage.import.empty'));
        if (!parsed.success) return;
        void submit(
          () => onImport(parsed.data.csv),
          (result) => t('manage.import.done', { created: result.created, updated: result.updated }),
        ).then((ok) => ok && onImported());
      }}
    >
      <label>
        <span>{t('manage.import.file')}</span>
        <input
          type="file"
          accept=".csv,text/csv"
          onChange={(event) => void (event.target.files?.[0] && readFileText(event.target.files[0]).then(setCsv))}
        />
      </label>
      <label>
        <span>{t('manage.import.text')}</span>
        <textarea value={csv} onChange={(event) => setCsv(event.target.value)} />
      </label>
      {localError && <p className="form-error">{localError}</p>}
      <SubmitWithStatus outcome={outcome}>{t('manage.import.submit')}</SubmitWithStatus>
    </TitledForm>
  );
}

import { useState } from 'react';
import type { FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DOSSIER_CODE_FORMATS, dossierCodeFormatOf } from '../../../domain/dossier-code-formats.ts';
import { dossierCodeMatches } from '../../../domain/survey-flow.ts';
import { FieldMessage } from './form-parts.tsx';

/**
 * The dossier-code rule as a choice of common formats with an example and a live check of a typed code;
 * the regular expression itself (what the settings store) only under "Advanced".
 */
export function DossierCodeFields({
  pattern,
  onPattern,
  error,
}: {
  pattern: string;
  onPattern: (pattern: string) => void;
  error: FieldError | undefined;
}) {
  const { t } = useTranslation();
  const [trial, setTrial] = useState('');
  const format = dossierCodeFormatOf(pattern);
  const example = DOSSIER_CODE_FORMATS.find((candidate) => candidate.id === format)?.example;
  return (
    <fieldset>
      <legend>{t('manage.kioskSettings.dossierRule')}</legend>
      <label>
        <span>{t('manage.kioskSettings.dossierFormat')}</span>
        <select
          value={format}
          onChange={(event) => {
            const chosen = DOSSIER_CODE_FORMATS.find((candidate) => candidate.id === event.target.value);
            if (chosen) onPattern(chosen.pattern);
          }}
        >
          {DOSSIER_CODE_FORMATS.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {t(`manage.kioskSettings.dossierFormats.${candidate.id}`)}
            </option>
          ))}
          {format === 'custom' && <option value="custom">{t('manage.kioskSettings.dossierFormats.custom')}</option>}
        </select>
      </label>
      {example && <p className="note">{t('manage.kioskSettings.dossierExample', { example })}</p>}
      <label>
        <span>{t('manage.kioskSettings.dossierTry')}</span>
        <input value={trial} onChange={(event) => setTrial(event.target.value)} />
      </label>
      {trial.trim() !== '' && (
        <p role="status" className={dossierCodeMatches(trial, pattern) ? 'check-ok' : 'form-error'}>
          {dossierCodeMatches(trial, pattern) ? t('manage.kioskSettings.dossierAccepted') : t('manage.kioskSettings.dossierRefused')}
        </p>
      )}
      <details open={format === 'custom' || error !== undefined}>
        <summary>{t('manage.kioskSettings.advanced')}</summary>
        <label>
          <span>{t('manage.kioskSettings.dossierPattern')}</span>
          <input value={pattern} onChange={(event) => onPattern(event.target.value)} spellCheck={false} />
        </label>
        <FieldMessage error={error} />
      </details>
    </fieldset>
  );
}

import { useTranslation } from 'react-i18next';
import type { UseFormRegisterReturn } from 'react-hook-form';

interface DossierCodeStepProps {
  required: boolean;
  registration: UseFormRegisterReturn<'dossierCode'>;
  error: string | undefined;
}

/** The dossier code from the receipt, typed; it is checked against the unit's format. */
export function DossierCodeStep({ required, registration, error }: DossierCodeStepProps) {
  const { t } = useTranslation();
  return (
    <section className="section-step">
      <h1 className="step-title">{t('dossier.title')}</h1>
      <p>{t(required ? 'dossier.hintRequired' : 'dossier.hintOptional')}</p>
      <label className="text-field">
        <span>{t('dossier.label')}</span>
        <input
          {...registration}
          inputMode="text"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'dossier-error' : undefined}
        />
      </label>
      {error ? (
        <p id="dossier-error" className="form-error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </section>
  );
}

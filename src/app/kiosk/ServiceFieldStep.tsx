import { useTranslation } from 'react-i18next';
import { localize } from '../../domain/localize.ts';
import type { ServiceField } from '../../domain/device-config.ts';
import { ChoiceList } from '../ui/ChoiceList.tsx';

interface ServiceFieldStepProps {
  fields: ServiceField[];
  locale: string;
  value: string | null;
  error: string | undefined;
  onChange: (serviceFieldId: string | null) => void;
}

export function ServiceFieldStep({ fields, locale, value, error, onChange }: ServiceFieldStepProps) {
  const { t } = useTranslation();
  return (
    <section className="section-step">
      <h1 className="step-title">{t('serviceField.title')}</h1>
      <ChoiceList
        legend={t('serviceField.title')}
        options={fields.map((field) => ({ id: field.id, label: localize(field.name, locale) }))}
        selected={value ? [value] : []}
        maxChoices={1}
        onChange={(next) => onChange(next[0] ?? null)}
      />
      {error ? (
        <p className="form-error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </section>
  );
}

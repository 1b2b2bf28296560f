import { useTranslation } from 'react-i18next';
import { localize, spokenText } from '../../domain/localize.ts';
import type { ServiceField } from '../../domain/device-config.ts';
import { ChoiceList } from '../ui/ChoiceList.tsx';
import { SpeakerButton } from './SpeakerButton.tsx';
import { uiText } from './spoken-texts.ts';

interface ServiceFieldStepProps {
  fields: ServiceField[];
  locale: string;
  value: string | null;
  error: string | undefined;
  onChange: (serviceFieldId: string | null) => void;
}

export function ServiceFieldStep({ fields, locale, value, error, onChange }: ServiceFieldStepProps) {
  const { t, i18n } = useTranslation();
  return (
    <section className="section-step">
      <div className="step-head">
        <h1 className="step-title" tabIndex={-1}>
          {t('serviceField.title')}
        </h1>
        <SpeakerButton
          texts={[uiText(t('serviceField.title'), i18n.language), ...fields.map((field) => spokenText(field.name, undefined, locale))]}
          label={t('readAloud.screen')}
        />
      </div>
      <ChoiceList
        legend={t('serviceField.title')}
        legendHidden
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

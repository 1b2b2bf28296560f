import { useTranslation } from 'react-i18next';
import { localize, spokenText, type LocalizedText } from '../../domain/localize.ts';
import { ChoiceList } from '../ui/ChoiceList.tsx';
import { StepHead } from './StepHead.tsx';
import { uiText } from './spoken-texts.ts';

interface NamedChoiceStepProps {
  title: string;
  hint?: string;
  choices: readonly { id: string; name: LocalizedText }[];
  locale: string;
  value: string | null;
  /** The translation key of what is wrong with the choice, shown as an alert. */
  error?: string;
  onChange: (id: string | null) => void;
}

/** One of a list of named things (a service field, a procedure), read aloud with its names; choosing again clears it. */
export function NamedChoiceStep({ title, hint, choices, locale, value, error, onChange }: NamedChoiceStepProps) {
  const { t, i18n } = useTranslation();
  return (
    <section className="section-step">
      <StepHead
        title={title}
        spoken={[uiText(title, i18n.language), ...choices.map((choice) => spokenText(choice.name, undefined, locale))]}
        speakerLabel={t('readAloud.screen')}
      />
      {hint ? <p>{hint}</p> : null}
      <ChoiceList
        legend={title}
        legendHidden
        options={choices.map((choice) => ({ id: choice.id, label: localize(choice.name, locale) }))}
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

import { useTranslation } from 'react-i18next';
import { localize, spokenText } from '../../domain/localize.ts';
import type { Procedure } from '../../domain/device-config.ts';
import { ChoiceList } from '../ui/ChoiceList.tsx';
import { SpeakerButton } from './SpeakerButton.tsx';
import { uiText } from './spoken-texts.ts';

interface ProcedureStepProps {
  procedures: Procedure[];
  locale: string;
  value: string | null;
  onChange: (procedureId: string | null) => void;
}

/** Which procedure of the chosen service field the citizen came for; they may go on without one. */
export function ProcedureStep({ procedures, locale, value, onChange }: ProcedureStepProps) {
  const { t, i18n } = useTranslation();
  return (
    <section className="section-step">
      <div className="step-head">
        <h1 className="step-title" tabIndex={-1}>
          {t('procedure.title')}
        </h1>
        <SpeakerButton
          texts={[uiText(t('procedure.title'), i18n.language), ...procedures.map((procedure) => spokenText(procedure.name, undefined, locale))]}
          label={t('readAloud.screen')}
        />
      </div>
      <p>{t('procedure.hint')}</p>
      <ChoiceList
        legend={t('procedure.title')}
        legendHidden
        options={procedures.map((procedure) => ({ id: procedure.id, label: localize(procedure.name, locale) }))}
        selected={value ? [value] : []}
        maxChoices={1}
        onChange={(next) => onChange(next[0] ?? null)}
      />
    </section>
  );
}

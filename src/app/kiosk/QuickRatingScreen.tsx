import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Questionnaire } from '../../domain/questionnaire.ts';
import { localize, spokenText } from '../../domain/localize.ts';
import type { KioskSettings } from '../../domain/kiosk-settings.ts';
import type { ResponseDraft } from '../../domain/survey-flow.ts';
import type { AnswerValue } from '../../domain/response.ts';
import { useIdleCountdown } from './useIdleCountdown.ts';
import { IdleDialog } from './IdleDialog.tsx';
import { markSubmitTapped } from './performance-marks.ts';
import { ChoiceList } from '../ui/ChoiceList.tsx';
import { RatingScale } from '../ui/RatingScale.tsx';
import { KioskFrame } from './KioskFrame.tsx';
import { LargeTextToggle } from './LargeTextToggle.tsx';
import { ratingLevels } from './scale-levels.ts';
import { SpeakerButton } from './SpeakerButton.tsx';
import { withAnswers } from './spoken-texts.ts';

interface QuickRatingScreenProps {
  unitName: string;
  questionnaire: Questionnaire;
  settings: KioskSettings;
  locale: string;
  onSave: (draft: ResponseDraft) => Promise<void>;
  onFinished: () => void;
}

/** The counter rating: reasons are optional, one tap on a face stores the rating. */
export function QuickRatingScreen({ unitName, questionnaire, settings, locale, onSave, onFinished }: QuickRatingScreenProps) {
  const { t } = useTranslation();
  const [reasons, setReasons] = useState<Record<string, AnswerValue | null>>({});
  const [saveState, setSaveState] = useState<'idle' | 'saving' | 'failed'>('idle');
  const [shownAt] = useState(() => ({ date: new Date(), ms: performance.now() }));
  const idle = useIdleCountdown({
    active: Object.keys(reasons).length > 0 && saveState !== 'saving',
    idleSeconds: settings.idleTimeoutSeconds,
    countdownSeconds: settings.idleCountdownSeconds,
    onExpire: () => setReasons({}),
  });
  const element = questionnaire.elements[0];
  const criterion = element?.criteria[0];
  if (!element || !criterion) return null;
  const levels = ratingLevels(element.scale, t);

  const rate = async (level: number | null) => {
    if (level === null || saveState === 'saving') return;
    markSubmitTapped();
    setSaveState('saving');
    try {
      await onSave({
        serviceFieldId: settings.fixedServiceFieldId,
        answers: { [criterion.id]: level, ...reasons },
        dossierCode: null,
        procedureId: null,
        startedAt: shownAt.date,
        screenDurationsMs: { quick: performance.now() - shownAt.ms },
      });
      onFinished();
    } catch (error) {
      console.error('could not store a quick rating', error);
      setSaveState('failed');
    }
  };

  return (
    <KioskFrame unitName={unitName} languages={settings.languages}>
      <section className="quick">
        <RatingScale
          name={criterion.id}
          legend={localize(criterion.text, locale)}
          levels={levels}
          value={null}
          onChange={(level) => void rate(level)}
          size="large"
          action={<SpeakerButton texts={withAnswers(spokenText(criterion.text, criterion.audio, locale), levels, locale)} />}
        />
        <p className="quick__hint">{t('quick.tapHint')}</p>
        {/* In quick mode this is the kiosk's first screen, where a citizen picks large text. */}
        <LargeTextToggle />
        {questionnaire.sections.flatMap((section) =>
          section.questions.map((question) =>
            question.kind === 'multiple-choice' || question.kind === 'single-choice' ? (
              <ChoiceList
                key={question.id}
                legend={localize(question.text, locale)}
                action={
                  <SpeakerButton
                    texts={[spokenText(question.text, question.audio, locale), ...question.options.map((option) => spokenText(option.text, undefined, locale))]}
                  />
                }
                options={question.options.map((option) => ({ id: option.id, label: localize(option.text, locale) }))}
                selected={selectedOptions(reasons[question.id])}
                maxChoices={question.kind === 'single-choice' ? 1 : question.maxChoices}
                onChange={(selected) =>
                  setReasons({ ...reasons, [question.id]: question.kind === 'single-choice' ? (selected[0] ?? null) : selected })
                }
              />
            ) : null,
          ),
        )}
        {saveState === 'failed' ? (
          <p className="form-error" role="alert">
            {t('errors.saveFailed')}
          </p>
        ) : null}
      </section>
      {idle.secondsLeft !== null ? <IdleDialog secondsLeft={idle.secondsLeft} onStillHere={idle.stillHere} /> : null}
    </KioskFrame>
  );
}

function selectedOptions(value: AnswerValue | null | undefined): string[] {
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Questionnaire } from '../../domain/questionnaire.ts';
import { localize, spokenText } from '../../domain/localize.ts';
import type { KioskSettings } from '../../domain/kiosk-settings.ts';
import type { ResponseDraft } from '../../domain/survey-flow.ts';
import type { AnswerValue } from '../../domain/response.ts';
import { SCALES } from '../../domain/scales.ts';
import { markSubmitTapped } from './performance-marks.ts';
import { RatingScale } from '../ui/RatingScale.tsx';
import { KioskFrame } from './KioskFrame.tsx';
import { LargeTextToggle } from './LargeTextToggle.tsx';
import { ratingLevels } from '../ui/rating-levels.ts';
import { SpeakerButton } from './SpeakerButton.tsx';
import { withAnswers } from './spoken-texts.ts';
import { QuickReasonScreen } from './QuickReasonScreen.tsx';

interface QuickRatingScreenProps {
  unitName: string;
  questionnaire: Questionnaire;
  settings: KioskSettings;
  locale: string;
  /** Stores the rating; `keepOpen` holds it back from the sync while its reason may still be added. */
  onSave: (draft: ResponseDraft, keepOpen: boolean) => Promise<void>;
  /** Adds the reason (or nothing) to the stored rating and lets it go to the server. */
  onReason: (answers: Record<string, AnswerValue>) => Promise<void>;
  onFinished: () => void;
}

/**
 * The counter rating: one tap on a face stores the rating at once. For the unhappy face (and for every
 * face when the kiosk is set so) a screen of its own then asks why; the reason joins the same record.
 */
export function QuickRatingScreen({ unitName, questionnaire, settings, locale, onSave, onReason, onFinished }: QuickRatingScreenProps) {
  const { t } = useTranslation();
  const [saveState, setSaveState] = useState<'idle' | 'saving' | 'failed'>('idle');
  const [askingReason, setAskingReason] = useState(false);
  const [shownAt] = useState(() => ({ date: new Date(), ms: performance.now() }));
  const element = questionnaire.elements[0];
  const criterion = element?.criteria[0];
  if (!element || !criterion) return null;
  const levels = ratingLevels(element.scale, t);
  const reasonQuestion = questionnaire.sections
    .flatMap((section) => section.questions)
    .find((question) => question.kind === 'multiple-choice' || question.kind === 'single-choice');
  const lowestLevel = SCALES[element.scale].levels[0];
  const asksReasonFor = (level: number) => reasonQuestion !== undefined && (level === lowestLevel || settings.askReasonForEveryRating === true);

  const rate = async (level: number | null) => {
    if (level === null || saveState === 'saving') return;
    markSubmitTapped();
    setSaveState('saving');
    const keepOpen = asksReasonFor(level);
    try {
      await onSave(
        {
          serviceFieldId: settings.fixedServiceFieldId,
          answers: { [criterion.id]: level },
          dossierCode: null,
          procedureId: null,
          startedAt: shownAt.date,
          screenDurationsMs: { quick: performance.now() - shownAt.ms },
        },
        keepOpen,
      );
      if (keepOpen) setAskingReason(true);
      else onFinished();
    } catch (error) {
      console.error('could not store a quick rating', error);
      setSaveState('failed');
    }
  };

  if (askingReason && reasonQuestion && (reasonQuestion.kind === 'multiple-choice' || reasonQuestion.kind === 'single-choice')) {
    const closeReason = (answers: Record<string, AnswerValue>) => {
      // The rating is already stored: a failure here only loses the reason, never the thank-you.
      onReason(answers)
        .catch((error: unknown) => console.error('could not add the reason to a quick rating', error))
        .finally(onFinished);
    };
    return <QuickReasonScreen unitName={unitName} languages={settings.languages} question={reasonQuestion} locale={locale} onClose={closeReason} />;
  }

  return (
    <KioskFrame unitName={unitName} languages={settings.languages}>
      <section className="quick">
        <h1 className="quick__title">{localize(questionnaire.title, locale)}</h1>
        <RatingScale
          name={criterion.id}
          legend={localize(criterion.text, locale)}
          levels={levels}
          value={undefined}
          onChange={(level) => void rate(level)}
          size="large"
          action={<SpeakerButton texts={withAnswers(spokenText(criterion.text, criterion.audio, locale), levels, locale)} />}
        />
        <p className="quick__hint">{t('quick.tapHint')}</p>
        {/* In quick mode this is the kiosk's first screen, where a citizen picks large text. */}
        <LargeTextToggle />
        {saveState === 'failed' ? (
          <p className="form-error" role="alert">
            {t('errors.saveFailed')}
          </p>
        ) : null}
      </section>
    </KioskFrame>
  );
}

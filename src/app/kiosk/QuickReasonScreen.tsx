import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Question } from '../../domain/questionnaire.ts';
import { localize, spokenText } from '../../domain/localize.ts';
import type { AnswerValue } from '../../domain/response.ts';
import { ChoiceList } from '../ui/ChoiceList.tsx';
import { KioskFrame } from './KioskFrame.tsx';
import { SpeakerButton } from './SpeakerButton.tsx';

/** Seconds without a touch before the reason screen closes by itself with what was picked. */
export const REASON_SCREEN_SECONDS = 20;

interface QuickReasonScreenProps {
  unitName: string;
  languages: readonly string[];
  question: Extract<Question, { kind: 'single-choice' | 'multiple-choice' }>;
  locale: string;
  /** Closes the screen: the chosen reasons (none for a skip) join the rating already stored. */
  onClose: (answers: Record<string, AnswerValue>) => void;
}

/**
 * After the face is tapped (and stored): why? Large choices, a skip, and a timeout that keeps what was
 * picked, so walking away never costs the rating and never leaves the screen to the next person.
 */
export function QuickReasonScreen({ unitName, languages, question, locale, onClose }: QuickReasonScreenProps) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<string[]>([]);
  const [deadline, setDeadline] = useState(() => Date.now() + REASON_SCREEN_SECONDS * 1000);
  const [now, setNow] = useState(() => Date.now());
  const closed = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const answersOf = (chosen: string[]): Record<string, AnswerValue> =>
    chosen.length === 0 ? {} : { [question.id]: question.kind === 'single-choice' ? chosen[0]! : chosen };
  const close = (answers: Record<string, AnswerValue>) => {
    if (closed.current) return;
    closed.current = true;
    onClose(answers);
  };
  // Every choice restarts the countdown; when it runs out the screen closes with what was picked.
  const choose = (next: string[]) => {
    setSelected(next);
    setDeadline(Date.now() + REASON_SCREEN_SECONDS * 1000);
  };
  const secondsLeft = Math.max(0, Math.ceil((deadline - now) / 1000));

  useEffect(() => headingRef.current?.focus(), []);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, []);
  useEffect(() => {
    if (secondsLeft === 0) close(answersOf(selected));
  });

  return (
    <KioskFrame
      unitName={unitName}
      languages={languages}
      footer={
        <>
          <button type="button" className="button" onClick={() => close({})}>
            {t('quickReason.skip')}
          </button>
          <button type="button" className="button button--primary" disabled={selected.length === 0} onClick={() => close(answersOf(selected))}>
            {t('quickReason.send')}
          </button>
        </>
      }
    >
      <section className="quick-reason">
        <div className="step-head">
          <h1 className="step-title" tabIndex={-1} ref={headingRef}>
            {t('quickReason.title')}
          </h1>
          <SpeakerButton
            texts={[
              spokenText(question.text, question.audio, locale),
              ...question.options.map((option) => spokenText(option.text, undefined, locale)),
            ]}
            label={t('readAloud.screen')}
          />
        </div>
        <ChoiceList
          legend={localize(question.text, locale)}
          options={question.options.map((option) => ({ id: option.id, label: localize(option.text, locale) }))}
          selected={selected}
          maxChoices={question.kind === 'single-choice' ? 1 : question.maxChoices}
          size="large"
          onChange={choose}
        />
        <p className="quick-reason__timeout">{t('quickReason.closing', { count: secondsLeft })}</p>
      </section>
    </KioskFrame>
  );
}

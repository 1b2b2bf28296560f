/** @jsxImportSource preact */
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'preact/hooks';
import { localize, spokenText } from '../../domain/localize.ts';
import type { Question, Questionnaire } from '../../domain/questionnaire.ts';
import type { AnswerValue } from '../../domain/response.ts';
import { Choices, FaceScale, FreeText, Speaker } from './controls.tsx';
import { FIRST_QUESTION_PAINT_IDENTIFIER } from './performance-marks.ts';
import { ratingLevels } from '../ui/rating-levels.ts';

type Answers = Record<string, AnswerValue | null>;

interface LinkSurveyProps {
  questionnaire: Questionnaire;
  answers: Answers;
  onAnswer: (questionId: string, value: AnswerValue | null) => void;
  language: string;
  t: TFunction;
}

/**
 * The whole questionnaire on one scrolling page, element by element, then its other questions: on a phone
 * people scroll, and every answer is kept as it is given (saved-rating.ts). A quick rating's one question
 * gets the large faces; large text (the page's `large-text` class) enlarges the rest.
 */
export function LinkSurvey({ questionnaire, answers, onAnswer, language, t }: LinkSurveyProps) {
  const spoken = (text: Record<string, string>, audio?: Record<string, string>) => spokenText(text, audio, language);
  const speaker = (texts: ReturnType<typeof spoken>[]) => <Speaker texts={texts} label={t('listen', { text: texts[0]?.text ?? '' })} />;
  const single = questionnaire.elements.length === 1 && questionnaire.elements[0]!.criteria.length === 1;
  // The first element is painted first; the rest of the form follows a frame later, so on a slow phone the
  // first question shows before two dozen more are built.
  const [complete, setComplete] = useState(false);
  useEffect(() => {
    let timer = 0;
    const frame = requestAnimationFrame(() => (timer = window.setTimeout(() => setComplete(true))));
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, []);
  const elements = complete ? questionnaire.elements : questionnaire.elements.slice(0, 1);

  const question = (item: Question) => {
    const text = localize(item.text, language);
    if (item.kind === 'scale') {
      const levels = ratingLevels(item.scale, t);
      return (
        <FaceScale
          key={item.id}
          legend={text}
          levels={levels}
          value={answers[item.id] as number | undefined}
          onChange={(level) => onAnswer(item.id, level)}
          large={false}
          speaker={speaker([spoken(item.text, item.audio), ...levels.map((level) => ({ text: level.label, lang: language }))])}
        />
      );
    }
    if (item.kind === 'free-text') {
      const value = typeof answers[item.id] === 'string' ? (answers[item.id] as string) : '';
      return (
        <FreeText
          key={item.id}
          id={`q-${item.id}`}
          label={text}
          value={value}
          maxLength={item.maxLength}
          counter={t('charactersLeft', { count: item.maxLength - value.length })}
          onChange={(typed) => onAnswer(item.id, typed === '' ? null : typed)}
        />
      );
    }
    const maxChoices = item.kind === 'single-choice' ? 1 : item.maxChoices;
    // A single choice is stored as its option id, several as a list (domain/response.ts).
    const answer = answers[item.id];
    const chosen = Array.isArray(answer) ? answer : typeof answer === 'string' ? [answer] : [];
    return (
      <Choices
        key={item.id}
        legend={text}
        {...(maxChoices > 1 ? { hint: t('choose', { count: maxChoices }) } : {})}
        options={item.options.map((option) => ({ id: option.id, label: localize(option.text, language) }))}
        chosen={chosen}
        maxChoices={maxChoices}
        onChange={(ids) => onAnswer(item.id, ids.length === 0 ? null : maxChoices === 1 && item.kind === 'single-choice' ? ids[0]! : ids)}
        speaker={speaker([spoken(item.text, item.audio)])}
      />
    );
  };

  return (
    <div class="dl-survey">
      {elements.map((element, index) => {
        const levels = ratingLevels(element.scale, t);
        const criteria = element.criteria.map((criterion, position) => (
          <FaceScale
            {...(index === 0 && position === 0 ? { timing: FIRST_QUESTION_PAINT_IDENTIFIER } : {})}
            key={criterion.id}
            legend={localize(criterion.text, language)}
            levels={levels}
            value={answers[criterion.id] as number | null | undefined}
            onChange={(level) => onAnswer(criterion.id, level)}
            {...(single ? {} : { noOpinionLabel: t('scale.noOpinion') })}
            large={single}
            speaker={speaker([spoken(criterion.text, criterion.audio), ...levels.map((level) => ({ text: level.label, lang: language }))])}
          />
        ));
        if (single) return <section key={element.id}>{criteria}</section>;
        return (
          <section key={element.id} class="dl-card" aria-labelledby={`element-${element.id}`}>
            <h2 id={`element-${element.id}`} class="dl-card__title">
              {t('element', { number: index + 1, title: localize(element.title, language) })}
            </h2>
            <div class="criteria">{criteria}</div>
          </section>
        );
      })}
      {(complete ? questionnaire.sections : []).map((section) => (
        <section key={section.id} class="dl-card" aria-label={localize(section.title, language)}>
          {section.questions.length > 1 ? <h2 class="dl-card__title">{localize(section.title, language)}</h2> : null}
          <div class="questions">{section.questions.map(question)}</div>
        </section>
      ))}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import type { Question, Section } from '../../domain/questionnaire.ts';
import { localize, spokenText } from '../../domain/localize.ts';
import type { AnswerValue } from '../../domain/response.ts';
import { ChoiceList } from '../ui/ChoiceList.tsx';
import { RatingScale } from '../ui/RatingScale.tsx';
import { ratingLevels } from '../ui/rating-levels.ts';
import { SpeakerButton } from './SpeakerButton.tsx';
import { StepHead } from './StepHead.tsx';
import { withAnswers } from './spoken-texts.ts';

interface SectionStepProps {
  section: Section;
  locale: string;
  answers: Record<string, AnswerValue | null>;
  onAnswer: (questionId: string, value: AnswerValue | null) => void;
}

/** A screen of the questions after the elements: overall rating, priorities, profile, comment. */
export function SectionStep({ section, locale, answers, onAnswer }: SectionStepProps) {
  const { t } = useTranslation();
  return (
    <section className="section-step">
      <StepHead title={localize(section.title, locale)} spoken={[spokenText(section.title, undefined, locale)]} />
      <div className="questions">
        {section.questions.map((question) => (
          <QuestionField
            key={question.id}
            question={question}
            locale={locale}
            value={answers[question.id]}
            onChange={(value) => onAnswer(question.id, value)}
            t={t}
          />
        ))}
      </div>
    </section>
  );
}

interface QuestionFieldProps {
  question: Question;
  locale: string;
  /** undefined while unanswered; null when "no opinion" was chosen. */
  value: AnswerValue | null | undefined;
  onChange: (value: AnswerValue | null) => void;
  t: ReturnType<typeof useTranslation>['t'];
}

function QuestionField({ question, locale, value, onChange, t }: QuestionFieldProps) {
  const text = localize(question.text, locale);
  const spoken = spokenText(question.text, question.audio, locale);
  switch (question.kind) {
    case 'scale': {
      const levels = ratingLevels(question.scale, t);
      return (
        <RatingScale
          name={question.id}
          legend={text}
          levels={levels}
          value={value === undefined || typeof value === 'number' ? value : null}
          onChange={onChange}
          noOpinionLabel={t('scale.noOpinion')}
          action={<SpeakerButton texts={withAnswers(spoken, [...levels, { label: t('scale.noOpinion') }], locale)} />}
        />
      );
    }
    case 'single-choice':
    case 'multiple-choice': {
      const single = question.kind === 'single-choice';
      const selected = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
      const options = question.options.map((option) => ({ id: option.id, label: localize(option.text, locale) }));
      return (
        <ChoiceList
          legend={text}
          options={options}
          selected={selected}
          maxChoices={single ? 1 : question.maxChoices}
          hint={single ? undefined : hintUnlessSaid(text, t('survey.choose', { count: question.maxChoices }))}
          onChange={(next) => onChange(single ? (next[0] ?? null) : next)}
          action={<SpeakerButton texts={[spoken, ...question.options.map((option) => spokenText(option.text, undefined, locale))]} />}
        />
      );
    }
    case 'free-text': {
      const typedText = typeof value === 'string' ? value : '';
      return (
        <div className="free-text-row">
          <label className="free-text">
            <span className="free-text__label">{text}</span>
            <textarea
              value={typedText}
              maxLength={question.maxLength}
              rows={4}
              placeholder={t('survey.commentPlaceholder')}
              onChange={(event) => onChange(event.target.value)}
            />
            <span className="free-text__counter">{t('survey.charactersLeft', { count: question.maxLength - typedText.length })}</span>
          </label>
          <SpeakerButton texts={[spoken]} />
        </div>
      );
    }
  }
}

/** Western digits for Khmer ones, so "(chọn tối đa 3)" and "(… ៣)" compare alike. */
function withWesternDigits(text: string): string {
  return text.replace(/[\u17E0-\u17E9]/g, (digit) => String(digit.charCodeAt(0) - 0x17e0)).toLocaleLowerCase();
}

/** The hint, unless the question's own words already say it (the national form writes "(chọn tối đa 3)"). */
function hintUnlessSaid(question: string, hint: string): string | undefined {
  return withWesternDigits(question).includes(withWesternDigits(hint)) ? undefined : hint;
}

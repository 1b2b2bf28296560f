import { useTranslation } from 'react-i18next';
import type { Element } from '../../domain/questionnaire.ts';
import { localize, spokenText } from '../../domain/localize.ts';
import type { AnswerValue } from '../../domain/response.ts';
import { RatingScale } from '../ui/RatingScale.tsx';
import { ratingLevels } from '../ui/rating-levels.ts';
import { SpeakerButton } from './SpeakerButton.tsx';
import { StepHead } from './StepHead.tsx';
import { withAnswers } from './spoken-texts.ts';
import type { KioskScreen } from './paged-screens.ts';

interface ElementStepProps {
  element: Element;
  number: number;
  total: number;
  /** Set when the element's criteria are split over several screens (large text). */
  page?: KioskScreen['page'];
  locale: string;
  answers: Record<string, AnswerValue | null>;
  onAnswer: (criterionId: string, level: number | null) => void;
}

/**
 * One element per screen (or page): each criterion a row of labelled faces, "no opinion" always possible
 * but never chosen for the citizen: a criterion starts with no answer at all.
 */
export function ElementStep({ element, number, total, page, locale, answers, onAnswer }: ElementStepProps) {
  const { t } = useTranslation();
  const levels = ratingLevels(element.scale, t);
  const criteria = page ? element.criteria.slice(page.from, page.to) : element.criteria;
  const heading = t('survey.elementHeading', { number, total, title: localize(element.title, locale) });
  return (
    <section className="element-step" data-criteria={criteria.length}>
      <StepHead
        title={
          <>
            {heading}
            {page ? <span className="step-title__page">{t('survey.page', { page: page.number, pages: page.count })}</span> : null}
          </>
        }
        spoken={[spokenText(element.title, element.audio, locale)]}
      />
      <div className="criteria">
        {criteria.map((criterion) => {
          const answer = answers[criterion.id];
          const legend = localize(criterion.text, locale);
          return (
            <RatingScale
              key={criterion.id}
              name={criterion.id}
              legend={legend}
              levels={levels}
              value={answer === undefined || typeof answer === 'number' ? answer : null}
              onChange={(level) => onAnswer(criterion.id, level)}
              noOpinionLabel={t('scale.noOpinion')}
              action={
                <SpeakerButton
                  texts={withAnswers(spokenText(criterion.text, criterion.audio, locale), [...levels, { label: t('scale.noOpinion') }], locale)}
                />
              }
            />
          );
        })}
      </div>
    </section>
  );
}

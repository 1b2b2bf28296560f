import { useTranslation } from 'react-i18next';
import type { Element } from '../../domain/questionnaire.ts';
import { localize } from '../../domain/localize.ts';
import type { AnswerValue } from '../../domain/response.ts';
import { RatingScale } from '../ui/RatingScale.tsx';
import { ratingLevels } from './scale-levels.ts';

interface ElementStepProps {
  element: Element;
  number: number;
  total: number;
  locale: string;
  answers: Record<string, AnswerValue | null>;
  onAnswer: (criterionId: string, level: number | null) => void;
}

/** One element per screen: each criterion a row of labelled faces, "no opinion" always possible. */
export function ElementStep({ element, number, total, locale, answers, onAnswer }: ElementStepProps) {
  const { t } = useTranslation();
  const levels = ratingLevels(element.scale, t);
  return (
    <section className="element-step" data-criteria={element.criteria.length}>
      <h1 className="step-title">
        {t('survey.elementHeading', { number, total, title: localize(element.title, locale) })}
      </h1>
      <div className="criteria">
        {element.criteria.map((criterion) => {
          const answer = answers[criterion.id];
          return (
            <RatingScale
              key={criterion.id}
              name={criterion.id}
              legend={localize(criterion.text, locale)}
              levels={levels}
              value={typeof answer === 'number' ? answer : null}
              onChange={(level) => onAnswer(criterion.id, level)}
              noOpinionLabel={t('scale.noOpinion')}
            />
          );
        })}
      </div>
    </section>
  );
}

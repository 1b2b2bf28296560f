import { useTranslation } from 'react-i18next';
import { localize } from '../../../domain/localize.ts';
import type { ElementReport } from '../../../domain/manage-api.ts';
import { formatCount } from './report-format.ts';

/** Share of one level in a criterion's answers, for the width of its bar segment only. */
function share(count: number, total: number): number {
  return total === 0 ? 0 : (count / total) * 100;
}

/** The five levels per criterion as stacked bars; counts are in the text, so colour is not needed to read it. */
export function DistributionBars({ elements }: { elements: ElementReport[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const levels = [1, 2, 3, 4, 5];
  return (
    <section className="report-section" aria-labelledby="distribution-heading">
      <h3 id="distribution-heading">{t('manage.distribution.title')}</h3>
      <ul className="distribution-legend" aria-label={t('manage.distribution.legend')}>
        {levels.map((level) => (
          <li key={level}>
            <span className={`level-swatch level-${level}`} aria-hidden="true" /> {t(`scale.five.${level}`)}
          </li>
        ))}
      </ul>
      <ul className="distribution">
        {elements.flatMap((element) =>
          element.criteria.map((criterion) => {
            const total = criterion.levelCounts.reduce((sum, count) => sum + count, 0);
            const description = criterion.levelCounts
              .map((count, position) => `${t(`scale.five.${position + 1}`)}: ${formatCount(count, language)}`)
              .join('; ');
            return (
              <li key={criterion.id} className="distribution__row">
                <span className="distribution__label">{localize(criterion.text, language)}</span>
                <span className="distribution__bar" role="img" aria-label={total === 0 ? t('manage.distribution.noAnswers') : description}>
                  {criterion.levelCounts.map((count, position) =>
                    count === 0 ? null : (
                      <span
                        key={position}
                        className={`distribution__segment level-${position + 1}`}
                        style={{ width: `${share(count, total)}%` }}
                        title={`${t(`scale.five.${position + 1}`)}: ${formatCount(count, language)}`}
                      />
                    ),
                  )}
                </span>
                <span className="distribution__total">
                  {total === 0 ? t('manage.distribution.noAnswers') : `n = ${formatCount(total, language)}`}
                </span>
              </li>
            );
          }),
        )}
      </ul>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { localize } from '../../../domain/localize.ts';
import type { CriterionReport, ElementReport } from '../../../domain/manage-api.ts';
import { formatCount, formatInterval, formatPercent, formatPoints } from './report-format.ts';
import { StandingBadge } from './StandingBadge.tsx';
import { DataTable } from '../../ui/DataTable.tsx';

interface IndexTableProps {
  elements: ElementReport[];
  target: number;
  /** A quick rating has one question: its element is not "Yếu tố 1" of SIPAS. */
  quickMode?: boolean;
}

/** Every element and criterion index with n, 95% interval, target, gap and what closes the gap. */
export function IndexTable({ elements, target, quickMode = false }: IndexTableProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <section className="report-section" aria-labelledby="indices-heading">
      <h3 id="indices-heading">{t('manage.report.indices')}</h3>
      {/* Focusable, so a keyboard can scroll the wide table on a phone. */}
      <DataTable
        className="index-table"
        scrolls
        focusable
        cardsOnPhone
        headings={[
          t('manage.report.columns.item'),
          t('manage.report.columns.n'),
          t('manage.report.columns.index'),
          t('manage.report.columns.interval'),
          t('manage.report.columns.target'),
          t('manage.report.columns.gap'),
          t('manage.report.columns.needed'),
          t('manage.report.columns.standing'),
        ]}
      >
        {elements.map((element, position) => (
          <tbody key={element.id}>
            <tr className="index-table__element">
              <th scope="row">
                {quickMode
                  ? localize(element.title, language)
                  : t('manage.report.elementTitle', { number: position + 1, title: localize(element.title, language) })}
              </th>
              <td />
              <td className="number">{formatPercent(element.index, language)}</td>
              <td />
              <td className="number">{formatPercent(target, language)}</td>
              <td className="number">{formatPoints(element.gap, language)}</td>
              <td />
              <td />
            </tr>
            {element.criteria.map((criterion) => (
              <CriterionRow key={criterion.id} criterion={criterion} />
            ))}
          </tbody>
        ))}
      </DataTable>
    </section>
  );
}

function CriterionRow({ criterion }: { criterion: CriterionReport }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <tr data-criterion={criterion.id}>
      <th scope="row" className="index-table__criterion">
        {localize(criterion.text, language)}
      </th>
      <td className="number">{formatCount(criterion.n, language)}</td>
      <td className="number">{formatPercent(criterion.index, language)}</td>
      <td className="number">{formatInterval(criterion.interval, language)}</td>
      <td className="number">{formatPercent(criterion.target, language)}</td>
      <td className="number">{formatPoints(criterion.gap, language)}</td>
      <td>{neededText(criterion, t, language)}</td>
      <td>
        <StandingBadge standing={criterion.standing} />
      </td>
    </tr>
  );
}

function neededText(criterion: CriterionReport, t: (key: string, options?: Record<string, unknown>) => string, language: string): string {
  // Without answers there is no index to raise: advice like "one more satisfied answer" would be absurd.
  if (criterion.n === 0) return t('manage.report.noAnswersYet');
  if (criterion.additionalNeeded === null) return t('manage.report.unreachable');
  if (criterion.additionalNeeded === 0) return t('manage.report.targetReached');
  return t('manage.report.moreSatisfied', { count: criterion.additionalNeeded, formatted: formatCount(criterion.additionalNeeded, language) });
}

import { useTranslation } from 'react-i18next';
import type { DeviceConfig } from '../../domain/device-config.ts';
import type { BreakdownRow, QuestionnaireSummary } from '../../domain/daily-summary.ts';
import { formatCount, formatPercent } from '../../domain/display-format.ts';
import { localize } from '../../domain/localize.ts';
import { DataTable } from '../ui/DataTable.tsx';

interface QuestionnaireResultsProps {
  config: DeviceConfig;
  part: QuestionnaireSummary;
}

/** One questionnaire's indices against the unit's target; indices of two questionnaires never share a table. */
export function QuestionnaireResults({ config, part }: QuestionnaireResultsProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const questionnaire = config.questionnaires.find((q) => q.id === part.questionnaireId && q.version === part.questionnaireVersion);
  const title = questionnaire ? localize(questionnaire.title, locale) : part.questionnaireId;
  const index = (value: number | null) => formatPercent(value, locale);
  const standing = (value: number | null) =>
    value === null ? t('staff.results.noData') : value >= part.targetPercent ? t('staff.results.meets') : t('staff.results.below');
  const name = (kind: 'serviceFields' | 'counters', id: string | null) => {
    const found = id === null ? undefined : config[kind].find((entry) => entry.id === id);
    return found ? localize(found.name, locale) : (id ?? t('staff.results.unspecified'));
  };
  const heading = part.mode === 'quick' ? t('staff.results.quickIndex') : t('staff.results.sipasIndex');

  return (
    <section className="staff-card" aria-label={title}>
      <h2>
        {title} <span className="staff-hint">v{part.questionnaireVersion}</span>
      </h2>
      <p className="staff-headline">
        {heading}: <strong data-testid={`index-${part.questionnaireId}`}>{index(part.score.overall)}</strong>{' '}
        {t('staff.results.target', { target: index(part.targetPercent) })} — {standing(part.score.overall)}
      </p>
      <p>{t('staff.results.responses', { count: part.responses, incomplete: part.incomplete })}</p>
      {part.mode === 'full' ? (
        <DataTable
          className="staff-table"
          caption={t('staff.results.elements')}
          headings={[t('staff.results.element'), t('staff.results.index'), t('staff.results.standing')]}
        >
          <tbody>
            {part.score.elements.map((element) => {
              const definition = questionnaire?.elements.find((candidate) => candidate.id === element.elementId);
              return (
                <tr key={element.elementId}>
                  <th scope="row">{definition ? localize(definition.title, locale) : element.elementId}</th>
                  <td data-testid={`element-${element.elementId}`}>{index(element.index)}</td>
                  <td>{standing(element.index)}</td>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      ) : null}
      {part.score.criteriaWithoutAnswers.length > 0 ? (
        <p className="staff-hint">{t('staff.results.skipped', { count: part.score.criteriaWithoutAnswers.length })}</p>
      ) : null}
      <Breakdown
        caption={t('staff.results.byServiceField')}
        rows={part.byServiceField}
        nameOf={(id) => name('serviceFields', id)}
        language={locale}
      />
      <Breakdown caption={t('staff.results.byCounter')} rows={part.byCounter} nameOf={(id) => name('counters', id)} language={locale} />
    </section>
  );
}

interface BreakdownProps {
  caption: string;
  rows: BreakdownRow[];
  nameOf: (id: string | null) => string;
  language: string;
}

function Breakdown({ caption, rows, nameOf, language }: BreakdownProps) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <DataTable className="staff-table" caption={caption} headings={[t('staff.results.group'), t('staff.results.count'), t('staff.results.index')]}>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id ?? ''}>
            <th scope="row">{nameOf(row.id)}</th>
            <td>{formatCount(row.responses, language)}</td>
            <td>{formatPercent(row.index, language)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

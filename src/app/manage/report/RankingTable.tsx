import { useTranslation } from 'react-i18next';
import { localize } from '../../../domain/localize.ts';
import type { RankingRow, ReportReply } from '../../../domain/manage-api.ts';
import { rankChange } from '../../../domain/report-headline.ts';
import { formatCount, formatPercent } from './report-format.ts';
import { DataTable } from '../../ui/DataTable.tsx';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * Sub-units as provinces publish them; units under the minimum sample are listed with n, never ranked; a
 * unit with quick ratings only shows its quick index, labelled so. Agencies and communes get their own
 * ranks when the province has both.
 */
export function RankingTable({ ranking }: { ranking: ReportReply['ranking'] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const byBlock = ranking.rows.some((row) => row.blockRank !== null);
  return (
    <section className="report-section" aria-labelledby="ranking-heading">
      <h3 id="ranking-heading">{t('manage.ranking.title')}</h3>
      {ranking.rows.length === 0 ? (
        <p className="note">{t('manage.ranking.none')}</p>
      ) : (
        <>
          <DataTable
            className="ranking-table"
            scrolls
            focusable
            cardsOnPhone
            headings={[
              t('manage.ranking.rank'),
              t('manage.ranking.unit'),
              t('manage.ranking.index'),
              t('manage.ranking.n'),
              t('manage.ranking.change'),
              ...(byBlock ? [t('manage.ranking.block')] : []),
            ]}
          >
            <tbody>
              {ranking.rows.map((row) => (
                <tr key={row.unitId} data-unit={row.unitId}>
                  <td className="number">
                    {row.rank !== null ? (
                      formatCount(row.rank, language)
                    ) : (
                      <span className="unranked">{t(`manage.ranking.reasons.${row.reason ?? 'no-data'}`)}</span>
                    )}
                  </td>
                  <th scope="row">{localize(row.name, language)}</th>
                  <td className="number">
                    {row.reason === 'quick-only'
                      ? t('manage.ranking.quickOnlyValue', { index: formatPercent(row.quickIndex, language) })
                      : formatPercent(row.index, language)}
                  </td>
                  <td className="number">{formatCount(row.reason === 'quick-only' ? row.quickN : row.n, language)}</td>
                  <td>{changeText(row, t)}</td>
                  {byBlock && (
                    <td>
                      {row.block === null
                        ? ''
                        : `${t(`manage.ranking.blocks.${row.block}`)}${row.blockRank === null ? '' : `: ${formatCount(row.blockRank, language)}`}`}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </DataTable>
          <p className="note">{t('manage.ranking.minimumNote', { count: ranking.minimumSample })}</p>
        </>
      )}
    </section>
  );
}

function changeText(row: RankingRow, t: Translate): string {
  if (row.rank === null) return '';
  const change = rankChange(row.rank, row.previousRank);
  if (change === null) return t('manage.ranking.new');
  if (change === 0) return t('manage.ranking.same');
  return change > 0 ? t('manage.ranking.up', { count: change }) : t('manage.ranking.down', { count: -change });
}

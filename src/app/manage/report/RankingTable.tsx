import { useTranslation } from 'react-i18next';
import { localize } from '../../../domain/localize.ts';
import type { ReportReply } from '../../../domain/manage-api.ts';
import { formatCount, formatPercent } from './report-format.ts';

/** Sub-units as provinces publish them; units under the minimum sample are marked, never ranked. */
export function RankingTable({ ranking }: { ranking: ReportReply['ranking'] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <section className="report-section" aria-labelledby="ranking-heading">
      <h3 id="ranking-heading">{t('manage.ranking.title')}</h3>
      {ranking.rows.length === 0 ? (
        <p className="note">{t('manage.ranking.none')}</p>
      ) : (
        <>
          <table className="ranking-table">
            <thead>
              <tr>
                <th scope="col">{t('manage.ranking.rank')}</th>
                <th scope="col">{t('manage.ranking.unit')}</th>
                <th scope="col">{t('manage.ranking.index')}</th>
                <th scope="col">{t('manage.ranking.n')}</th>
                <th scope="col">{t('manage.ranking.responses')}</th>
              </tr>
            </thead>
            <tbody>
              {ranking.rows.map((row) => (
                <tr key={row.unitId} data-unit={row.unitId}>
                  <td className="number">
                    {row.rank !== null ? formatCount(row.rank, language) : <span className="unranked">{t(`manage.ranking.reasons.${row.reason ?? 'no-data'}`)}</span>}
                  </td>
                  <th scope="row">{localize(row.name, language)}</th>
                  <td className="number">{formatPercent(row.index, language)}</td>
                  <td className="number">{formatCount(row.n, language)}</td>
                  <td className="number">{formatCount(row.responses, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="note">{t('manage.ranking.minimumNote', { count: ranking.minimumSample })}</p>
        </>
      )}
    </section>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../domain/localize.ts';
import type { ReportReply } from '../../../domain/manage-api.ts';
import { commentsPerUnit, filterComments, type RatingFilter } from './comment-search.ts';
import { formatCount, formatDateTime, formatInterval, formatPercent } from './report-format.ts';

/** The counter rating (quick mode) has its own index, never mixed into the SIPAS index. */
export function QuickIndexCard({ quick }: { quick: ReportReply['quick'] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <section className="report-section" aria-labelledby="quick-heading">
      <h3 id="quick-heading">{t('manage.quick.title')}</h3>
      {quick === null ? (
        <p className="note">{t('manage.quick.none')}</p>
      ) : (
        <>
          <p>{localize(quick.title, language)}</p>
          <dl className="overall__figures">
            <div>
              <dt>{t('manage.report.columns.index')}</dt>
              <dd className="overall__index" data-testid="quick-index">
                {formatPercent(quick.index, language)}
              </dd>
            </div>
            <div>
              <dt>{t('manage.report.columns.interval')}</dt>
              <dd>{formatInterval(quick.interval, language)}</dd>
            </div>
            <div>
              <dt>{t('manage.report.columns.n')}</dt>
              <dd>{formatCount(quick.n, language)}</dd>
            </div>
          </dl>
          {quick.index === null && <p className="note">{t('manage.report.noData')}</p>}
        </>
      )}
    </section>
  );
}

export function ImprovementsList({ improvements }: { improvements: ReportReply['improvements'] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const chosen = improvements.filter((improvement) => improvement.count > 0);
  return (
    <section className="report-section" aria-labelledby="improvements-heading">
      <h3 id="improvements-heading">{t('manage.improvements.title')}</h3>
      {chosen.length === 0 ? (
        <p className="note">{t('manage.improvements.none')}</p>
      ) : (
        <ol className="improvements">
          {chosen.map((improvement) => (
            <li key={improvement.optionId}>
              {localize(improvement.text, language)}{' '}
              <span className="improvements__count">{t('manage.improvements.times', { count: improvement.count, formatted: formatCount(improvement.count, language) })}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/**
 * Citizens' comments with their unit, field and date, dissatisfied ones first, searchable without
 * diacritics over the loaded comments. Rendered as React text: whatever someone typed is never markup.
 */
export function CommentsList({ comments, truncated, timeZone }: { comments: ReportReply['comments']; truncated: boolean; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [search, setSearch] = useState('');
  const [rating, setRating] = useState<RatingFilter>('dissatisfied-first');
  const [unitId, setUnitId] = useState('');
  const shown = filterComments(comments, search, rating).filter((comment) => unitId === '' || comment.unitId === unitId);
  const perUnit = commentsPerUnit(comments);
  return (
    <section className="report-section" aria-labelledby="comments-heading">
      <h3 id="comments-heading">{t('manage.comments.title')}</h3>
      {comments.length === 0 ? (
        <p className="note">{t('manage.comments.none')}</p>
      ) : (
        <>
          <div className="comments__filters no-print">
            <label>
              <span>{t('manage.comments.search')}</span>
              <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
            </label>
            {perUnit.length > 1 && (
              <label>
                <span>{t('manage.comments.unit')}</span>
                <select value={unitId} onChange={(event) => setUnitId(event.target.value)}>
                  <option value="">{t('manage.comments.allUnits')}</option>
                  {perUnit.map((unit) => (
                    <option key={unit.unitId} value={unit.unitId}>
                      {`${localize(unit.unitName, language)} (${formatCount(unit.count, language)})`}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              <span>{t('manage.comments.rating')}</span>
              <select value={rating} onChange={(event) => setRating(event.target.value as RatingFilter)}>
                <option value="dissatisfied-first">{t('manage.comments.dissatisfiedFirst')}</option>
                <option value="dissatisfied">{t('manage.comments.onlyDissatisfied')}</option>
                <option value="all">{t('manage.comments.all')}</option>
              </select>
            </label>
            <p className="note" role="status">
              {t('manage.comments.shown', { shown: formatCount(shown.length, language), total: formatCount(comments.length, language) })}
            </p>
          </div>
          <ul className="comments">
            {shown.map((comment, position) => (
              <li key={`${comment.submittedAt}-${position}`} className={comment.dissatisfied ? 'comments__item--dissatisfied' : undefined}>
                <p className="comments__meta">
                  <time dateTime={comment.submittedAt}>{formatDateTime(comment.submittedAt, language, timeZone)}</time>
                  {[localize(comment.unitName, language), comment.serviceFieldName && localize(comment.serviceFieldName, language)]
                    .filter(Boolean)
                    .map((part) => ` · ${part}`)
                    .join('')}
                  {comment.dissatisfied && <span className="comments__flag"> · {t('manage.comments.dissatisfied')}</span>}
                </p>
                <p className="comments__text">{comment.text}</p>
              </li>
            ))}
          </ul>
        </>
      )}
      {truncated && <p className="note">{t('manage.comments.truncated', { count: comments.length })}</p>}
    </section>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentThemeId } from '../../../domain/comment-themes.ts';
import { localize } from '../../../domain/localize.ts';
import type { ReportReply } from '../../../domain/manage-api.ts';
import { commentsPerUnit, filterComments, type RatingFilter } from './comment-search.ts';
import { formatCount, formatDateTime } from './report-format.ts';

type Comment = ReportReply['comments'][number];

interface CommentsListProps {
  comments: ReportReply['comments'];
  themeCounts: ReportReply['commentThemes'];
  truncated: boolean;
  timeZone: string;
}

interface CommentFilters {
  search: string;
  rating: RatingFilter;
  unitId: string;
  theme: CommentThemeId | '';
}

/**
 * Citizens' comments with their unit, field, date and themes, dissatisfied ones first, searchable without
 * diacritics and filterable by unit and theme over the loaded comments (the counts are those of the
 * listed comments). Rendered as React text: whatever someone typed is never markup.
 */
export function CommentsList({ comments, themeCounts, truncated, timeZone }: CommentsListProps) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<CommentFilters>({ search: '', rating: 'dissatisfied-first', unitId: '', theme: '' });
  const shown = filterComments(comments, filters.search, filters.rating).filter(
    (comment) => (filters.unitId === '' || comment.unitId === filters.unitId) && (filters.theme === '' || comment.themes.includes(filters.theme)),
  );
  return (
    <section className="report-section" aria-labelledby="comments-heading">
      <h3 id="comments-heading">{t('manage.comments.title')}</h3>
      {comments.length === 0 ? (
        <p className="note">{t('manage.comments.none')}</p>
      ) : (
        <>
          <CommentFilterBar comments={comments} themeCounts={themeCounts} filters={filters} onChange={setFilters} shownCount={shown.length} />
          <ul className="comments">
            {shown.map((comment, position) => (
              <CommentItem key={`${comment.submittedAt}-${position}`} comment={comment} timeZone={timeZone} />
            ))}
          </ul>
        </>
      )}
      {truncated && <p className="note">{t('manage.comments.truncated', { count: comments.length })}</p>}
    </section>
  );
}

function CommentFilterBar(props: {
  comments: ReportReply['comments'];
  themeCounts: ReportReply['commentThemes'];
  filters: CommentFilters;
  onChange: (filters: CommentFilters) => void;
  shownCount: number;
}) {
  const { comments, themeCounts, filters, onChange, shownCount } = props;
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const count = (value: number) => formatCount(value, language);
  const perUnit = commentsPerUnit(comments);
  return (
    <div className="comments__filters no-print">
      <label>
        <span>{t('manage.comments.search')}</span>
        <input type="search" value={filters.search} onChange={(event) => onChange({ ...filters, search: event.target.value })} />
      </label>
      {perUnit.length > 1 && (
        <label>
          <span>{t('manage.comments.unit')}</span>
          <select value={filters.unitId} onChange={(event) => onChange({ ...filters, unitId: event.target.value })}>
            <option value="">{t('manage.comments.allUnits')}</option>
            {perUnit.map((unit) => (
              <option key={unit.unitId} value={unit.unitId}>
                {`${localize(unit.unitName, language)} (${count(unit.count)})`}
              </option>
            ))}
          </select>
        </label>
      )}
      {themeCounts.length > 0 && (
        <label>
          <span>{t('manage.comments.themeFilter')}</span>
          <select value={filters.theme} onChange={(event) => onChange({ ...filters, theme: event.target.value as CommentThemeId | '' })}>
            <option value="">{t('manage.comments.allThemes', { count: comments.length, formatted: count(comments.length) })}</option>
            {themeCounts.map((entry) => (
              <option key={entry.theme} value={entry.theme}>
                {t('manage.comments.themeOption', { theme: t(`manage.commentThemes.${entry.theme}`), count: count(entry.count) })}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        <span>{t('manage.comments.rating')}</span>
        <select value={filters.rating} onChange={(event) => onChange({ ...filters, rating: event.target.value as RatingFilter })}>
          <option value="dissatisfied-first">{t('manage.comments.dissatisfiedFirst')}</option>
          <option value="dissatisfied">{t('manage.comments.onlyDissatisfied')}</option>
          <option value="all">{t('manage.comments.all')}</option>
        </select>
      </label>
      <p className="note" role="status">
        {t('manage.comments.shown', { shown: count(shownCount), total: count(comments.length) })}
      </p>
    </div>
  );
}

function CommentItem({ comment, timeZone }: { comment: Comment; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const place = [localize(comment.unitName, language), comment.serviceFieldName && localize(comment.serviceFieldName, language)].filter(Boolean);
  return (
    <li className={comment.dissatisfied ? 'comments__item--dissatisfied' : undefined}>
      <p className="comments__meta">
        <time dateTime={comment.submittedAt}>{formatDateTime(comment.submittedAt, language, timeZone)}</time>
        {place.map((part) => ` · ${part}`).join('')}
        {comment.dissatisfied && <span className="comments__flag"> · {t('manage.comments.dissatisfied')}</span>}
      </p>
      <p className="comments__text">{comment.text}</p>
      {comment.themes.length > 0 && (
        <p className="comments__themes">
          {t('manage.comments.themesOf')} {comment.themes.map((id) => t(`manage.commentThemes.${id}`)).join(', ')}
        </p>
      )}
    </li>
  );
}

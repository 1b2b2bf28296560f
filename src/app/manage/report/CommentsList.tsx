import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentThemeId } from '../../../domain/comment-themes.ts';
import { localize } from '../../../domain/localize.ts';
import type { ReportReply } from '../../../domain/manage-api.ts';
import { commentsPerUnit, filterComments, type RatingFilter } from './comment-search.ts';
import { CommentThemeCounts } from './CommentThemeCounts.tsx';
import { CommentThemeEditor } from './CommentThemeEditor.tsx';
import { formatCount, formatDateTime } from './report-format.ts';

type Comment = ReportReply['comments'][number];

/** The report screen's hold on the list: the theme asked of the server, and corrections. */
export interface CommentActions {
  theme: CommentThemeId | '';
  onChooseTheme: (theme: CommentThemeId | '') => void;
  canCorrect: boolean;
  /** After a correction: the report is read again, so the theme counts move with it. */
  onCorrected: () => void;
}

interface CommentsListProps {
  comments: ReportReply['comments'];
  themeCounts: ReportReply['commentThemes'];
  /** The report's trend, whose points carry each theme's count. */
  trend: ReportReply['trend'];
  truncated: boolean;
  timeZone: string;
  actions?: CommentActions;
}

interface CommentFilters {
  search: string;
  rating: RatingFilter;
  unitId: string;
}

/**
 * Citizens' comments with their unit, field, date and themes, dissatisfied ones first, searchable without
 * diacritics and filterable by unit over the loaded comments. The theme filter asks the server (the
 * counts beside each theme are those of the whole period), and managers correct a comment's themes.
 * Rendered as React text: whatever someone typed is never markup.
 */
export function CommentsList({ comments, themeCounts, trend, truncated, timeZone, actions }: CommentsListProps) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<CommentFilters>({ search: '', rating: 'dissatisfied-first', unitId: '' });
  const shown = filterComments(comments, filters.search, filters.rating).filter(
    (comment) => filters.unitId === '' || comment.unitId === filters.unitId,
  );
  const theme = actions?.theme ?? '';
  return (
    <section className="report-section" aria-labelledby="comments-heading">
      <h3 id="comments-heading">{t('manage.comments.title')}</h3>
      <CommentThemeCounts themeCounts={themeCounts} trend={trend} />
      {comments.length === 0 && theme === '' ? (
        <p className="note">{t('manage.comments.none')}</p>
      ) : (
        <>
          <CommentFilterBar
            comments={comments}
            themeCounts={themeCounts}
            filters={filters}
            onChange={setFilters}
            shownCount={shown.length}
            actions={actions}
          />
          {comments.length === 0 && <p className="note">{t('manage.comments.noneOfTheme', { theme: t(`manage.commentThemes.${theme}`) })}</p>}
          <ul className="comments">
            {shown.map((comment, position) => (
              <CommentItem key={`${comment.responseId}-${position}`} comment={comment} timeZone={timeZone} actions={actions} />
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
  actions?: CommentActions;
}) {
  const { comments, themeCounts, filters, onChange, shownCount, actions } = props;
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
      {actions && (themeCounts.length > 0 || actions.theme !== '') && (
        <label>
          <span>{t('manage.comments.themeFilter')}</span>
          <select value={actions.theme} onChange={(event) => actions.onChooseTheme(event.target.value as CommentThemeId | '')}>
            <option value="">{t('manage.comments.allThemes')}</option>
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

function CommentItem({ comment, timeZone, actions }: { comment: Comment; timeZone: string; actions?: CommentActions }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [editing, setEditing] = useState(false);
  const [corrected, setCorrected] = useState<CommentThemeId[] | null>(null);
  const themes = corrected ?? comment.themes;
  const place = [localize(comment.unitName, language), comment.serviceFieldName && localize(comment.serviceFieldName, language)].filter(Boolean);
  return (
    <li className={comment.dissatisfied ? 'comments__item--dissatisfied' : undefined}>
      <p className="comments__meta">
        <time dateTime={comment.submittedAt}>{formatDateTime(comment.submittedAt, language, timeZone)}</time>
        {place.map((part) => ` · ${part}`).join('')}
        {comment.dissatisfied && <span className="comments__flag"> · {t('manage.comments.dissatisfied')}</span>}
      </p>
      <p className="comments__text">{comment.text}</p>
      <p className="comments__themes">
        {themes.length > 0
          ? `${t('manage.comments.themesOf')} ${themes.map((id) => t(`manage.commentThemes.${id}`)).join(', ')}`
          : t('manage.comments.noThemes')}
        {(corrected !== null || comment.themesCorrected) && <span className="comments__corrected"> · {t('manage.comments.corrected')}</span>}
        {actions?.canCorrect && !editing && (
          <>
            {' '}
            <button type="button" className="link-button no-print" onClick={() => setEditing(true)}>
              {t('manage.comments.correct')}
            </button>
          </>
        )}
      </p>
      {editing && actions && (
        <CommentThemeEditor
          responseId={comment.responseId}
          themes={themes}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setCorrected(saved);
            setEditing(false);
            actions.onCorrected();
          }}
        />
      )}
    </li>
  );
}

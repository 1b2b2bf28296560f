import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentThemeId } from '../../../domain/comment-themes.ts';
import type { ReportReply } from '../../../domain/manage-api.ts';
import { formatCount, formatDateTime } from './report-format.ts';

interface CommentsListProps {
  comments: ReportReply['comments'];
  themeCounts: ReportReply['commentThemes'];
  truncated: boolean;
  timeZone: string;
}

/**
 * Citizens' comments, newest first, each with its themes, filterable by theme (the counts are those of
 * the listed comments). Rendered as React text: whatever someone typed is never markup.
 */
export function CommentsList({ comments, themeCounts, truncated, timeZone }: CommentsListProps) {
  const { t, i18n } = useTranslation();
  const [theme, setTheme] = useState<CommentThemeId | ''>('');
  const shown = theme === '' ? comments : comments.filter((comment) => comment.themes.includes(theme));
  const count = (value: number) => formatCount(value, i18n.language);
  return (
    <section className="report-section" aria-labelledby="comments-heading">
      <h3 id="comments-heading">{t('manage.comments.title')}</h3>
      {themeCounts.length > 0 && (
        <label className="comments__filter">
          {t('manage.comments.themeFilter')}{' '}
          <select value={theme} onChange={(event) => setTheme(event.target.value as CommentThemeId | '')}>
            <option value="">{t('manage.comments.allThemes', { count: comments.length, formatted: count(comments.length) })}</option>
            {themeCounts.map((entry) => (
              <option key={entry.theme} value={entry.theme}>
                {t('manage.comments.themeOption', { theme: t(`manage.commentThemes.${entry.theme}`), count: count(entry.count) })}
              </option>
            ))}
          </select>
        </label>
      )}
      {shown.length === 0 ? (
        <p className="note">{t('manage.comments.none')}</p>
      ) : (
        <ul className="comments">
          {shown.map((comment, position) => (
            <li key={`${comment.submittedAt}-${position}`}>
              <time dateTime={comment.submittedAt}>{formatDateTime(comment.submittedAt, i18n.language, timeZone)}</time>
              <p className="comments__text">{comment.text}</p>
              {comment.themes.length > 0 && (
                <p className="comments__themes">
                  {t('manage.comments.themesOf')} {comment.themes.map((id) => t(`manage.commentThemes.${id}`)).join(', ')}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {truncated && <p className="note">{t('manage.comments.truncated', { count: comments.length })}</p>}
    </section>
  );
}

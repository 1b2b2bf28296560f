import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMENT_THEME_IDS, type CommentThemeId } from '../../../domain/comment-themes.ts';
import { correctCommentThemes } from '../api/reports.ts';
import { asApiError } from '../../http/api-error.ts';
import { useMutationRunner } from '../api/queries.ts';
import { apiErrorText } from '../layout/ApiErrorMessage.tsx';

interface CommentThemeEditorProps {
  responseId: string;
  themes: readonly CommentThemeId[];
  onSaved: (themes: CommentThemeId[]) => void;
  onCancel: () => void;
}

/**
 * A manager's correction of a comment's themes: every theme as a checkbox, saved at once. The server
 * keeps the correction over any later classifier run and moves the report's theme counts with it.
 */
export function CommentThemeEditor({ responseId, themes, onSaved, onCancel }: CommentThemeEditorProps) {
  const { t } = useTranslation();
  const run = useMutationRunner();
  const [chosen, setChosen] = useState<Set<CommentThemeId>>(() => new Set(themes));
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const toggle = (theme: CommentThemeId) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(theme)) next.delete(theme);
      else next.add(theme);
      return next;
    });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    try {
      const reply = await run(() =>
        correctCommentThemes(
          responseId,
          COMMENT_THEME_IDS.filter((theme) => chosen.has(theme)),
        ),
      );
      onSaved(reply.themes);
    } catch (error) {
      setFailure(apiErrorText(asApiError(error), t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="theme-editor no-print" onSubmit={save}>
      <fieldset>
        <legend>{t('manage.comments.correctLegend')}</legend>
        <div className="theme-editor__choices">
          {COMMENT_THEME_IDS.map((theme) => (
            <label key={theme}>
              <input type="checkbox" checked={chosen.has(theme)} onChange={() => toggle(theme)} />
              {t(`manage.commentThemes.${theme}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {failure && (
        <p role="alert" className="form-error">
          {failure}
        </p>
      )}
      <div className="theme-editor__actions">
        <button type="submit" className="manage-button manage-button--primary" disabled={saving}>
          {saving ? t('manage.comments.saving') : t('manage.comments.saveThemes')}
        </button>
        <button type="button" className="manage-button" onClick={onCancel} disabled={saving}>
          {t('manage.comments.cancel')}
        </button>
      </div>
    </form>
  );
}

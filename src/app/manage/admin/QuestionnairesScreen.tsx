import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../domain/localize.ts';
import type { UnitTreeReply } from '../../../domain/manage-api.ts';
import { questionnaireSchema } from '../../../domain/questionnaire.ts';
import { adminApi } from '../api/admin.ts';
import { SubmissionStatus, useSubmission, type SubmissionOutcome } from './form-parts.tsx';

/**
 * Publishing a version is pasting its JSON: checked here with the domain schema (errors with their paths),
 * then again by the server, which also refuses a version that already exists.
 */
export function QuestionnairesScreen({ tree, onPublished }: { tree: UnitTreeReply; onPublished: () => void }) {
  const { t, i18n } = useTranslation();
  const [json, setJson] = useState('');
  const [localOutcome, setLocalOutcome] = useState<SubmissionOutcome>({ kind: 'idle' });
  const { outcome, submit } = useSubmission();
  const publish = async () => {
    let data: unknown;
    try {
      data = JSON.parse(json);
    } catch (error) {
      setLocalOutcome({ kind: 'failed', message: t('manage.questionnaires.notJson', { message: String(error) }), issues: [] });
      return;
    }
    const parsed = questionnaireSchema.safeParse(data);
    if (!parsed.success) {
      setLocalOutcome({
        kind: 'failed',
        message: t('manage.questionnaires.invalid'),
        issues: parsed.error.issues.map((issue) => ({ path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)), message: issue.message })),
      });
      return;
    }
    setLocalOutcome({ kind: 'idle' });
    const published = await submit(
      () => adminApi.publishQuestionnaire(data),
      (reply) => t('manage.questionnaires.published', { id: reply.id, version: reply.version }),
    );
    if (published) onPublished();
  };
  return (
    <div className="admin-section">
      <ul>
        {tree.questionnaires.map((questionnaire) => (
          <li key={`${questionnaire.id}@${questionnaire.version}`}>
            {t('manage.filters.version', { title: localize(questionnaire.title, i18n.language), version: questionnaire.version })} (<code>{questionnaire.id}</code>,{' '}
            {t(`manage.questionnaires.modes.${questionnaire.mode}`)})
            <ul className="questionnaire-locales" aria-label={t('manage.questionnaires.locales')}>
              {Object.entries(questionnaire.locales).map(([code, status]) => (
                <li key={code} data-status={status}>
                  <code>{code}</code>: {t(`manage.questionnaires.status.${status}`)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <form
        className="manage-form"
        aria-labelledby="questionnaire-publish"
        onSubmit={(event) => {
          event.preventDefault();
          void publish();
        }}
      >
        <h2 id="questionnaire-publish">{t('manage.questionnaires.publish')}</h2>
        <p className="note">{t('manage.questionnaires.hint')}</p>
        <label>
          <span>{t('manage.questionnaires.json')}</span>
          <textarea value={json} onChange={(event) => setJson(event.target.value)} spellCheck={false} rows={16} />
        </label>
        <SubmissionStatus outcome={localOutcome} />
        <SubmissionStatus outcome={outcome} />
        <button type="submit" className="manage-button manage-button--primary">
          {t('manage.questionnaires.publishSubmit')}
        </button>
      </form>
    </div>
  );
}

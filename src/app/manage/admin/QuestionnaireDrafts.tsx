import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../domain/localize.ts';
import type { DraftHead } from '../../../domain/questionnaire-drafts.ts';
import { adminApi } from '../api/admin.ts';
import type { ApiData } from '../api/queries.ts';
import { LoadedList } from '../layout/LoadedList.tsx';
import { formatDateTime } from '../report/report-format.ts';
import { DEFAULT_TIME_ZONE } from '../../../domain/local-day.ts';
import { SubmissionStatus, useSubmission } from './form-parts.tsx';

/**
 * The drafts kept on the server, newest first: each opens into the editor above or is deleted. A draft
 * survives a reload and another browser; publishing its version removes it.
 */
export function QuestionnaireDrafts({
  drafts,
  onOpen,
}: {
  drafts: { state: ApiData<DraftHead[]>; reload: () => void };
  onOpen: (head: DraftHead, text: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { outcome, submit } = useSubmission();
  const [busy, setBusy] = useState(false);
  const nameOf = (head: DraftHead) =>
    t('manage.drafts.name', { title: head.title ? localize(head.title, language) : head.id, version: head.version });
  const open = async (head: DraftHead) => {
    setBusy(true);
    await submit(async () => {
      const draft = await adminApi.getQuestionnaireDraft(head.id, head.version);
      onOpen(head, draft.text);
    });
    setBusy(false);
  };
  const remove = async (head: DraftHead) => {
    if (!window.confirm(t('manage.drafts.confirmDelete', { name: nameOf(head) }))) return;
    setBusy(true);
    await submit(
      () => adminApi.deleteQuestionnaireDraft(head.id, head.version),
      () => t('manage.drafts.deleted', { name: nameOf(head) }),
    );
    setBusy(false);
    drafts.reload();
  };
  return (
    <section aria-labelledby="questionnaire-drafts">
      <h2 id="questionnaire-drafts">{t('manage.drafts.title')}</h2>
      <LoadedList query={drafts} emptyNote={t('manage.drafts.none')}>
        {(items) => (
          <ul className="questionnaire-drafts">
            {items.map((head) => (
              <li key={`${head.id}@${head.version}`}>
                <strong>{nameOf(head)}</strong> (<code>{head.id}</code>){' '}
                <span className="note">
                  {t('manage.drafts.saved', { at: formatDateTime(head.savedAt, language, DEFAULT_TIME_ZONE), by: head.savedBy })}
                </span>{' '}
                <button type="button" className="manage-button" disabled={busy} onClick={() => void open(head)}>
                  {t('manage.drafts.open')}
                </button>{' '}
                <button type="button" className="manage-button manage-button--danger" disabled={busy} onClick={() => void remove(head)}>
                  {t('manage.drafts.delete')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </LoadedList>
      <SubmissionStatus outcome={outcome} />
    </section>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../domain/localize.ts';
import type { UnitTreeReply } from '../../../domain/manage-api.ts';
import { questionnaireSchema } from '../../../domain/questionnaire.ts';
import { attachRecording, recordingTargets } from '../../../domain/recordings.ts';
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
      <RecordingForm json={json} onAttached={setJson} />
    </div>
  );
}

function parsedDraft(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

/**
 * A recording for one text of the draft above, in one of its languages: the file goes into the draft's
 * JSON as a data URL, published with the version (the tablet then plays it offline when it has no voice).
 */
function RecordingForm({ json, onAttached }: { json: string; onAttached: (json: string) => void }) {
  const { t, i18n } = useTranslation();
  const draft = parsedDraft(json);
  const targets = recordingTargets(draft);
  const [targetKey, setTargetKey] = useState('');
  const [locale, setLocale] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<SubmissionOutcome>({ kind: 'idle' });
  const target = targets.find((candidate) => candidate.path.join('.') === targetKey) ?? targets[0];
  const chosenLocale = target?.locales.includes(locale) ? locale : (target?.locales[0] ?? '');
  const attach = async () => {
    if (!target || !file) {
      setOutcome({ kind: 'failed', message: t('manage.recordings.chooseFile'), issues: [] });
      return;
    }
    const attached = attachRecording(draft, target.path, chosenLocale, await readAsDataUrl(file));
    if (!attached.ok) {
      setOutcome({ kind: 'failed', message: t('manage.recordings.refused', { message: attached.message }), issues: [] });
      return;
    }
    onAttached(JSON.stringify(attached.draft, null, 2));
    setOutcome({ kind: 'done', message: t('manage.recordings.attached', { text: localize(target.text, chosenLocale), locale: chosenLocale }) });
  };
  return (
    <form
      className="manage-form"
      aria-labelledby="recording-attach"
      onSubmit={(event) => {
        event.preventDefault();
        void attach();
      }}
    >
      <h2 id="recording-attach">{t('manage.recordings.title')}</h2>
      <p className="note">{t('manage.recordings.hint')}</p>
      {targets.length === 0 ? (
        <p className="note">{t('manage.recordings.noDraft')}</p>
      ) : (
        <>
          <label>
            <span>{t('manage.recordings.text')}</span>
            <select value={target?.path.join('.') ?? ''} onChange={(event) => setTargetKey(event.target.value)}>
              {targets.map((candidate) => (
                <option key={candidate.path.join('.')} value={candidate.path.join('.')}>
                  {localize(candidate.text, i18n.language)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('manage.recordings.locale')}</span>
            <select value={chosenLocale} onChange={(event) => setLocale(event.target.value)}>
              {target?.locales.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('manage.recordings.file')}</span>
            <input type="file" accept="audio/*" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
          </label>
          <SubmissionStatus outcome={outcome} />
          <button type="submit" className="manage-button">
            {t('manage.recordings.submit')}
          </button>
        </>
      )}
    </form>
  );
}

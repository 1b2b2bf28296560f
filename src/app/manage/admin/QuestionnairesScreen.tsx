import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../domain/localize.ts';
import type { UnitTreeReply } from '../../../domain/manage-api.ts';
import type { Questionnaire } from '../../../domain/questionnaire.ts';
import { attachRecording, recordingTargets } from '../../../domain/recordings.ts';
import { adminApi } from '../api/admin.ts';
import { SubmissionStatus, SubmitWithStatus, TitledForm, useSubmission, type SubmissionOutcome } from './form-parts.tsx';
import { MethodSummary } from './MethodSummary.tsx';
import { MethodPreviewForm } from './MethodPreviewForm.tsx';
import { QuestionnaireDrafts } from './QuestionnaireDrafts.tsx';
import { useApiQuery } from '../api/queries.ts';
import { adminKeys } from '../api/query-keys.ts';
import { checkedDraft, draftFailure, parsedDraft } from './draft-json.ts';
import { QuestionnaireEditor } from './QuestionnaireEditor.tsx';
import { QuestionnaireTemplates } from './QuestionnaireTemplates.tsx';
import { UnitQuestionnairesForm } from './UnitQuestionnairesForm.tsx';

type PublishedHead = UnitTreeReply['questionnaires'][number];

/** Each questionnaire once, by its newest version, with its older versions (the reply lists newest first per id). */
function newestPerId(heads: readonly PublishedHead[]): { newest: PublishedHead; older: PublishedHead[] }[] {
  const groups = new Map<string, PublishedHead[]>();
  for (const head of heads) groups.set(head.id, [...(groups.get(head.id) ?? []), head]);
  return [...groups.values()].map(([newest, ...older]) => ({ newest: newest!, older }));
}

/**
 * Published versions with their methods, the templates to start from, the draft to publish (its JSON,
 * checked here with the domain schema, errors with their paths, then again by the server, which also
 * refuses a version that already exists) and which questionnaire each unit uses.
 */
export function QuestionnairesScreen({ tree, onPublished }: { tree: UnitTreeReply; onPublished: () => void }) {
  const { t, i18n } = useTranslation();
  const [json, setJson] = useState('');
  const [draftNote, setDraftNote] = useState('');
  const draftField = useRef<HTMLTextAreaElement>(null);
  const [localOutcome, setLocalOutcome] = useState<SubmissionOutcome>({ kind: 'idle' });
  const { outcome, submit } = useSubmission();
  const loader = useSubmission();
  const saver = useSubmission();
  const drafts = useApiQuery(adminKeys.questionnaireDrafts(), (signal) => adminApi.listQuestionnaireDrafts(signal));
  const nextVersionOf = (id: string) => Math.max(0, ...tree.questionnaires.filter((head) => head.id === id).map((head) => head.version)) + 1;
  const startDraft = (definition: Questionnaire) => {
    const version = nextVersionOf(definition.id);
    setJson(JSON.stringify({ ...definition, version }, null, 2));
    setDraftNote(t('manage.questionnaires.draftLoaded', { title: localize(definition.title, i18n.language), version }));
    setLocalOutcome({ kind: 'idle' });
    draftField.current?.focus();
  };
  const publishedVersion = async (head: PublishedHead): Promise<Questionnaire | null> => {
    let definition: Questionnaire | null = null;
    await loader.submit(async () => {
      definition = await adminApi.getQuestionnaireVersion(head.id, head.version);
    });
    return definition;
  };
  const duplicate = async (head: PublishedHead) => {
    const definition = await publishedVersion(head);
    if (definition) startDraft(definition);
  };
  const download = async (head: PublishedHead) => {
    const definition = await publishedVersion(head);
    if (!definition) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([JSON.stringify(definition, null, 2)], { type: 'application/json' }));
    link.download = `${head.id}.v${head.version}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  const publish = async () => {
    const draft = checkedDraft(json);
    if (!draft.ok) {
      setLocalOutcome(draftFailure(draft, t, i18n.language));
      return;
    }
    setLocalOutcome({ kind: 'idle' });
    const published = await submit(
      () => adminApi.publishQuestionnaire(draft.questionnaire),
      (reply) => t('manage.questionnaires.published', { id: reply.id, version: reply.version }),
    );
    if (published) {
      drafts.reload();
      onPublished();
    }
  };
  const saveDraft = async () => {
    setLocalOutcome({ kind: 'idle' });
    const saved = await saver.submit(
      () => adminApi.saveQuestionnaireDraft(json),
      (head) => t('manage.drafts.savedNow', { title: head.title ? localize(head.title, i18n.language) : head.id, version: head.version }),
    );
    if (saved) drafts.reload();
  };
  const openDraft = (head: { id: string; version: number }, text: string) => {
    setJson(text);
    setDraftNote(t('manage.drafts.opened', { id: head.id, version: head.version }));
    setLocalOutcome({ kind: 'idle' });
    draftField.current?.focus();
  };
  return (
    <div className="admin-section">
      <section aria-labelledby="questionnaire-versions">
        <h2 id="questionnaire-versions">{t('manage.questionnaires.versions')}</h2>
        <ul className="questionnaire-list">
          {newestPerId(tree.questionnaires).map(({ newest: questionnaire, older }) => (
            <li key={questionnaire.id}>
              <strong>{t('manage.filters.version', { title: localize(questionnaire.title, i18n.language), version: questionnaire.version })}</strong>{' '}
              (<code>{questionnaire.id}</code>, {t(`manage.questionnaires.modes.${questionnaire.mode}`)})
              <ul className="questionnaire-locales" aria-label={t('manage.questionnaires.locales')}>
                {Object.entries(questionnaire.locales).map(([code, status]) => (
                  <li key={code} data-status={status}>
                    <code>{code}</code>: {t(`manage.questionnaires.status.${status}`)}
                  </li>
                ))}
              </ul>
              {questionnaire.method && <MethodSummary method={questionnaire.method} />}
              <div className="questionnaire-actions">
                <button type="button" className="manage-button" onClick={() => void duplicate(questionnaire)}>
                  {t('manage.questionnaires.duplicate', { version: nextVersionOf(questionnaire.id) })}
                </button>
                <button type="button" className="manage-button" onClick={() => void download(questionnaire)}>
                  {t('manage.questionnaires.exportJson')}
                </button>
              </div>
              {older.length > 0 && (
                <details>
                  <summary>{t('manage.questionnaires.olderVersions', { count: older.length })}</summary>
                  <ul className="questionnaire-older">
                    {older.map((version) => (
                      <li key={version.version}>
                        {t('manage.questionnaires.versionNumber', { version: version.version })}
                        {version.method && ` · ${localize(version.method.name, i18n.language)}`}{' '}
                        <button type="button" className="manage-button" onClick={() => void download(version)}>
                          {t('manage.questionnaires.exportJson')}
                        </button>
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          ))}
        </ul>
        <SubmissionStatus outcome={loader.outcome.kind === 'failed' ? loader.outcome : { kind: 'idle' }} />
      </section>
      <UnitQuestionnairesForm tree={tree} onSaved={onPublished} />
      <QuestionnaireTemplates onUse={startDraft} />
      <QuestionnaireEditor json={json} onChange={setJson} />
      <TitledForm
        id="questionnaire-publish"
        title={t('manage.questionnaires.publish')}
        hint={t('manage.questionnaires.hint')}
        onSubmit={() => void publish()}
      >
        {draftNote && <p role="status">{draftNote}</p>}
        <label>
          <span>{t('manage.questionnaires.json')}</span>
          <textarea ref={draftField} value={json} onChange={(event) => setJson(event.target.value)} spellCheck={false} rows={16} />
        </label>
        <SubmissionStatus outcome={localOutcome} />
        <SubmissionStatus outcome={saver.outcome} />
        <div className="questionnaire-actions">
          <button type="button" className="manage-button" onClick={() => void saveDraft()}>
            {t('manage.drafts.save')}
          </button>
          <SubmitWithStatus outcome={outcome}>{t('manage.questionnaires.publishSubmit')}</SubmitWithStatus>
        </div>
      </TitledForm>
      <QuestionnaireDrafts drafts={drafts} onOpen={openDraft} />
      <MethodPreviewForm tree={tree} json={json} />
      <RecordingForm json={json} onAttached={setJson} />
    </div>
  );
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
    <TitledForm id="recording-attach" title={t('manage.recordings.title')} hint={t('manage.recordings.hint')} onSubmit={() => void attach()}>
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
    </TitledForm>
  );
}

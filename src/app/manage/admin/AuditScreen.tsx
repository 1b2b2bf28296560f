import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTION_GROUP_IDS, auditSentence, isAuditActionGroup, type AuditNames } from '../../../domain/audit-sentences.ts';
import { localize } from '../../../domain/localize.ts';
import type { AuditEntry, DeviceItem, UnitTreeReply } from '../../../domain/manage-api.ts';
import { adminApi } from '../api/admin.ts';
import { useApiQuery } from '../api/queries.ts';
import { adminKeys } from '../api/query-keys.ts';
import { ApiErrorMessage } from '../layout/ApiErrorMessage.tsx';
import { formatDateTime } from '../report/report-format.ts';

function namesFrom(tree: UnitTreeReply, devices: readonly DeviceItem[], language: string): AuditNames {
  const deviceNames = new Map(devices.map((device) => [device.id, device.name]));
  const units = new Map(tree.units.map((unit) => [unit.id, localize(unit.name, language)]));
  const questionnaires = new Map(tree.questionnaires.map((questionnaire) => [questionnaire.id, localize(questionnaire.title, language)]));
  const fields = new Map(tree.serviceFields.map((field) => [field.id, localize(field.name, language)]));
  return {
    unit: (id) => units.get(id),
    questionnaire: (id) => questionnaires.get(id),
    serviceField: (id) => fields.get(id),
    device: (id) => deviceNames.get(id),
  };
}

const NO_DEVICES: readonly DeviceItem[] = [];

/** Every admin change and export as a sentence, newest first, 100 at a time, by kind of action and actor. */
export function AuditScreen({ tree }: { tree: UnitTreeReply }) {
  const { t, i18n } = useTranslation();
  const [before, setBefore] = useState<string | null>(null);
  const [group, setGroup] = useState('');
  const [actor, setActor] = useState('');
  const [typedActor, setTypedActor] = useState('');
  const entries = useApiQuery(adminKeys.audit({ before, group, actor }), (signal) => adminApi.listAudit({ before, group, actor }, signal));
  // Tablets are named from the Devices list; until it answers (or for an account that may not read it), by id.
  const devices = useApiQuery(adminKeys.devices(''), (signal) => adminApi.listDevices(null, signal));
  const deviceList = devices.state.kind === 'loaded' ? devices.state.data : NO_DEVICES;
  const names = useMemo(() => namesFrom(tree, deviceList, i18n.language), [tree, deviceList, i18n.language]);
  const sentence = (entry: AuditEntry) => {
    const { key, values, terms } = auditSentence(entry, names, i18n.language);
    const translated = Object.fromEntries(Object.entries(terms).map(([name, term]) => [name, t(term.key, { defaultValue: term.fallback })]));
    return t(key, { ...values, ...translated });
  };
  return (
    <div className="admin-section">
      <form
        className="audit-filters"
        onSubmit={(event) => {
          event.preventDefault();
          setBefore(null);
          setActor(typedActor.trim());
        }}
      >
        <label>
          <span>{t('manage.audit.filterGroup')}</span>
          <select
            value={group}
            onChange={(event) => {
              setBefore(null);
              setGroup(isAuditActionGroup(event.target.value) ? event.target.value : '');
            }}
          >
            <option value="">{t('manage.audit.allGroups')}</option>
            {AUDIT_ACTION_GROUP_IDS.map((id) => (
              <option key={id} value={id}>
                {t(`manage.audit.groups.${id}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('manage.audit.filterActor')}</span>
          <input value={typedActor} onChange={(event) => setTypedActor(event.target.value)} placeholder={t('manage.audit.allActors')} />
        </label>
        <button type="submit" className="manage-button">
          {t('manage.audit.applyFilters')}
        </button>
      </form>
      {entries.state.kind === 'failed' && <ApiErrorMessage error={entries.state.error} onRetry={entries.reload} />}
      {entries.state.kind === 'loading' && <p className="loading">{t('manage.loading')}</p>}
      {entries.state.kind === 'loaded' && (
        <>
          {entries.state.data.length === 0 && <p className="note">{t('manage.audit.noneMatch')}</p>}
          <ol className="audit-list">
            {entries.state.data.map((entry) => (
              <li key={entry.id}>
                <time dateTime={entry.at}>{formatDateTime(entry.at, i18n.language, 'Asia/Ho_Chi_Minh')}</time>
                <p className="audit-list__sentence">{sentence(entry)}</p>
                <details>
                  <summary>{t('manage.audit.raw')}</summary>
                  <pre className="audit-detail">{JSON.stringify({ actor: entry.actor, action: entry.action, detail: entry.detail }, null, 2)}</pre>
                </details>
              </li>
            ))}
          </ol>
          <div className="export-bar">
            {before !== null && (
              <button type="button" className="manage-button" onClick={() => setBefore(null)}>
                {t('manage.audit.newest')}
              </button>
            )}
            {entries.state.data.length > 0 && (
              <button
                type="button"
                className="manage-button"
                onClick={() => setBefore(entries.state.kind === 'loaded' ? (entries.state.data.at(-1)?.id ?? null) : null)}
              >
                {t('manage.audit.older')}
              </button>
            )}
          </div>
        </>
      )}
    </div>
  );
}

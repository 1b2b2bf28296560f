import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALERT_KIND_NAMES } from '../../../domain/alert-messages.ts';
import { ALERT_RULE_KINDS, DEFAULT_ALERT_RULES, type AlertRuleKind } from '../../../domain/alert-rules.ts';
import type { AlertRule } from '../../../domain/alerts-api.ts';
import type { SessionUser, UnitTreeReply } from '../../../domain/manage-api.ts';
import { alertsApi } from '../api/alerts.ts';
import { useApiQuery } from '../api/queries.ts';
import { alertKeys } from '../api/query-keys.ts';
import { SubmissionStatus, useSubmission } from '../admin/form-parts.tsx';
import { UnitSelect, unitName } from '../admin/UnitSelect.tsx';
import { ApiErrorMessage } from '../layout/ApiErrorMessage.tsx';

type Params = Record<string, number | null>;

function defaultParams(kind: AlertRuleKind): Params {
  return { ...(DEFAULT_ALERT_RULES.find((rule) => rule.kind === kind)!.params as Params) };
}

/** The rules that watch the account's units: switch on or off, change thresholds, add one for a unit. */
export function AlertRulesPanel({ tree, user }: { tree: UnitTreeReply; user: SessionUser }) {
  const { t, i18n } = useTranslation();
  const rules = useApiQuery(alertKeys.rules(), (signal) => alertsApi.listRules(signal));
  const locale = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <section className="admin-section" aria-labelledby="alert-rules-heading">
      <h2 id="alert-rules-heading">{t('manage.alerts.rules')}</h2>
      {rules.state.kind === 'failed' && <ApiErrorMessage error={rules.state.error} onRetry={rules.reload} />}
      {rules.state.kind === 'loaded' && (
        <ul className="alert-rules">
          {rules.state.data.rules.map((rule) => (
            <li key={rule.id}>
              <strong>{ALERT_KIND_NAMES[rule.kind][locale]}</strong> —{' '}
              {rule.unitId === null ? t('manage.alerts.everyUnit') : unitName(tree, rule.unitId, i18n.language)}
              <RuleForm rule={rule} onSaved={rules.reload} />
            </li>
          ))}
        </ul>
      )}
      <NewRuleForm tree={tree} user={user} onCreated={rules.reload} />
    </section>
  );
}

function ParamFields({ params, onChange, disabled }: { params: Params; onChange: (next: Params) => void; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {Object.entries(params).map(([name, value]) => (
        <label key={name}>
          <span>{t(`manage.alerts.params.${name}`)}</span>
          <input
            type="number"
            disabled={disabled}
            value={value ?? ''}
            onChange={(event) => onChange({ ...params, [name]: event.target.value === '' ? null : Number(event.target.value) })}
          />
        </label>
      ))}
    </>
  );
}

function RuleForm({ rule, onSaved }: { rule: AlertRule; onSaved: () => void }) {
  const { t } = useTranslation();
  const { outcome, submit } = useSubmission();
  const [params, setParams] = useState(rule.params as Params);
  const [enabled, setEnabled] = useState(rule.enabled);
  const save = async () => {
    if (await submit(() => alertsApi.changeRule(rule.id, { params, enabled }))) onSaved();
  };
  return (
    <form className="manage-form manage-form--inline" onSubmit={(event) => (event.preventDefault(), void save())}>
      <label>
        <input type="checkbox" disabled={!rule.editable} checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
        <span>{t('manage.alerts.enabled')}</span>
      </label>
      <ParamFields params={params} onChange={setParams} disabled={!rule.editable} />
      {rule.editable && (
        <button type="submit" className="manage-button">
          {t('manage.admin.save')}
        </button>
      )}
      <SubmissionStatus outcome={outcome} />
    </form>
  );
}

function NewRuleForm({ tree, user, onCreated }: { tree: UnitTreeReply; user: SessionUser; onCreated: () => void }) {
  const { t, i18n } = useTranslation();
  const { outcome, submit } = useSubmission();
  const [kind, setKind] = useState<AlertRuleKind>('index-below-target');
  const [unitId, setUnitId] = useState(user.role === 'admin' ? '' : (user.unitId ?? ''));
  const [params, setParams] = useState(() => defaultParams('index-below-target'));
  const locale = i18n.language === 'en' ? 'en' : 'vi';
  const create = async () => {
    if (await submit(() => alertsApi.createRule({ unitId: unitId === '' ? null : unitId, kind, params, enabled: true }))) onCreated();
  };
  return (
    <form className="manage-form" aria-label={t('manage.alerts.newRule')} onSubmit={(event) => (event.preventDefault(), void create())}>
      <h3>{t('manage.alerts.newRule')}</h3>
      <label>
        <span>{t('manage.alerts.kind')}</span>
        <select
          value={kind}
          onChange={(event) => {
            const next = event.target.value as AlertRuleKind;
            setKind(next);
            setParams(defaultParams(next));
          }}
        >
          {ALERT_RULE_KINDS.map((candidate) => (
            <option key={candidate} value={candidate}>
              {ALERT_KIND_NAMES[candidate][locale]}
            </option>
          ))}
        </select>
      </label>
      <UnitSelect
        tree={tree}
        label={t('manage.alerts.unit')}
        value={unitId}
        onChange={setUnitId}
        emptyLabel={user.role === 'admin' ? t('manage.alerts.everyUnit') : undefined}
      />
      <ParamFields params={params} onChange={setParams} disabled={false} />
      <SubmissionStatus outcome={outcome} />
      <button type="submit" className="manage-button manage-button--primary">
        {t('manage.alerts.create')}
      </button>
    </form>
  );
}

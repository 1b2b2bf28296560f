import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DELIVERY_CHANNELS, DIGEST_FREQUENCIES, type DeliveryPreferences } from '../../../domain/alert-delivery.ts';
import { ALERT_KIND_NAMES } from '../../../domain/alert-messages.ts';
import { ALERT_RULE_KINDS } from '../../../domain/alert-rules.ts';
import { alertsApi } from '../api/alerts.ts';
import { useApiQuery } from '../api/queries.ts';
import { alertKeys } from '../api/query-keys.ts';
import { SubmissionStatus, useSubmission } from '../admin/form-parts.tsx';
import { ApiErrorMessage } from '../layout/ApiErrorMessage.tsx';
import { transformedInput } from '../../ui/transformed-input.ts';

/** How alerts and digests reach the signed-in account: e-mail address, channels, kinds, quiet hours, digest. */
export function DeliveryPreferencesPanel() {
  const { t } = useTranslation();
  const current = useApiQuery(alertKeys.preferences(), (signal) => alertsApi.getPreferences(signal));
  return (
    <section className="admin-section" aria-labelledby="alert-preferences-heading">
      <h2 id="alert-preferences-heading">{t('manage.alerts.preferences.title')}</h2>
      {current.state.kind === 'failed' && <ApiErrorMessage error={current.state.error} onRetry={current.reload} />}
      {current.state.kind === 'loaded' && (
        <PreferencesForm initial={current.state.data.preferences} available={current.state.data.channelsAvailable} />
      )}
    </section>
  );
}

function PreferencesForm({ initial, available }: { initial: DeliveryPreferences; available: { email: boolean; webhook: boolean } }) {
  const { t, i18n } = useTranslation();
  const { outcome, submit } = useSubmission();
  const [values, setValues] = useState(initial);
  const locale = i18n.language === 'en' ? 'en' : 'vi';
  const toggle = <T,>(list: readonly T[], item: T, on: boolean): T[] =>
    on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
  const kinds = values.ruleKinds ?? [...ALERT_RULE_KINDS];
  return (
    <form
      className="manage-form"
      aria-label={t('manage.alerts.preferences.title')}
      onSubmit={(event) => (event.preventDefault(), void submit(() => alertsApi.savePreferences(values)))}
    >
      <label>
        <span>{t('manage.alerts.preferences.email')}</span>
        <input
          type="email"
          value={values.email ?? ''}
          onChange={transformedInput(
            (typed) => typed.trim(),
            (email) => setValues({ ...values, email: email === '' ? null : email }),
          )}
        />
      </label>
      <fieldset>
        <legend>{t('manage.alerts.preferences.channels')}</legend>
        {DELIVERY_CHANNELS.map((channel) => (
          <label key={channel}>
            <input
              type="checkbox"
              checked={values.channels.includes(channel)}
              onChange={(event) => setValues({ ...values, channels: toggle(values.channels, channel, event.target.checked) })}
            />
            <span>{t(`manage.alerts.preferences.channel.${channel}`)}</span>
            {!available[channel] && <small> {t('manage.alerts.preferences.notConfigured')}</small>}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('manage.alerts.preferences.kinds')}</legend>
        {ALERT_RULE_KINDS.map((kind) => (
          <label key={kind}>
            <input
              type="checkbox"
              checked={kinds.includes(kind)}
              onChange={(event) => setValues({ ...values, ruleKinds: toggle(kinds, kind, event.target.checked) })}
            />
            <span>{ALERT_KIND_NAMES[kind][locale]}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('manage.alerts.preferences.quietHours')}</legend>
        {(['from', 'to'] as const).map((end) => (
          <label key={end}>
            <span>{t(`manage.alerts.preferences.quiet.${end}`)}</span>
            <input
              type="time"
              value={values.quietHours?.[end] ?? ''}
              onChange={(event) => {
                const next = { from: values.quietHours?.from ?? '', to: values.quietHours?.to ?? '', [end]: event.target.value };
                setValues({ ...values, quietHours: next.from === '' && next.to === '' ? null : next });
              }}
            />
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('manage.alerts.preferences.digest')}</legend>
        <select
          aria-label={t('manage.alerts.preferences.digestFrequency')}
          value={values.digest.frequency}
          onChange={(event) =>
            setValues({ ...values, digest: { ...values.digest, frequency: event.target.value as DeliveryPreferences['digest']['frequency'] } })
          }
        >
          {DIGEST_FREQUENCIES.map((frequency) => (
            <option key={frequency} value={frequency}>
              {t(`manage.alerts.preferences.frequency.${frequency}`)}
            </option>
          ))}
        </select>
        <label>
          <span>{t('manage.alerts.preferences.digestAt')}</span>
          <input
            type="time"
            value={values.digest.at}
            onChange={(event) => setValues({ ...values, digest: { ...values.digest, at: event.target.value } })}
          />
        </label>
      </fieldset>
      <SubmissionStatus outcome={outcome} />
      <button type="submit" className="manage-button manage-button--primary">
        {t('manage.admin.save')}
      </button>
    </form>
  );
}

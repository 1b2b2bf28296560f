import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { DeviceConfig } from '../../domain/device-config.ts';
import type { KioskSettings } from '../../domain/kiosk-settings.ts';
import { localize } from '../../domain/localize.ts';
import { KIOSK_LANGUAGES } from '../i18n/index.ts';
import { LanguageName } from '../kiosk/LanguageName.tsx';
import { useKioskDatabase } from '../store/StoreContext.tsx';
import { saveSettingsOverrides } from '../store/settings.ts';
import { ChangePinForm } from './ChangePinForm.tsx';
import { ReadAloudCard } from './ReadAloudCard.tsx';
import { formValuesOf, overridesOf, staffSettingsFormSchema, type StaffSettingsFormValues } from './settings-form.ts';
import { TextField } from '../ui/TextField.tsx';

interface SettingsScreenProps {
  config: DeviceConfig;
  settings: KioskSettings;
}

/** The kiosk settings staff may adjust on this tablet, over the unit's published ones. */
export function SettingsScreen({ config, settings }: SettingsScreenProps) {
  const { t, i18n } = useTranslation();
  const db = useKioskDatabase();
  const [saved, setSaved] = useState(false);
  const form = useForm<StaffSettingsFormValues>({ defaultValues: formValuesOf(settings), resolver: zodResolver(staffSettingsFormSchema) });
  const errors = form.formState.errors;
  const save = form.handleSubmit(async (values) => {
    setSaved(false);
    await saveSettingsOverrides(db, overridesOf(values));
    setSaved(true);
  });
  const errorText = (field: keyof StaffSettingsFormValues) => (errors[field] ? t(`staff.settings.errors.${field}`) : undefined);
  const fieldError = (field: keyof StaffSettingsFormValues) =>
    errors[field] ? (
      <p className="form-error" role="alert" id={`settings-${field}-error`}>
        {errorText(field)}
      </p>
    ) : null;

  return (
    <section aria-labelledby="staff-settings-title">
      <h1 id="staff-settings-title">{t('staff.settings.title')}</h1>
      <form className="staff-form" onSubmit={(event) => void save(event)} noValidate>
        <fieldset>
          <legend>{t('staff.settings.mode')}</legend>
          <label>
            <input type="radio" value="full" {...form.register('mode')} /> {t('staff.settings.modeFull')}
          </label>
          <label>
            <input type="radio" value="quick" {...form.register('mode')} /> {t('staff.settings.modeQuick')}
          </label>
        </fieldset>
        <label className="text-field">
          <span>{t('staff.settings.counter')}</span>
          <select {...form.register('counterId')}>
            <option value="">{t('staff.settings.noCounter')}</option>
            {config.counters.map((counter) => (
              <option key={counter.id} value={counter.id}>
                {localize(counter.name, i18n.language)}
              </option>
            ))}
          </select>
        </label>
        <TextField
          label={t('staff.settings.idleTimeout')}
          error={errorText('idleTimeoutSeconds')}
          errorId="settings-idleTimeoutSeconds-error"
          type="number"
          inputMode="numeric"
          {...form.register('idleTimeoutSeconds', { valueAsNumber: true })}
        />
        <fieldset>
          <legend>{t('staff.settings.languages')}</legend>
          {KIOSK_LANGUAGES.map((language) => (
            <label key={language.code}>
              <input type="checkbox" value={language.code} {...form.register('languages')} />{' '}
              <LanguageName code={language.code} nativeName={language.nativeName} />
            </label>
          ))}
        </fieldset>
        {fieldError('languages')}
        <label>
          <input type="checkbox" {...form.register('largeText')} /> {t('staff.settings.largeText')}
        </label>
        <TextField
          label={t('staff.settings.retentionDays')}
          error={errorText('retentionDays')}
          errorId="settings-retentionDays-error"
          type="number"
          inputMode="numeric"
          {...form.register('retentionDays', { valueAsNumber: true })}
        />
        <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
          {t('staff.settings.save')}
        </button>
        {saved ? <p role="status">{t('staff.settings.saved')}</p> : null}
      </form>
      <ReadAloudCard config={config} />
      <ChangePinForm />
    </section>
  );
}

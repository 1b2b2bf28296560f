import { useForm, useWatch, type FieldError } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DEFAULT_KIOSK_SETTINGS, type KioskSettings } from '../../../domain/kiosk-settings.ts';
import { languageLabel } from './language-label.ts';
import { DEFAULT_LOCALE, localize } from '../../../domain/localize.ts';
import { kioskSettingsSchema, type UnitTreeReply } from '../../../domain/manage-api.ts';
import { adminApi } from '../api/admin.ts';
import { useApiQuery } from '../api/queries.ts';
import { adminKeys } from '../api/query-keys.ts';
import { DossierCodeFields } from './DossierCodeFields.tsx';
import { FieldMessage, SubmitWithStatus, useSubmission } from './form-parts.tsx';
import { NamedItemSelect } from './NamedItems.tsx';
import { PerUnitSection } from './PerUnitSection.tsx';

/** Selects stand for the nullable fields with '' for none; the contract's shape is rebuilt on submit. */
const settingsFormSchema = kioskSettingsSchema.extend({ counterId: z.string(), fixedServiceFieldId: z.string() });
type SettingsForm = z.infer<typeof settingsFormSchema>;

function formValues(settings: KioskSettings): SettingsForm {
  return { ...settings, counterId: settings.counterId ?? '', fixedServiceFieldId: settings.fixedServiceFieldId ?? '' };
}

/** Languages a kiosk can offer: those of the published questionnaires, and any the settings already name. */
function offeredLanguages(tree: UnitTreeReply, chosen: readonly string[]): string[] {
  return [...new Set([DEFAULT_LOCALE, ...tree.questionnaires.flatMap((questionnaire) => Object.keys(questionnaire.locales)), ...chosen])];
}

export function KioskSettingsScreen({ tree }: { tree: UnitTreeReply }) {
  const { t } = useTranslation();
  return (
    <PerUnitSection tree={tree} queryKey={adminKeys.kioskSettings} load={adminApi.getKioskSettings}>
      {({ unitId, data, reload }) => (
        <>
          {data.settings === null && <p className="note">{t('manage.kioskSettings.inherits')}</p>}
          <SettingsForm key={unitId} tree={tree} unitId={unitId} initial={data.settings ?? DEFAULT_KIOSK_SETTINGS} onSaved={reload} />
        </>
      )}
    </PerUnitSection>
  );
}

function SettingsForm({ tree, unitId, initial, onSaved }: { tree: UnitTreeReply; unitId: string; initial: KioskSettings; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const { outcome, submit } = useSubmission();
  const { register, control, handleSubmit, formState, setValue } = useForm<z.input<typeof settingsFormSchema>, unknown, SettingsForm>({
    resolver: zodResolver(settingsFormSchema),
    defaultValues: formValues(initial),
  });
  const pattern = useWatch({ control, name: 'dossierCode.pattern' });
  const counters = useApiQuery(adminKeys.counters(unitId), (signal) => adminApi.listCounters(unitId, signal));
  const counterIds = counters.state.kind === 'loaded' ? counters.state.data : [];
  const errors = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    const settings = kioskSettingsSchema.parse({
      ...values,
      counterId: values.counterId || null,
      fixedServiceFieldId: values.fixedServiceFieldId || null,
    });
    if (await submit(() => adminApi.saveKioskSettings(unitId, settings))) onSaved();
  });
  const number = (name: 'idleTimeoutSeconds' | 'idleCountdownSeconds' | 'thankYouSeconds' | 'retentionDays') => (
    <>
      <label>
        <span>{t(`manage.kioskSettings.${name}`)}</span>
        <input type="number" {...register(name, { valueAsNumber: true })} />
      </label>
      <FieldMessage error={errors[name]} />
    </>
  );
  return (
    <form className="manage-form" aria-label={t('manage.nav.admin.kiosk-settings')} onSubmit={(event) => void onSubmit(event)} noValidate>
      <label>
        <span>{t('manage.kioskSettings.mode')}</span>
        <select {...register('mode')}>
          <option value="full">{t('manage.questionnaires.modes.full')}</option>
          <option value="quick">{t('manage.questionnaires.modes.quick')}</option>
        </select>
      </label>
      {number('idleTimeoutSeconds')}
      {number('idleCountdownSeconds')}
      {number('thankYouSeconds')}
      {number('retentionDays')}
      <label className="manage-form__check">
        <input type="checkbox" {...register('keepPartialAnswers')} /> <span>{t('manage.kioskSettings.keepPartialAnswers')}</span>
      </label>
      <fieldset>
        <legend>{t('manage.kioskSettings.serviceFieldIds')}</legend>
        {tree.serviceFields.map((field) => (
          <label key={field.id} className="manage-form__check">
            <input type="checkbox" value={field.id} {...register('serviceFieldIds')} /> <span>{localize(field.name, i18n.language)}</span>
          </label>
        ))}
      </fieldset>
      <NamedItemSelect
        label={t('manage.kioskSettings.fixedServiceFieldId')}
        emptyLabel={t('manage.kioskSettings.noFixedField')}
        items={tree.serviceFields}
        registration={register('fixedServiceFieldId')}
      />
      <NamedItemSelect
        label={t('manage.kioskSettings.counterId')}
        emptyLabel={t('manage.kioskSettings.noFixedCounter')}
        items={counterIds}
        registration={register('counterId')}
      >
        {initial.counterId !== null && !counterIds.some((counter) => counter.id === initial.counterId) && (
          <option value={initial.counterId}>{initial.counterId}</option>
        )}
      </NamedItemSelect>
      <fieldset>
        <legend>{t('manage.kioskSettings.languages')}</legend>
        {offeredLanguages(tree, initial.languages).map((code) => (
          <label key={code} className="manage-form__check">
            <input type="checkbox" value={code} {...register('languages')} /> <span>{languageLabel(code, i18n.language)}</span>
          </label>
        ))}
      </fieldset>
      <FieldMessage error={errors.languages as FieldError | undefined} />
      <label>
        <span>{t('manage.kioskSettings.dossierAsk')}</span>
        <select {...register('dossierCode.ask')}>
          {(['off', 'optional', 'required'] as const).map((ask) => (
            <option key={ask} value={ask}>
              {t(`manage.kioskSettings.dossier.${ask}`)}
            </option>
          ))}
        </select>
      </label>
      <DossierCodeFields
        pattern={pattern}
        onPattern={(pattern) => setValue('dossierCode.pattern', pattern, { shouldValidate: formState.isSubmitted })}
        error={errors.dossierCode?.pattern}
      />
      <label className="manage-form__check">
        <input type="checkbox" {...register('askProcedure')} /> <span>{t('manage.kioskSettings.askProcedure')}</span>
      </label>
      <label className="manage-form__check">
        <input type="checkbox" {...register('askReasonForEveryRating')} /> <span>{t('manage.kioskSettings.askReasonForEveryRating')}</span>
      </label>
      <SubmitWithStatus outcome={outcome} submitting={formState.isSubmitting}>
        {t('manage.admin.save')}
      </SubmitWithStatus>
    </form>
  );
}

import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { localize } from '../../../domain/localize.ts';
import { counterSchema, type UnitTreeReply } from '../../../domain/manage-api.ts';
import { adminApi } from '../api/admin.ts';
import { useApiData } from '../api/use-api-data.ts';
import { ApiErrorMessage } from '../layout/ApiErrorMessage.tsx';
import { IdAndNameFields, SubmitWithStatus, TitledForm, useSubmission } from './form-parts.tsx';
import { localizedName, nameFieldsSchema } from './localized-name.ts';
import { UnitSelect } from './UnitSelect.tsx';

const counterFormSchema = z.object({ id: counterSchema.shape.id, ...nameFieldsSchema });

/** Counters of one unit; saving an existing id renames it. */
export function CountersScreen({ tree }: { tree: UnitTreeReply }) {
  const { t, i18n } = useTranslation();
  const [unitId, setUnitId] = useState('');
  const counters = useApiData(unitId ? `counters:${unitId}` : null, (signal) => adminApi.listCounters(unitId, signal));
  const { outcome, submit } = useSubmission();
  const { register, handleSubmit, reset, formState } = useForm({
    resolver: zodResolver(counterFormSchema),
    defaultValues: { id: '', nameVi: '', nameEn: '', nameKm: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    const body = counterSchema.parse({ id: values.id, unitId, name: localizedName(values.nameVi, values.nameEn, values.nameKm) });
    if (await submit(() => adminApi.saveCounter(body))) {
      reset();
      counters.reload();
    }
  });
  return (
    <div className="admin-section">
      <UnitSelect tree={tree} label={t('manage.devices.unit')} value={unitId} onChange={setUnitId} emptyLabel={t('manage.admin.chooseUnit')} />
      {unitId && counters.state.kind === 'failed' && <ApiErrorMessage error={counters.state.error} onRetry={counters.reload} />}
      {unitId && counters.state.kind === 'loaded' && (
        <ul>
          {counters.state.data.length === 0 && <li className="note">{t('manage.counters.none')}</li>}
          {counters.state.data.map((counter) => (
            <li key={counter.id}>
              {localize(counter.name, i18n.language)} (<code>{counter.id}</code>)
            </li>
          ))}
        </ul>
      )}
      {unitId && (
        <TitledForm id="counter-save" title={t('manage.counters.save')} onSubmit={() => void onSubmit()}>
          <IdAndNameFields register={register} errors={formState.errors} />
          <SubmitWithStatus outcome={outcome} submitting={formState.isSubmitting}>
            {t('manage.admin.save')}
          </SubmitWithStatus>
        </TitledForm>
      )}
    </div>
  );
}

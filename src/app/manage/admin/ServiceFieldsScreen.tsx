import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { localize } from '../../../domain/localize.ts';
import { serviceFieldSchema } from '../../../domain/manage-api.ts';
import { adminApi } from '../api/admin.ts';
import { useApiData } from '../api/use-api-data.ts';
import { ApiErrorMessage } from '../layout/ApiErrorMessage.tsx';
import { CsvImportForm } from './CsvImportForm.tsx';
import { IdAndNameFields, SubmitWithStatus, TitledForm, useSubmission } from './form-parts.tsx';
import { localizedName, nameFieldsSchema } from './localized-name.ts';

const fieldFormSchema = z.object({ id: serviceFieldSchema.shape.id, ...nameFieldsSchema });

/** Service fields (lĩnh vực) of the province; saving an existing id renames it. */
export function ServiceFieldsScreen() {
  const { t, i18n } = useTranslation();
  const fields = useApiData('service-fields', adminApi.listServiceFields);
  const { outcome, submit } = useSubmission();
  const { register, handleSubmit, reset, formState } = useForm({
    resolver: zodResolver(fieldFormSchema),
    defaultValues: { id: '', nameVi: '', nameEn: '', nameKm: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    const body = serviceFieldSchema.parse({ id: values.id, name: localizedName(values.nameVi, values.nameEn, values.nameKm) });
    if (await submit(() => adminApi.saveServiceField(body))) {
      reset();
      fields.reload();
    }
  });
  return (
    <div className="admin-section">
      {fields.state.kind === 'failed' && <ApiErrorMessage error={fields.state.error} onRetry={fields.reload} />}
      {fields.state.kind === 'loaded' && (
        <ul>
          {fields.state.data.map((field) => (
            <li key={field.id}>
              {localize(field.name, i18n.language)} (<code>{field.id}</code>)
            </li>
          ))}
        </ul>
      )}
      <TitledForm id="field-save" title={t('manage.serviceFields.save')} onSubmit={() => void onSubmit()}>
        <IdAndNameFields register={register} errors={formState.errors} />
        <SubmitWithStatus outcome={outcome} submitting={formState.isSubmitting}>
          {t('manage.admin.save')}
        </SubmitWithStatus>
      </TitledForm>
      <CsvImportForm
        title={t('manage.serviceFields.import')}
        columns="id,name_vi,name_en"
        onImport={adminApi.importServiceFields}
        onImported={fields.reload}
      />
    </div>
  );
}

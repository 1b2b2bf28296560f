import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { localize } from '../../../domain/localize.ts';
import { procedureSchema, type UnitTreeReply } from '../../../domain/manage-api.ts';
import { adminApi } from '../api/admin.ts';
import { useApiQuery } from '../api/queries.ts';
import { adminKeys } from '../api/query-keys.ts';
import { ApiErrorMessage } from '../layout/ApiErrorMessage.tsx';
import { CsvImportForm } from './CsvImportForm.tsx';
import { NamedItemList, NamedItemSelect } from './NamedItems.tsx';
import { BilingualNameFields, FieldMessage, InputField, SubmitWithStatus, TitledForm, useSubmission } from './form-parts.tsx';
import { localizedName, nameFieldsSchema } from './localized-name.ts';

const procedureFormSchema = z.object({
  id: procedureSchema.shape.id,
  serviceFieldId: z.string().min(1, 'chọn lĩnh vực / choose a service field'),
  ...nameFieldsSchema,
});

/** Administrative procedures (thủ tục hành chính) by service field: kiosks may ask for one, reports filter by it. */
export function ProceduresScreen({ tree }: { tree: UnitTreeReply }) {
  const { t, i18n } = useTranslation();
  const procedures = useApiQuery(adminKeys.procedures(), adminApi.listProcedures);
  const { outcome, submit } = useSubmission();
  const { register, handleSubmit, reset, formState } = useForm({
    resolver: zodResolver(procedureFormSchema),
    defaultValues: { id: '', serviceFieldId: '', nameVi: '', nameEn: '', nameKm: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    const body = procedureSchema.parse({
      id: values.id,
      serviceFieldId: values.serviceFieldId,
      name: localizedName(values.nameVi, values.nameEn, values.nameKm),
    });
    if (await submit(() => adminApi.saveProcedure(body))) {
      reset();
      procedures.reload();
    }
  });
  const errors = formState.errors;
  return (
    <div className="admin-section">
      {procedures.state.kind === 'failed' && <ApiErrorMessage error={procedures.state.error} onRetry={procedures.reload} />}
      {procedures.state.kind === 'loaded' &&
        (procedures.state.data.length === 0 ? (
          <p className="note">{t('manage.procedures.none')}</p>
        ) : (
          tree.serviceFields.map((field) => {
            const ofField =
              procedures.state.kind === 'loaded' ? procedures.state.data.filter((procedure) => procedure.serviceFieldId === field.id) : [];
            if (ofField.length === 0) return null;
            return (
              <section key={field.id} aria-label={localize(field.name, i18n.language)}>
                <h2>{localize(field.name, i18n.language)}</h2>
                <NamedItemList items={ofField} />
              </section>
            );
          })
        ))}
      <TitledForm id="procedure-save" title={t('manage.procedures.save')} onSubmit={() => void onSubmit()}>
        <InputField label={t('manage.procedures.code')} error={errors.id} {...register('id')} />
        <NamedItemSelect
          label={t('manage.procedures.serviceField')}
          emptyLabel="—"
          items={tree.serviceFields}
          registration={register('serviceFieldId')}
        />
        <FieldMessage error={errors.serviceFieldId} />
        <BilingualNameFields register={register} errors={errors} />
        <SubmitWithStatus outcome={outcome} submitting={formState.isSubmitting}>
          {t('manage.admin.save')}
        </SubmitWithStatus>
      </TitledForm>
      <CsvImportForm
        title={t('manage.procedures.import')}
        columns="id,service_field_id,name_vi,name_en"
        onImport={adminApi.importProcedures}
        onImported={procedures.reload}
      />
    </div>
  );
}

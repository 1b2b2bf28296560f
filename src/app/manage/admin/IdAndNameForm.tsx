import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { idSchema } from '../../../domain/common-schemas.ts';
import type { LocalizedText } from '../../../domain/localize.ts';
import { IdAndNameFields, SubmitWithStatus, TitledForm, useSubmission } from './form-parts.tsx';
import { localizedName, nameFieldsSchema } from './localized-name.ts';

interface IdAndNameFormProps {
  /** The heading's id, naming the form. */
  id: string;
  title: string;
  save: (item: { id: string; name: LocalizedText }) => Promise<unknown>;
  onSaved: () => void;
}

/** Saves a thing known by an id and a bilingual name (a counter, a service field); saving an existing id renames it. The form empties once saved. */
export function IdAndNameForm({ id, title, save, onSaved }: IdAndNameFormProps) {
  const { t } = useTranslation();
  const { outcome, submit } = useSubmission();
  const { register, handleSubmit, reset, formState } = useForm({
    resolver: zodResolver(z.object({ id: idSchema, ...nameFieldsSchema })),
    defaultValues: { id: '', nameVi: '', nameEn: '', nameKm: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    if (await submit(() => save({ id: values.id, name: localizedName(values.nameVi, values.nameEn, values.nameKm) }))) {
      reset();
      onSaved();
    }
  });
  return (
    <TitledForm id={id} title={title} onSubmit={() => void onSubmit()}>
      <IdAndNameFields register={register} errors={formState.errors} />
      <SubmitWithStatus outcome={outcome} submitting={formState.isSubmitting}>
        {t('manage.admin.save')}
      </SubmitWithStatus>
    </TitledForm>
  );
}

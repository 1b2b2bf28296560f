import {
  useForm,
  useWatch,
  type FieldError,
  type FieldErrors,
  type FieldValues,
  type Path,
  type UseFormRegister,
  type UseFormRegisterReturn,
} from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { localize } from '../../../domain/localize.ts';
import { UNIT_KINDS } from '../../../domain/unit-kinds.ts';
import { createUnitSchema, mergeUnitSchema, updateUnitSchema, type UnitTreeReply } from '../../../domain/manage-api.ts';
import { adminApi } from '../api/admin.ts';
import { unitOptions } from '../report/unit-options.ts';
import { CsvImportForm } from './CsvImportForm.tsx';
import { FieldMessage, SubmissionStatus, useSubmission } from './form-parts.tsx';
import { localizedName, nameFieldsSchema } from './localized-name.ts';
import { UnitSelectField } from './UnitSelectField.tsx';
import { DataTable } from '../../ui/DataTable.tsx';

const createFormSchema = z.object({
  id: createUnitSchema.shape.id,
  parentId: z.string(),
  kind: createUnitSchema.shape.kind,
  ...nameFieldsSchema,
});
const changeFormSchema = z.object({ unitId: z.string().min(1), parentId: z.string(), kind: z.string(), ...nameFieldsSchema });
const mergeFormSchema = z.object({ unitId: z.string().min(1), intoId: mergeUnitSchema.shape.intoId });

export function UnitsScreen({ tree, onChanged }: { tree: UnitTreeReply; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="admin-section">
      <DataTable className="admin-table" headings={[t('manage.units.name'), t('manage.units.id'), t('manage.units.kind')]}>
        <tbody>
          {unitOptions(tree.units, tree.rootIds).map(({ unit, depth }) => (
            <tr key={unit.id}>
              <th scope="row" style={{ paddingLeft: `${depth * 1.5 + 0.4}rem` }}>
                {localize(unit.name, i18n.language)}
              </th>
              <td>
                <code>{unit.id}</code>
              </td>
              <td>{unitKindLabel(t, unit.kind)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <CreateUnitForm tree={tree} onChanged={onChanged} />
      <ChangeUnitForm tree={tree} onChanged={onChanged} />
      <MergeUnitForm tree={tree} onChanged={onChanged} />
      <CsvImportForm
        title={t('manage.units.import')}
        columns="id,parent_id,kind,name_vi,name_en,time_zone"
        onImport={adminApi.importUnits}
        onImported={onChanged}
      />
    </div>
  );
}

function CreateUnitForm({ tree, onChanged }: { tree: UnitTreeReply; onChanged: () => void }) {
  const { t } = useTranslation();
  const { outcome, submit } = useSubmission();
  const { register, control, handleSubmit, reset, formState } = useForm({
    resolver: zodResolver(createFormSchema),
    defaultValues: { id: '', parentId: '', kind: 'commune', nameVi: '', nameEn: '', nameKm: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    const body = createUnitSchema.parse({
      id: values.id,
      parentId: values.parentId || null,
      kind: values.kind,
      name: localizedName(values.nameVi, values.nameEn, values.nameKm),
    });
    if (await submit(() => adminApi.createUnit(body))) {
      reset();
      onChanged();
    }
  });
  return (
    <form className="manage-form" aria-labelledby="unit-create" onSubmit={(event) => void onSubmit(event)} noValidate>
      <h2 id="unit-create">{t('manage.units.create')}</h2>
      <UnitSelectField tree={tree} control={control} name="parentId" label={t('manage.units.parent')} emptyLabel={t('manage.units.noParent')} />
      <label>
        <span>{t('manage.units.id')}</span>
        <input {...register('id')} />
      </label>
      <FieldMessage error={formState.errors.id} />
      <UnitKindSelect registration={register('kind')} />
      <FieldMessage error={formState.errors.kind} />
      <NameInputs register={register} errors={formState.errors} />
      <SubmissionStatus outcome={outcome} />
      <button type="submit" className="manage-button manage-button--primary" disabled={formState.isSubmitting}>
        {t('manage.units.createSubmit')}
      </button>
    </form>
  );
}

function ChangeUnitForm({ tree, onChanged }: { tree: UnitTreeReply; onChanged: () => void }) {
  const { t } = useTranslation();
  const { outcome, submit } = useSubmission();
  const { register, control, handleSubmit, setValue, formState } = useForm({
    resolver: zodResolver(changeFormSchema),
    defaultValues: { unitId: '', parentId: '', kind: '', nameVi: '', nameEn: '', nameKm: '' },
  });
  const picked = useWatch({ control, name: 'unitId' });
  const onSubmit = handleSubmit(async (values) => {
    const unit = tree.units.find((candidate) => candidate.id === values.unitId);
    const body = updateUnitSchema.parse({
      name: localizedName(values.nameVi, values.nameEn, values.nameKm),
      parentId: values.parentId === '' ? (unit?.parentId ?? null) : values.parentId,
      ...(values.kind !== '' && values.kind !== unit?.kind ? { kind: values.kind } : {}),
    });
    if (await submit(() => adminApi.updateUnit(values.unitId, body))) onChanged();
  });
  return (
    <form className="manage-form" aria-labelledby="unit-change" onSubmit={(event) => void onSubmit(event)} noValidate>
      <h2 id="unit-change">{t('manage.units.change')}</h2>
      <UnitSelectField
        tree={tree}
        control={control}
        name="unitId"
        label={t('manage.units.unit')}
        emptyLabel={t('manage.admin.chooseUnit')}
        onPicked={(unitId) => {
          const unit = tree.units.find((candidate) => candidate.id === unitId);
          setValue('nameVi', unit?.name.vi ?? '');
          setValue('nameEn', unit?.name.en ?? '');
          setValue('nameKm', unit?.name.km ?? '');
          setValue('kind', unit?.kind ?? '');
        }}
      />
      <FieldMessage error={formState.errors.unitId} />
      <UnitSelectField tree={tree} control={control} name="parentId" label={t('manage.units.moveUnder')} emptyLabel={t('manage.units.keepParent')} />
      <UnitKindSelect
        registration={register('kind')}
        current={tree.units.find((unit) => unit.id === picked)?.kind}
        keepLabel={t('manage.units.keepKind')}
      />
      <NameInputs register={register} errors={formState.errors} />
      <SubmissionStatus outcome={outcome} />
      <button type="submit" className="manage-button manage-button--primary" disabled={formState.isSubmitting}>
        {t('manage.admin.save')}
      </button>
    </form>
  );
}

function MergeUnitForm({ tree, onChanged }: { tree: UnitTreeReply; onChanged: () => void }) {
  const { t } = useTranslation();
  const { outcome, submit } = useSubmission();
  const { control, handleSubmit, formState } = useForm({ resolver: zodResolver(mergeFormSchema), defaultValues: { unitId: '', intoId: '' } });
  const onSubmit = handleSubmit(async (values) => {
    if (!window.confirm(t('manage.units.confirmMerge'))) return;
    if (await submit(() => adminApi.mergeUnit(values.unitId, values.intoId))) onChanged();
  });
  return (
    <form className="manage-form" aria-labelledby="unit-merge" onSubmit={(event) => void onSubmit(event)} noValidate>
      <h2 id="unit-merge">{t('manage.units.merge')}</h2>
      <p className="note">{t('manage.units.mergeNote')}</p>
      <UnitSelectField tree={tree} control={control} name="unitId" label={t('manage.units.mergeFrom')} emptyLabel={t('manage.admin.chooseUnit')} />
      <FieldMessage error={formState.errors.unitId} />
      <UnitSelectField tree={tree} control={control} name="intoId" label={t('manage.units.mergeInto')} emptyLabel={t('manage.admin.chooseUnit')} />
      <FieldMessage error={formState.errors.intoId} />
      <SubmissionStatus outcome={outcome} />
      <button type="submit" className="manage-button manage-button--danger" disabled={formState.isSubmitting}>
        {t('manage.units.mergeSubmit')}
      </button>
    </form>
  );
}

/** A kind's Vietnamese (or English) name; a code outside the list, e.g. from a CSV import, is shown as "Other: code". */
function unitKindLabel(t: TFunction, kind: string): string {
  return (UNIT_KINDS as readonly string[]).includes(kind) ? t(`manage.unitKinds.${kind}`) : t('manage.units.otherKind', { kind });
}

/** The unit kinds by name; the stored code of a unit whose kind is not listed stays choosable. */
function UnitKindSelect({ registration, current, keepLabel }: { registration: UseFormRegisterReturn; current?: string; keepLabel?: string }) {
  const { t } = useTranslation();
  const kinds: string[] = [...UNIT_KINDS];
  if (current && !kinds.includes(current)) kinds.push(current);
  return (
    <label>
      <span>{t('manage.units.kind')}</span>
      <select {...registration}>
        {keepLabel !== undefined && <option value="">{keepLabel}</option>}
        {kinds.map((kind) => (
          <option key={kind} value={kind}>
            {unitKindLabel(t, kind)}
          </option>
        ))}
      </select>
    </label>
  );
}

interface NameValues extends FieldValues {
  nameVi: string;
  nameEn: string;
  nameKm: string;
}

function NameInputs<Values extends NameValues>({ register, errors }: { register: UseFormRegister<Values>; errors: FieldErrors<Values> }) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        <span>{t('manage.admin.nameVi')}</span>
        <input {...register('nameVi' as Path<Values>)} />
      </label>
      <FieldMessage error={errors.nameVi as FieldError | undefined} />
      <label>
        <span>{t('manage.admin.nameEn')}</span>
        <input {...register('nameEn' as Path<Values>)} />
      </label>
      <FieldMessage error={errors.nameEn as FieldError | undefined} />
      <label>
        <span>{t('manage.admin.nameKm')}</span>
        <input {...register('nameKm' as Path<Values>)} lang="km" />
      </label>
      <FieldMessage error={errors.nameKm as FieldError | undefined} />
    </>
  );
}

import { useId } from 'react';
import { useForm, useWatch, type FieldError, type UseFormRegisterReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { localize } from '../../../domain/localize.ts';
import { UNIT_KINDS } from '../../../domain/unit-kinds.ts';
import { agencyCodeSchema, createUnitSchema, mergeUnitSchema, updateUnitSchema, type UnitTreeReply } from '../../../domain/manage-api.ts';
import { adminApi } from '../api/admin.ts';
import { unitOptions } from '../report/unit-options.ts';
import { CsvImportForm } from './CsvImportForm.tsx';
import { BilingualNameFields, FieldMessage, InputField, SubmitWithStatus, TitledForm, useSubmission } from './form-parts.tsx';
import { localizedName, nameFieldsSchema } from './localized-name.ts';
import { UnitSelectField } from './UnitSelectField.tsx';
import { DataTable } from '../../ui/DataTable.tsx';

/** Empty (none) or a code of Decision 20/2020/QĐ-TTg; the message is shown in the reader's language (AgencyCodeField). */
const agencyCodeField = z.string().refine((code) => code.trim() === '' || agencyCodeSchema.safeParse(code).success, 'agency-code');
const createFormSchema = z.object({
  id: createUnitSchema.shape.id,
  parentId: z.string(),
  kind: createUnitSchema.shape.kind,
  agencyCode: agencyCodeField,
  ...nameFieldsSchema,
});
const changeFormSchema = z.object({
  unitId: z.string().min(1),
  parentId: z.string(),
  kind: z.string(),
  agencyCode: agencyCodeField,
  ...nameFieldsSchema,
});

/** What the form's agency code field sends: null for an empty field (none, or remove it). */
function agencyCodeOf(field: string): string | null {
  return field.trim() === '' ? null : field;
}
const mergeFormSchema = z.object({ unitId: z.string().min(1), intoId: mergeUnitSchema.shape.intoId });

export function UnitsScreen({ tree, onChanged }: { tree: UnitTreeReply; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="admin-section">
      <DataTable
        className="admin-table"
        cardsOnPhone
        headings={[t('manage.units.name'), t('manage.units.id'), t('manage.units.kind'), t('manage.units.agencyCodeShort')]}
        scrolls
        focusable
      >
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
              <td>{unit.agencyCode ? <code>{unit.agencyCode}</code> : t('manage.units.noAgencyCode')}</td>
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
    defaultValues: { id: '', parentId: '', kind: 'commune', agencyCode: '', nameVi: '', nameEn: '', nameKm: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    const body = createUnitSchema.parse({
      id: values.id,
      parentId: values.parentId || null,
      kind: values.kind,
      name: localizedName(values.nameVi, values.nameEn, values.nameKm),
      agencyCode: agencyCodeOf(values.agencyCode),
    });
    if (await submit(() => adminApi.createUnit(body))) {
      reset();
      onChanged();
    }
  });
  return (
    <TitledForm id="unit-create" title={t('manage.units.create')} onSubmit={() => void onSubmit()}>
      <UnitSelectField tree={tree} control={control} name="parentId" label={t('manage.units.parent')} emptyLabel={t('manage.units.noParent')} />
      <InputField label={t('manage.units.id')} error={formState.errors.id} {...register('id')} />
      <UnitKindSelect registration={register('kind')} />
      <FieldMessage error={formState.errors.kind} />
      <BilingualNameFields register={register} errors={formState.errors} />
      <AgencyCodeField registration={register('agencyCode')} error={formState.errors.agencyCode} />
      <SubmitWithStatus outcome={outcome} submitting={formState.isSubmitting}>
        {t('manage.units.createSubmit')}
      </SubmitWithStatus>
    </TitledForm>
  );
}

function ChangeUnitForm({ tree, onChanged }: { tree: UnitTreeReply; onChanged: () => void }) {
  const { t } = useTranslation();
  const { outcome, submit } = useSubmission();
  const { register, control, handleSubmit, setValue, formState } = useForm({
    resolver: zodResolver(changeFormSchema),
    defaultValues: { unitId: '', parentId: '', kind: '', agencyCode: '', nameVi: '', nameEn: '', nameKm: '' },
  });
  const picked = useWatch({ control, name: 'unitId' });
  const onSubmit = handleSubmit(async (values) => {
    const unit = tree.units.find((candidate) => candidate.id === values.unitId);
    const body = updateUnitSchema.parse({
      name: localizedName(values.nameVi, values.nameEn, values.nameKm),
      parentId: values.parentId === '' ? (unit?.parentId ?? null) : values.parentId,
      ...(values.kind !== '' && values.kind !== unit?.kind ? { kind: values.kind } : {}),
      agencyCode: agencyCodeOf(values.agencyCode),
    });
    if (await submit(() => adminApi.updateUnit(values.unitId, body))) onChanged();
  });
  return (
    <TitledForm id="unit-change" title={t('manage.units.change')} onSubmit={() => void onSubmit()}>
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
          setValue('agencyCode', unit?.agencyCode ?? '');
        }}
      />
      <UnitSelectField tree={tree} control={control} name="parentId" label={t('manage.units.moveUnder')} emptyLabel={t('manage.units.keepParent')} />
      <UnitKindSelect
        registration={register('kind')}
        current={tree.units.find((unit) => unit.id === picked)?.kind}
        keepLabel={t('manage.units.keepKind')}
      />
      <BilingualNameFields register={register} errors={formState.errors} />
      <AgencyCodeField registration={register('agencyCode')} error={formState.errors.agencyCode} />
      <SubmitWithStatus outcome={outcome} submitting={formState.isSubmitting}>
        {t('manage.admin.save')}
      </SubmitWithStatus>
    </TitledForm>
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
    <TitledForm id="unit-merge" title={t('manage.units.merge')} hint={t('manage.units.mergeNote')} onSubmit={() => void onSubmit()}>
      <UnitSelectField tree={tree} control={control} name="unitId" label={t('manage.units.mergeFrom')} emptyLabel={t('manage.admin.chooseUnit')} />
      <UnitSelectField tree={tree} control={control} name="intoId" label={t('manage.units.mergeInto')} emptyLabel={t('manage.admin.chooseUnit')} />
      <SubmitWithStatus outcome={outcome} submitting={formState.isSubmitting} danger>
        {t('manage.units.mergeSubmit')}
      </SubmitWithStatus>
    </TitledForm>
  );
}

/** The unit's electronic agency code, which the per-dossier export carries to the one-stop system. */
function AgencyCodeField({ registration, error }: { registration: UseFormRegisterReturn; error: FieldError | undefined }) {
  const { t } = useTranslation();
  // Both unit forms have this field: each hint needs an id of its own.
  const hintId = useId();
  return (
    <>
      <label>
        <span>{t('manage.units.agencyCode')}</span>
        <input {...registration} autoCapitalize="characters" spellCheck={false} aria-describedby={hintId} />
      </label>
      <p id={hintId} className="note">
        {t('manage.units.agencyCodeHint')}
      </p>
      {error && <p className="form-error">{t('manage.units.agencyCodeInvalid')}</p>}
    </>
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

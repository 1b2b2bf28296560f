import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { enrolmentCodeRequestSchema, type EnrolmentCodeReply, type UnitTreeReply } from '../../../domain/manage-api.ts';
import { adminApi } from '../api/admin.ts';
import type { ApiError } from '../../http/api-error.ts';
import { useMutationRunner } from '../api/queries.ts';
import { apiErrorText } from '../layout/ApiErrorMessage.tsx';
import { formatDateTime } from '../report/report-format.ts';
import { UnitSelect } from './UnitSelect.tsx';
import { svgDataUrl } from './qr-image.ts';

type EnrolmentRequest = z.infer<typeof enrolmentCodeRequestSchema>;

export function EnrolmentCodeForm({ tree, onCreated }: { tree: UnitTreeReply; onCreated: () => void }) {
  const { t, i18n } = useTranslation();
  const run = useMutationRunner();
  const [issued, setIssued] = useState<EnrolmentCodeReply | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const { control, register, handleSubmit, formState } = useForm<EnrolmentRequest>({
    resolver: zodResolver(enrolmentCodeRequestSchema),
    defaultValues: { unitId: '', expiresInDays: 7 },
  });
  const submit = handleSubmit(async (request) => {
    setFailure(null);
    try {
      setIssued(await run(() => adminApi.createEnrolmentCode(request)));
      onCreated();
    } catch (error) {
      setFailure(apiErrorText(error as ApiError, t));
    }
  });
  return (
    <section className="admin-section" aria-labelledby="enrol-heading">
      <h2 id="enrol-heading">{t('manage.devices.enrolTitle')}</h2>
      <form className="manage-form" onSubmit={(event) => void submit(event)} noValidate>
        <Controller
          control={control}
          name="unitId"
          render={({ field }) => (
            <UnitSelect
              tree={tree}
              label={t('manage.devices.unit')}
              value={field.value}
              onChange={field.onChange}
              emptyLabel={t('manage.admin.chooseUnit')}
            />
          )}
        />
        {formState.errors.unitId && <p className="form-error">{t('manage.admin.unitRequired')}</p>}
        <label>
          <span>{t('manage.devices.expiresInDays')}</span>
          <input type="number" min={1} max={60} {...register('expiresInDays', { valueAsNumber: true })} />
        </label>
        {formState.errors.expiresInDays && <p className="form-error">{t('manage.devices.expiresInvalid')}</p>}
        {failure && (
          <p role="alert" className="form-error">
            {failure}
          </p>
        )}
        <button type="submit" className="manage-button manage-button--primary" disabled={formState.isSubmitting}>
          {t('manage.devices.createCode')}
        </button>
      </form>
      {issued && (
        <div className="enrolment-code" role="status">
          <p>
            {t('manage.devices.code')}: <strong className="enrolment-code__text">{issued.code}</strong>
          </p>
          <p>{t('manage.devices.expiresAt', { at: formatDateTime(issued.expiresAt, i18n.language, 'Asia/Ho_Chi_Minh') })}</p>
          <p>
            {t('manage.devices.kioskLink')}: <code>{issued.kioskUrl}</code>
          </p>
          <img className="qr-code" src={svgDataUrl(issued.qrSvg)} alt={t('manage.devices.qrAlt', { code: issued.code })} />
          <p className="note">{t('manage.devices.codeOnce')}</p>
        </div>
      )}
    </section>
  );
}

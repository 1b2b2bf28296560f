import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useKioskDatabase } from '../store/StoreContext.tsx';
import { ensureDeviceIdentity, saveEnrolment } from '../store/device.ts';
import { ApiCallError, createApiClient } from '../sync/api.ts';

const enrolFormSchema = z.object({
  code: z.string().trim().min(4, 'enrol.codeTooShort'),
  deviceName: z.string().trim().max(120),
});
type EnrolFormValues = z.infer<typeof enrolFormSchema>;

interface EnrolScreenProps {
  /** A code handed over in the kiosk link (`/kiosk?enrol=CODE`), used at once. */
  initialCode: string | null;
  onEnrolled: () => void;
}

/** Staff enrol the tablet once, with a one-time code from an administrator. */
export function EnrolScreen({ initialCode, onEnrolled }: EnrolScreenProps) {
  const { t } = useTranslation();
  const db = useKioskDatabase();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<EnrolFormValues>({
    defaultValues: { code: initialCode ?? '', deviceName: '' },
    resolver: zodResolver(enrolFormSchema),
  });
  const enrol = form.handleSubmit(async ({ code, deviceName }) => {
    setFailure(null);
    try {
      const identity = await ensureDeviceIdentity(db);
      const reply = await createApiClient().enrol({ code, deviceId: identity.deviceId, ...(deviceName ? { deviceName } : {}) });
      await saveEnrolment(db, { token: reply.token, unitId: reply.unitId });
      onEnrolled();
    } catch (error) {
      if (error instanceof ApiCallError && error.status === null) setFailure(t('enrol.network'));
      else setFailure(t('enrol.failed', { message: error instanceof Error ? error.message : String(error) }));
    }
  });
  const triedInitial = useRef(false);
  useEffect(() => {
    if (initialCode && !triedInitial.current) {
      triedInitial.current = true;
      void enrol();
    }
  }, [initialCode, enrol]);

  const codeError = form.formState.errors.code?.message;
  return (
    <main className="setup">
      <h1>{t('enrol.title')}</h1>
      <p>{t('enrol.body')}</p>
      <form onSubmit={(event) => void enrol(event)} noValidate>
        <label className="text-field">
          <span>{t('enrol.codeLabel')}</span>
          <input {...form.register('code')} autoComplete="off" autoCapitalize="characters" aria-invalid={codeError ? true : undefined} />
        </label>
        {codeError ? (
          <p className="form-error" role="alert">
            {t(codeError)}
          </p>
        ) : null}
        <label className="text-field">
          <span>{t('enrol.nameLabel')}</span>
          <input {...form.register('deviceName')} autoComplete="off" />
        </label>
        <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? t('enrol.working') : t('enrol.submit')}
        </button>
        {failure ? (
          <p className="form-error" role="alert">
            {failure}
          </p>
        ) : null}
      </form>
    </main>
  );
}

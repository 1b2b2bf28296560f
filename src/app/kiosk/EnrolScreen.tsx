import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { serverErrorText } from '../i18n/server-errors.ts';
import { z } from 'zod';
import { useKioskDatabase } from '../store/StoreContext.tsx';
import { ensureDeviceIdentity, saveEnrolment } from '../store/device.ts';
import { ApiError } from '../http/api-error.ts';
import { createApiClient } from '../sync/api.ts';
import { PIN_PATTERN, setStaffPin } from '../store/staff-pin.ts';
import { PinField, TextField } from '../ui/TextField.tsx';

const enrolFormSchema = z
  .object({
    code: z.string().trim().min(4, 'enrol.codeTooShort'),
    deviceName: z.string().trim().max(120),
    pin: z.string().regex(PIN_PATTERN, 'enrol.pinInvalid'),
    pinConfirmation: z.string(),
  })
  .refine((values) => values.pin === values.pinConfirmation, { message: 'enrol.pinMismatch', path: ['pinConfirmation'] });
type EnrolFormValues = z.infer<typeof enrolFormSchema>;

interface EnrolScreenProps {
  /** A code handed over in the kiosk link (`/kiosk?enrol=CODE`), filled in; staff still choose the PIN. */
  initialCode: string | null;
  onEnrolled: () => void;
}

/** Staff enrol the tablet once, with a one-time code from an administrator, and choose the staff PIN. */
export function EnrolScreen({ initialCode, onEnrolled }: EnrolScreenProps) {
  const { t } = useTranslation();
  const db = useKioskDatabase();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<EnrolFormValues>({
    defaultValues: { code: initialCode ?? '', deviceName: '', pin: '', pinConfirmation: '' },
    resolver: zodResolver(enrolFormSchema),
  });
  // With the code from the link filled in, staff start at the PIN (focused here: see ui/useFocusOnMount.ts).
  useEffect(() => {
    if (initialCode) form.setFocus('pin');
  }, [form, initialCode]);
  const enrol = form.handleSubmit(async ({ code, deviceName, pin }) => {
    setFailure(null);
    try {
      // The PIN is stored first, so an enrolled tablet never lacks one.
      await setStaffPin(db, pin);
      const identity = await ensureDeviceIdentity(db);
      const reply = await createApiClient().enrol({ code, deviceId: identity.deviceId, ...(deviceName ? { deviceName } : {}) });
      await saveEnrolment(db, { token: reply.token, unitId: reply.unitId });
      onEnrolled();
    } catch (error) {
      if (error instanceof ApiError && error.status === 0) setFailure(t('enrol.network'));
      else if (error instanceof ApiError) setFailure(t('enrol.failed', { reason: serverErrorText(t, error.code) }));
      else {
        console.error('enrolment failed on the tablet', error);
        setFailure(t('enrol.failed', { reason: t('serverErrors.device-error') }));
      }
    }
  });
  const codeError = form.formState.errors.code?.message;
  const pinError = form.formState.errors.pin?.message;
  const confirmationError = form.formState.errors.pinConfirmation?.message;
  return (
    <main className="setup">
      <h1>{t('enrol.title')}</h1>
      <p>{t('enrol.body')}</p>
      <form onSubmit={(event) => void enrol(event)} noValidate>
        <TextField
          label={t('enrol.codeLabel')}
          error={codeError && t(codeError)}
          {...form.register('code')}
          autoComplete="off"
          autoCapitalize="characters"
        />
        <TextField label={t('enrol.nameLabel')} {...form.register('deviceName')} autoComplete="off" />
        <PinField label={t('enrol.pinLabel')} error={pinError && t(pinError)} {...form.register('pin')} autoComplete="new-password" />
        <PinField
          label={t('enrol.pinConfirmLabel')}
          error={confirmationError && t(confirmationError)}
          {...form.register('pinConfirmation')}
          autoComplete="new-password"
        />
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

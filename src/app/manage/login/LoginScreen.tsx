import { forwardRef, useState, type ComponentPropsWithoutRef } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { loginRequestSchema, type LoginRequest } from '../../../domain/manage-api.ts';
import { ApiError } from '../../http/api-error.ts';
import { signInErrorMessage } from './sign-in-errors.ts';

interface LoginScreenProps {
  reason: 'none' | 'expired' | 'signed-out';
  onSignIn: (credentials: LoginRequest) => Promise<void>;
}

export function LoginScreen({ reason, onSignIn }: LoginScreenProps) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<LoginRequest>({ resolver: zodResolver(loginRequestSchema), defaultValues: { username: '', password: '' } });

  const submit = handleSubmit(async (credentials) => {
    setFailure(null);
    try {
      await onSignIn(credentials);
    } catch (error) {
      setFailure(signInErrorMessage(error instanceof ApiError ? error : null, t));
    }
  });

  return (
    <main className="manage-login">
      <h1>{t('manage.login.title')}</h1>
      {reason === 'expired' && <p role="status">{t('manage.login.expired')}</p>}
      {reason === 'signed-out' && <p role="status">{t('manage.login.signedOut')}</p>}
      <form className="manage-form" onSubmit={(event) => void submit(event)} noValidate>
        <CredentialField
          label={t('manage.login.username')}
          error={errors.username && t('manage.login.usernameRequired')}
          errorId="login-username-error"
          autoComplete="username"
          {...register('username')}
        />
        <CredentialField
          label={t('manage.login.password')}
          error={errors.password && t('manage.login.passwordRequired')}
          errorId="login-password-error"
          type="password"
          autoComplete="current-password"
          {...register('password')}
        />
        {failure && (
          <p role="alert" className="form-error">
            {failure}
          </p>
        )}
        <button type="submit" className="manage-button manage-button--primary" disabled={isSubmitting}>
          {isSubmitting ? t('manage.login.working') : t('manage.login.submit')}
        </button>
      </form>
    </main>
  );
}

/** A sign-in input; while `error` is shown below it, the input is marked invalid and described by it. The (registered) ref goes to the input. */
const CredentialField = forwardRef<
  HTMLInputElement,
  { label: string; error: string | undefined; errorId: string } & ComponentPropsWithoutRef<'input'>
>(function CredentialField({ label, error, errorId, ...input }, ref) {
  return (
    <>
      <label>
        <span>{label}</span>
        <input ref={ref} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} {...input} />
      </label>
      {error && (
        <p id={errorId} className="form-error">
          {error}
        </p>
      )}
    </>
  );
});

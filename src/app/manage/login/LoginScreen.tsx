import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { loginRequestSchema, type LoginRequest } from '../../../domain/manage-api.ts';
import { ApiError } from '../api/http.ts';
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
        <label>
          <span>{t('manage.login.username')}</span>
          <input
            autoComplete="username"
            aria-invalid={errors.username ? true : undefined}
            aria-describedby={errors.username ? 'login-username-error' : undefined}
            {...register('username')}
          />
        </label>
        {errors.username && (
          <p id="login-username-error" className="form-error">
            {t('manage.login.usernameRequired')}
          </p>
        )}
        <label>
          <span>{t('manage.login.password')}</span>
          <input
            type="password"
            autoComplete="current-password"
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={errors.password ? 'login-password-error' : undefined}
            {...register('password')}
          />
        </label>
        {errors.password && (
          <p id="login-password-error" className="form-error">
            {t('manage.login.passwordRequired')}
          </p>
        )}
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

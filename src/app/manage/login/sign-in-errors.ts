import type { TFunction } from 'i18next';
import type { ApiError } from '../../http/api-error.ts';

/** What a person reads when sign-in fails, by the server's error code (manage-api.ts). */
export function signInErrorMessage(error: ApiError | null, t: TFunction): string {
  if (!error) return t('manage.errors.unexpected');
  const minutes = error.retryAfterSeconds === null ? null : Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
  switch (error.code) {
    case 'invalid-credentials':
      return t('manage.login.invalidCredentials');
    case 'account-locked':
      return minutes === null ? t('manage.login.locked') : t('manage.login.lockedFor', { count: minutes });
    case 'rate-limited':
      return minutes === null ? t('manage.login.rateLimited') : t('manage.login.rateLimitedFor', { count: minutes });
    case 'account-disabled':
      return t('manage.login.disabled');
    case 'network':
      return t('manage.errors.unreachable');
    default:
      return t(`manage.errors.codes.${error.code}`, { defaultValue: t('manage.errors.withCode', { code: error.code }) });
  }
}

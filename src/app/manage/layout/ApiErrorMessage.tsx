import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/http.ts';

/** A failed request as a person reads it, with the code an administrator can look up. */
export function apiErrorText(error: ApiError, t: (key: string, options?: Record<string, unknown>) => string): string {
  switch (error.code) {
    case 'network':
      return t('manage.errors.unreachable');
    case 'forbidden':
      return t('manage.errors.forbidden');
    case 'not-found':
      return t('manage.errors.notFound');
    case 'conflict':
      return t('manage.errors.conflict', { message: error.message });
    case 'invalid-request':
      return t('manage.errors.invalid', { message: error.message });
    default:
      return t('manage.errors.withCode', { code: error.code, message: error.message });
  }
}

export function ApiErrorMessage({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="api-error">
      <p>{apiErrorText(error, t)}</p>
      {onRetry && (
        <button type="button" className="manage-button" onClick={onRetry}>
          {t('manage.retry')}
        </button>
      )}
    </div>
  );
}

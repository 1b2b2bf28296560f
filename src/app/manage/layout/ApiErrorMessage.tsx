import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../http/api-error.ts';

/**
 * A failed request as a person reads it: by its code and the field it names, in the person's language,
 * with the code an administrator can look up. The server's message is English for logs and programs and
 * is never shown.
 */
export function apiErrorText(error: ApiError, t: (key: string, options?: Record<string, unknown>) => string): string {
  const field = error.field === null ? null : t(`manage.errors.fields.${error.field}`, { defaultValue: error.field });
  switch (error.code) {
    case 'network':
      return t('manage.errors.unreachable');
    case 'forbidden':
      return t('manage.errors.forbidden');
    case 'not-found':
      return t('manage.errors.notFound');
    case 'conflict':
      return field === null ? t('manage.errors.conflict') : t('manage.errors.conflictField', { field });
    case 'invalid-request':
      return field === null ? t('manage.errors.invalid') : t('manage.errors.invalidField', { field });
    default:
      return t(`manage.errors.codes.${error.code}`, { defaultValue: t('manage.errors.withCode', { code: error.code }) });
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

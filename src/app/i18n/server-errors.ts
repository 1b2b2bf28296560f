import type { TFunction } from 'i18next';

/**
 * A server error as a person reads it: by its code, in their language. The server's own message is
 * English for logs and programs and is never shown; an unknown code is named so staff can report it.
 */
export function serverErrorText(t: TFunction, code: string): string {
  return t(`serverErrors.${code}`, { defaultValue: t('serverErrors.other', { code }) });
}

import { DEFAULT_KIOSK_SETTINGS } from './kiosk-settings.ts';

/**
 * Common shapes of a dossier code (mã hồ sơ) an administrator picks from instead of writing a regular
 * expression; the kiosk settings still store the expression. Labels are in the manage i18n files under
 * `kioskSettings.dossierFormats`.
 */
export const DOSSIER_CODE_FORMATS = [
  /** Any receipt code: the default that refuses only obvious typos (spaces, letters with marks). */
  { id: 'any', pattern: DEFAULT_KIOSK_SETTINGS.dossierCode.pattern, example: 'HS/2026-0042' },
  /** The public service portals' code: the agency's code in dotted parts, the day as yymmdd, a serial. */
  { id: 'portal', pattern: '^[A-Za-z0-9]+(\\.[A-Za-z0-9]+)*-\\d{6}-\\d{4,6}$', example: '000.00.12.H56-261122-0007' },
  { id: 'digits', pattern: '^\\d{6,20}$', example: '2611220042' },
] as const;
export type DossierCodeFormatId = (typeof DOSSIER_CODE_FORMATS)[number]['id'] | 'custom';

/** The listed format a stored expression is, or 'custom' for one an administrator wrote. */
export function dossierCodeFormatOf(pattern: string): DossierCodeFormatId {
  return DOSSIER_CODE_FORMATS.find((format) => format.pattern === pattern)?.id ?? 'custom';
}

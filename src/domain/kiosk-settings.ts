import { z } from 'zod';
import { localeCodeSchema } from './questionnaire.ts';

/** How one kiosk behaves; the server publishes a unit's defaults and staff may adjust some on the tablet. */
export const kioskSettingsSchema = z.object({
  mode: z.enum(['full', 'quick']),
  /** Seconds without a touch before "Are you still there?" appears. */
  idleTimeoutSeconds: z.number().int().min(15).max(600),
  /** Seconds the "Are you still there?" countdown runs before the screen resets. */
  idleCountdownSeconds: z.number().int().min(5).max(60),
  /** Keep a walked-away survey as an incomplete record (never counted in indices) instead of dropping it. */
  keepPartialAnswers: z.boolean(),
  thankYouSeconds: z.number().int().min(2).max(60),
  /** Service fields offered on the kiosk; empty means every field of the unit. */
  serviceFieldIds: z.array(z.string().min(1)),
  /** When set, the kiosk skips the service-field question and records this one. */
  fixedServiceFieldId: z.string().min(1).nullable(),
  counterId: z.string().min(1).nullable(),
  languages: z.array(localeCodeSchema).min(1),
  dossierCode: z.object({
    ask: z.enum(['off', 'optional', 'required']),
    /** A regular expression the typed code must match entirely, e.g. `^[A-Z0-9.-]{6,40}$`. */
    pattern: z.string().min(1).max(200).refine(isValidRegExp, 'not a valid regular expression'),
  }),
  /**
   * Days a synced response stays on the tablet before it is pruned; pending and rejected ones never are.
   * Defaulted so settings published before this field existed still read.
   */
  retentionDays: z.number().int().min(1).max(3650).default(90),
  /**
   * Start every survey in the large-text, high-contrast mode (a citizen can still switch it off on the
   * welcome screen). Defaulted so settings published before this field existed still read.
   */
  largeText: z.boolean().default(false),
  /**
   * After the service field, ask which procedure the citizen came for (optional for them), so reports
   * can be filtered by procedure. Defaulted so settings published before this field existed still read.
   */
  askProcedure: z.boolean().default(false),
  /**
   * Quick mode asks why after every face, not only after the unhappy one (always asked). Defaulted so
   * settings published before this field existed still read.
   */
  askReasonForEveryRating: z.boolean().default(false),
});
function isValidRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

export type KioskSettings = z.infer<typeof kioskSettingsSchema>;

export const DEFAULT_KIOSK_SETTINGS: KioskSettings = {
  mode: 'full',
  idleTimeoutSeconds: 60,
  idleCountdownSeconds: 15,
  keepPartialAnswers: true,
  thankYouSeconds: 6,
  serviceFieldIds: [],
  fixedServiceFieldId: null,
  counterId: null,
  languages: ['vi', 'en'],
  dossierCode: { ask: 'off', pattern: '^[A-Za-z0-9./-]{4,40}$' },
  retentionDays: 90,
  largeText: false,
  askProcedure: false,
  askReasonForEveryRating: false,
};

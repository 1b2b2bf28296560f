import { z } from 'zod';
import { kioskSettingsSchema, type KioskSettings } from '../../domain/kiosk-settings.ts';

/** The settings staff may change on the tablet; bounds are the domain's, so the form and storage agree. */
const shape = kioskSettingsSchema.shape;
export const staffSettingsFormSchema = z.object({
  mode: shape.mode,
  /** "" stands for "no counter" in the select. */
  counterId: z.string(),
  idleTimeoutSeconds: shape.idleTimeoutSeconds,
  languages: shape.languages,
  retentionDays: z.number().int().min(1).max(3650),
  largeText: z.boolean(),
});
export type StaffSettingsFormValues = z.infer<typeof staffSettingsFormSchema>;

export function formValuesOf(settings: KioskSettings): StaffSettingsFormValues {
  return {
    mode: settings.mode,
    counterId: settings.counterId ?? '',
    idleTimeoutSeconds: settings.idleTimeoutSeconds,
    languages: [...settings.languages],
    retentionDays: settings.retentionDays,
    // A configuration stored before the setting existed lacks it until the next pull.
    largeText: settings.largeText === true,
  };
}

export function overridesOf(values: StaffSettingsFormValues): Partial<KioskSettings> {
  return { ...values, counterId: values.counterId === '' ? null : values.counterId };
}

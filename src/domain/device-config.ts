import { z } from 'zod';
import { localizedTextSchema, questionnaireSchema } from './questionnaire.ts';
import { kioskSettingsSchema } from './kiosk-settings.ts';

/**
 * What the server publishes to an enrolled device (GET /api/v1/sync/config). The tablet keeps the last
 * one it received so it starts and works with no network at all.
 */
export const counterSchema = z.object({
  id: z.string().min(1),
  name: localizedTextSchema,
});
export type Counter = z.infer<typeof counterSchema>;

export const serviceFieldSchema = z.object({
  id: z.string().min(1),
  name: localizedTextSchema,
});
export type ServiceField = z.infer<typeof serviceFieldSchema>;

/** An administrative procedure (thủ tục hành chính) of a service field, e.g. "Đăng ký khai sinh". */
export const procedureSchema = z.object({
  id: z.string().min(1),
  serviceFieldId: z.string().min(1),
  name: localizedTextSchema,
});
export type Procedure = z.infer<typeof procedureSchema>;

export const targetSchema = z.object({
  questionnaireId: z.string().min(1),
  /** Percentage of satisfied answers, e.g. 85 or 90. */
  percent: z.number().gt(0).max(100),
});
export type Target = z.infer<typeof targetSchema>;

export const deviceConfigSchema = z.object({
  device: z.object({ id: z.string().min(1), name: z.string() }),
  unit: z.object({
    id: z.string().min(1),
    name: localizedTextSchema,
    /** IANA time zone the unit's days are counted in. */
    timeZone: z.string().min(1),
  }),
  counters: z.array(counterSchema),
  serviceFields: z.array(serviceFieldSchema),
  /** The procedures of those service fields. Defaulted so configurations kept from before it still read. */
  procedures: z.array(procedureSchema).default([]),
  questionnaires: z.array(questionnaireSchema).min(1),
  /** The questionnaire each kiosk mode uses: the newest published version of these ids. */
  activeQuestionnaires: z.object({ full: z.string().min(1), quick: z.string().min(1) }),
  targets: z.array(targetSchema),
  kioskSettings: kioskSettingsSchema,
});
export type DeviceConfig = z.infer<typeof deviceConfigSchema>;

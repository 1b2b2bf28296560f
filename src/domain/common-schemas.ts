import { z } from 'zod';
import { DEFAULT_LOCALE } from './localize.ts';
import type { ScaleKind } from './scales.ts';

/** The zod schemas questionnaires and scoring methods share: ids, localized texts and scale kinds. */

export const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-", at most 64 characters');

export const localeCodeSchema = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'a BCP 47 language code such as "vi", "en" or "km"');
export type LocaleCode = z.infer<typeof localeCodeSchema>;

const nonBlankText = z
  .string()
  .trim()
  .min(1)
  .transform((text) => text.normalize('NFC'));

export const localizedTextSchema = z.record(localeCodeSchema, nonBlankText).refine((texts) => typeof texts[DEFAULT_LOCALE] === 'string', {
  message: 'every text needs its Vietnamese version ("vi"), the fallback for all locales',
  params: { reason: 'vietnamese-missing' },
});

export const scaleKindSchema = z.enum(['five-level', 'three-level']) satisfies z.ZodType<ScaleKind>;

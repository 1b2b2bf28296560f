import { z } from 'zod';
import { answerValueSchema, type AnswerValue } from '../../domain/response.ts';
import { dossierCodeMatches } from '../../domain/survey-flow.ts';
import type { KioskSettings } from '../../domain/kiosk-settings.ts';

export interface SurveyFormValues {
  serviceFieldId: string | null;
  procedureId: string | null;
  dossierCode: string;
  answers: Record<string, AnswerValue | null>;
}

export const EMPTY_SURVEY: SurveyFormValues = { serviceFieldId: null, procedureId: null, dossierCode: '', answers: {} };

/** What the kiosk requires before it moves on; messages are i18n keys, translated where shown. */
export function surveyFormSchema(options: { askServiceField: boolean; dossierCode: KioskSettings['dossierCode'] }) {
  const { ask, pattern } = options.dossierCode;
  return z.object({
    serviceFieldId: options.askServiceField ? z.string({ error: 'serviceField.hint' }).min(1, 'serviceField.hint') : z.string().nullable(),
    procedureId: z.string().nullable(),
    dossierCode: z.string().superRefine((code, ctx) => {
      if (ask === 'off') return;
      if (code.trim() === '') {
        if (ask === 'required') ctx.addIssue({ code: 'custom', message: 'dossier.missing' });
        return;
      }
      if (!dossierCodeMatches(code, pattern)) ctx.addIssue({ code: 'custom', message: 'dossier.invalid' });
    }),
    answers: z.record(z.string(), answerValueSchema.nullable()),
  });
}

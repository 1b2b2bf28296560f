import { z } from 'zod';
import type { Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
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
function surveyFormSchema(options: { askServiceField: boolean; dossierCode: KioskSettings['dossierCode'] }) {
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

/**
 * The survey form's resolver. Its schema is built at the first validation (the first "next" tap), not
 * when the survey opens: building it was a fifth of the time from the start tap to the first question.
 */
export function surveyFormResolver(options: Parameters<typeof surveyFormSchema>[0]): Resolver<SurveyFormValues> {
  let resolve: Resolver<SurveyFormValues> | undefined;
  return (values, context, resolverOptions) => {
    resolve ??= zodResolver(surveyFormSchema(options)) as Resolver<SurveyFormValues>;
    return resolve(values, context, resolverOptions);
  };
}

import { questionnaireSchema, type Questionnaire } from '../../../domain/questionnaire.ts';
import type { SubmissionOutcome } from './form-parts.tsx';

/** The draft's JSON as data, valid questionnaire or not yet; null when it is not JSON. */
export function parsedDraft(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

/** The draft in the editor as a questionnaire, or why it is not one: not JSON at all, or the schema's issues with their paths. */
export type CheckedDraft =
  | { ok: true; questionnaire: Questionnaire }
  | { ok: false; reason: 'not-json'; message: string }
  | { ok: false; reason: 'invalid'; issues: { path: (string | number)[]; message: string }[] };

export function checkedDraft(json: string): CheckedDraft {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return { ok: false, reason: 'not-json', message: String(error) };
  }
  const parsed = questionnaireSchema.safeParse(data);
  if (parsed.success) return { ok: true, questionnaire: parsed.data };
  return {
    ok: false,
    reason: 'invalid',
    issues: parsed.error.issues.map((issue) => ({
      path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
      message: issue.message,
    })),
  };
}

/** Why the draft cannot be used, as the form says it: not JSON, or the schema's issues with their paths. */
export function draftFailure(
  draft: Exclude<CheckedDraft, { ok: true }>,
  t: (key: string, options?: Record<string, unknown>) => string,
): SubmissionOutcome {
  return draft.reason === 'not-json'
    ? { kind: 'failed', message: t('manage.questionnaires.notJson', { message: draft.message }), issues: [] }
    : { kind: 'failed', message: t('manage.questionnaires.invalid'), issues: draft.issues };
}

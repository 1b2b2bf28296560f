import { questionnaireSchema, type Questionnaire } from '../../../domain/questionnaire.ts';
import type { TFunction } from 'i18next';
import { draftIssuesOf, type DraftIssue } from '../../../domain/draft-issues.ts';
import { issuePlace, issueSentence } from './draft-issue-text.ts';
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
  | { ok: false; reason: 'invalid'; data: unknown; issues: DraftIssue[] };

export function checkedDraft(json: string): CheckedDraft {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return { ok: false, reason: 'not-json', message: String(error) };
  }
  const parsed = questionnaireSchema.safeParse(data);
  if (parsed.success) return { ok: true, questionnaire: parsed.data };
  return { ok: false, reason: 'invalid', data, issues: draftIssuesOf(parsed.error) };
}

/**
 * Why the draft cannot be used, as the form says it: not JSON, or each of the schema's issues as its
 * place and a sentence in the reader's language, with the raw path beside it.
 */
export function draftFailure(draft: Exclude<CheckedDraft, { ok: true }>, t: TFunction, language: string): SubmissionOutcome {
  if (draft.reason === 'not-json') return { kind: 'failed', message: t('manage.questionnaires.notJson', { message: draft.message }), issues: [] };
  return {
    kind: 'failed',
    message: t('manage.questionnaires.invalid'),
    issues: draft.issues.map((issue) => ({
      path: issue.path,
      place: issuePlace(issue.path, draft.data, t, language),
      message: issueSentence(issue, t, language),
    })),
  };
}

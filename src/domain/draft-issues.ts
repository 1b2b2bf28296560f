import type { z } from 'zod';

/**
 * Why a questionnaire draft or its method was refused, as a screen says it: the field's path, the reason
 * as a code with the values it names, and the schema's own words for programs and the raw record. The
 * questionnaire's and the method's own rules give their reasons through `customIssue`; the schema's
 * built-in checks get reasons of their own (a blank text, too few items, a number too large, a malformed
 * id, a missing or mistyped field).
 */
export type DraftIssueReason =
  | 'element-not-in-tree'
  | 'unknown-element'
  | 'unknown-criterion'
  | 'unknown-question'
  | 'satisfied-levels-missing'
  | 'level-off-scale'
  | 'level-twice'
  | 'respondent-criteria-weights'
  | 'element-twice'
  | 'combination-weights'
  | 'criterion-is-element'
  | 'criterion-twice'
  | 'weights-partial'
  | 'weights-sum'
  | 'id-twice'
  | 'recording-without-text'
  | 'vietnamese-missing'
  | 'quick-one-criterion'
  | 'blank'
  | 'too-few'
  | 'too-big'
  | 'bad-format'
  | 'missing'
  | 'invalid';

export interface DraftIssue {
  path: (string | number)[];
  message: string;
  reason: DraftIssueReason;
  values?: Record<string, string | number>;
}

/** A rule's issue for zod's `addIssue`, its reason and values kept as params for the reader's language. */
export function customIssue(issue: DraftIssue) {
  return { code: 'custom' as const, message: issue.message, path: issue.path, params: { reason: issue.reason, ...issue.values } };
}

function valuesOf(params: Record<string, unknown> | undefined): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params ?? {}).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number'),
  );
}

function describedIssue(issue: z.core.$ZodIssue): Pick<DraftIssue, 'reason' | 'values'> {
  switch (issue.code) {
    case 'custom': {
      const { reason, ...values } = valuesOf(issue.params);
      return { reason: typeof reason === 'string' ? (reason as DraftIssueReason) : 'invalid', values };
    }
    case 'too_small':
      return issue.origin === 'string' ? { reason: 'blank', values: {} } : { reason: 'too-few', values: { minimum: Number(issue.minimum) } };
    case 'too_big':
      return { reason: 'too-big', values: { maximum: Number(issue.maximum) } };
    case 'invalid_format':
      return { reason: 'bad-format', values: {} };
    case 'invalid_type':
    case 'invalid_union':
    case 'invalid_value':
      return { reason: 'missing', values: {} };
    default:
      return { reason: 'invalid', values: {} };
  }
}

export function draftIssuesOf(error: z.ZodError): DraftIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
    message: issue.message,
    ...describedIssue(issue),
  }));
}

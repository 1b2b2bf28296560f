/**
 * Reading a draft as written, valid or not yet: what the editors need from plain JSON without trusting
 * its shape (questionnaire-edits.ts, method-edits.ts). A value of the wrong kind reads as empty.
 */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectsOf(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** A text per language, keeping only the languages whose text is a string. */
export function textsOf(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

export const stringOf = (value: unknown): string => (typeof value === 'string' ? value : '');

import type { TFunction } from 'i18next';
import type { DraftIssue } from '../../../domain/draft-issues.ts';
import { isObject } from '../../../domain/draft-values.ts';
import { languageName } from '../../../domain/export/response-rows.ts';

/** Lists whose items the place names by their id ("tiêu chí E1.5"), with the key of each item's name. */
const NAMED_ITEMS: Readonly<Record<string, string>> = {
  elements: 'element',
  criteria: 'criterion',
  sections: 'section',
  questions: 'question',
  options: 'option',
};

/** Keys that hold one text per language: the key after them is a language code. */
const TEXT_KEYS = new Set(['title', 'text', 'help', 'name', 'legalBasis', 'audio']);

/**
 * Where an issue sits, in the reader's words: "Yếu tố E1 › tiêu chí E1.5 › nội dung (tiếng Việt)". The
 * draft gives each item's id; a key the form does not know is shown as it is written.
 */
export function issuePlace(path: readonly (string | number)[], draft: unknown, t: TFunction, language: string): string {
  const parts: string[] = [];
  let node: unknown = draft;
  let list: string | null = null;
  let texts = false;
  for (const [position, key] of path.entries()) {
    const child: unknown = Array.isArray(node) || isObject(node) ? (node as Record<string | number, unknown>)[key] : undefined;
    if (typeof key === 'number' && list && NAMED_ITEMS[list]) {
      const id = isObject(child) && typeof child.id === 'string' ? child.id : String(key + 1);
      parts.push(t(`manage.draftIssues.places.${NAMED_ITEMS[list]}`, { id }));
    } else if (texts && typeof key === 'string') {
      parts[parts.length - 1] += ` (${languageName(key, language)})`;
    } else if (typeof key === 'string' && !(NAMED_ITEMS[key] && typeof path[position + 1] === 'number')) {
      // A list followed by one of its items is named by the item alone.
      parts.push(t(`manage.draftIssues.places.${key}`, { defaultValue: key }));
    }
    texts = typeof key === 'string' && TEXT_KEYS.has(key);
    list = typeof key === 'string' ? key : null;
    node = child;
  }
  const place = parts.join(' › ');
  return place === '' ? t('manage.draftIssues.places.questionnaire') : place.charAt(0).toLocaleUpperCase(language) + place.slice(1);
}

/** What is wrong, in the reader's words, from the issue's reason and the values it names. */
export function issueSentence(issue: DraftIssue, t: TFunction, language: string): string {
  const given = issue.values ?? {};
  const values: Record<string, string | number> = { ...given, message: issue.message };
  if (typeof given.sum === 'number') values.sum = new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(given.sum * 100);
  if (typeof given.scale === 'string') values.scale = t(`manage.draftIssues.scales.${given.scale}`, { defaultValue: given.scale });
  if (typeof given.locale === 'string') values.language = languageName(given.locale, language);
  return t(`manage.draftIssues.reasons.${issue.reason}`, values);
}

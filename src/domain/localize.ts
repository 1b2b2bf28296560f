/** Vietnamese is mandatory in every text and is the fallback for any other locale. */
export const DEFAULT_LOCALE = 'vi';

/** A text per locale code; `vi` is always present. */
export type LocalizedText = Record<string, string>;

/** The text in `locale`, falling back to Vietnamese for any locale the text lacks. */
export function localize(text: LocalizedText, locale: string): string {
  return text[locale] ?? text[DEFAULT_LOCALE] ?? '';
}

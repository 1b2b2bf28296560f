/** Vietnamese is mandatory in every text and is the fallback for any other locale. */
export const DEFAULT_LOCALE = 'vi';

/** A text per locale code; `vi` is always present. */
export type LocalizedText = Record<string, string>;

/** The text in `locale`, falling back to Vietnamese for any locale the text lacks. */
export function localize(text: LocalizedText, locale: string): string {
  return text[locale] ?? text[DEFAULT_LOCALE] ?? '';
}

/** The locale of the words `localize` shows: the requested one, or Vietnamese when it fell back. */
export function shownLocale(text: LocalizedText, locale: string): string {
  return text[locale] !== undefined ? locale : DEFAULT_LOCALE;
}

/** A text as the kiosk shows and reads it: the words, their language, and the recording of those words. */
export interface SpokenText {
  text: string;
  lang: string;
  recording?: string;
}

/**
 * What the speaker reads for a questionnaire text. The recording is the one of the words on screen, so a
 * text that falls back to Vietnamese plays its Vietnamese recording and is spoken with a Vietnamese voice.
 */
export function spokenText(text: LocalizedText, audio: Record<string, string> | undefined, locale: string): SpokenText {
  const lang = shownLocale(text, locale);
  const recording = audio?.[lang];
  return { text: localize(text, locale), lang, ...(recording ? { recording } : {}) };
}

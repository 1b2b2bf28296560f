import type { SpokenText } from '../../domain/localize.ts';

/** A question followed by its levels (or options) in the kiosk's language, as a speaker reads them. */
export function withAnswers(question: SpokenText, answers: readonly { label: string }[], uiLanguage: string): SpokenText[] {
  return [question, ...answers.map((answer) => ({ text: answer.label, lang: uiLanguage }))];
}

/** A text of the kiosk itself (a heading, an invitation): read only by a voice, it has no recording. */
export function uiText(text: string, uiLanguage: string): SpokenText {
  return { text, lang: uiLanguage };
}

import type { SpokenText } from './localize.ts';
import type { LocalizedAudio, Questionnaire } from './questionnaire.ts';

/** A speech-synthesis voice as the browser describes it, without the DOM object. */
export interface VoiceInfo {
  name: string;
  lang: string;
  /** False for voices synthesised by a remote service: they fall silent when the counter has no network. */
  localService: boolean;
}

function primaryLanguage(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? '';
}

/**
 * The voice that reads `lang` on this tablet: an on-device voice of the same language, preferring the
 * browser's default, then an exact tag. Remote voices never count, since the kiosk must read aloud offline.
 */
export function voiceFor<V extends VoiceInfo & { default?: boolean }>(voices: readonly V[], lang: string): V | undefined {
  const wanted = primaryLanguage(lang);
  const candidates = voices.filter((voice) => voice.localService && primaryLanguage(voice.lang) === wanted);
  return (
    candidates.find((voice) => voice.default) ??
    candidates.find((voice) => voice.lang.toLowerCase().replace('_', '-') === lang.toLowerCase()) ??
    candidates[0]
  );
}

/** How one press of a speaker is read: by a voice, by the recording of the main text, or not at all. */
export type ReadAloudPlan<V extends VoiceInfo = VoiceInfo> =
  { kind: 'voice'; utterances: { text: string; lang: string; voice: V }[] } | { kind: 'recording'; recording: string } | { kind: 'none' };

/**
 * The first text is the question; the others (the levels, the options) follow it when a voice reads.
 * Without a voice for the question's language the question's own recording plays, since a recording
 * always belongs to exactly one text.
 */
export function planReadAloud<V extends VoiceInfo>(texts: readonly SpokenText[], voices: readonly V[]): ReadAloudPlan<V> {
  const [main] = texts;
  if (!main) return { kind: 'none' };
  const voice = voiceFor(voices, main.lang);
  if (voice) {
    const utterances = texts.flatMap((item) => {
      const itemVoice = item.lang === main.lang ? voice : voiceFor(voices, item.lang);
      return itemVoice ? [{ text: item.text, lang: item.lang, voice: itemVoice }] : [];
    });
    return { kind: 'voice', utterances };
  }
  if (main.recording) return { kind: 'recording', recording: main.recording };
  return { kind: 'none' };
}

/** The questionnaire's texts that can carry a recording, in screen order. */
function readableTexts(questionnaire: Questionnaire): { text: Record<string, string>; audio?: LocalizedAudio }[] {
  return [
    ...questionnaire.elements.flatMap((element) => [{ text: element.title, audio: element.audio }, ...element.criteria]),
    ...questionnaire.sections.flatMap((section) => section.questions),
  ];
}

/** How this tablet reads a language aloud, for the staff's settings screen. */
export interface LanguageReadAloud {
  lang: string;
  voice: string | null;
  /** Texts of the questionnaires with a recording in this language, out of all their texts. */
  recordings: { recorded: number; total: number };
}

export function languageReadAloud(lang: string, voices: readonly VoiceInfo[], questionnaires: readonly Questionnaire[]): LanguageReadAloud {
  const texts = questionnaires.flatMap(readableTexts);
  return {
    lang,
    voice: voiceFor(voices, lang)?.name ?? null,
    recordings: { recorded: texts.filter((item) => item.audio?.[lang] !== undefined).length, total: texts.length },
  };
}

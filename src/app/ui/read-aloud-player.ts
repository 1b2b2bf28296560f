import type { ReadAloudPlan } from '../../domain/read-aloud.ts';

/** Reading aloud with the device's voices or a recording; no React, so the dossier-link page uses it too. */

/** One player for the whole page, so a second tap never plays two recordings over each other. */
let player: HTMLAudioElement | null = null;

export function stopReadingAloud(): void {
  if ('speechSynthesis' in window) window.speechSynthesis.cancel();
  player?.pause();
}

/** Reads the texts aloud as planned; does nothing when the plan says the tablet cannot. */
export function readAloud(plan: ReadAloudPlan<SpeechSynthesisVoice>): void {
  stopReadingAloud();
  if (plan.kind === 'voice') {
    for (const { text, lang, voice } of plan.utterances) {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = lang;
      utterance.voice = voice;
      window.speechSynthesis.speak(utterance);
    }
  } else if (plan.kind === 'recording') {
    player ??= new Audio();
    player.src = plan.recording;
    player.play().catch((error: unknown) => console.error('could not play a recording', error));
  }
}

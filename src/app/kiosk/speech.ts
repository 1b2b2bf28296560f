import { useEffect, useState } from 'react';
import type { ReadAloudPlan } from '../../domain/read-aloud.ts';

/** The browser's voices; an empty list where the device has no speech synthesis at all. */
function currentVoices(): SpeechSynthesisVoice[] {
  return typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis.getVoices() : [];
}

/** The voices of this device, kept up to date: browsers announce them late (`voiceschanged`). */
export function useSpeechVoices(): SpeechSynthesisVoice[] {
  const [voices, setVoices] = useState(currentVoices);
  useEffect(() => {
    if (!('speechSynthesis' in window)) return;
    const synthesis = window.speechSynthesis;
    const update = () => setVoices(currentVoices());
    update();
    synthesis.addEventListener('voiceschanged', update);
    return () => synthesis.removeEventListener('voiceschanged', update);
  }, []);
  return voices;
}

/** One player for the whole kiosk, so a second tap never plays two recordings over each other. */
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

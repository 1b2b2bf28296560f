import { useTranslation } from 'react-i18next';
import type { SpokenText } from '../../domain/localize.ts';
import { planReadAloud } from '../../domain/read-aloud.ts';
import { readAloud } from '../ui/read-aloud-player.ts';
import { useSpeechVoices } from './speech.ts';

interface SpeakerButtonProps {
  /** The main text first (a question), then what follows it when a voice reads (its levels or options). */
  texts: readonly SpokenText[];
  /** What the button reads, for its accessible name; defaults to the main text. */
  label?: string;
}

/**
 * Reads a question aloud for people who read little: the device's voice for the language, or the
 * recording attached to the text. Absent when the tablet can do neither, so it never promises sound.
 */
export function SpeakerButton({ texts, label }: SpeakerButtonProps) {
  const { t } = useTranslation();
  const voices = useSpeechVoices();
  const plan = planReadAloud(texts, voices);
  if (plan.kind === 'none') return null;
  return (
    <button
      type="button"
      className="speaker"
      aria-label={label ?? t('readAloud.listen', { text: texts[0]?.text ?? '' })}
      onClick={() => readAloud(plan)}
    >
      <svg width="30" height="30" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
        <path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
    </button>
  );
}

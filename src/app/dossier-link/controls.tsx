/** @jsxImportSource preact */
import type { ComponentChildren } from 'preact';
import type { SpokenText } from '../../domain/localize.ts';
import { planReadAloud } from '../../domain/read-aloud.ts';
import { faceGeometry } from '../ui/face-geometry.ts';
import { readAloud } from '../ui/read-aloud-player.ts';

/**
 * The page's answer controls, in Preact with the kiosk's markup and classes (ui/survey-controls.css), so
 * a citizen meets the same faces and chips on their phone as at the counter.
 */

export interface Level {
  level: number;
  label: string;
  /** 0 = most unhappy, 1 = happiest. */
  mood: number;
}

function Face({ mood, size }: { mood: number; size: number }) {
  const face = faceGeometry(mood);
  return (
    <svg width={size} height={size} viewBox={face.viewBox} aria-hidden="true" focusable="false">
      <circle cx={face.centre} cy={face.centre} r={face.radius} fill="currentColor" opacity="0.18" />
      <circle cx={face.centre} cy={face.centre} r={face.radius} fill="none" stroke="currentColor" stroke-width="3" />
      {face.eyes.map((eye) => (
        <circle key={eye.cx} cx={eye.cx} cy={eye.cy} r={eye.r} fill="currentColor" />
      ))}
      <path d={face.mouth} fill="none" stroke="currentColor" stroke-width="3.5" stroke-linecap="round" />
    </svg>
  );
}

/** A speaker that reads the texts with the phone's voice or a recording; absent when the phone can do neither. */
export function Speaker({ texts, label }: { texts: readonly SpokenText[]; label: string }) {
  const voices = typeof speechSynthesis === 'undefined' ? [] : speechSynthesis.getVoices();
  const plan = planReadAloud(texts, voices);
  if (plan.kind === 'none') return null;
  return (
    <button type="button" class="speaker" aria-label={label} onClick={() => readAloud(planReadAloud(texts, speechSynthesis.getVoices()))}>
      <svg width="26" height="26" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
        <path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
      </svg>
    </button>
  );
}

interface FaceScaleProps {
  legend: string;
  levels: readonly Level[];
  /** null: "no opinion" chosen; undefined: nothing chosen yet. */
  value: number | null | undefined;
  onChange: (level: number | null) => void;
  noOpinionLabel?: string;
  large: boolean;
  speaker: ComponentChildren;
  /** An Element Timing identifier for the legend (performance-marks.ts). */
  timing?: string;
}

export function FaceScale({ legend, levels, value, onChange, noOpinionLabel, large, speaker, timing }: FaceScaleProps) {
  return (
    <fieldset class={`rating rating--${large ? 'large' : 'normal'}`}>
      <legend class="rating__legend" {...(timing ? { elementtiming: timing } : {})}>
        {legend}
      </legend>
      {speaker}
      <div class="rating__choices" role="radiogroup" aria-label={legend}>
        {levels.map((level) => (
          <button
            key={level.level}
            type="button"
            role="radio"
            aria-checked={value === level.level}
            class={`face face--mood-${Math.round(level.mood * 4)}`}
            onClick={() => onChange(level.level)}
          >
            <Face mood={level.mood} size={large ? 56 : 34} />
            <span class="face__label">{level.label}</span>
          </button>
        ))}
        {noOpinionLabel ? (
          <button type="button" role="radio" aria-checked={value === null} class="face face--none" onClick={() => onChange(null)}>
            <span class="face__label">{noOpinionLabel}</span>
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}

interface ChoicesProps {
  legend: string;
  hint?: string;
  options: readonly { id: string; label: string }[];
  chosen: readonly string[];
  /** 1 for a single choice (a tap replaces it); more for several. */
  maxChoices: number;
  onChange: (chosen: string[]) => void;
  speaker: ComponentChildren;
}

export function Choices({ legend, hint, options, chosen, maxChoices, onChange, speaker }: ChoicesProps) {
  const toggle = (id: string) => {
    if (chosen.includes(id)) onChange(chosen.filter((other) => other !== id));
    else if (maxChoices === 1) onChange([id]);
    else if (chosen.length < maxChoices) onChange([...chosen, id]);
  };
  return (
    <fieldset class="choices">
      <legend class="choices__legend">{legend}</legend>
      {speaker}
      {hint ? <p class="choices__hint">{hint}</p> : null}
      <div class="choices__options" role={maxChoices === 1 ? 'radiogroup' : 'group'} aria-label={legend}>
        {options.map((option) => {
          const isChosen = chosen.includes(option.id);
          const full = !isChosen && maxChoices > 1 && chosen.length >= maxChoices;
          return (
            <button
              key={option.id}
              type="button"
              role={maxChoices === 1 ? 'radio' : 'checkbox'}
              aria-checked={isChosen}
              aria-disabled={full}
              class="chip"
              onClick={() => toggle(option.id)}
            >
              {option.label}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}

interface FreeTextProps {
  id: string;
  label: string;
  value: string;
  maxLength: number;
  counter: string;
  onChange: (text: string) => void;
}

export function FreeText({ id, label, value, maxLength, counter, onChange }: FreeTextProps) {
  return (
    <label class="free-text" for={id}>
      {label}
      <textarea id={id} rows={4} maxLength={maxLength} value={value} onInput={(event) => onChange(event.currentTarget.value)} />
      <span class="free-text__counter" aria-live="polite">
        {counter}
      </span>
    </label>
  );
}

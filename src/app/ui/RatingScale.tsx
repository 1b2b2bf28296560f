import type { ReactNode } from 'react';
import { FaceIcon } from './FaceIcon.tsx';

export interface RatingLevel {
  level: number;
  label: string;
  /** 0 = most unhappy, 1 = happiest: drives the face and its colour. */
  mood: number;
}

interface RatingScaleProps {
  name: string;
  legend: string;
  levels: RatingLevel[];
  /** The chosen level; null when the respondent chose "no opinion"; undefined while nothing is chosen. */
  value: number | null | undefined;
  onChange: (level: number | null) => void;
  /** Label of the "no opinion" choice; omitted when the question does not offer one. */
  noOpinionLabel?: string;
  size?: 'normal' | 'large';
  /** A control beside the question, before its faces (the kiosk's speaker). */
  action?: ReactNode;
}

/** A row of large labelled faces; the level's words are the accessible name, the face is decoration. */
export function RatingScale({ name, legend, levels, value, onChange, noOpinionLabel, size = 'normal', action }: RatingScaleProps) {
  return (
    <fieldset className={`rating rating--${size}`}>
      <legend className="rating__legend">{legend}</legend>
      {action}
      <div className="rating__choices" role="radiogroup" aria-label={legend}>
        {levels.map((level) => (
          <button
            key={level.level}
            type="button"
            role="radio"
            name={name}
            aria-checked={value === level.level}
            className={`face face--mood-${Math.round(level.mood * 4)}`}
            onClick={() => onChange(level.level)}
          >
            <FaceIcon mood={level.mood} size={size === 'large' ? 72 : 34} />
            <span className="face__label">{level.label}</span>
          </button>
        ))}
        {noOpinionLabel ? (
          <button type="button" role="radio" aria-checked={value === null} className="face face--none" onClick={() => onChange(null)}>
            <span className="face__label">{noOpinionLabel}</span>
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}

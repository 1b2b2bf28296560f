import type { ReactNode } from 'react';

interface ChoiceListProps {
  legend: string;
  options: { id: string; label: string }[];
  selected: string[];
  onChange: (selected: string[]) => void;
  /** 1 for a single choice; more for a multiple choice with a maximum. */
  maxChoices: number;
  hint?: string;
  /** A control beside the question, before its options (the kiosk's speaker). */
  action?: ReactNode;
  /** Large chips for a screen of their own (quick mode's reasons). */
  size?: 'normal' | 'large';
  /** The legend stays for screen readers but is not shown, when the screen's heading already says it. */
  legendHidden?: boolean;
}

/** Large toggle chips; a single choice replaces, a multiple choice stops at its maximum. */
export function ChoiceList({
  legend,
  options,
  selected,
  onChange,
  maxChoices,
  hint,
  action,
  size = 'normal',
  legendHidden = false,
}: ChoiceListProps) {
  const single = maxChoices === 1;
  const toggle = (id: string) => {
    if (selected.includes(id)) onChange(selected.filter((chosen) => chosen !== id));
    else if (single) onChange([id]);
    else if (selected.length < maxChoices) onChange([...selected, id]);
  };
  return (
    <fieldset className={size === 'large' ? 'choices choices--large' : 'choices'}>
      <legend className={legendHidden ? 'visually-hidden' : 'choices__legend'}>{legend}</legend>
      {action}
      {hint ? <p className="choices__hint">{hint}</p> : null}
      <div className="choices__options" role={single ? 'radiogroup' : 'group'} aria-label={legend}>
        {options.map((option) => {
          const isSelected = selected.includes(option.id);
          return (
            <button
              key={option.id}
              type="button"
              role={single ? 'radio' : 'checkbox'}
              aria-checked={isSelected}
              aria-disabled={!isSelected && !single && selected.length >= maxChoices}
              className="chip"
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

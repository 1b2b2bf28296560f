import type { ReactNode } from 'react';
import type { SpokenText } from '../../domain/localize.ts';
import { SpeakerButton } from './SpeakerButton.tsx';

/**
 * A step's title, focusable so the runner can move focus to it when the step opens, beside the button that
 * reads the step aloud (`spoken`: the title first, then what follows it).
 */
export function StepHead({ title, spoken, speakerLabel }: { title: ReactNode; spoken: readonly SpokenText[]; speakerLabel?: string }) {
  return (
    <div className="step-head">
      <h1 className="step-title" tabIndex={-1}>
        {title}
      </h1>
      <SpeakerButton texts={spoken} label={speakerLabel} />
    </div>
  );
}

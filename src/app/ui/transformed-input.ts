import type { ChangeEvent } from 'react';

/**
 * The change handler of a controlled input whose state is a transform of what was typed (the digits of
 * a PIN, a trimmed address), that shows the transform in the field as well. React DOM put a controlled
 * input back to its state after every change; Preact (vite.config.ts) renders only when the state
 * changes, so a letter typed into a PIN field would stay in the field while the state kept the digits.
 */
export function transformedInput(transform: (typed: string) => string, set: (value: string) => void) {
  return (event: ChangeEvent<HTMLInputElement>) => {
    const value = transform(event.currentTarget.value);
    if (event.currentTarget.value !== value) event.currentTarget.value = value;
    set(value);
  };
}

export function digitsOf(typed: string): string {
  return typed.replace(/\D/g, '');
}

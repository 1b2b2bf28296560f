import type { ComponentProps, ReactNode } from 'react';

/**
 * One figure of a description list (`dl`): its name and its value, grouped so the pair lays out as one
 * tile; the rest of the props (a class, a test id) go to the value.
 */
export function Figure({ label, children, ...value }: { label: ReactNode; children: ReactNode } & ComponentProps<'dd'>) {
  return (
    <div>
      <dt>{label}</dt>
      <dd {...value}>{children}</dd>
    </div>
  );
}

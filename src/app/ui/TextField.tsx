import { forwardRef, type ComponentPropsWithoutRef, type ReactNode } from 'react';

/**
 * A labelled input of the kiosk and staff screens. When `error` (already in the reader's words) is given,
 * the input is marked invalid and the error is announced below it, under `errorId` where the input or a
 * test refers to it; the rest of the props go to the input. The ref is the input's (a form library
 * registers it), forwarded explicitly: the renderer (Preact, vite.config.ts) passes no ref as a prop.
 */
export const TextField = forwardRef<HTMLInputElement, { label: ReactNode; error?: string; errorId?: string } & ComponentPropsWithoutRef<'input'>>(
  function TextField({ label, error, errorId, ...input }, ref) {
    return (
      <>
        <label className="text-field">
          <span>{label}</span>
          <input ref={ref} {...input} aria-invalid={error ? true : undefined} />
        </label>
        {error ? (
          <p id={errorId} className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </>
    );
  },
);

/** A PIN of up to eight digits on the number pad, hidden as it is typed and not offered for autofill unless `autoComplete` says so. */
export const PinField = forwardRef<HTMLInputElement, { label: ReactNode; error?: string } & ComponentPropsWithoutRef<'input'>>(
  function PinField(props, ref) {
    return <TextField ref={ref} type="password" inputMode="numeric" autoComplete="off" maxLength={8} {...props} />;
  },
);

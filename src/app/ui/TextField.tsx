import type { ComponentProps, ReactNode } from 'react';

/**
 * A labelled input of the kiosk and staff screens. When `error` (already in the reader's words) is given,
 * the input is marked invalid and the error is announced below it, under `errorId` where the input or a
 * test refers to it; the rest of the props go to the input.
 */
export function TextField({ label, error, errorId, ...input }: { label: ReactNode; error?: string; errorId?: string } & ComponentProps<'input'>) {
  return (
    <>
      <label className="text-field">
        <span>{label}</span>
        <input {...input} aria-invalid={error ? true : undefined} />
      </label>
      {error ? (
        <p id={errorId} className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** A PIN of up to eight digits on the number pad, hidden as it is typed and not offered for autofill unless `autoComplete` says so. */
export function PinField(props: { label: ReactNode; error?: string } & ComponentProps<'input'>) {
  return <TextField type="password" inputMode="numeric" autoComplete="off" maxLength={8} {...props} />;
}

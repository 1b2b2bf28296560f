import { forwardRef, useState, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError, FieldErrors, FieldValues, Path, UseFormRegister } from 'react-hook-form';
import { asApiError } from '../../http/api-error.ts';
import { useMutationRunner } from '../api/queries.ts';
import { apiErrorText } from '../layout/ApiErrorMessage.tsx';

/** A field's validation message next to it; the schema's own words name what is wrong. */
export function FieldMessage({ error }: { error: FieldError | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return <p className="form-error">{t('manage.admin.fieldInvalid', { message: error.message ?? error.type })}</p>;
}

/** What the last submission did: an alert with the server's reason (and the paths it names), or "saved". */
export function SubmissionStatus({ outcome }: { outcome: SubmissionOutcome }) {
  const { t } = useTranslation();
  if (outcome.kind === 'idle') return null;
  if (outcome.kind === 'done') return <p role="status">{outcome.message ?? t('manage.admin.saved')}</p>;
  return (
    <div role="alert" className="form-error">
      <p>{outcome.message}</p>
      {outcome.issues.length > 0 && (
        <ul>
          {outcome.issues.map((issue, position) => {
            const path = <code>{issue.path.length > 0 ? issue.path.join('.') : '(root)'}</code>;
            return (
              <li key={position}>
                {issue.place ? (
                  <>
                    <strong>{issue.place}</strong>: {issue.message} <span className="issue-path">{path}</span>
                  </>
                ) : (
                  <>
                    {path}: {issue.message}
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export type SubmissionOutcome =
  { kind: 'idle' } | { kind: 'done'; message?: string } | { kind: 'failed'; message: string; issues: SubmissionIssue[] };

/** One field at fault: its path, and where it is in the reader's words when the form can say so. */
export interface SubmissionIssue {
  path: (string | number)[];
  place?: string;
  message: string;
}

/** Runs a mutation for a form and keeps its outcome for SubmissionStatus. */
export function useSubmission() {
  const { t } = useTranslation();
  const run = useMutationRunner();
  const [outcome, setOutcome] = useState<SubmissionOutcome>({ kind: 'idle' });
  const submit = async <T,>(mutation: () => Promise<T>, doneMessage?: (result: T) => string): Promise<boolean> => {
    setOutcome({ kind: 'idle' });
    try {
      const result = await run(mutation);
      setOutcome({ kind: 'done', message: doneMessage?.(result) });
      return true;
    } catch (error) {
      const failure = asApiError(error);
      // The field is already named in the translated text; the server's English message is not shown.
      const issues = failure.issues;
      setOutcome({ kind: 'failed', message: apiErrorText(failure, t), issues });
      return false;
    }
  };
  return { outcome, submit };
}

/** Reads a chosen CSV file as text (UTF-8, with or without BOM). */
export async function readFileText(file: File): Promise<string> {
  const text = await file.text();
  return text.replace(/^\uFEFF/, '');
}

/** A labelled input and, below it, what the schema finds wrong with it; the rest of the props and the (registered) ref go to the input. */
export const InputField = forwardRef<HTMLInputElement, { label: string; error: FieldError | undefined } & ComponentPropsWithoutRef<'input'>>(
  function InputField({ label, error, ...input }, ref) {
    return (
      <>
        <label>
          <span>{label}</span>
          <input ref={ref} {...input} />
        </label>
        <FieldMessage error={error} />
      </>
    );
  },
);

/** The fields of a thing with an id and a bilingual name (a counter, a service field). */
export interface IdAndNameValues {
  id: string;
  nameVi: string;
  nameEn: string;
  nameKm: string;
}

export function IdAndNameFields({ register, errors }: { register: UseFormRegister<IdAndNameValues>; errors: FieldErrors<IdAndNameValues> }) {
  const { t } = useTranslation();
  return (
    <>
      <InputField label={t('manage.units.id')} error={errors.id} {...register('id')} />
      <BilingualNameFields register={register} errors={errors} />
    </>
  );
}

type NameValues = Pick<IdAndNameValues, 'nameVi' | 'nameEn' | 'nameKm'>;

/** The Vietnamese name (required), the English and the Khmer ones (optional), in any form that has the three. */
export function BilingualNameFields<Values extends FieldValues & NameValues>({
  register,
  errors,
}: {
  register: UseFormRegister<Values>;
  errors: FieldErrors<Values>;
}) {
  const { t } = useTranslation();
  const nameErrors = errors as FieldErrors<NameValues>;
  return (
    <>
      <InputField label={t('manage.admin.nameVi')} error={nameErrors.nameVi} {...register('nameVi' as Path<Values>)} />
      <InputField label={t('manage.admin.nameEn')} error={nameErrors.nameEn} {...register('nameEn' as Path<Values>)} />
      <InputField label={t('manage.admin.nameKm')} error={nameErrors.nameKm} {...register('nameKm' as Path<Values>)} lang="km" />
    </>
  );
}

/** What the last submission did, then the form's submit button, inactive while `submitting`. */
export function SubmitWithStatus({
  outcome,
  submitting,
  danger = false,
  children,
}: {
  outcome: SubmissionOutcome;
  submitting?: boolean;
  /** The form does what cannot be undone (a merge). */
  danger?: boolean;
  children: ReactNode;
}) {
  return (
    <>
      <SubmissionStatus outcome={outcome} />
      <button type="submit" className={`manage-button ${danger ? 'manage-button--danger' : 'manage-button--primary'}`} disabled={submitting}>
        {children}
      </button>
    </>
  );
}

/**
 * A dashboard form with its heading and hint, named by its heading; submitting runs `onSubmit` instead of
 * navigating. The browser does not validate: the form's schema does, and says why in the page's language.
 */
export function TitledForm({
  id,
  title,
  hint,
  onSubmit,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  return (
    <form
      className="manage-form"
      aria-labelledby={id}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
      noValidate
    >
      <h2 id={id}>{title}</h2>
      {hint && <p className="note">{hint}</p>}
      {children}
    </form>
  );
}

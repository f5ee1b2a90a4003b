import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';

type FieldText = {
  name: string;
  label: string;
  error?: string;
  hint?: string;
};

/** A labelled input with its error tied to it for screen readers. */
export function FormField(props: FieldText & InputHTMLAttributes<HTMLInputElement>) {
  const { label, error, hint, name, id, ...input } = props;
  return (
    <LabelledControl label={label} error={error} hint={hint} name={name} id={id}>
      {(control) => <input {...control} {...input} />}
    </LabelledControl>
  );
}

/** The same as FormField, for text that runs over several lines. */
export function TextAreaField(props: FieldText & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { label, error, hint, name, id, ...textarea } = props;
  return (
    <LabelledControl label={label} error={error} hint={hint} name={name} id={id}>
      {(control) => <textarea {...control} {...textarea} />}
    </LabelledControl>
  );
}

type ControlProps = {
  id: string;
  name: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
};

/** Label, hint and error around one control, which gets the ids that tie them to it. */
function LabelledControl({
  label,
  error,
  hint,
  name,
  id,
  children,
}: FieldText & { id?: string; children: (control: ControlProps) => ReactNode }) {
  const controlId = id ?? `field-${name}`;
  const describedBy = [hint ? `${controlId}-hint` : null, error ? `${controlId}-error` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={controlId}>{label}</label>
      {hint ? (
        <p id={`${controlId}-hint`} className="muted">
          {hint}
        </p>
      ) : null}
      {children({
        id: controlId,
        name,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {error ? (
        <p id={`${controlId}-error`} className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

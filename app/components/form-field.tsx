import type { InputHTMLAttributes } from 'react';

/** A labelled input with its error tied to it for screen readers. */
export function FormField(
  props: {
    name: string;
    label: string;
    error?: string;
    hint?: string;
  } & InputHTMLAttributes<HTMLInputElement>,
) {
  const { label, error, hint, name, id, ...input } = props;
  const inputId = id ?? `field-${name}`;
  const describedBy = [hint ? `${inputId}-hint` : null, error ? `${inputId}-error` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint ? (
        <p id={`${inputId}-hint`} className="muted">
          {hint}
        </p>
      ) : null}
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      {error ? (
        <p id={`${inputId}-error`} className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

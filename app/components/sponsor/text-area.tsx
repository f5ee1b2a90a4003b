import type { TextareaHTMLAttributes } from 'react';

/** A labelled textarea with its error tied to it, like FormField. */
export function TextAreaField(
  props: {
    name: string;
    label: string;
    error?: string;
    hint?: string;
  } & TextareaHTMLAttributes<HTMLTextAreaElement>,
) {
  const { label, error, hint, name, id, ...rest } = props;
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
      <textarea
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...rest}
      />
      {error ? (
        <p id={`${inputId}-error`} className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

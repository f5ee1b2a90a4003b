import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';
import { useT } from '~/i18n/use-t';
import { controlProps, errorText, type AnyField } from '~/utils/constraint-forms';

type FieldText = {
  label: string;
  error?: string;
  hint?: string;
} & (
  | { name: string; field?: undefined }
  /**
   * A Conform field (`fields.title` from useStartlineForm/useConstraintForm): gives the name,
   * the value to show, the error (a message key, translated here) and the limits of the schema,
   * so no `maxLength={n}` is written beside it.
   */
  | { field: AnyField; name?: undefined }
);

/** A labelled input with its error tied to it for screen readers. */
export function FormField(props: FieldText & InputHTMLAttributes<HTMLInputElement>) {
  const { label, error, hint, name, field, id, ...input } = props;
  const control = useFieldControl(field, error);
  return (
    <LabelledControl
      label={label}
      error={control.error}
      hint={hint}
      name={name ?? control.name}
      id={id}
    >
      {(ids) => <input key={field?.key} {...control.props} {...ids} {...input} />}
    </LabelledControl>
  );
}

/** The same as FormField, for text that runs over several lines. */
export function TextAreaField(props: FieldText & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { label, error, hint, name, field, id, ...textarea } = props;
  const control = useFieldControl(field, error);
  return (
    <LabelledControl
      label={label}
      error={control.error}
      hint={hint}
      name={name ?? control.name}
      id={id}
    >
      {(ids) => <textarea key={field?.key} {...control.props} {...ids} {...textarea} />}
    </LabelledControl>
  );
}

/** Errors for the whole form (Conform's form-level errors), translated from their keys. */
export function FormError({ errors }: { errors: readonly string[] | undefined }) {
  const t = useT();
  const text = errorText(t, errors);
  return text ? (
    <p className="alert alert--error" role="alert">
      {text}
    </p>
  ) : null;
}

/** The attributes and error a Conform field gives; an explicit `error` prop still wins. */
function useFieldControl(field: AnyField | undefined, error: string | undefined) {
  const t = useT();
  if (!field) return { name: '', error, props: {} };
  const { name, ...props } = controlProps(field);
  return { name, error: error ?? errorText(t, field.errors), props };
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
}: {
  label: string;
  error?: string;
  hint?: string;
  name: string;
  id?: string;
  children: (control: ControlProps) => ReactNode;
}) {
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

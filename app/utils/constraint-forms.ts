import {
  parse,
  useForm,
  type DefaultValue,
  type FieldMetadata,
  type SubmissionResult,
} from '@conform-to/react';
import type { MessageKey } from '~/i18n/messages';
import { hasText, type Translate } from '~/i18n/translator';

/*
 * The zod-free half of the form layer (docs/decisions/104-typed-forms-with-conform.md).
 * Runner-facing pages (sign-in, join, e.*, u.*, account) import from here so no zod reaches
 * a phone; staff pages import `~/utils/forms`, which re-exports all of this.
 *
 *   // loader (server): constraints computed from the action's schema, once
 *   return json({ constraint: formConstraints(joinSchema) });   // from form-submission.server
 *   // component
 *   const [form, fields] = useConstraintForm(useActionData<typeof action>(), { constraint });
 *   <Form method="post" {...getFormProps(form)}>
 *     <FormField field={fields.email} label={t('join.email')} type="email" />
 */

/** What the browser can check by itself: HTML validation attributes, from the schema's limits. */
export type FieldConstraint = {
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  min?: string | number;
  max?: string | number;
  step?: string | number;
  multiple?: boolean;
  pattern?: string;
};

export type FormConstraints = Record<string, FieldConstraint>;

/** A Conform field of any form; its errors are message keys. */
export type AnyField = FieldMetadata<unknown, any, string[]>;

/** Sent by `refuseSubmission`: Conform's reply, under one name so actions can return more. */
type SubmissionReply = SubmissionResult<string[]>;

/**
 * The last reply of the form's action, read from whatever the action returned
 * (`useActionData<typeof action>()`): `{ submission }` from refuseSubmission, else nothing.
 */
export function lastSubmission(actionData: unknown): SubmissionReply | undefined {
  if (!actionData || typeof actionData !== 'object' || !('submission' in actionData)) return;
  const reply = actionData.submission;
  return reply && typeof reply === 'object' ? (reply as SubmissionReply) : undefined;
}

/**
 * The text of a field's first error. Errors travel as message keys (server and browser alike),
 * so they are translated here, at render time, in the page's language (from the page's own
 * strings in the browser: hasText, not the whole table).
 */
export function errorText(t: Translate, errors: readonly string[] | undefined): string | undefined {
  const first = errors?.[0];
  if (first === undefined) return undefined;
  return t(hasText(t, first) ? first : 'form.errorSummary');
}

/**
 * Attributes for a native control from its Conform field: name, the value to show (the user's
 * after a refusal, else the form's default) and the limits from the schema, written once there.
 * `key` is left out: pass `key={field.key}` yourself (React refuses it inside a spread).
 */
export function controlProps(field: AnyField) {
  return {
    name: field.name,
    defaultValue: field.defaultValue,
    required: field.required,
    minLength: field.minLength,
    maxLength: field.maxLength,
    min: field.min,
    max: field.max,
    step: field.step,
    pattern: field.pattern,
  };
}

type CommonOptions<Schema extends Record<string, unknown>> = {
  /** Needed when a page shows several forms with the same fields. */
  id?: string;
  /** The values shown before any submission (an edit form's current values). */
  defaultValue?: DefaultValue<Schema>;
};

/**
 * Shared by both hooks: check on submit, then again as a field is corrected. Not when a field is
 * left: the error that appeared under the last field as its focus moved to the submit button
 * pushed the button down between mouse-down and mouse-up, and that first click was lost (the
 * browser tests' channel form, and a person's).
 */
export const VALIDATION_TIMING = {
  shouldValidate: 'onSubmit',
  shouldRevalidate: 'onInput',
} as const;

/**
 * A form checked in the browser by its HTML constraints only (no zod in the bundle). The
 * browser's own verdict is turned into our message keys, so the error reads in the page's
 * language rather than the browser's; the server still parses the full schema.
 */
export function useConstraintForm<Schema extends Record<string, unknown>>(
  actionData: unknown,
  options: CommonOptions<Schema> & { constraint: FormConstraints },
) {
  return useForm<Schema, Schema, string[]>({
    id: options.id,
    defaultValue: options.defaultValue,
    constraint: options.constraint,
    lastResult: lastSubmission(actionData),
    ...VALIDATION_TIMING,
    onValidate: ({ form, formData }) =>
      parse<Schema, string[]>(formData, {
        resolve(value) {
          const error: Record<string, string[]> = {};
          for (const element of Array.from(form.elements)) {
            if (!isValidatedControl(element) || element.validity.valid) continue;
            error[element.name] ??= [validityKey(element)];
          }
          return Object.keys(error).length > 0 ? { error } : { value: value as Schema };
        },
      }),
  });
}

type ValidatedControl = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function isValidatedControl(element: Element): element is ValidatedControl {
  return (
    (element instanceof HTMLInputElement ||
      element instanceof HTMLTextAreaElement ||
      element instanceof HTMLSelectElement) &&
    element.name !== '' &&
    element.willValidate
  );
}

function validityKey(element: ValidatedControl): MessageKey {
  const { validity } = element;
  if (validity.valueMissing) return 'form.required';
  if (validity.tooLong) return 'form.tooLong';
  if (validity.typeMismatch && element.type === 'email') return 'form.email.invalid';
  return 'form.errorSummary';
}

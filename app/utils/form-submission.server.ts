import type { Submission, SubmissionResult } from '@conform-to/react';
import { json } from '@remix-run/node';
import type { MessageKey } from '~/i18n/messages';
import type { Translate } from '~/i18n/translate';
import { readFormData } from './form.server';
import { parseFormValuesAsync, type FormSchema } from './forms';

/*
 * The server half of the form layer: read the body defensively, parse it with the form's
 * schema, and refuse with a reply Conform understands (see the example in ~/utils/forms).
 */

export { formConstraints } from './forms';

/**
 * Reads the body (readFormData: content type, size cap, NUL bytes → localized 4xx) and parses
 * it with the form's schema. Always async, so schemas with async refinements work too.
 * Pass FormData when the route has read the body itself (a multipart upload).
 */
export async function parseSubmission<S extends FormSchema>(
  source: Request | FormData,
  schema: S,
  t: Translate,
  limitBytes?: number,
) {
  const formData = source instanceof FormData ? source : await readFormData(source, t, limitBytes);
  return parseFormValuesAsync(formData, schema);
}

/** A refusal the action adds to the schema's own: a key per field, or for the whole form. */
export type Refusal = {
  fieldErrors?: Partial<Record<string, MessageKey>>;
  formError?: MessageKey;
  /** Fields whose value must not be sent back (a password, a code). */
  hideFields?: string[];
};

/**
 * The standard refusal: status 400 (or the status or ResponseInit given) with Conform's reply under `submission`.
 * The reply carries the user's values and the errors as message keys, so the page shows both
 * again — translated — with or without JavaScript, and `useActionData<typeof action>()` is typed.
 */
export function refuseSubmission(
  submission: Submission<unknown, string[], unknown>,
  refusal: Refusal = {},
  init: number | ResponseInit = 400,
) {
  const extra =
    refusal.fieldErrors || refusal.formError
      ? {
          formErrors: refusal.formError ? [refusal.formError] : undefined,
          fieldErrors: Object.fromEntries(
            Object.entries(refusal.fieldErrors ?? {}).flatMap(([name, key]) =>
              key ? [[name, [key]]] : [],
            ),
          ),
        }
      : {};
  // Typed as the refusal it is (`status: 'error'`), so an action's success answer that also
  // carries a reply (`submission.reply({ resetForm: true })`) stays a separate member of
  // `typeof action` instead of being absorbed into this one by TypeScript's union reduction.
  const reply = submission.reply({ ...extra, hideFields: refusal.hideFields }) as RefusalReply;
  return json({ submission: reply }, typeof init === 'number' ? { status: init } : init);
}

type RefusalReply = SubmissionResult<string[]> & { status: 'error' };

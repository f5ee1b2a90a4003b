import { isMessageKey, translate } from '~/i18n/translate';
import type { Locale } from '~/i18n/types';

/** A refusal from `refuseSubmission`, as the action's JSON carries it. */
export type SubmissionAnswer = {
  submission: {
    status?: 'error' | 'success';
    initialValue?: Record<string, unknown> | null;
    error?: Record<string, string[] | null>;
  };
};

/**
 * The refusal's errors as the page shows them: the first message per field, translated from
 * its key (the form-level error is under ''). A key that is not in the table stays as it is,
 * so a test comparing with translate(…) fails on it.
 */
export async function submissionErrors(
  response: Response,
  locale: Locale = 'ja',
): Promise<Record<string, string>> {
  const body = (await response.clone().json()) as SubmissionAnswer;
  const shown: Record<string, string> = {};
  for (const [name, errors] of Object.entries(body.submission?.error ?? {})) {
    const first = errors?.[0];
    if (first !== undefined) shown[name] = isMessageKey(first) ? translate(locale, first) : first;
  }
  return shown;
}

/** The values the refusal sends back to the form (what the user typed). */
export async function submittedValues(response: Response): Promise<Record<string, unknown>> {
  const body = (await response.clone().json()) as SubmissionAnswer;
  return body.submission?.initialValue ?? {};
}

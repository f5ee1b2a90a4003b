import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { FormField } from '~/components/form-field';
import { useT } from '~/i18n/use-t';
import { createUserSession } from '~/modules/auth/session.server';
import { signInCodeSchema } from '~/modules/auth/sign-in-forms.server';
import { landingPathAfterSignIn, verifySignInCode } from '~/modules/auth/sign-in.server';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { useConstraintForm } from '~/utils/constraint-forms';
import { formConstraints, parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { pageTitle } from '~/utils/page-title';

// GET only renders the form (mail scanners open every link, and some run scripts): the code
// from the link is pre-filled, but nothing happens until the person presses the button.
export async function loader({ request }: LoaderFunctionArgs) {
  const code = new URL(request.url).searchParams.get('code') ?? '';
  return json({
    prefilledCode: /^\d{1,12}$/.test(code) ? code : '',
    constraint: formConstraints(signInCodeSchema),
  });
}

const refusalKeys = {
  dead: 'auth.code.dead',
  rate_limited: 'auth.signIn.rateLimited',
  invalid: 'auth.code.invalid',
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = getTranslator(request);
  const submission = await parseSubmission(request, signInCodeSchema, t);
  if (submission.status !== 'success') return refuseSubmission(submission);
  const result = await verifySignInCode({
    challengeId: params.challengeId ?? '',
    code: submission.value.code,
    clientIp: context.clientIp,
  });
  if (!result.ok) {
    // A wrong code is not sent back: the field starts empty for the next try.
    return refuseSubmission(
      submission,
      { fieldErrors: { code: refusalKeys[result.reason] }, hideFields: ['code'] },
      result.reason === 'rate_limited' ? 429 : 400,
    );
  }
  const cookie = await createUserSession(result.userId, request);
  await appendAudit({ actorUserId: result.userId, action: 'auth.sign_in' });
  return redirect(await landingPathAfterSignIn(result.userId, submission.value.next), {
    headers: { 'Set-Cookie': cookie },
  });
}

export const meta: MetaFunction = (args) => pageTitle(args, 'auth.code.title');

export default function EnterCode() {
  const t = useT();
  const { prefilledCode, constraint } = useLoaderData<typeof loader>();
  const [form, fields] = useConstraintForm(useActionData<typeof action>(), {
    constraint,
    defaultValue: { code: prefilledCode },
  });
  return (
    <section className="card narrow">
      <h1>{t('auth.code.title')}</h1>
      <p className="lead">{prefilledCode ? t('auth.code.fromLink') : t('auth.code.sent')}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormField
          field={fields.code}
          label={t('auth.code.label')}
          className="code-input"
          inputMode="numeric"
          autoComplete="one-time-code"
        />
        <NextField />
        <button type="submit" className="button button--block">
          {t('auth.code.submit')}
        </button>
      </Form>
      <p>
        <Link to="/sign-in">{t('auth.code.requestNew')}</Link>
      </p>
    </section>
  );
}

function NextField() {
  const [params] = useSearchParams();
  return <input type="hidden" name="next" value={params.get('next') ?? ''} readOnly />;
}

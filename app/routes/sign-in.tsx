import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { FormField } from '~/components/form-field';
import { useT } from '~/i18n/use-t';
import { getSessionUser } from '~/modules/auth/session.server';
import { signInSchema } from '~/modules/auth/sign-in-forms.server';
import { landingPathAfterSignIn, requestSignInCode } from '~/modules/auth/sign-in.server';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import { errorText, useConstraintForm } from '~/utils/constraint-forms';
import { formConstraints, parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { pageTitle } from '~/utils/page-title';
import { safeRedirectPath } from '~/utils/redirect';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user)
    throw redirect(
      await landingPathAfterSignIn(user.id, new URL(request.url).searchParams.get('next')),
    );
  return json({ constraint: formConstraints(signInSchema) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = getTranslator(request);
  const submission = await parseSubmission(request, signInSchema, t);
  if (submission.status !== 'success') return refuseSubmission(submission);
  const result = await requestSignInCode({
    email: submission.value.email,
    locale: getLocale(request),
    clientIp: context.clientIp,
  });
  if (!result.ok)
    return refuseSubmission(submission, { formError: 'auth.signIn.rateLimited' }, 429);
  const next = safeRedirectPath(submission.value.next);
  const query = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
  return redirect(`/sign-in/code/${encodeURIComponent(result.challengeId)}${query}`);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'auth.signIn.title');

export default function SignIn() {
  const t = useT();
  const { constraint } = useLoaderData<typeof loader>();
  const [form, fields] = useConstraintForm(useActionData<typeof action>(), { constraint });
  const [params] = useSearchParams();
  const formError = errorText(t, form.errors);
  return (
    <section className="card narrow">
      <h1>{t('auth.signIn.title')}</h1>
      <p className="lead">{t('auth.signIn.intro')}</p>
      {formError ? (
        <p className="alert alert--error" role="alert">
          {formError}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="next" value={params.get('next') ?? ''} />
        <FormField
          field={fields.email}
          type="email"
          label={t('auth.signIn.email')}
          autoComplete="email"
          inputMode="email"
        />
        <button type="submit" className="button button--block">
          {t('auth.signIn.submit')}
        </button>
      </Form>
    </section>
  );
}

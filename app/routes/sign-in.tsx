import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { FormField } from '~/components/form-field';
import { useT } from '~/i18n/use-t';
import { getSessionUser } from '~/modules/auth/session.server';
import { landingPathAfterSignIn, requestSignInCode } from '~/modules/auth/sign-in.server';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import { safeRedirectPath } from '~/utils/redirect';
import { formErrorResponse, parseForm, readFormData } from '~/utils/form.server';
import { emailField } from '~/utils/normalize';
import { pageTitle } from '~/utils/page-title';

const signInSchema = z.object({ email: emailField, next: z.string().optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user)
    throw redirect(
      await landingPathAfterSignIn(user.id, new URL(request.url).searchParams.get('next')),
    );
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = getTranslator(request);
  const form = parseForm(await readFormData(request, t), signInSchema, t);
  if (!form.ok) return formErrorResponse(form);
  const result = await requestSignInCode({
    email: form.data.email,
    locale: getLocale(request),
    clientIp: context.clientIp,
  });
  if (!result.ok) {
    return json(
      {
        fieldErrors: {},
        values: { email: form.data.email },
        formError: t('auth.signIn.rateLimited'),
      },
      { status: 429 },
    );
  }
  const next = safeRedirectPath(form.data.next);
  const query = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
  return redirect(`/sign-in/code/${encodeURIComponent(result.challengeId)}${query}`);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'auth.signIn.title');

export default function SignIn() {
  const t = useT();
  const actionData = useActionData<{
    fieldErrors?: Record<string, string>;
    values?: Record<string, string>;
    formError?: string;
  }>();
  const [params] = useSearchParams();
  return (
    <section className="card narrow">
      <h1>{t('auth.signIn.title')}</h1>
      <p className="lead">{t('auth.signIn.intro')}</p>
      {actionData?.formError ? (
        <p className="alert alert--error" role="alert">
          {actionData.formError}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="next" value={params.get('next') ?? ''} />
        <FormField
          name="email"
          type="email"
          label={t('auth.signIn.email')}
          autoComplete="email"
          inputMode="email"
          required
          defaultValue={actionData?.values?.email ?? ''}
          error={actionData?.fieldErrors?.email}
        />
        <button type="submit" className="button button--block">
          {t('auth.signIn.submit')}
        </button>
      </Form>
    </section>
  );
}

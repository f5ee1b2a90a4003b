import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { FormField } from '~/components/form-field';
import { useT } from '~/i18n/use-t';
import { createUserSession } from '~/modules/auth/session.server';
import {
  landingPathAfterSignIn,
  SIGN_IN_CODE_DIGITS,
  verifySignInCode,
} from '~/modules/auth/sign-in.server';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { formErrorResponse, parseForm, readFormData } from '~/utils/form.server';
import { normalizeText } from '~/utils/normalize';
import { pageTitle } from '~/utils/page-title';

const codeSchema = z.object({
  code: z
    .string({ error: 'auth.code.format' })
    .transform((value) => normalizeText(value).replace(/[\s-]/g, ''))
    .pipe(z.string().regex(new RegExp(`^\\d{${SIGN_IN_CODE_DIGITS}}$`), 'auth.code.format')),
  next: z.string().optional(),
});

// GET only renders the form (mail scanners open every link, and some run scripts): the code
// from the link is pre-filled, but nothing happens until the person presses the button.
export async function loader({ request }: LoaderFunctionArgs) {
  const code = new URL(request.url).searchParams.get('code') ?? '';
  return json({ prefilledCode: /^\d{1,12}$/.test(code) ? code : '' });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = getTranslator(request);
  const form = parseForm(await readFormData(request, t), codeSchema, t);
  if (!form.ok) return formErrorResponse(form);
  const result = await verifySignInCode({
    challengeId: params.challengeId ?? '',
    code: form.data.code,
    clientIp: context.clientIp,
  });
  if (!result.ok) {
    const message =
      result.reason === 'dead'
        ? t('auth.code.dead')
        : result.reason === 'rate_limited'
          ? t('auth.signIn.rateLimited')
          : t('auth.code.invalid');
    return json(
      { fieldErrors: { code: message }, values: {}, dead: result.reason === 'dead' },
      { status: result.reason === 'rate_limited' ? 429 : 400 },
    );
  }
  const cookie = await createUserSession(result.userId, request);
  await appendAudit({ actorUserId: result.userId, action: 'auth.sign_in' });
  return redirect(await landingPathAfterSignIn(result.userId, form.data.next), {
    headers: { 'Set-Cookie': cookie },
  });
}

export const meta: MetaFunction = (args) => pageTitle(args, 'auth.code.title');

export default function EnterCode() {
  const t = useT();
  const { prefilledCode } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ fieldErrors?: Record<string, string>; dead?: boolean }>();
  return (
    <section className="card narrow">
      <h1>{t('auth.code.title')}</h1>
      <p className="lead">{prefilledCode ? t('auth.code.fromLink') : t('auth.code.sent')}</p>
      <Form method="post" noValidate>
        <FormField
          name="code"
          label={t('auth.code.label')}
          className="code-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={12}
          required
          defaultValue={prefilledCode}
          error={actionData?.fieldErrors?.code}
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

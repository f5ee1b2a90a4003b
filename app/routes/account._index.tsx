import { ConfirmedActionCard, ExportDataCard } from '~/components/member-rights-cards';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { useT } from '~/i18n/use-t';
import { endSession, requireUser } from '~/modules/auth/session.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { deleteMyAccount } from '~/modules/membership/member-rights.server';
import { formErrorResponse, parseForm, readFormData } from '~/utils/form.server';
import { pageTitle } from '~/utils/page-title';

// Export and deletion for any signed-in person — also one who has left every community or
// was only ever staff, and so has no member settings page to use (SPEC P11).
const deleteSchema = z.object({
  intent: z.literal('delete', { error: 'form.errorSummary' }),
  confirm: z.literal('yes', { error: 'members.settings.confirmRequired' }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ email: user.email }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = getTranslator(request);
  const form = parseForm(await readFormData(request, t), deleteSchema, t);
  if (!form.ok) return formErrorResponse(form);
  const result = await deleteMyAccount(user.id);
  if (!result.ok) {
    return json(
      {
        fieldErrors: {},
        values: {},
        formError: t('members.delete.soleOwner', { events: result.events.join(', ') }),
      },
      { status: 409 },
    );
  }
  return redirect('/?notice=deleted', { headers: { 'Set-Cookie': await endSession(request) } });
}

export const meta: MetaFunction = (args) => pageTitle(args, 'members.account.title');

export default function Account() {
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ fieldErrors?: Record<string, string>; formError?: string }>();
  const navigation = useNavigation();
  const t = useT();
  const error =
    navigation.state === 'idle'
      ? (actionData?.fieldErrors?.confirm ?? actionData?.formError)
      : undefined;
  return (
    <>
      <h1>{t('members.account.title')}</h1>
      <section className="card">
        <dl className="facts">
          <dt>{t('members.settings.email')}</dt>
          <dd>{email}</dd>
        </dl>
        <p className="muted">{t('members.account.help')}</p>
      </section>
      <ExportDataCard href="/account/export.json" />
      <ConfirmedActionCard
        intent="delete"
        danger
        error={error}
        busy={navigation.state !== 'idle'}
      />
    </>
  );
}

import { ConfirmedActionCard, ExportDataCard } from '~/components/member-rights-cards';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useT } from '~/i18n/use-t';
import { endSession, requireUser } from '~/modules/auth/session.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { deleteAccountSchema } from '~/modules/membership/member-forms.server';
import { deleteMyAccount } from '~/modules/membership/member-rights.server';
import { errorText, lastSubmission } from '~/utils/constraint-forms';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { pageTitle } from '~/utils/page-title';

// Export and deletion for any signed-in person — also one who has left every community or
// was only ever staff, and so has no member settings page to use (SPEC P11).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ email: user.email }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = getTranslator(request);
  const submission = await parseSubmission(request, deleteAccountSchema, t);
  if (submission.status !== 'success') return refuseSubmission(submission);
  const result = await deleteMyAccount(user.id);
  if (!result.ok) {
    // The events go along as data: the message names them, in the page's language.
    return json(
      {
        submission: submission.reply({ formErrors: ['members.delete.soleOwner'] }),
        soleOwnerOf: result.events,
      },
      { status: 409 },
    );
  }
  return redirect('/?notice=deleted', { headers: { 'Set-Cookie': await endSession(request) } });
}

export const meta: MetaFunction = (args) => pageTitle(args, 'members.account.title');

export default function Account() {
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const refusal = lastSubmission(actionData);
  const soleOwnerOf = actionData && 'soleOwnerOf' in actionData ? actionData.soleOwnerOf : [];
  const error =
    navigation.state !== 'idle' || !refusal
      ? undefined
      : soleOwnerOf.length > 0
        ? t('members.delete.soleOwner', { events: soleOwnerOf.join(', ') })
        : errorText(t, refusal.error?.confirm ?? refusal.error?.[''] ?? undefined);
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

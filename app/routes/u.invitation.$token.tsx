import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { declineInvitation } from '~/modules/invitations/decline.server';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import { oneClickSchema } from '~/modules/delivery/one-click-forms.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';

/**
 * The invitation's List-Unsubscribe target (RFC 8058). A mail client's one-click POST
 * (`List-Unsubscribe=One-Click`, no cookies, no Origin — the CSRF guard exempts /u/) is the
 * same "don't invite me again" as the decline page's button: the address is suppressed for
 * this event and erased from the invitation. It answers 200, never a redirect. A GET changes
 * nothing: it leads to the decline page, which asks with a button.
 */
const noStore = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin' };

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/join/${encodeURIComponent(params.token ?? '')}/decline`, {
    headers: noStore,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const t = getTranslator(request);
  const submission = await parseSubmission(request, oneClickSchema, t);
  if (submission.status !== 'success')
    return refuseSubmission(submission, {}, { status: 400, headers: noStore });
  const result = await declineInvitation(params.token);
  if (!result.ok)
    return refuseSubmission(
      submission,
      { formError: 'invitations.gone.title' },
      { status: 404, headers: noStore },
    );
  return json(
    {
      done: true,
      message: t('invitations.decline.done', {
        event: getLocale(request) === 'ja' ? result.event.nameJa : result.event.nameEn,
      }),
    },
    { headers: noStore },
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { roleLabel } from '~/i18n/key-families';
import { useLocale, useT } from '~/i18n/use-t';
import { pageTitle } from '~/utils/page-title';
import { requireUser } from '~/modules/auth/session.server';
import {
  acceptStaffInvitation,
  findPendingStaffInvitation,
  isStaffOf,
} from '~/modules/staff/staff-team.server';

// The staff invitation email links here. Outside the staff layout (the `_` after `$slug`):
// the invitee is not staff yet, and the layout's requireStaff would answer 404. Signed out, requireUser sends the person to sign in
// (which accepts the invitation, see verifySignInCode) and back. Already signed in, they
// accept with the button: a GET never changes anyone's role (mail scanners open links).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? '';
  if (await isStaffOf(user.id, slug)) throw redirect(`/staff/${slug}`);
  const invitation = await findPendingStaffInvitation(slug, user.email);
  if (!invitation) throw new Response(null, { status: 404 });
  return json({
    invitation: { role: invitation.role, nameJa: invitation.nameJa, nameEn: invitation.nameEn },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? '';
  const invitation = await findPendingStaffInvitation(slug, user.email);
  if (!invitation) {
    if (await isStaffOf(user.id, slug)) return redirect(`/staff/${slug}`);
    throw new Response(null, { status: 404 });
  }
  await acceptStaffInvitation({ userId: user.id, email: user.email, eventId: invitation.eventId });
  return redirect(`/staff/${slug}`);
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'staff.accept.title', {
    within: args.data
      ? { nameJa: args.data.invitation.nameJa, nameEn: args.data.invitation.nameEn }
      : null,
  });

export default function AcceptStaffInvitation() {
  const { invitation } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <section className="card narrow">
      <h1>{t('staff.accept.title')}</h1>
      <p className="lead">
        {t('staff.accept.body', {
          event: locale === 'ja' ? invitation.nameJa : invitation.nameEn,
          role: t(roleLabel(invitation.role)),
        })}
      </p>
      <Form method="post">
        <button type="submit" className="button button--block">
          {t('staff.accept.submit')}
        </button>
      </Form>
    </section>
  );
}

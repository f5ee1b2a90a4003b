import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useOutlet, useParams } from '@remix-run/react';
import { CommunityFacts } from '~/components/community-facts';
import { ConsentForm, LinkGone } from '~/components/join-consent';
import { useLocale, useT } from '~/i18n/use-t';
import { findInvitationByToken } from '~/modules/invitations/invitation-link.server';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import {
  currentConsentWording,
  CURRENT_CONSENT_VERSION,
} from '~/modules/membership/consent-text.server';
import { findActiveMembership } from '~/modules/membership/member-access.server';
import {
  joinByInvitation,
  joinAttemptResponse,
  joinerStatus,
  joinRefusal,
  joinSchema,
} from '~/modules/membership/join.server';
import { formConstraints, parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { pageTitle } from '~/utils/page-title';

/**
 * The page behind the invitation link (and, as a parent route, behind its "don't invite me
 * again" page). A GET only reads: mail scanners open every link, and in the Fukui incident
 * one click on such a link was taken as consent. Every dead link — unknown, expired, used,
 * revoked — gets the same page and status, with nothing about the invitee.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await findInvitationByToken(params.token);
  const forDecline = new URL(request.url).pathname.endsWith('/decline');
  const gone = json(
    { view: 'gone' as const },
    { status: 410, headers: { 'X-Robots-Tag': 'noindex' } },
  );
  if (!invitation) return gone;

  const locale = getLocale(request);
  const event = {
    slug: invitation.event.slug,
    name: locale === 'ja' ? invitation.event.nameJa : invitation.event.nameEn,
    organizer:
      locale === 'ja' ? invitation.event.organizerNameJa : invitation.event.organizerNameEn,
    contactEmail: invitation.event.contactEmail,
  };
  if (invitation.state === 'declined') return json({ view: 'declined' as const, event });
  const status = await joinerStatus(invitation.email, request);
  if (invitation.state === 'closed') {
    // The member opening their own (used) link again is simply taken home.
    if (
      status.userId &&
      status.userId === status.sessionUserId &&
      (await findActiveMembership(status.userId, event.slug))
    ) {
      throw redirect(`/e/${event.slug}`);
    }
    return gone;
  }
  if (invitation.state === 'expired' && !forDecline) return gone;
  return json(
    {
      view: 'open' as const,
      event,
      consent: {
        version: CURRENT_CONSENT_VERSION,
        locale,
        wording: currentConsentWording(locale, event.organizer),
      },
      constraint: formConstraints(joinSchema),
      mustSignInFirst: status.mustSignInFirst,
      signedInAsSomeoneElse: status.signedInAsSomeoneElse,
    },
    { headers: { 'X-Robots-Tag': 'noindex' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = getTranslator(request);
  const submission = await parseSubmission(request, joinSchema, t);
  if (submission.status !== 'success') return refuseSubmission(submission);
  const result = await joinByInvitation(params.token, {
    consentVersion: submission.value.consentVersion,
    consentLocale: submission.value.consentLocale,
    clientIp: context.clientIp,
    request,
  });
  if (!result.ok) {
    const { formError, status } = joinRefusal(result.reason);
    return refuseSubmission(submission, { formError }, status);
  }
  return joinAttemptResponse(result, t);
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(
    args,
    args.data && args.data.view !== 'gone'
      ? { key: 'invitations.join.title', params: { event: args.data.event.name } }
      : null,
    { robots: 'noindex' },
  );

export default function JoinPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const outlet = useOutlet();
  const { token = '' } = useParams();
  const t = useT();
  const locale = useLocale();
  if (data.view === 'gone') return <LinkGone />;
  if (outlet) return outlet;
  if (data.view === 'declined') {
    return (
      <section className="card narrow">
        <h1>{data.event.name}</h1>
        <p>{t('invitations.join.declined')}</p>
        <Link to={`/e/${data.event.slug}`}>{t('invitations.join.eventPageLink')}</Link>
      </section>
    );
  }
  const here = `/join/${encodeURIComponent(token)}`;
  return (
    <article className="card consent-page" lang={locale}>
      <h1>{t('invitations.join.title', { event: data.event.name })}</h1>
      <p className="lead">{t('invitations.join.lead', { organizer: data.event.organizer })}</p>
      <p className="alert alert--info">{t('invitations.join.nothingYet')}</p>
      <CommunityFacts />
      <ConsentForm
        consent={data.consent}
        actionData={actionData}
        constraint={data.constraint}
        mustSignInFirst={data.mustSignInFirst}
        signInHref={`/sign-in?next=${encodeURIComponent(here)}`}
        signedInAsSomeoneElse={data.signedInAsSomeoneElse}
      />
      <p className="muted consent-page__footer">
        <Link to={`${here}/decline`}>{t('invitations.join.declineLink')}</Link>
        <br />
        {t('invitations.join.contact', { organizer: data.event.organizer })}{' '}
        <a href={`mailto:${data.event.contactEmail}`}>{data.event.contactEmail}</a>
      </p>
    </article>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData, useParams } from '@remix-run/react';
import { CommunityFacts } from '~/components/community-facts';
import { ConsentForm, LinkGone } from '~/components/join-consent';
import { useLocale, useT } from '~/i18n/use-t';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import {
  currentConsentWording,
  CURRENT_CONSENT_VERSION,
} from '~/modules/membership/consent-text.server';
import {
  findConfirmation,
  joinByConfirmation,
  joinAttemptResponse,
  joinerStatus,
  joinRefusal,
  joinSchema,
} from '~/modules/membership/join.server';
import { formConstraints, parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { pageTitle } from '~/utils/page-title';

/**
 * The second step of "join by event code" (double opt-in): the link from the confirmation
 * email opens this page — the same explanation, consent text, unticked box and button as
 * the invitation's join page. The GET changes nothing.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const confirmation = await findConfirmation(params.slug, params.token);
  if (!confirmation)
    return json({ view: 'gone' as const }, { status: 410, headers: { 'X-Robots-Tag': 'noindex' } });
  const locale = getLocale(request);
  const organizer =
    locale === 'ja' ? confirmation.event.organizerNameJa : confirmation.event.organizerNameEn;
  const status = await joinerStatus(confirmation.email, request);
  return json(
    {
      view: 'open' as const,
      event: {
        slug: confirmation.event.slug,
        name: locale === 'ja' ? confirmation.event.nameJa : confirmation.event.nameEn,
        organizer,
        contactEmail: confirmation.event.contactEmail,
      },
      consent: {
        version: CURRENT_CONSENT_VERSION,
        locale,
        wording: currentConsentWording(locale, organizer),
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
  const result = await joinByConfirmation(params.slug, params.token, {
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

export default function ConfirmJoinPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { slug = '', token = '' } = useParams();
  const t = useT();
  const locale = useLocale();
  if (data.view === 'gone') return <LinkGone />;
  const here = `/e/${encodeURIComponent(slug)}/confirm/${encodeURIComponent(token)}`;
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
        {t('invitations.join.contact', { organizer: data.event.organizer })}{' '}
        <a href={`mailto:${data.event.contactEmail}`}>{data.event.contactEmail}</a>
      </p>
    </article>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { LocalizedText } from '~/components/sponsor/content-language';
import { SponsorInviteFields } from '~/components/sponsor/invite-fields';
import { ReviewStatusBadge } from '~/components/sponsor/review-status';
import { sponsorInviteRefusal } from '~/i18n/key-families';
import { useLocale, useT } from '~/i18n/use-t';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import { formatCalendarDate } from '~/utils/date-format';
import { getSponsorForOwner, inviteSponsorStaff } from '~/modules/sponsors/sponsor-accounts.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { getFormProps, useStartlineForm } from '~/utils/forms';
import { emailField } from '~/utils/normalize';
import { pageTitle } from '~/utils/page-title';

const inviteSchema = z.object({ email: emailField, locale: z.enum(['ja', 'en']).default('ja') });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event } = await requireStaff(request, params.slug, 'owner', context);
  const detail = await getSponsorForOwner(event.id, params.sponsorId ?? '');
  if (!detail) throw new Response(null, { status: 404 });
  const locale = getLocale(request);
  return json({
    slug: event.slug,
    ...detail,
    invitations: detail.invitations.map((i) => ({
      email: i.email,
      expires: formatCalendarDate(i.expiresAt, locale),
    })),
    staff: detail.staff.map((s) => ({
      email: s.email,
      since: formatCalendarDate(s.since, locale),
    })),
    invited: new URL(request.url).searchParams.get('invited') === '1',
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, event } = await requireStaff(request, params.slug, 'owner', context);
  const submission = await parseSubmission(request, inviteSchema, getTranslator(request));
  if (submission.status !== 'success') return refuseSubmission(submission);
  const { value } = submission;
  const result = await inviteSponsorStaff({
    eventId: event.id,
    sponsorId: params.sponsorId ?? '',
    invitedBy: user.id,
    ...value,
  });
  if (!result.ok) {
    return refuseSubmission(
      submission,
      { fieldErrors: { email: sponsorInviteRefusal(result.reason) } },
      409,
    );
  }
  return redirect(`/staff/${event.slug}/sponsors/${params.sponsorId}?invited=1`);
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, args.data ? args.data.sponsor : 'sponsors.staff.title');

export default function StaffSponsorDetail() {
  const data = useLoaderData<typeof loader>();
  const [form, fields] = useStartlineForm(inviteSchema, useActionData<typeof action>(), {
    defaultValue: { locale: 'ja' },
  });
  const t = useT();
  const ja = useLocale() === 'ja';
  const base = `/staff/${data.slug}/sponsors`;
  return (
    <>
      <p className="muted">
        <Link to={base}>← {t('sponsors.staff.title')}</Link>
      </p>
      <h1>{ja ? data.sponsor.nameJa : data.sponsor.nameEn}</h1>
      {data.invited ? (
        <p className="alert alert--ok" role="status">
          {t('sponsors.invite.sent')}
        </p>
      ) : null}
      <section className="card">
        <h2>{t('sponsors.staff.sponsorStaff')}</h2>
        <p className="muted">{t('sponsors.staff.sponsorStaffIntro')}</p>
        <ul className="list">
          {data.staff.map((s) => (
            <li key={s.email}>
              <span>{s.email}</span>
              <span className="muted">{t('sponsors.staff.since', { date: s.since })}</span>
            </li>
          ))}
          {data.invitations.map((i) => (
            <li key={i.email}>
              <span>{i.email}</span>
              <span className="badge">{t('sponsors.staff.invitedUntil', { date: i.expires })}</span>
            </li>
          ))}
        </ul>
        <h3>{t('sponsors.staff.inviteMore')}</h3>
        <Form method="post" {...getFormProps(form)}>
          <SponsorInviteFields email={fields.email} locale={fields.locale} />
          <button type="submit" className="button">
            {t('sponsors.invite.send')}
          </button>
        </Form>
      </section>
      <section className="card">
        <h2>{t('sponsors.offers.title')}</h2>
        <ul className="list">
          {data.offers.map((offer) => (
            <li key={offer.id}>
              <Link to={`${base}/offers/${offer.id}`}>
                <LocalizedText ja={offer.titleJa} en={offer.titleEn} />
              </Link>
              <ReviewStatusBadge status={offer.status} />
            </li>
          ))}
        </ul>
        <h2>{t('sponsors.notices.title')}</h2>
        <ul className="list">
          {data.notices.map((notice) => (
            <li key={notice.id}>
              <Link to={`${base}/notices/${notice.id}`}>
                <LocalizedText ja={notice.titleJa} en={notice.titleEn} />
              </Link>
              <ReviewStatusBadge status={notice.status} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';

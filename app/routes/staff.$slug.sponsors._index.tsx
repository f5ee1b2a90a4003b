import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { FormField } from '~/components/form-field';
import { LocalizedText } from '~/components/sponsor/content-language';
import { SponsorInviteFields } from '~/components/sponsor/invite-fields';
import { sponsorInviteRefusal } from '~/i18n/key-families';
import { useLocale, useT } from '~/i18n/use-t';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { createSponsor, listSponsorsOfEvent } from '~/modules/sponsors/sponsor-accounts.server';
import { listPendingReviews } from '~/modules/sponsors/sponsor-review.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { getFormProps, useStartlineForm } from '~/utils/forms';
import { displayName, emailField, englishOrJapanese, optionalDisplayName } from '~/utils/normalize';
import { pageTitle } from '~/utils/page-title';

const newSponsorSchema = z.object({
  nameJa: displayName(80),
  // Optional: left empty, English readers see the Japanese name.
  nameEn: optionalDisplayName(80),
  email: emailField,
  locale: z.enum(['ja', 'en']).default('ja'),
});

// Sponsor management is an owner's task: who may reach runners through offers, and what
// they publish, is decided by the people who can also send to everyone.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event } = await requireStaff(request, params.slug, 'owner', context);
  const [sponsors, pending] = await Promise.all([
    listSponsorsOfEvent(event.id),
    listPendingReviews(event.id),
  ]);
  return json({
    slug: event.slug,
    sponsors,
    pending,
    created: new URL(request.url).searchParams.get('created') === '1',
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, event } = await requireStaff(request, params.slug, 'owner', context);
  const submission = await parseSubmission(request, newSponsorSchema, getTranslator(request));
  if (submission.status !== 'success') return refuseSubmission(submission);
  const { value } = submission;
  const result = await createSponsor({
    eventId: event.id,
    createdBy: user.id,
    ...value,
    nameEn: englishOrJapanese(value.nameEn, value.nameJa),
  });
  if (!result.ok) {
    return refuseSubmission(
      submission,
      { fieldErrors: { email: sponsorInviteRefusal(result.reason) } },
      409,
    );
  }
  return redirect(`/staff/${event.slug}/sponsors?created=1`);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'sponsors.staff.title');

export default function StaffSponsors() {
  const { slug, sponsors, pending, created } = useLoaderData<typeof loader>();
  const [form, fields] = useStartlineForm(newSponsorSchema, useActionData<typeof action>(), {
    defaultValue: { locale: 'ja' },
  });
  const t = useT();
  const ja = useLocale() === 'ja';
  const base = `/staff/${slug}/sponsors`;
  const waiting = pending.offers.length + pending.notices.length;
  return (
    <>
      <h1>{t('sponsors.staff.title')}</h1>
      {created ? (
        <p className="alert alert--ok" role="status">
          {t('sponsors.staff.created')}
        </p>
      ) : null}
      <section className="card" aria-labelledby="review-heading">
        <h2 id="review-heading">
          {t('sponsors.staff.reviewQueue')} <span className="badge">{waiting}</span>
        </h2>
        <p className="muted">{t('sponsors.staff.reviewIntro')}</p>
        {waiting === 0 ? (
          <p>{t('sponsors.staff.nothingToReview')}</p>
        ) : (
          <ul className="list">
            {pending.offers.map((offer) => (
              <li key={offer.id}>
                <span>
                  <span className="badge">{t('sponsors.staff.kindOffer')}</span>{' '}
                  <LocalizedText ja={offer.titleJa} en={offer.titleEn} />{' '}
                  <span className="muted">({ja ? offer.sponsorNameJa : offer.sponsorNameEn})</span>
                </span>
                <Link to={`${base}/offers/${offer.id}`} className="button button--quiet">
                  {t('sponsors.staff.review')}
                </Link>
              </li>
            ))}
            {pending.notices.map((notice) => (
              <li key={notice.id}>
                <span>
                  <span className="badge">{t('sponsors.staff.kindNotice')}</span>{' '}
                  <LocalizedText ja={notice.titleJa} en={notice.titleEn} />{' '}
                  <span className="muted">
                    ({ja ? notice.sponsorNameJa : notice.sponsorNameEn})
                  </span>
                </span>
                <Link to={`${base}/notices/${notice.id}`} className="button button--quiet">
                  {t('sponsors.staff.review')}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="sponsors-heading">
        <h2 id="sponsors-heading">{t('sponsors.staff.sponsors')}</h2>
        {sponsors.length === 0 ? (
          <p className="muted">{t('sponsors.staff.noSponsors')}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('sponsors.staff.sponsorName')}</th>
                <th scope="col" className="num">
                  {t('sponsors.staff.staffCount')}
                </th>
                <th scope="col" className="num">
                  {t('sponsors.staff.pendingInvitations')}
                </th>
                <th scope="col" className="num">
                  {t('sponsors.staff.offerCount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {sponsors.map((sponsor) => (
                <tr key={sponsor.id}>
                  <td>
                    <Link to={`${base}/${sponsor.id}`}>{ja ? sponsor.nameJa : sponsor.nameEn}</Link>
                  </td>
                  <td className="num">{sponsor.staffCount}</td>
                  <td className="num">{sponsor.pendingInvitations}</td>
                  <td className="num">{sponsor.offerCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card narrow-form" aria-labelledby="new-sponsor-heading">
        <h2 id="new-sponsor-heading">{t('sponsors.staff.addSponsor')}</h2>
        <p className="muted">{t('sponsors.staff.addSponsorIntro')}</p>
        <Form method="post" {...getFormProps(form)}>
          <div className="pair">
            <FormField field={fields.nameJa} label={t('sponsors.staff.nameJa')} />
            <FormField
              field={fields.nameEn}
              label={t('sponsors.staff.nameEn')}
              hint={t('staff.settings.english.hint')}
              lang="en"
            />
          </div>
          <SponsorInviteFields email={fields.email} locale={fields.locale} />
          <button type="submit" className="button">
            {t('sponsors.staff.addAndInvite')}
          </button>
        </Form>
      </section>
    </>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';

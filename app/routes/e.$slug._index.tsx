import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { AnnouncementFeed } from '~/components/announcement-feed';
import { CommunityFacts } from '~/components/community-facts';
import { FormField } from '~/components/form-field';
import { EventDate } from '~/components/local-time';
import { useLocale, useT } from '~/i18n/use-t';
import { loadEventHome } from '~/modules/announcements/member-feed.server';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import {
  findPublicEvent,
  joinByCodeSchema,
  requestJoinByEventCode,
} from '~/modules/membership/join-by-event-code.server';
import { memberAlias } from '~/modules/membership/member-alias';
import { errorText, useConstraintForm } from '~/utils/constraint-forms';
import { formConstraints, parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { pageTitle } from '~/utils/page-title';

/**
 * The event's page. For an active member it is their home in the community; for everyone
 * else it explains the community and offers "join by event code" (an email field whose
 * answer is the same for every address).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  // The session, the event, the membership, unread answers and the feed are one query, and the
  // root loader's session lookup is answered by it (issue #12).
  const locale = getLocale(request);
  const home = await loadEventHome(request, context, params.slug, {
    locale,
    before: new URL(request.url).searchParams.get('before'),
  });
  if (!home) throw new Response(null, { status: 404 });
  const { event, member, user } = home;
  const summary = {
    slug: event.slug,
    name: locale === 'ja' ? event.nameJa : event.nameEn,
    description: locale === 'ja' ? event.descriptionJa : event.descriptionEn,
    organizer: locale === 'ja' ? event.organizerNameJa : event.organizerNameEn,
    eventDate: event.eventDate,
  };
  // Plain objects: single fetch serializes them; json() would encode and parse them again.
  if (member) {
    return {
      view: 'member' as const,
      event: summary,
      member: { aliasNumber: member.membership.aliasNumber, bib: member.membership.bib },
      hasNewAnswer: member.hasNewAnswer,
      feed: member.feed,
    };
  }
  return {
    view: 'visitor' as const,
    event: summary,
    signedIn: Boolean(user),
    constraint: formConstraints(joinByCodeSchema),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = getTranslator(request);
  const event = await findPublicEvent(params.slug);
  if (!event) throw new Response(null, { status: 404 });
  const submission = await parseSubmission(request, joinByCodeSchema, t);
  if (submission.status !== 'success') return refuseSubmission(submission);
  const result = await requestJoinByEventCode({
    event,
    email: submission.value.email,
    locale: getLocale(request),
    clientIp: context.clientIp,
  });
  if (!result.ok) {
    return refuseSubmission(submission, { formError: 'invitations.event.rateLimited' }, 429);
  }
  // The same answer whether the address is on the list, already a member, or unknown.
  return json({ sent: true as const });
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, args.data ? { text: args.data.event.name } : null);

export default function EventPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();

  if (data.view === 'member') {
    return (
      <>
        {params.get('joined') ? (
          <p className="alert alert--ok" role="status">
            {t('invitations.home.joined')}
          </p>
        ) : null}
        <section className="card member-home">
          <p className="muted">
            <EventDate value={data.event.eventDate} /> · {data.event.organizer}
          </p>
          <h1>{t('invitations.home.welcome', { event: data.event.name })}</h1>
          <dl className="member-home__facts">
            <div>
              <dt>{t('invitations.home.shownAs')}</dt>
              <dd>{memberAlias(data.member.aliasNumber, locale)}</dd>
            </div>
            {data.member.bib ? (
              <div>
                <dt>{t('invitations.home.bib')}</dt>
                <dd>{data.member.bib}</dd>
              </div>
            ) : null}
          </dl>
          <p className="muted">{t('invitations.home.privacy')}</p>
        </section>
        <AnnouncementFeed
          slug={data.event.slug}
          feed={data.feed}
          paged={Boolean(params.get('before'))}
        />
        <nav className="member-home__links" aria-label={t('invitations.home.more')}>
          <Link to={`/e/${data.event.slug}/videos`} className="button button--quiet">
            {t('video.list.title')}
          </Link>
          <Link to={`/e/${data.event.slug}/offers`} className="button button--quiet">
            {t('sponsors.member.title')}
          </Link>
        </nav>
        <section className="card">
          <h2>
            <Link to={`/e/${data.event.slug}/messages`}>{t('relay.home.heading')}</Link>{' '}
            {data.hasNewAnswer ? (
              <span className="badge badge--pending">{t('relay.home.unread')}</span>
            ) : null}
          </h2>
          <p className="muted">{t('relay.home.hint')}</p>
        </section>
        <section className="card">
          <h2>
            <Link to={`/e/${data.event.slug}/settings`}>{t('invitations.home.settings')}</Link>
          </h2>
          <p className="muted">{t('invitations.home.settingsHint')}</p>
        </section>
      </>
    );
  }
  return <VisitorPage />;
}

function VisitorPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useConstraintForm(actionData, {
    constraint: data.view === 'visitor' ? data.constraint : {},
  });
  if (data.view !== 'visitor') return null;
  const sent = actionData && 'sent' in actionData;
  const formError = errorText(t, form.errors);
  return (
    <>
      <section className="hero">
        <p className="muted">
          {t('invitations.event.date')}: <EventDate value={data.event.eventDate} /> ·{' '}
          {t('invitations.event.organizer')}: {data.event.organizer}
        </p>
        <h1>{data.event.name}</h1>
        {data.event.description ? <p className="lead">{data.event.description}</p> : null}
      </section>
      <div className="event-page">
        <section className="card">
          <CommunityFacts />
        </section>
        <section className="card" aria-labelledby="join-heading">
          <h2 id="join-heading">{t('invitations.event.joinHeading')}</h2>
          {sent ? (
            <p className="alert alert--ok" role="status">
              {t('invitations.event.sent')}
            </p>
          ) : (
            <>
              <p>{t('invitations.event.joinIntro')}</p>
              {formError ? (
                <p className="alert alert--error" role="alert">
                  {formError}
                </p>
              ) : null}
              <Form method="post" {...getFormProps(form)}>
                <FormField
                  field={fields.email}
                  type="email"
                  label={t('invitations.event.email')}
                  autoComplete="email"
                  inputMode="email"
                />
                <button type="submit" className="button button--block">
                  {t('invitations.event.submit')}
                </button>
              </Form>
            </>
          )}
          {data.signedIn ? null : (
            <p className="muted">
              {t('invitations.event.memberSignIn')}{' '}
              <Link to={`/sign-in?next=${encodeURIComponent(`/e/${data.event.slug}`)}`}>
                {t('nav.signIn')}
              </Link>
            </p>
          )}
        </section>
      </div>
    </>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { EventDate } from '~/components/local-time';
import { roleLabel } from '~/i18n/key-families';
import { useT, useLocale } from '~/i18n/use-t';
import { getSessionUser } from '~/modules/auth/session.server';
import { listEventsForUser } from '~/modules/events/event-directory.server';
import { listSponsorsForUser } from '~/modules/sponsors/sponsor-access.server';
import { pageTitle } from '~/utils/page-title';

// Shown once after leaving a community or deleting the account (settings page redirects).
const NOTICES = { left: 'members.notice.left', deleted: 'members.notice.deleted' } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const param = new URL(request.url).searchParams.get('notice');
  const notice: keyof typeof NOTICES | null =
    param === 'left' || param === 'deleted' ? param : null;
  if (!user)
    return json({ signedIn: false as const, joined: [], managed: [], sponsors: [], notice });
  const [{ joined, managed }, sponsors] = await Promise.all([
    listEventsForUser(user.id),
    listSponsorsForUser(user.id),
  ]);
  return json({ signedIn: true as const, joined, managed, sponsors, notice });
}

export const meta: MetaFunction = (args) => pageTitle(args, null);

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const name = (e: { nameJa: string; nameEn: string }) => (locale === 'ja' ? e.nameJa : e.nameEn);

  const notice = data.notice ? (
    <p className="alert alert--ok" role="status">
      {t(NOTICES[data.notice])}
    </p>
  ) : null;

  if (!data.signedIn) {
    return (
      <>
        {notice}
        <section className="hero">
          <h1>{t('home.title')}</h1>
          <p className="lead">{t('home.intro')}</p>
          <p>{t('home.signInPrompt')}</p>
          <Link to="/sign-in" className="button">
            {t('nav.signIn')}
          </Link>
        </section>
      </>
    );
  }

  return (
    <>
      {notice}
      <h1>{t('nav.home')}</h1>
      <section className="card" aria-labelledby="joined-heading">
        <h2 id="joined-heading">{t('home.myCommunities')}</h2>
        {data.joined.length === 0 ? (
          <p className="muted">{t('home.noCommunities')}</p>
        ) : (
          <ul className="list list--events">
            {data.joined.map((event) => (
              <li key={event.slug}>
                <span>
                  <strong>{name(event)}</strong>{' '}
                  <span className="muted nowrap">
                    <EventDate value={event.eventDate} />
                  </span>
                </span>
                <Link to={`/e/${event.slug}`} className="button button--quiet">
                  {t('home.openNamedEvent', { event: name(event) })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      {data.managed.length > 0 ? (
        <section className="card" aria-labelledby="managed-heading">
          <h2 id="managed-heading">{t('home.managedEvents')}</h2>
          <ul className="list">
            {data.managed.map((event) => (
              <li key={event.slug}>
                <span>
                  <strong>{name(event)}</strong>{' '}
                  <span className="badge">{t(roleLabel(event.role))}</span>
                </span>
                <Link to={`/staff/${event.slug}`} className="button button--quiet">
                  {t('home.openConsole')}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data.sponsors.length > 0 ? (
        <section className="card" aria-labelledby="sponsor-heading">
          <h2 id="sponsor-heading">{t('home.sponsorConsoles')}</h2>
          <ul className="list">
            {data.sponsors.map((sponsor) => (
              <li key={sponsor.id}>
                <span>
                  <strong>{name(sponsor)}</strong>{' '}
                  <span className="muted">
                    {locale === 'ja' ? sponsor.eventNameJa : sponsor.eventNameEn}
                  </span>
                </span>
                <Link to={`/sponsor/${sponsor.id}`} className="button button--quiet">
                  {t('home.openConsole')}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <Link to="/events/new" className="button button--quiet">
          {t('staff.home.createEvent')}
        </Link>{' '}
        <Link to="/account" className="button button--quiet">
          {t('members.account.link')}
        </Link>
      </p>
    </>
  );
}

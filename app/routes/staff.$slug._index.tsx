import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { EventDate } from '~/components/local-time';
import { SendProgressPanel } from '~/components/send-progress';
import { funnelLabel } from '~/i18n/key-families';
import { useLocale, useT } from '~/i18n/use-t';
import { getEventSummary } from '~/modules/events/event-summary.server';
import { requireStaff } from '~/modules/events/staff-access.server';
import { streamProgress } from '~/modules/mail/send-progress.server';
import { inboxCounts } from '~/modules/relay/relay-threads.server';
import { pageTitle } from '~/utils/page-title';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'viewer', context);
  const summary = await getEventSummary(event.id);
  return json({
    role,
    ...summary,
    inbox: await inboxCounts(event.id),
    // Running and scheduled sends, and the last few finished ones.
    sending: await streamProgress(event.id, { recentFinished: 3 }),
  });
}

export const meta: MetaFunction = (args) => pageTitle(args, 'staff.nav.dashboard');

const FUNNEL = ['invited', 'reminded', 'joined', 'declined', 'bounced'] as const;
// Each count opens the invitations page with the people behind it (issue 13).
const FUNNEL_FILTER: Record<(typeof FUNNEL)[number], string> = {
  invited: '',
  reminded: '?status=reminded',
  joined: '?status=joined',
  declined: '?status=declined',
  bounced: '?status=bounced',
};

export default function StaffDashboard() {
  const { role, event, funnel, members, inbox, sending } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const base = `/staff/${event.slug}`;
  return (
    <>
      {/* The layout's header names the event; the page names itself like the other tabs. */}
      <h1>{t('staff.nav.dashboard')}</h1>
      <section className="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t('staff.dashboard.summary')}</h2>
        <dl className="facts facts--stack">
          <dt>{t('staff.event.eventDate')}</dt>
          <dd>
            <EventDate value={event.eventDate} />
          </dd>
          <dt>{t('staff.dashboard.organizer')}</dt>
          <dd>{locale === 'ja' ? event.organizerNameJa : event.organizerNameEn}</dd>
          <dt>{t('staff.event.contactEmail')}</dt>
          <dd>{event.contactEmail}</dd>
          <dt>{t('staff.dashboard.eventPage')}</dt>
          <dd>
            <code>/e/{event.slug}</code>
          </dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="members-heading">
        <h2 id="members-heading">{t('staff.dashboard.members')}</h2>
        <ul className="stat-grid">
          <li>
            <strong>{members.active.toLocaleString(locale)}</strong>
            <span>{t('staff.dashboard.activeMembers')}</span>
          </li>
          <li>
            <strong>{members.left.toLocaleString(locale)}</strong>
            <span>{t('staff.dashboard.leftMembers')}</span>
          </li>
        </ul>
        <p>
          <Link to={`${base}/members`} className="button button--quiet">
            {t('staff.dashboard.openMembers')}
          </Link>
        </p>
      </section>
      <section className="card" aria-labelledby="sending-heading">
        <h2 id="sending-heading">{t('sending.heading')}</h2>
        <SendProgressPanel
          initial={sending}
          src={`${base}/sending.json`}
          labelled
          announcementsHref={`${base}/announcements`}
          showInteractive
        />
      </section>
      <section className="card" aria-labelledby="inbox-heading">
        <h2 id="inbox-heading">{t('relay.dashboard.heading')}</h2>
        <p>{t('relay.dashboard.summary', inbox)}</p>
        <p>
          <Link to={`${base}/inbox`} className="button button--quiet">
            {t('relay.dashboard.open')}
          </Link>
        </p>
      </section>
      <section className="card" aria-labelledby="funnel-heading">
        <h2 id="funnel-heading">{t('staff.dashboard.funnel')}</h2>
        <p className="muted">{t('staff.dashboard.funnelHelp')}</p>
        <ul className="stat-grid">
          {FUNNEL.map((key) => (
            <li key={key}>
              <Link to={`${base}/invitations${FUNNEL_FILTER[key]}`}>
                <strong>{funnel[key].toLocaleString(locale)}</strong>
                <span>{t(funnelLabel(key))}</span>
              </Link>
            </li>
          ))}
        </ul>
        <p>
          <Link to={`${base}/invitations`}>{t('staff.dashboard.invitationsOpen')}</Link>
        </p>
        {role !== 'viewer' ? (
          <p>
            <a href={`${base}/import`} className="button">
              {t('staff.dashboard.import')}
            </a>
          </p>
        ) : null}
      </section>
      {role === 'owner' ? (
        <section className="card" aria-labelledby="admin-heading">
          <h2 id="admin-heading">{t('staff.dashboard.administration')}</h2>
          <ul className="list dashboard-list">
            <li>
              <span>{t('staff.dashboard.teamHelp')}</span>
              <Link to={`${base}/team`} className="button button--quiet">
                {t('staff.nav.team')}
              </Link>
            </li>
            <li>
              <span>{t('staff.dashboard.auditHelp')}</span>
              <Link to={`${base}/audit`} className="button button--quiet">
                {t('staff.nav.audit')}
              </Link>
            </li>
          </ul>
        </section>
      ) : null}
    </>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';

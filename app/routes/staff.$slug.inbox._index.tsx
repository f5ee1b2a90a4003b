import { TableScroll } from '~/components/table-scroll';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { LocalTime } from '~/components/local-time';
import { useLocale, useT } from '~/i18n/use-t';
import { requireStaff } from '~/modules/events/staff-access.server';
import { memberAlias } from '~/modules/membership/member-alias';
import {
  inboxCounts,
  inboxFilters,
  listInbox,
  type InboxFilter,
} from '~/modules/relay/relay-threads.server';
import { pageTitle } from '~/utils/page-title';

/** The organizer inbox: one row per member who wrote, named by alias (and bib), never by address. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role, user } = await requireStaff(request, params.slug, 'viewer', context);
  const url = new URL(request.url);
  const requested = url.searchParams.get('show') ?? 'open';
  const filter: InboxFilter = (inboxFilters as readonly string[]).includes(requested)
    ? (requested as InboxFilter)
    : 'open';
  const page = Math.min(
    Math.max(Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1, 1),
    1000,
  );
  const [list, counts] = await Promise.all([
    listInbox({ eventId: event.id, userId: user.id, filter, page }),
    inboxCounts(event.id),
  ]);
  return json(
    { event, role, filter, page, counts, ...list },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export const meta: MetaFunction = (args) => pageTitle(args, 'relay.inbox.title');

export default function Inbox() {
  const { event, filter, page, counts, threads, hasMore } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const base = `/staff/${event.slug}/inbox`;
  const tabs: { key: InboxFilter; label: string }[] = [
    { key: 'open', label: t('relay.filter.open') },
    { key: 'held', label: t('relay.filter.held') },
    { key: 'mine', label: t('relay.filter.mine') },
    { key: 'closed', label: t('relay.filter.closed') },
    { key: 'all', label: t('relay.filter.all') },
  ];
  return (
    <>
      <section className="card">
        <h1>{t('relay.inbox.title')}</h1>
        <p className="lead">{t('relay.inbox.intro')}</p>
        <p className="muted">{t('relay.dashboard.summary', counts)}</p>
        <nav className="inbox-tabs" aria-label={t('relay.filter.label')}>
          {tabs.map((tab) => (
            <Link
              key={tab.key}
              to={`${base}?show=${tab.key}`}
              className={tab.key === filter ? 'active' : undefined}
              aria-current={tab.key === filter ? 'page' : undefined}
            >
              {tab.label}
              {tab.key === 'held' && counts.held > 0 ? (
                <span className="badge badge--pending">{counts.held}</span>
              ) : null}
            </Link>
          ))}
        </nav>
        {threads.length === 0 ? (
          <p className="muted">{t('relay.inbox.empty')}</p>
        ) : (
          <TableScroll>
            <table className="data inbox-table">
              <thead>
                <tr>
                  <th>{t('relay.col.member')}</th>
                  <th>{t('relay.col.last')}</th>
                  <th>{t('relay.col.status')}</th>
                  <th>{t('relay.col.assigned')}</th>
                  <th>{t('relay.col.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {threads.map((thread) => (
                  <tr key={thread.id} className={thread.unread ? 'inbox-row--unread' : undefined}>
                    <td className="nowrap">
                      <Link to={`${base}/${thread.id}`}>
                        {memberAlias(thread.aliasNumber, locale)}
                      </Link>
                      {thread.bib ? (
                        <div className="muted">{t('relay.bib', { bib: thread.bib })}</div>
                      ) : null}
                    </td>
                    <td>
                      {thread.unread ? (
                        <span className="badge badge--pending">{t('relay.unread')}</span>
                      ) : null}{' '}
                      {thread.heldCount > 0 ? (
                        <span className="badge badge--rejected">
                          {t('relay.heldCount', { count: thread.heldCount })}
                        </span>
                      ) : null}{' '}
                      {thread.lastDirection === 'staff_to_member' ? (
                        <span className="muted">{t('relay.lastFromOffice')} </span>
                      ) : null}
                      {thread.preview ||
                        (thread.heldCount > 0 ? null : (
                          <span className="muted">{t('relay.onlyAttachments')}</span>
                        ))}
                    </td>
                    <td className="nowrap">
                      {t(thread.status === 'open' ? 'relay.status.open' : 'relay.status.closed')}
                      {thread.memberActive ? null : (
                        <div className="muted">{t('relay.memberLeft')}</div>
                      )}
                    </td>
                    <td className="nowrap">
                      {thread.assigned ? (
                        thread.assigned.isMe ? (
                          t('relay.assignedMe')
                        ) : (
                          thread.assigned.label
                        )
                      ) : (
                        <span className="muted">{t('relay.unassigned')}</span>
                      )}
                    </td>
                    <td className="nowrap">
                      <LocalTime value={thread.lastMessageAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <p className="pager">
          {page > 1 ? (
            <Link to={`${base}?show=${filter}&page=${page - 1}`}>
              ← {t('relay.inbox.previous')}
            </Link>
          ) : null}{' '}
          {hasMore ? (
            <Link to={`${base}?show=${filter}&page=${page + 1}`}>{t('relay.inbox.more')} →</Link>
          ) : null}
        </p>
      </section>
    </>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';

import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { AnnouncementStatusBadge } from '~/components/announcement-status-badge';
import { TableScroll } from '~/components/table-scroll';
import { LocalTime } from '~/components/local-time';
import { useLocale, useT } from '~/i18n/use-t';
import { contentApproved } from '~/modules/announcements/announcement-policy';
import {
  announcementCursorFromUrl,
  listAnnouncementsPage,
} from '~/modules/announcements/announcement-list.server';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { pageTitle } from '~/utils/page-title';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'viewer', context);
  const cursor = announcementCursorFromUrl(new URL(request.url).searchParams);
  if (cursor === 'invalid') {
    const t = getTranslator(request);
    throw json({ formError: t('announcements.list.badCursor') }, { status: 400 });
  }
  const page = await listAnnouncementsPage(event.id, cursor);
  const items = page.items.map((a) => ({
    id: a.id,
    titleJa: a.titleJa,
    titleEn: a.titleEn,
    channelNameJa: a.channelNameJa,
    channelNameEn: a.channelNameEn,
    status: a.status,
    approved: contentApproved(a),
    updatedAt: a.updatedAt.toISOString(),
  }));
  const { hasNewer, hasOlder, newerThan, olderThan } = page;
  return json(
    { event, role, items, hasNewer, hasOlder, newerThan, olderThan },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export const meta: MetaFunction = (args) => pageTitle(args, 'announcements.title');

export default function AnnouncementList() {
  const { event, role, items, ...pager } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const base = `/staff/${event.slug}/announcements`;
  return (
    <>
      <section className="card">
        <div className="card__head">
          <h1>{t('announcements.title')}</h1>
          <div className="actions">
            <Link to={`/staff/${event.slug}/channels`} className="button button--quiet">
              {t('announcements.list.channels')}
            </Link>
            {role !== 'viewer' ? (
              <Link to={`${base}/new`} className="button">
                {t('announcements.list.new')}
              </Link>
            ) : null}
          </div>
        </div>
        <p className="lead">{t('announcements.list.intro')}</p>
        {items.length === 0 ? (
          <p className="muted">{t('announcements.list.empty')}</p>
        ) : (
          <TableScroll>
            <table className="data">
              <thead>
                <tr>
                  <th>{t('announcements.col.title')}</th>
                  <th>{t('announcements.col.channel')}</th>
                  <th>{t('announcements.col.status')}</th>
                  <th>{t('announcements.col.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`${base}/${a.id}`}>
                        {(locale === 'ja' ? a.titleJa || a.titleEn : a.titleEn || a.titleJa) ||
                          t('announcements.untitled')}
                      </Link>
                    </td>
                    <td>{locale === 'ja' ? a.channelNameJa : a.channelNameEn}</td>
                    <td>
                      <AnnouncementStatusBadge status={a.status} approved={a.approved} />
                    </td>
                    <td>
                      <LocalTime value={a.updatedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {pager.hasNewer || pager.hasOlder ? (
          <nav className="pager" aria-label={t('staff.pager.label')}>
            <span className="pager__side">
              {pager.hasNewer ? <Link to={base}>{t('announcements.list.newest')}</Link> : null}
              {pager.newerThan ? (
                <Link to={`${base}?newer=${encodeURIComponent(pager.newerThan)}`} rel="prev">
                  {t('announcements.list.newer')}
                </Link>
              ) : null}
            </span>
            <span className="pager__side">
              {pager.olderThan ? (
                <Link to={`${base}?older=${encodeURIComponent(pager.olderThan)}`} rel="next">
                  {t('announcements.list.older')}
                </Link>
              ) : null}
              {pager.hasOlder ? (
                <Link to={`${base}?oldest=1`}>{t('announcements.list.oldest')}</Link>
              ) : null}
            </span>
          </nav>
        ) : null}
      </section>
    </>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';

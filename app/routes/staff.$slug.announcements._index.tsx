import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { AnnouncementStatusBadge } from '~/components/announcement-status-badge';
import { LocalTime } from '~/components/local-time';
import { StaffNav } from '~/components/staff-nav';
import { useLocale, useT } from '~/i18n/use-t';
import { contentApproved } from '~/modules/announcements/announcement-policy';
import { listAnnouncements } from '~/modules/announcements/drafts.server';
import { requireStaff } from '~/modules/events/staff-access.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'viewer');
  const rows = await listAnnouncements(event.id);
  const items = rows.map((a) => ({
    id: a.id,
    titleJa: a.titleJa,
    titleEn: a.titleEn,
    channelNameJa: a.channelNameJa,
    channelNameEn: a.channelNameEn,
    status: a.status,
    approved: contentApproved(a),
    updatedAt: a.updatedAt.toISOString(),
  }));
  return json({ event, role, items }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export const meta: MetaFunction = () => [{ title: 'Startline' }];

export default function AnnouncementList() {
  const { event, role, items } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const base = `/staff/${event.slug}/announcements`;
  return (
    <>
      <StaffNav slug={event.slug} role={role} />
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
        )}
      </section>
    </>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { LocalTime } from '~/components/local-time';
import { PrivateReplyForm } from '~/components/relay-message';
import { useT } from '~/i18n/use-t';
import { getMemberAnnouncement } from '~/modules/announcements/member-feed.server';
import { getLocale } from '~/modules/i18n/locale.server';
import { requireMember } from '~/modules/membership/member-access.server';
import { pageTitle } from '~/utils/page-title';

// Read-only (SPEC P3): this route has no action, so a member cannot post anything here.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.slug, context);
  const announcement = await getMemberAnnouncement(
    member,
    params.announcementId ?? '',
    getLocale(request),
  );
  if (!announcement) throw new Response(null, { status: 404 });
  return json(
    { slug: member.event.slug, announcement },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, args.data ? { text: args.data.announcement.title } : null);

export default function MemberAnnouncement() {
  const { slug, announcement: a } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <article className="card announcement">
        <p className="muted">
          <span className="badge">{a.channelName}</span> <LocalTime value={a.publishedAt} />
        </p>
        <h1>{a.title}</h1>
        <div className="announcement-body" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
        <hr />
        <p className="muted">{t('feed.oneWay')}</p>
        <p className="actions">
          <Link to={`/e/${slug}`}>← {t('feed.back')}</Link>
          <Link to={`/e/${slug}/settings`}>{t('feed.emailSettings')}</Link>
        </p>
      </article>
      {/* Private to the race office (SPEC P3): posts to the member's own thread, not to this page. */}
      <PrivateReplyForm slug={slug} announcementId={a.id} />
    </>
  );
}

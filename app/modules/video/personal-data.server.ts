import { eq, inArray } from 'drizzle-orm';
import { events, videos, videoViews } from '~db/schema';
import { db } from '~/modules/database/database.server';
import type { DomainPersonalData } from '~/modules/membership/personal-data-types.server';

const eventRef = { slug: events.slug, nameJa: events.nameJa, nameEn: events.nameEn };

/** Who watched how much of each video (for aggregates only), and who uploaded it. */
export const videoPersonalData: DomainPersonalData = {
  domain: 'video',
  declarations: [
    {
      table: 'video_views',
      what: 'how often and how far the member watched each video',
      columns: { membership_id: 'the member' },
      export: {
        key: 'videoViews',
        read: async ({ memberships: mine }) =>
          mine.length === 0
            ? []
            : db
                .select({
                  event: eventRef,
                  video: { titleJa: videos.titleJa, titleEn: videos.titleEn },
                  plays: videoViews.plays,
                  maxPercentWatched: videoViews.maxPercentWatched,
                  firstViewedAt: videoViews.firstViewedAt,
                  lastViewedAt: videoViews.lastViewedAt,
                })
                .from(videoViews)
                .innerJoin(videos, eq(videos.id, videoViews.videoId))
                .innerJoin(events, eq(events.id, videos.eventId))
                .where(
                  inArray(
                    videoViews.membershipId,
                    mine.map((m) => m.id),
                  ),
                ),
      },
      erase: {
        kind: 'anonymize',
        why: 'the aggregate counts stay (SPEC P11); the row no longer points at anyone',
        setNull: [{ column: 'membership_id', references: 'memberships.id' }],
      },
    },
    {
      table: 'videos',
      what: 'which staff member uploaded a video',
      columns: { uploaded_by: 'the staff member (user id)' },
      export: { none: 'the video is the office’s; the audit log records the upload' },
      erase: {
        kind: 'anonymize',
        why: 'the video stays for the members',
        run: async (tx, { userId }) => {
          await tx.update(videos).set({ uploadedBy: null }).where(eq(videos.uploadedBy, userId));
        },
      },
    },
  ],
  notPersonal: {},
};

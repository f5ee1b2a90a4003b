import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { videos } from '~db/schema';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { z } from 'zod';
import { videoDetailsSchema, type VideoDetails } from './video-upload.server';

/** The per-video page's form: an edit of the texts, or a change of the published state. */
export const videoActionSchema = z.discriminatedUnion('intent', [
  videoDetailsSchema.extend({ intent: z.literal('edit') }),
  z.object({ intent: z.literal('unpublish') }),
  z.object({ intent: z.literal('publish') }),
]);

/** One video of this event as its staff page shows it, or null (another event's is "none"). */
export async function findVideoForStaff(eventId: string, videoId: string | undefined) {
  if (!videoId) return null;
  const [row] = await db
    .select({
      id: videos.id,
      titleJa: videos.titleJa,
      titleEn: videos.titleEn,
      descriptionJa: videos.descriptionJa,
      descriptionEn: videos.descriptionEn,
      contentType: videos.contentType,
      sizeBytes: videos.sizeBytes,
      posterKey: videos.posterKey,
      createdAt: videos.createdAt,
      updatedAt: videos.updatedAt,
      unpublishedAt: videos.unpublishedAt,
    })
    .from(videos)
    .where(and(eq(videos.eventId, eventId), eq(videos.id, videoId)));
  if (!row) return null;
  // Whether there is a poster, never its storage key.
  const { posterKey, ...rest } = row;
  return { ...rest, hasPoster: posterKey !== null };
}

const DETAIL_FIELDS = ['titleJa', 'titleEn', 'descriptionJa', 'descriptionEn'] as const;

/**
 * Saves new titles and descriptions, with an audit entry naming which fields changed.
 * Returns false when the event has no such video. Saving what is already there writes nothing.
 */
export async function editVideoDetails(input: {
  eventId: string;
  videoId: string;
  actorUserId: string;
  details: VideoDetails;
}): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        titleJa: videos.titleJa,
        titleEn: videos.titleEn,
        descriptionJa: videos.descriptionJa,
        descriptionEn: videos.descriptionEn,
      })
      .from(videos)
      .where(and(eq(videos.id, input.videoId), eq(videos.eventId, input.eventId)))
      .for('update');
    if (!row) return false;
    const changed = DETAIL_FIELDS.filter((field) => row[field] !== input.details[field]);
    if (changed.length === 0) return true;
    await tx
      .update(videos)
      .set({
        titleJa: input.details.titleJa,
        titleEn: input.details.titleEn,
        descriptionJa: input.details.descriptionJa,
        descriptionEn: input.details.descriptionEn,
        updatedAt: new Date(),
      })
      .where(eq(videos.id, input.videoId));
    await appendAudit(
      {
        eventId: input.eventId,
        actorUserId: input.actorUserId,
        action: 'video.edit',
        target: `video:${input.videoId}`,
        detail: { fields: changed },
      },
      tx,
    );
    return true;
  });
}

/**
 * Takes a video off the members' pages (it stays, with its statistics, for staff) or puts it
 * back. Members can neither list nor play an unpublished video: the media route answers 404.
 * Asking for the state it is already in changes nothing and writes no audit entry.
 */
export async function setVideoPublished(input: {
  eventId: string;
  videoId: string;
  actorUserId: string;
  published: boolean;
}): Promise<'changed' | 'unchanged' | 'not-found'> {
  return db.transaction(async (tx) => {
    const inEvent = and(eq(videos.id, input.videoId), eq(videos.eventId, input.eventId));
    // Only a row in the other state changes: a double click does not write twice.
    const [row] = await tx
      .update(videos)
      .set({ unpublishedAt: input.published ? null : new Date() })
      .where(
        and(
          inEvent,
          input.published ? isNotNull(videos.unpublishedAt) : isNull(videos.unpublishedAt),
        ),
      )
      .returning({ id: videos.id });
    if (!row) {
      const [exists] = await tx.select({ id: videos.id }).from(videos).where(inEvent);
      return exists ? 'unchanged' : 'not-found';
    }
    const entry = { eventId: input.eventId, actorUserId: input.actorUserId };
    const target = `video:${input.videoId}`;
    if (input.published) await appendAudit({ ...entry, action: 'video.publish', target }, tx);
    else await appendAudit({ ...entry, action: 'video.unpublish', target }, tx);
    return 'changed';
  });
}

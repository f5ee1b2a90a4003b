import { and, eq } from 'drizzle-orm';
import { videos } from '~db/schema';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { logger } from '~/utils/logger.server';
import { mediaStorage } from './media-storage.server';

/**
 * Deletes a video of an event: its row (views go with it, by cascade) and an audit entry in
 * one transaction, then its stored objects (the video and the poster, on disk or in the
 * bucket). The objects are removed after the commit, never before: a failed transaction must
 * not leave a row pointing at nothing. Should the store be down at that moment, the objects
 * are orphans that the daily storage sweep removes. Returns false when there is no such video.
 */
export async function deleteVideo(input: {
  eventId: string;
  videoId: string;
  actorUserId: string;
}): Promise<boolean> {
  const removed = await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(videos)
      .where(and(eq(videos.id, input.videoId), eq(videos.eventId, input.eventId)))
      .returning({
        storageKey: videos.storageKey,
        posterKey: videos.posterKey,
        titleJa: videos.titleJa,
        titleEn: videos.titleEn,
      });
    if (!row) return null;
    await appendAudit(
      {
        eventId: input.eventId,
        actorUserId: input.actorUserId,
        action: 'video.delete',
        target: `video:${input.videoId}`,
        // The row is gone with this commit: the log keeps the title so that its sentence can
        // still say which video was deleted.
        detail: { titleJa: row.titleJa, titleEn: row.titleEn },
      },
      tx,
    );
    return row;
  });
  if (!removed) return false;
  for (const key of [removed.storageKey, removed.posterKey]) {
    if (!key) continue;
    await mediaStorage.remove(key).catch((error: unknown) => {
      // Counted and logged by the storage; the sweep removes the orphan later.
      logger.warn('video.delete_objects_left', { reason: String(error) });
    });
  }
  return true;
}

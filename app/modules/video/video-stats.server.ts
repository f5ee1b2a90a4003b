import { eq, inArray, sql } from 'drizzle-orm';
import { videos, videoViews } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { COMPLETION_BUCKETS, type CompletionBucket } from './completion-buckets';

/**
 * Viewing numbers for staff, as aggregates only (SPEC P7/P8). Each member's row exists only
 * to count unique viewers and how far they got; no page or export lists those rows per
 * member, and any count under the threshold leaves the server as "<5", never as the number.
 */
export const SMALL_COUNT_THRESHOLD = 5;

export function suppressSmallCount(count: number, threshold = SMALL_COUNT_THRESHOLD): string {
  return count < threshold ? `<${threshold}` : String(count);
}

export interface VideoStats {
  views: string;
  uniqueViewers: string;
  completion: Record<CompletionBucket, string>;
}

export async function statsForEventVideos(eventId: string): Promise<Record<string, VideoStats>> {
  const bucketColumns = Object.fromEntries(
    COMPLETION_BUCKETS.map((bucket) => [
      bucket.id,
      sql<number>`count(*) filter (where ${videoViews.maxPercentWatched} between ${bucket.min} and ${bucket.max})::int`,
    ]),
  ) as Record<CompletionBucket, ReturnType<typeof sql<number>>>;
  const rows = await db
    .select({
      videoId: videoViews.videoId,
      views: sql<number>`coalesce(sum(${videoViews.plays}), 0)::int`,
      uniqueViewers: sql<number>`count(*)::int`,
      ...bucketColumns,
    })
    .from(videoViews)
    .where(
      inArray(
        videoViews.videoId,
        db.select({ id: videos.id }).from(videos).where(eq(videos.eventId, eventId)),
      ),
    )
    .groupBy(videoViews.videoId);
  const result: Record<string, VideoStats> = {};
  for (const row of rows) {
    const counts = row as unknown as Record<CompletionBucket, number>;
    result[row.videoId] = {
      views: suppressSmallCount(row.views),
      uniqueViewers: suppressSmallCount(row.uniqueViewers),
      completion: Object.fromEntries(
        COMPLETION_BUCKETS.map((bucket) => [bucket.id, suppressSmallCount(counts[bucket.id])]),
      ) as Record<CompletionBucket, string>,
    };
  }
  return result;
}

export function emptyStats(): VideoStats {
  return {
    views: suppressSmallCount(0),
    uniqueViewers: suppressSmallCount(0),
    completion: Object.fromEntries(
      COMPLETION_BUCKETS.map((bucket) => [bucket.id, suppressSmallCount(0)]),
    ) as Record<CompletionBucket, string>,
  };
}

/** A member started playing (counted once per page view by the player). */
export async function recordPlay(videoId: string, membershipId: string) {
  await db
    .insert(videoViews)
    .values({ videoId, membershipId })
    .onConflictDoUpdate({
      target: [videoViews.videoId, videoViews.membershipId],
      set: { plays: sql`${videoViews.plays} + 1`, lastViewedAt: new Date() },
    });
}

/** The furthest point reached, in percent; it only ever grows. */
export async function recordProgress(videoId: string, membershipId: string, percent: number) {
  const clamped = Math.max(0, Math.min(100, Math.round(percent)));
  await db
    .insert(videoViews)
    .values({ videoId, membershipId, plays: 0, maxPercentWatched: clamped })
    .onConflictDoUpdate({
      target: [videoViews.videoId, videoViews.membershipId],
      set: {
        maxPercentWatched: sql`greatest(${videoViews.maxPercentWatched}, ${clamped})`,
        lastViewedAt: new Date(),
      },
    });
}

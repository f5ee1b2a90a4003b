import { and, desc, eq } from 'drizzle-orm';
import { videos } from '~db/schema';
import type { Locale } from '~/i18n/types';
import { db } from '~/modules/database/database.server';
import { createMediaToken, mediaUrl, posterUrl } from './media-token.server';

/** The columns a page may show about a video; storage keys and uploader stay on the server. */
const listed = {
  id: videos.id,
  titleJa: videos.titleJa,
  titleEn: videos.titleEn,
  descriptionJa: videos.descriptionJa,
  descriptionEn: videos.descriptionEn,
  contentType: videos.contentType,
  sizeBytes: videos.sizeBytes,
  durationSeconds: videos.durationSeconds,
  hasPoster: videos.posterKey,
  createdAt: videos.createdAt,
};

type ListedRow = {
  id: string;
  titleJa: string;
  titleEn: string;
  descriptionJa: string;
  descriptionEn: string;
  contentType: 'video/mp4' | 'video/webm';
  sizeBytes: number;
  durationSeconds: number | null;
  hasPoster: string | null;
  createdAt: Date;
};

function localized(row: ListedRow, locale: Locale) {
  return {
    id: row.id,
    title: locale === 'ja' ? row.titleJa : row.titleEn,
    description: locale === 'ja' ? row.descriptionJa : row.descriptionEn,
    contentType: row.contentType,
    durationSeconds: row.durationSeconds,
    createdAt: row.createdAt.toISOString(),
  };
}

function posterFor(row: ListedRow, sessionId: string) {
  if (!row.hasPoster) return null;
  const { token } = createMediaToken({ videoId: row.id, sessionId, purpose: 'poster' });
  return posterUrl(row.id, token);
}

/** The event's videos for the member list, newest first, each with a session-bound poster URL. */
export async function listVideosForViewer(eventId: string, sessionId: string, locale: Locale) {
  const rows = await db
    .select(listed)
    .from(videos)
    .where(eq(videos.eventId, eventId))
    .orderBy(desc(videos.createdAt));
  return rows.map((row) => ({ ...localized(row, locale), posterSrc: posterFor(row, sessionId) }));
}

/** One video of this event for the player page, or null (another event's id is "not found"). */
export async function findVideoForViewer(
  eventId: string,
  videoId: string | undefined,
  sessionId: string,
  locale: Locale,
) {
  if (!videoId) return null;
  const [row] = await db
    .select(listed)
    .from(videos)
    .where(and(eq(videos.eventId, eventId), eq(videos.id, videoId)));
  if (!row) return null;
  return {
    ...localized(row, locale),
    posterSrc: posterFor(row, sessionId),
    ...playbackSource(row.id, sessionId),
  };
}

/** A fresh media URL for the player (the page's first, and each refresh before expiry). */
export function playbackSource(videoId: string, sessionId: string) {
  const now = Date.now();
  const { token, expiresAt } = createMediaToken({ videoId, sessionId, now });
  return {
    src: mediaUrl(videoId, token),
    expiresAt: expiresAt.toISOString(),
    // The player times its refresh from this, on its own clock: a viewer's clock that is off
    // by minutes must not make it refresh constantly (or too late).
    ttlSeconds: Math.floor((expiresAt.getTime() - now) / 1000),
  };
}

export async function videoBelongsToEvent(eventId: string, videoId: string | undefined) {
  if (!videoId) return false;
  const [row] = await db
    .select({ id: videos.id })
    .from(videos)
    .where(and(eq(videos.eventId, eventId), eq(videos.id, videoId)));
  return Boolean(row);
}

/** Staff list: every video of the event with the facts staff manage. */
export async function listVideosForStaff(eventId: string) {
  return db
    .select({
      id: videos.id,
      titleJa: videos.titleJa,
      titleEn: videos.titleEn,
      contentType: videos.contentType,
      sizeBytes: videos.sizeBytes,
      createdAt: videos.createdAt,
    })
    .from(videos)
    .where(eq(videos.eventId, eventId))
    .orderBy(desc(videos.createdAt));
}

import { and, desc, eq, isNull } from 'drizzle-orm';
import { videos } from '~db/schema';
import type { Locale } from '~/i18n/types';
import { db } from '~/modules/database/database.server';
import { pickContent } from '~/utils/content-language';
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

/** Members see published videos only; staff previews may open an unpublished one. */
const published = isNull(videos.unpublishedAt);

function localized(row: ListedRow, locale: Locale) {
  // English is optional: an English reader gets the Japanese text, with its language.
  const title = pickContent(row.titleJa, row.titleEn, locale);
  const description = pickContent(row.descriptionJa, row.descriptionEn, locale);
  return {
    id: row.id,
    title: title.text,
    titleLang: title.lang,
    description: description.text,
    descriptionLang: description.lang,
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

/**
 * The event's published videos for the member list (staff see the same list as a preview),
 * newest first, each with a session-bound poster URL.
 */
export async function listVideosForViewer(eventId: string, sessionId: string, locale: Locale) {
  const rows = await db
    .select(listed)
    .from(videos)
    .where(and(eq(videos.eventId, eventId), published))
    .orderBy(desc(videos.createdAt));
  return rows.map((row) => ({ ...localized(row, locale), posterSrc: posterFor(row, sessionId) }));
}

/**
 * One video of this event for the player page, or null: another event's id, and an unpublished
 * video unless staff preview it (to check a replaced file before publishing it again).
 */
export async function findVideoForViewer(
  eventId: string,
  videoId: string | undefined,
  sessionId: string,
  locale: Locale,
  options: { includeUnpublished?: boolean } = {},
) {
  if (!videoId) return null;
  const [row] = await db
    .select({ ...listed, unpublishedAt: videos.unpublishedAt })
    .from(videos)
    .where(
      and(
        eq(videos.eventId, eventId),
        eq(videos.id, videoId),
        options.includeUnpublished ? undefined : published,
      ),
    );
  if (!row) return null;
  return {
    ...localized(row, locale),
    unpublished: row.unpublishedAt !== null,
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

/** Whether the player may go on with this video: one of the event's, published unless staff. */
export async function videoBelongsToEvent(
  eventId: string,
  videoId: string | undefined,
  options: { includeUnpublished?: boolean } = {},
) {
  if (!videoId) return false;
  const [row] = await db
    .select({ id: videos.id })
    .from(videos)
    .where(
      and(
        eq(videos.eventId, eventId),
        eq(videos.id, videoId),
        options.includeUnpublished ? undefined : published,
      ),
    );
  return Boolean(row);
}

/** Staff list: every video of the event, unpublished ones too, with the facts staff manage. */
export async function listVideosForStaff(eventId: string) {
  return db
    .select({
      id: videos.id,
      titleJa: videos.titleJa,
      titleEn: videos.titleEn,
      contentType: videos.contentType,
      sizeBytes: videos.sizeBytes,
      createdAt: videos.createdAt,
      unpublishedAt: videos.unpublishedAt,
    })
    .from(videos)
    .where(eq(videos.eventId, eventId))
    .orderBy(desc(videos.createdAt));
}

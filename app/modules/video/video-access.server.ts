import { eq } from 'drizzle-orm';
import { events, videos } from '~db/schema';
import { getCurrentSession, requireUser, type SessionUser } from '~/modules/auth/session.server';
import { db } from '~/modules/database/database.server';
import { requireStaff } from '~/modules/events/staff-access.server';
import { findActiveMembership } from '~/modules/membership/member-access.server';
import { isStorageKey } from './media-storage.server';
import { verifyMediaToken, type MediaPurpose } from './media-token.server';

export interface VideoViewer {
  user: SessionUser;
  /** What media tokens are bound to. */
  sessionId: string;
  event: { id: string; slug: string; nameJa: string; nameEn: string };
  /** Staff see the member pages as a preview: no alias, and their viewing is not counted. */
  role: 'member' | 'staff';
  membership: { id: string; aliasNumber: number } | null;
}

/**
 * The gate for the video pages: an active member of the event, or its staff (preview).
 * Everyone else signed in gets 404, exactly as on every other member page; signed-out
 * visitors are sent to sign in.
 */
export async function requireVideoViewer(
  request: Request,
  eventSlug: string | undefined,
  /** The load context, to share the session lookup with the root loader. */
  requestScope?: object,
): Promise<VideoViewer> {
  const session = await getCurrentSession(request, requestScope);
  if (!session) {
    await requireUser(request);
    throw new Response(null, { status: 404 });
  }
  const member = await findActiveMembership(session.user.id, eventSlug);
  if (member) {
    return {
      user: session.user,
      sessionId: session.sessionId,
      event: member.event,
      role: 'member',
      membership: { id: member.membership.id, aliasNumber: member.membership.aliasNumber },
    };
  }
  const staff = await requireStaff(request, eventSlug, 'viewer', requestScope).catch(
    (thrown: unknown) => {
      if (thrown instanceof Response) throw new Response(null, { status: 404 });
      throw thrown;
    },
  );
  return {
    user: session.user,
    sessionId: session.sessionId,
    event: staff.event,
    role: 'staff',
    membership: null,
  };
}

export interface StreamableVideo {
  id: string;
  storageKey: string;
  posterKey: string | null;
  contentType: 'video/mp4' | 'video/webm';
  /** Known from the upload: a Range request needs no HEAD of the store. */
  sizeBytes: number;
}

export type MediaAccess = { ok: true; video: StreamableVideo } | { ok: false; status: 403 | 404 };

/**
 * The media route's check, on every Range request: a valid, unexpired token for this video,
 * made for the very session the request's cookie carries, held by someone who is still an
 * active member (or staff) of the video's event. Any failure is answered with a bare 403 that
 * says nothing about which check failed. A video taken off the members' pages answers 404 to
 * its members once every other check has passed (a token handed out before it was
 * unpublished plays no more); its staff may still preview it.
 */
export async function authorizeMediaRequest(
  request: Request,
  input: { videoId: string | undefined; token: string | null; purpose: MediaPurpose },
): Promise<MediaAccess> {
  const forbidden = { ok: false, status: 403 } as const;
  const videoId = input.videoId ?? '';
  if (!isStorageKey(videoId) || !input.token) return forbidden;
  const session = await getCurrentSession(request);
  if (!session) return forbidden;
  if (
    !verifyMediaToken(input.token, {
      videoId,
      sessionId: session.sessionId,
      purpose: input.purpose,
    })
  ) {
    return forbidden;
  }
  const [video] = await db
    .select({
      id: videos.id,
      storageKey: videos.storageKey,
      posterKey: videos.posterKey,
      contentType: videos.contentType,
      sizeBytes: videos.sizeBytes,
      unpublishedAt: videos.unpublishedAt,
      eventSlug: events.slug,
    })
    .from(videos)
    .innerJoin(events, eq(events.id, videos.eventId))
    .where(eq(videos.id, videoId));
  if (!video) return forbidden;
  const member = await findActiveMembership(session.user.id, video.eventSlug);
  // Staff are asked about only when membership does not settle it (the usual case is a member
  // watching a published video: one query fewer on every Range request).
  if (!member || video.unpublishedAt) {
    const isStaff = await requireStaff(request, video.eventSlug, 'viewer').then(
      () => true,
      () => false,
    );
    if (!isStaff) return member ? { ok: false, status: 404 } : forbidden;
  }
  const { eventSlug: _slug, unpublishedAt: _unpublished, ...streamable } = video;
  return { ok: true, video: streamable };
}

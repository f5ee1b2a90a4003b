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
): Promise<VideoViewer> {
  const session = await getCurrentSession(request);
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
  const staff = await requireStaff(request, eventSlug, 'viewer').catch((thrown: unknown) => {
    if (thrown instanceof Response) throw new Response(null, { status: 404 });
    throw thrown;
  });
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

/**
 * The media route's check, on every Range request: a valid, unexpired token for this video,
 * made for the very session the request's cookie carries, held by someone who is still an
 * active member (or staff) of the video's event. Any failure is `null`, answered with a bare
 * 403 that says nothing about which check failed.
 */
export async function authorizeMediaRequest(
  request: Request,
  input: { videoId: string | undefined; token: string | null; purpose: MediaPurpose },
): Promise<StreamableVideo | null> {
  const videoId = input.videoId ?? '';
  if (!isStorageKey(videoId) || !input.token) return null;
  const session = await getCurrentSession(request);
  if (!session) return null;
  if (
    !verifyMediaToken(input.token, {
      videoId,
      sessionId: session.sessionId,
      purpose: input.purpose,
    })
  ) {
    return null;
  }
  const [video] = await db
    .select({
      id: videos.id,
      storageKey: videos.storageKey,
      posterKey: videos.posterKey,
      contentType: videos.contentType,
      sizeBytes: videos.sizeBytes,
      eventSlug: events.slug,
    })
    .from(videos)
    .innerJoin(events, eq(events.id, videos.eventId))
    .where(eq(videos.id, videoId));
  if (!video) return null;
  const member = await findActiveMembership(session.user.id, video.eventSlug);
  if (!member) {
    const isStaff = await requireStaff(request, video.eventSlug, 'viewer').then(
      () => true,
      () => false,
    );
    if (!isStaff) return null;
  }
  const { eventSlug: _slug, ...streamable } = video;
  return streamable;
}

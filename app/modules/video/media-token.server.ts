import { hmac, safeEqual } from '~/modules/security/tokens.server';

/**
 * Short-lived media URLs (SPEC P7). The marathon office's fallback, an unlisted public link,
 * could be passed on forever; a Startline media URL works for ten minutes at most, for one
 * video, and only together with the session cookie of the person it was made for.
 *
 * Token: `v1.<expiry in unix seconds>.<HMAC>`; the HMAC covers the purpose (video or poster),
 * the video id, the session id and the expiry. The session id itself never appears in a URL.
 */
export const MEDIA_TOKEN_MAX_TTL_SECONDS = 10 * 60;

export type MediaPurpose = 'video' | 'poster';

const TOKEN_PATTERN = /^v1\.(\d{1,12})\.([0-9a-f]{64})$/;

function signature(purpose: MediaPurpose, videoId: string, sessionId: string, expiresAt: number) {
  return hmac('media-token', `v1\0${purpose}\0${videoId}\0${sessionId}\0${expiresAt}`);
}

export function createMediaToken(input: {
  videoId: string;
  sessionId: string;
  purpose?: MediaPurpose;
  ttlSeconds?: number;
  now?: number;
}): { token: string; expiresAt: Date } {
  const now = Math.floor((input.now ?? Date.now()) / 1000);
  const ttl = Math.min(
    input.ttlSeconds ?? MEDIA_TOKEN_MAX_TTL_SECONDS,
    MEDIA_TOKEN_MAX_TTL_SECONDS,
  );
  const expiresAt = now + Math.max(1, ttl);
  const sig = signature(input.purpose ?? 'video', input.videoId, input.sessionId, expiresAt);
  return { token: `v1.${expiresAt}.${sig}`, expiresAt: new Date(expiresAt * 1000) };
}

/** Constant-time check of signature, binding and expiry; any doubt is a refusal. */
export function verifyMediaToken(
  token: string | null | undefined,
  expected: { videoId: string; sessionId: string; purpose?: MediaPurpose; now?: number },
): boolean {
  if (!token) return false;
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return false;
  const expiresAt = Number(match[1]);
  const now = Math.floor((expected.now ?? Date.now()) / 1000);
  // Expired, or claiming a life longer than any token we issue: refused either way.
  if (expiresAt <= now || expiresAt > now + MEDIA_TOKEN_MAX_TTL_SECONDS) return false;
  const wanted = signature(
    expected.purpose ?? 'video',
    expected.videoId,
    expected.sessionId,
    expiresAt,
  );
  return safeEqual(match[2], wanted);
}

export function mediaUrl(videoId: string, token: string) {
  return `/media/${encodeURIComponent(videoId)}?token=${encodeURIComponent(token)}`;
}

export function posterUrl(videoId: string, token: string) {
  return `/media/${encodeURIComponent(videoId)}/poster?token=${encodeURIComponent(token)}`;
}

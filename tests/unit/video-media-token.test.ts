import { describe, expect, it } from 'vitest';
import {
  createMediaToken,
  MEDIA_TOKEN_MAX_TTL_SECONDS,
  verifyMediaToken,
} from '~/modules/video/media-token.server';

const binding = { videoId: 'video-aaaaaaaaaaaaaaaa', sessionId: 'session-hash-1' };

describe('media tokens', () => {
  it('verify for the same video, session and purpose before they expire', () => {
    const { token, expiresAt } = createMediaToken(binding);
    expect(verifyMediaToken(token, binding)).toBe(true);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(
      MEDIA_TOKEN_MAX_TTL_SECONDS * 1000,
    );
    expect(token).not.toContain(binding.sessionId);
  });

  it('never live longer than ten minutes, whatever is asked', () => {
    const now = Date.now();
    const { expiresAt } = createMediaToken({ ...binding, ttlSeconds: 24 * 3600, now });
    expect(expiresAt.getTime()).toBeLessThanOrEqual(now + MEDIA_TOKEN_MAX_TTL_SECONDS * 1000);
  });

  it('fail for another session, another video or the poster purpose', () => {
    const { token } = createMediaToken(binding);
    expect(verifyMediaToken(token, { ...binding, sessionId: 'session-hash-2' })).toBe(false);
    expect(verifyMediaToken(token, { ...binding, videoId: 'video-bbbbbbbbbbbbbbbb' })).toBe(false);
    expect(verifyMediaToken(token, { ...binding, purpose: 'poster' })).toBe(false);
  });

  it('fail once expired', () => {
    const now = Date.now();
    const { token } = createMediaToken({ ...binding, now, ttlSeconds: 60 });
    expect(verifyMediaToken(token, { ...binding, now: now + 59_000 })).toBe(true);
    expect(verifyMediaToken(token, { ...binding, now: now + 61_000 })).toBe(false);
  });

  it('fail when any part is altered or malformed', () => {
    const { token } = createMediaToken(binding);
    const [version, expiry, signature] = token.split('.');
    const altered = [
      `${version}.${Number(expiry) + 1}.${signature}`,
      `${version}.${Number(expiry) - 1}.${signature}`,
      `v2.${expiry}.${signature}`,
      `${version}.${expiry}.${signature.toUpperCase()}`,
      `${version}.${expiry}.${signature.slice(1)}`,
      `${version}.${expiry}.${signature}0`,
      `${version}.${expiry}`,
      '',
    ];
    for (const bad of altered) expect(verifyMediaToken(bad, binding)).toBe(false);
    expect(verifyMediaToken(null, binding)).toBe(false);
  });

  it('refuse a validly signed expiry further ahead than any token is issued', () => {
    const now = Date.now();
    const { token } = createMediaToken({ ...binding, now: now + 20 * 60_000 });
    expect(verifyMediaToken(token, { ...binding, now })).toBe(false);
  });
});

import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { memberships } from '~db/schema';
import * as mediaRoute from '~/routes/media.$videoId';
import * as posterRoute from '~/routes/media.$videoId.poster';
import * as videoPage from '~/routes/e.$slug.videos.$videoId';
import { db } from '~/modules/database/database.server';
import { createMediaToken, mediaUrl } from '~/modules/video/media-token.server';
import { sessionCookieFor, signedInUser } from '../support/auth';
import { addMember, addStaff, createTestEvent } from '../support/events';
import { createTestSponsor } from '../support/sponsors';
import { callRoute, getRequest, jsonOf } from '../support/requests';
import { mediaPath, pngBytes, storeTestVideo, webmBytes } from '../support/video';

const SIZE = 300_007;

let event: Awaited<ReturnType<typeof createTestEvent>>;
let member: Awaited<ReturnType<typeof addMember>>;
let video: Awaited<ReturnType<typeof storeTestVideo>>;

beforeAll(async () => {
  event = await createTestEvent('media-race');
  member = await addMember(event.eventId, 'viewer-one@example.com');
  video = await storeTestVideo(event.eventId, { bytes: webmBytes(SIZE), poster: true });
});

/** The media URL exactly as the member's video page hands it to the player. */
async function srcFromPage(cookie: string, videoId = video.videoId, slug = event.slug) {
  const response = await callRoute(
    videoPage.loader,
    getRequest(`/e/${slug}/videos/${videoId}`, { cookie }),
    {
      slug,
      videoId,
    },
  );
  expect(response.status).toBe(200);
  const data = await jsonOf<{ video: { src: string; posterSrc: string | null } }>(response);
  return {
    src: mediaPath(data.video.src),
    posterSrc: data.video.posterSrc ? mediaPath(data.video.posterSrc) : null,
  };
}

async function fetchMedia(
  path: string,
  options: { cookie?: string | null; range?: string; method?: 'GET' | 'HEAD' } = {},
) {
  const videoId = new URL(path, 'http://x').pathname.split('/')[2];
  return callRoute(
    mediaRoute.loader,
    getRequest(path, {
      cookie: options.cookie,
      method: options.method,
      headers: options.range ? { Range: options.range } : {},
    }),
    { videoId },
  );
}

async function bodyOf(response: Response) {
  return new Uint8Array(await response.arrayBuffer());
}

function expectMediaHeaders(response: Response) {
  expect(response.headers.get('Accept-Ranges')).toBe('bytes');
  expect(response.headers.get('Cache-Control')).toBe('private, no-store');
  expect(response.headers.get('Content-Disposition')).toBe('inline');
  expect(response.headers.get('Content-Type')).toBe('video/webm');
  expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
}

describe('media Range requests return exactly the requested bytes of the file', () => {
  const cases: [string, string, number, number][] = [
    ['the first byte', 'bytes=0-0', 0, 0],
    ['a range in the middle', 'bytes=100000-165535', 100_000, 165_535],
    ['the last byte', `bytes=${SIZE - 1}-${SIZE - 1}`, SIZE - 1, SIZE - 1],
    ['an open-ended range', 'bytes=250000-', 250_000, SIZE - 1],
    ['a suffix range (the last 500 bytes)', 'bytes=-500', SIZE - 500, SIZE - 1],
    [
      'a range running past the end (clamped)',
      `bytes=${SIZE - 10}-${SIZE + 5000}`,
      SIZE - 10,
      SIZE - 1,
    ],
    ['a suffix longer than the file (the whole file)', `bytes=-${SIZE * 2}`, 0, SIZE - 1],
  ];

  it.each(cases)('%s → 206 with the matching Content-Range', async (_name, range, start, end) => {
    const { src } = await srcFromPage(member.cookie);
    const response = await fetchMedia(src, { cookie: member.cookie, range });
    expect(response.status).toBe(206);
    expect(response.headers.get('Content-Range')).toBe(`bytes ${start}-${end}/${SIZE}`);
    expect(response.headers.get('Content-Length')).toBe(String(end - start + 1));
    expectMediaHeaders(response);
    const body = await bodyOf(response);
    expect(body.byteLength).toBe(end - start + 1);
    expect(Buffer.from(body).equals(Buffer.from(video.bytes.subarray(start, end + 1)))).toBe(true);
  });

  it('answers a request without Range with 200 and the whole file', async () => {
    const { src } = await srcFromPage(member.cookie);
    const response = await fetchMedia(src, { cookie: member.cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Length')).toBe(String(SIZE));
    expect(response.headers.get('Content-Range')).toBeNull();
    expectMediaHeaders(response);
    expect(Buffer.from(await bodyOf(response)).equals(Buffer.from(video.bytes))).toBe(true);
  });

  it('answers HEAD with the headers and no body', async () => {
    const { src } = await srcFromPage(member.cookie);
    const response = await fetchMedia(src, {
      cookie: member.cookie,
      range: 'bytes=0-99',
      method: 'HEAD',
    });
    expect(response.status).toBe(206);
    expect(response.headers.get('Content-Range')).toBe(`bytes 0-99/${SIZE}`);
    expect(response.body).toBeNull();
  });

  it.each([
    ['starts past the end', `bytes=${SIZE}-`],
    ['ends before it starts', 'bytes=500-100'],
    ['is not a number', 'bytes=abc-def'],
    ['asks for a zero-length suffix', 'bytes=-0'],
    ['uses a unit other than bytes', 'items=0-10'],
    ['is empty', 'bytes='],
  ])('answers a range that %s with 416 and Content-Range bytes */size', async (_name, range) => {
    const { src } = await srcFromPage(member.cookie);
    const response = await fetchMedia(src, { cookie: member.cookie, range });
    expect(response.status).toBe(416);
    expect(response.headers.get('Content-Range')).toBe(`bytes */${SIZE}`);
    expect(response.headers.get('Cache-Control')).toBe('private, no-store');
    expect((await bodyOf(response)).byteLength).toBe(0);
  });
});

describe('media URLs are bound to the viewer and expire (403 with no body otherwise)', () => {
  async function expectRefused(response: Response) {
    expect(response.status).toBe(403);
    expect((await bodyOf(response)).byteLength).toBe(0);
    expect(response.headers.get('Cache-Control')).toBe('private, no-store');
    expect(response.headers.get('Content-Range')).toBeNull();
  }

  it('works for the member it was made for (the control case for every refusal below)', async () => {
    const { src } = await srcFromPage(member.cookie);
    expect((await fetchMedia(src, { cookie: member.cookie, range: 'bytes=0-9' })).status).toBe(206);
  });

  it('refuses a signed-out request', async () => {
    const { src } = await srcFromPage(member.cookie);
    await expectRefused(await fetchMedia(src, { cookie: null, range: 'bytes=0-9' }));
  });

  it('refuses a URL copied to another member’s session', async () => {
    const other = await addMember(event.eventId, 'viewer-two@example.com');
    const { src } = await srcFromPage(member.cookie);
    await expectRefused(await fetchMedia(src, { cookie: other.cookie, range: 'bytes=0-9' }));
  });

  it('refuses a URL copied to another session of the same person (another device)', async () => {
    const { src } = await srcFromPage(member.cookie);
    const secondDevice = await sessionCookieFor(member.userId);
    await expectRefused(await fetchMedia(src, { cookie: secondDevice, range: 'bytes=0-9' }));
    // …while that second session gets a URL of its own that works.
    const own = await srcFromPage(secondDevice);
    expect((await fetchMedia(own.src, { cookie: secondDevice, range: 'bytes=0-9' })).status).toBe(
      206,
    );
  });

  it('refuses an expired token, even with the right session', async () => {
    const session = await sessionIdOf(member.cookie);
    const { token } = createMediaToken({
      videoId: video.videoId,
      sessionId: session,
      now: Date.now() - 11 * 60_000,
    });
    await expectRefused(
      await fetchMedia(mediaUrl(video.videoId, token), { cookie: member.cookie }),
    );
  });

  it('refuses a tampered token: a changed expiry, a changed signature, another video', async () => {
    const { src } = await srcFromPage(member.cookie);
    const token = new URL(src, 'http://x').searchParams.get('token')!;
    const [version, expiry, signature] = token.split('.');
    const later = `${version}.${Number(expiry) + 60}.${signature}`;
    const flipped = `${version}.${expiry}.${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`;
    for (const bad of [later, flipped, '', 'v1..', `${token}x`]) {
      await expectRefused(
        await fetchMedia(mediaUrl(video.videoId, bad), { cookie: member.cookie }),
      );
    }
    const second = await storeTestVideo(event.eventId);
    await expectRefused(
      await fetchMedia(mediaUrl(second.videoId, token), { cookie: member.cookie }),
    );
  });

  it('refuses a member who has left, with the token and session they had', async () => {
    const leaver = await addMember(event.eventId, 'leaver@example.com');
    const { src } = await srcFromPage(leaver.cookie);
    expect((await fetchMedia(src, { cookie: leaver.cookie, range: 'bytes=0-9' })).status).toBe(206);
    await db
      .update(memberships)
      .set({ status: 'left', leftAt: new Date() })
      .where(eq(memberships.id, leaver.membershipId));
    await expectRefused(await fetchMedia(src, { cookie: leaver.cookie, range: 'bytes=0-9' }));
  });

  it('refuses the event’s sponsor, even with a valid token for their own session', async () => {
    const sponsor = await createTestSponsor(event.eventId, 'till@shoes.example');
    const { token } = createMediaToken({
      videoId: video.videoId,
      sessionId: await sessionIdOf(sponsor.cookie),
    });
    await expectRefused(
      await fetchMedia(mediaUrl(video.videoId, token), { cookie: sponsor.cookie }),
    );
  });

  it('refuses a signed-in person who is neither member nor staff', async () => {
    const stranger = await signedInUser('stranger@example.com');
    const { token } = createMediaToken({
      videoId: video.videoId,
      sessionId: await sessionIdOf(stranger.cookie),
    });
    await expectRefused(
      await fetchMedia(mediaUrl(video.videoId, token), { cookie: stranger.cookie }),
    );
  });

  it('refuses a member of another event', async () => {
    const other = await createTestEvent('other-race');
    const outsider = await addMember(other.eventId, 'outsider@example.com');
    const { token } = createMediaToken({
      videoId: video.videoId,
      sessionId: await sessionIdOf(outsider.cookie),
    });
    await expectRefused(
      await fetchMedia(mediaUrl(video.videoId, token), { cookie: outsider.cookie }),
    );
  });

  it('lets the event’s staff preview (their own session’s URL only)', async () => {
    const staff = await addStaff(event.eventId, 'staff-viewer@media-race.example', 'viewer');
    const { src } = await srcFromPage(staff.cookie);
    expect((await fetchMedia(src, { cookie: staff.cookie, range: 'bytes=0-9' })).status).toBe(206);
    const memberSrc = (await srcFromPage(member.cookie)).src;
    await expectRefused(await fetchMedia(memberSrc, { cookie: staff.cookie, range: 'bytes=0-9' }));
  });

  it('serves the poster under the same rules, and a video token does not open the poster', async () => {
    const { src, posterSrc } = await srcFromPage(member.cookie);
    const call = (path: string, cookie: string | null) =>
      callRoute(posterRoute.loader, getRequest(path, { cookie }), { videoId: video.videoId });
    const ok = await call(posterSrc!, member.cookie);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Content-Type')).toBe('image/png');
    expect(ok.headers.get('Cache-Control')).toBe('private, no-store');
    expect(Buffer.from(await bodyOf(ok)).equals(Buffer.from(pngBytes()))).toBe(true);
    await expectRefused(await call(posterSrc!, null));
    const videoToken = new URL(src, 'http://x').searchParams.get('token')!;
    await expectRefused(
      await call(`/media/${video.videoId}/poster?token=${videoToken}`, member.cookie),
    );
  });
});

async function sessionIdOf(cookie: string) {
  const { getCurrentSession } = await import('~/modules/auth/session.server');
  const session = await getCurrentSession(
    new Request('http://localhost:3000/', { headers: { Cookie: cookie } }),
  );
  if (!session) throw new Error('no session');
  return session.sessionId;
}

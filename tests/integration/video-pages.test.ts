import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { memberships, videoViews } from '~db/schema';
import * as listPage from '~/routes/e.$slug.videos._index';
import * as videoPage from '~/routes/e.$slug.videos.$videoId';
import * as playback from '~/routes/e.$slug.videos.$videoId.playback';
import * as staffVideos from '~/routes/staff.$slug.videos._index';
import * as staffUpload from '~/routes/staff.$slug.videos.new';
import { db } from '~/modules/database/database.server';
import { MEDIA_TOKEN_MAX_TTL_SECONDS } from '~/modules/video/media-token.server';
import { signedInUser } from '../support/auth';
import { addMember, addStaff, createTestEvent } from '../support/events';
import { createTestSponsor } from '../support/sponsors';
import { callRoute, formRequest, getRequest, jsonOf } from '../support/requests';
import { storeTestVideo } from '../support/video';

let event: Awaited<ReturnType<typeof createTestEvent>>;
let video: Awaited<ReturnType<typeof storeTestVideo>>;

beforeAll(async () => {
  event = await createTestEvent('pages-race');
  video = await storeTestVideo(event.eventId, { poster: true });
});

const listOf = (cookie: string | null, slug = event.slug) =>
  callRoute(listPage.loader, getRequest(`/e/${slug}/videos`, { cookie }), { slug });
const pageOf = (cookie: string | null, videoId = video.videoId, slug = event.slug) =>
  callRoute(videoPage.loader, getRequest(`/e/${slug}/videos/${videoId}`, { cookie }), {
    slug,
    videoId,
  });

type PageData = {
  preview: boolean;
  watermark: string;
  video: { id: string; title: string; src: string; ttlSeconds: number; posterSrc: string | null };
};

describe('the video pages are for active members (and staff, as a preview)', () => {
  it('shows a member the list and the player page, watermarked with their alias', async () => {
    const member = await addMember(event.eventId, 'watcher@example.com', { aliasNumber: 4821 });
    const list = await listOf(member.cookie);
    expect(list.status).toBe(200);
    expect(list.headers.get('Cache-Control')).toBe('private, no-store');
    const listData = await jsonOf<{ videos: { id: string; title: string }[] }>(list);
    expect(listData.videos.map((v) => v.id)).toEqual([video.videoId]);
    expect(listData.videos[0].title).toBe('テスト動画');

    const page = await pageOf(member.cookie);
    expect(page.status).toBe(200);
    const data = await jsonOf<PageData>(page);
    expect(data.watermark).toBe('ランナー #4821');
    expect(data.preview).toBe(false);
    expect(data.video.src).toMatch(
      new RegExp(`^/media/${video.videoId}\\?token=v1\\.\\d+\\.[0-9a-f]{64}$`),
    );
    expect(data.video.ttlSeconds).toBeGreaterThan(0);
    expect(data.video.ttlSeconds).toBeLessThanOrEqual(MEDIA_TOKEN_MAX_TTL_SECONDS);
    const expiry = Number(/token=v1\.(\d+)\./.exec(data.video.src)![1]) * 1000;
    expect(expiry - Date.now()).toBeGreaterThan(0);
    expect(expiry - Date.now()).toBeLessThanOrEqual(MEDIA_TOKEN_MAX_TTL_SECONDS * 1000);
  });

  it('shows the watermark in English for an English page', async () => {
    const member = await addMember(event.eventId, 'english@example.com', {
      aliasNumber: 7001,
      locale: 'en',
    });
    const page = await callRoute(
      videoPage.loader,
      getRequest(`/e/${event.slug}/videos/${video.videoId}`, {
        cookie: member.cookie,
        headers: { 'Accept-Language': 'en' },
      }),
      { slug: event.slug, videoId: video.videoId },
    );
    const data = await jsonOf<PageData>(page);
    expect(data.watermark).toBe('Runner #7001');
    expect(data.video.title).toBe('Test video');
  });

  it('never puts an email address, storage key or uploader on the member pages', async () => {
    const member = await addMember(event.eventId, 'private-person@example.com');
    for (const response of [await listOf(member.cookie), await pageOf(member.cookie)]) {
      const text = await response.clone().text();
      expect(text).not.toMatch(/@/);
      expect(text).not.toContain(video.storageKey);
      expect(text).not.toContain(video.posterKey!);
      expect(text).not.toContain(event.owner.userId);
    }
  });

  it('sends a signed-out visitor to sign in', async () => {
    for (const response of [await listOf(null), await pageOf(null)]) {
      expect(response.status).toBe(302);
      expect(response.headers.get('Location')).toMatch(/^\/sign-in\?next=/);
    }
  });

  it('answers 404 to the event’s sponsor, a signed-in non-member, a member who left, and another event’s member', async () => {
    const sponsor = await createTestSponsor(event.eventId, 'sponsor@drinks.example');
    const outsider = await signedInUser('not-a-member@example.com');
    const leaver = await addMember(event.eventId, 'gone@example.com');
    await db
      .update(memberships)
      .set({ status: 'left', leftAt: new Date() })
      .where(eq(memberships.id, leaver.membershipId));
    const other = await createTestEvent('pages-other');
    const elsewhere = await addMember(other.eventId, 'elsewhere@example.com');
    for (const cookie of [sponsor.cookie, outsider.cookie, leaver.cookie, elsewhere.cookie]) {
      expect((await listOf(cookie)).status).toBe(404);
      expect((await pageOf(cookie)).status).toBe(404);
    }
  });

  it('answers 404 for another event’s video id, even to a member of both', async () => {
    const other = await createTestEvent('pages-third');
    const foreign = await storeTestVideo(other.eventId);
    const member = await addMember(event.eventId, 'both@example.com');
    expect((await pageOf(member.cookie, foreign.videoId)).status).toBe(404);
    expect((await pageOf(member.cookie, 'no-such-video')).status).toBe(404);
  });

  it('lets staff preview the pages, watermarked as a staff preview', async () => {
    const staff = await addStaff(event.eventId, 'editor@pages-race.example', 'editor');
    expect((await listOf(staff.cookie)).status).toBe(200);
    const data = await jsonOf<PageData>(await pageOf(staff.cookie));
    expect(data.preview).toBe(true);
    expect(data.watermark).toBe(translate('ja', 'video.watermark.staff'));
  });
});

describe('the player’s refresh and reports', () => {
  const playbackPath = () => `/e/${event.slug}/videos/${video.videoId}/playback`;
  const params = () => ({ slug: event.slug, videoId: video.videoId });

  it('hands the player a fresh, session-bound URL before the old one expires', async () => {
    const member = await addMember(event.eventId, 'refresher@example.com');
    const response = await callRoute(
      playback.loader,
      getRequest(playbackPath(), { cookie: member.cookie }),
      params(),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('private, no-store');
    const data = await jsonOf<{ src: string; expiresAt: string; ttlSeconds: number }>(response);
    expect(data.ttlSeconds).toBeLessThanOrEqual(MEDIA_TOKEN_MAX_TTL_SECONDS);
    expect(data.src).toMatch(new RegExp(`^/media/${video.videoId}\\?token=v1\\.`));
    expect(Date.parse(data.expiresAt) - Date.now()).toBeLessThanOrEqual(
      MEDIA_TOKEN_MAX_TTL_SECONDS * 1000,
    );
  });

  it('refuses the refresh to non-members (404) and signed-out visitors (sign in)', async () => {
    const outsider = await signedInUser('refresh-outsider@example.com');
    expect(
      (
        await callRoute(
          playback.loader,
          getRequest(playbackPath(), { cookie: outsider.cookie }),
          params(),
        )
      ).status,
    ).toBe(404);
    expect((await callRoute(playback.loader, getRequest(playbackPath()), params())).status).toBe(
      302,
    );
  });

  it('counts a member’s plays and furthest point, and never a staff preview', async () => {
    const member = await addMember(event.eventId, 'counted@example.com');
    const staff = await addStaff(event.eventId, 'owner2@pages-race.example', 'owner');
    const post = (cookie: string, fields: Record<string, string>) =>
      callRoute(playback.action, formRequest(playbackPath(), fields, { cookie }), params());
    expect((await post(member.cookie, { event: 'play' })).status).toBe(200);
    expect((await post(member.cookie, { event: 'progress', percent: '50' })).status).toBe(200);
    expect((await post(member.cookie, { event: 'progress', percent: '25' })).status).toBe(200);
    expect((await post(member.cookie, { event: 'play' })).status).toBe(200);
    expect((await post(staff.cookie, { event: 'play' })).status).toBe(200);
    expect((await post(member.cookie, { event: 'progress', percent: '250' })).status).toBe(400);

    const rows = await db
      .select({
        membershipId: videoViews.membershipId,
        plays: videoViews.plays,
        max: videoViews.maxPercentWatched,
      })
      .from(videoViews)
      .where(eq(videoViews.videoId, video.videoId));
    expect(rows).toEqual([{ membershipId: member.membershipId, plays: 2, max: 50 }]);
  });
});

describe('staff see viewing as aggregates only', () => {
  it('shows counts under 5 as "<5", larger ones as numbers, with no per-member data', async () => {
    const race = await createTestEvent('stats-race');
    const clip = await storeTestVideo(race.eventId);
    const viewer = await addStaff(race.eventId, 'viewer@stats-race.example', 'viewer');
    const watchers = [];
    for (let i = 0; i < 6; i += 1)
      watchers.push(await addMember(race.eventId, `stats-${i}@example.com`));
    const staffData = async () => {
      const response = await callRoute(
        staffVideos.loader,
        getRequest(`/staff/${race.slug}/videos`, { cookie: viewer.cookie }),
        { slug: race.slug },
      );
      expect(response.status).toBe(200);
      return {
        text: await response.clone().text(),
        data: await jsonOf<{ videos: { stats: unknown }[] }>(response),
      };
    };
    const report = (cookie: string, fields: Record<string, string>) =>
      callRoute(
        playback.action,
        formRequest(`/e/${race.slug}/videos/${clip.videoId}/playback`, fields, { cookie }),
        {
          slug: race.slug,
          videoId: clip.videoId,
        },
      );

    // Nobody yet, then three viewers: every number is "<5".
    expect((await staffData()).data.videos[0].stats).toEqual({
      views: '<5',
      uniqueViewers: '<5',
      completion: { under25: '<5', from25: '<5', from50: '<5', from75: '<5', finished: '<5' },
    });
    for (const w of watchers.slice(0, 3)) await report(w.cookie, { event: 'play' });
    expect((await staffData()).data.videos[0].stats).toMatchObject({
      views: '<5',
      uniqueViewers: '<5',
    });

    // Six viewers, seven plays, five of them finished.
    for (const w of watchers.slice(3)) await report(w.cookie, { event: 'play' });
    await report(watchers[0].cookie, { event: 'play' });
    for (const w of watchers.slice(0, 5))
      await report(w.cookie, { event: 'progress', percent: '100' });
    const { data, text } = await staffData();
    expect(data.videos[0].stats).toEqual({
      views: '7',
      uniqueViewers: '6',
      completion: { under25: '<5', from25: '<5', from50: '<5', from75: '<5', finished: '5' },
    });
    for (const w of watchers) {
      expect(text).not.toContain(w.membershipId);
      expect(text).not.toContain(String(w.aliasNumber));
      expect(text).not.toContain(w.email);
    }
  });

  it('keeps the stats page from non-staff (404) and the upload page from viewers (403)', async () => {
    const race = await createTestEvent('stats-gate');
    const member = await addMember(race.eventId, 'stats-member@example.com');
    const viewer = await addStaff(race.eventId, 'viewer@stats-gate.example', 'viewer');
    const editor = await addStaff(race.eventId, 'editor@stats-gate.example', 'editor');
    const stats = (cookie: string) =>
      callRoute(staffVideos.loader, getRequest(`/staff/${race.slug}/videos`, { cookie }), {
        slug: race.slug,
      });
    const upload = (cookie: string) =>
      callRoute(staffUpload.loader, getRequest(`/staff/${race.slug}/videos/new`, { cookie }), {
        slug: race.slug,
      });
    expect((await stats(member.cookie)).status).toBe(404);
    expect((await upload(member.cookie)).status).toBe(404);
    expect((await upload(viewer.cookie)).status).toBe(403);
    expect((await upload(editor.cookie)).status).toBe(200);
    expect((await upload(race.owner.cookie)).status).toBe(200);
  });
});

import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { auditLog, videos, videoViews } from '~db/schema';
import * as mediaRoute from '~/routes/media.$videoId';
import * as posterRoute from '~/routes/media.$videoId.poster';
import * as memberList from '~/routes/e.$slug.videos._index';
import * as memberPage from '~/routes/e.$slug.videos.$videoId';
import * as playback from '~/routes/e.$slug.videos.$videoId.playback';
import * as staffList from '~/routes/staff.$slug.videos._index';
import * as managePage from '~/routes/staff.$slug.videos.$videoId._index';
import * as replacePage from '~/routes/staff.$slug.videos.$videoId.replace';
import * as deletePage from '~/routes/staff.$slug.videos.$videoId.delete';
import * as uploadPage from '~/routes/staff.$slug.videos.new';
import { describeAuditEntry, loadAuditLookups } from '~/modules/audit/audit-sentences.server';
import { db } from '~/modules/database/database.server';
import { mediaStorage } from '~/modules/video/media-storage.server';
import { addMember, addStaff, createTestEvent } from '../support/events';
import { callRoute, formRequest, getRequest, jsonOf } from '../support/requests';
import { submissionErrors, submittedValues } from '../support/submission';
import {
  mediaPath,
  mp4Bytes,
  multipartBody,
  pdfBytes,
  pngBytes,
  storedMedia,
  storeTestVideo,
  uploadRequest,
  webmBytes,
} from '../support/video';

let event: Awaited<ReturnType<typeof createTestEvent>>;
let editor: Awaited<ReturnType<typeof addStaff>>;
let viewer: Awaited<ReturnType<typeof addStaff>>;
let member: Awaited<ReturnType<typeof addMember>>;
let englishMember: Awaited<ReturnType<typeof addMember>>;

beforeAll(async () => {
  event = await createTestEvent('manage-race');
  editor = await addStaff(event.eventId, 'editor@manage-race.example', 'editor');
  viewer = await addStaff(event.eventId, 'viewer@manage-race.example', 'viewer');
  member = await addMember(event.eventId, 'runner@example.com');
  englishMember = await addMember(event.eventId, 'english@example.com', { locale: 'en' });
});

const en = { 'Accept-Language': 'en' };

function post(
  route: { action?: unknown },
  path: string,
  fields: Record<string, string>,
  cookie: string,
  params: Record<string, string>,
) {
  return callRoute(
    route.action as Parameters<typeof callRoute>[0],
    formRequest(path, fields, { cookie, headers: { 'Accept-Language': 'ja' } }),
    { slug: event.slug, ...params },
  );
}

const manage = (videoId: string, fields: Record<string, string>, cookie = editor.cookie) =>
  post(managePage, `/staff/${event.slug}/videos/${videoId}`, fields, cookie, { videoId });

const remove = (videoId: string, fields: Record<string, string>, cookie = editor.cookie) =>
  post(deletePage, `/staff/${event.slug}/videos/${videoId}/delete`, fields, cookie, { videoId });

function replace(videoId: string, parts: Parameters<typeof multipartBody>[0], cookie: string) {
  const { body, contentType } = multipartBody(parts);
  return callRoute(
    replacePage.action,
    uploadRequest(`/staff/${event.slug}/videos/${videoId}/replace`, body, contentType, {
      cookie,
      headers: { 'Accept-Language': 'ja' },
    }),
    { slug: event.slug, videoId },
  );
}

const rowOf = async (videoId: string) =>
  (await db.select().from(videos).where(eq(videos.id, videoId)))[0];

const auditsFor = (videoId: string) =>
  db
    .select({ action: auditLog.action, actor: auditLog.actorUserId, detail: auditLog.detail })
    .from(auditLog)
    .where(and(eq(auditLog.eventId, event.eventId), eq(auditLog.target, `video:${videoId}`)))
    .orderBy(auditLog.id);

async function memberListIds(cookie: string) {
  const response = await callRoute(
    memberList.loader,
    getRequest(`/e/${event.slug}/videos`, { cookie }),
    { slug: event.slug },
  );
  expect(response.status).toBe(200);
  return (await jsonOf<{ videos: { id: string }[] }>(response)).videos.map((v) => v.id);
}

const memberPageOf = (videoId: string, cookie: string, headers: Record<string, string> = {}) =>
  callRoute(
    memberPage.loader,
    getRequest(`/e/${event.slug}/videos/${videoId}`, { cookie, headers }),
    { slug: event.slug, videoId },
  );

type MemberPage = {
  video: {
    title: string;
    titleLang: string;
    description: string;
    descriptionLang: string;
    src: string;
    posterSrc: string | null;
    unpublished: boolean;
  };
};

function fetchMedia(path: string, cookie: string, route: typeof mediaRoute = mediaRoute) {
  const videoId = new URL(path, 'http://x').pathname.split('/')[2];
  return callRoute(route.loader, getRequest(path, { cookie, headers: { Range: 'bytes=0-99' } }), {
    videoId,
  });
}

describe('editing a video’s titles and descriptions', () => {
  it('saves an editor’s changes, marks the video as changed and audits which fields changed', async () => {
    const video = await storeTestVideo(event.eventId);
    const response = await manage(video.videoId, {
      intent: 'edit',
      titleJa: '  コース紹介（改訂版）  ',
      titleEn: 'Course preview (revised)',
      descriptionJa: '給水所の位置を追加しました。',
      descriptionEn: '',
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(
      `/staff/${event.slug}/videos/${video.videoId}?done=saved`,
    );
    const row = await rowOf(video.videoId);
    expect(row).toMatchObject({
      titleJa: 'コース紹介（改訂版）',
      titleEn: 'Course preview (revised)',
      descriptionJa: '給水所の位置を追加しました。',
      descriptionEn: '',
    });
    expect(row.updatedAt).toBeInstanceOf(Date);
    const audits = await auditsFor(video.videoId);
    expect(audits).toEqual([
      {
        action: 'video.edit',
        actor: editor.userId,
        detail: { fields: ['titleJa', 'titleEn', 'descriptionJa'] },
      },
    ]);

    // Saving the same again changes nothing and logs nothing.
    await manage(video.videoId, {
      intent: 'edit',
      titleJa: 'コース紹介（改訂版）',
      titleEn: 'Course preview (revised)',
      descriptionJa: '給水所の位置を追加しました。',
      descriptionEn: '',
    });
    expect(await auditsFor(video.videoId)).toHaveLength(1);
  });

  it('lets English stay empty: English readers get the Japanese title and description, marked as Japanese', async () => {
    const video = await storeTestVideo(event.eventId);
    const saved = await manage(video.videoId, {
      intent: 'edit',
      titleJa: '完走メダルのご紹介',
      titleEn: '',
      descriptionJa: '今年のメダルです。',
      descriptionEn: '',
    });
    expect(saved.status).toBe(302);

    const page = await jsonOf<MemberPage>(
      await memberPageOf(video.videoId, englishMember.cookie, en),
    );
    expect(page.video).toMatchObject({
      title: '完走メダルのご紹介',
      titleLang: 'ja',
      description: '今年のメダルです。',
      descriptionLang: 'ja',
    });
    const list = await callRoute(
      memberList.loader,
      getRequest(`/e/${event.slug}/videos`, { cookie: englishMember.cookie, headers: en }),
      { slug: event.slug },
    );
    const listed = (
      await jsonOf<{ videos: { id: string; title: string; titleLang: string }[] }>(list)
    ).videos.find((v) => v.id === video.videoId);
    expect(listed).toMatchObject({ title: '完走メダルのご紹介', titleLang: 'ja' });

    // A Japanese reader sees their own language, unmarked.
    const ja = await jsonOf<MemberPage>(await memberPageOf(video.videoId, member.cookie));
    expect(ja.video).toMatchObject({ title: '完走メダルのご紹介', titleLang: 'ja' });

    // The staff list names it the same way.
    const staff = await callRoute(
      staffList.loader,
      getRequest(`/staff/${event.slug}/videos`, { cookie: editor.cookie, headers: en }),
      { slug: event.slug },
    );
    const staffRow = (
      await jsonOf<{ videos: { id: string; title: { text: string; lang: string } }[] }>(staff)
    ).videos.find((v) => v.id === video.videoId);
    expect(staffRow?.title).toEqual({ text: '完走メダルのご紹介', lang: 'ja' });
  });

  it('accepts a new upload without an English title', async () => {
    const { body, contentType } = multipartBody([
      { name: 'titleJa', value: '前夜祭の様子' },
      { name: 'titleEn', value: '' },
      { name: 'video', filename: 'eve.webm', type: 'video/webm', bytes: webmBytes(30_000) },
    ]);
    const response = await callRoute(
      uploadPage.action,
      uploadRequest(`/staff/${event.slug}/videos/new`, body, contentType, {
        cookie: editor.cookie,
      }),
      { slug: event.slug },
    );
    expect(response.status).toBe(302);
    const [row] = await db.select().from(videos).where(eq(videos.titleJa, '前夜祭の様子'));
    expect(row.titleEn).toBe('');
  });

  it('refuses bad input with 400 and the typed values, writing nothing', async () => {
    const video = await storeTestVideo(event.eventId);
    const before = await rowOf(video.videoId);
    const inputs: Record<string, string>[] = [
      { intent: 'edit', titleJa: '   ', titleEn: 'Only English' },
      { intent: 'edit', titleJa: 'あ'.repeat(121), titleEn: '' },
      { intent: 'edit', titleJa: '説明が長すぎる', descriptionJa: 'あ'.repeat(2001) },
      { intent: 'rename-everything', titleJa: 'x' },
      {},
    ];
    for (const fields of inputs) {
      const response = await manage(video.videoId, fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect(Object.keys(await submissionErrors(response)).length).toBeGreaterThan(0);
    }
    const refused = await manage(video.videoId, { intent: 'edit', titleJa: '', titleEn: 'Kept' });
    expect((await submissionErrors(refused)).titleJa).toBe(translate('ja', 'form.required'));
    expect((await submittedValues(refused)).titleEn).toBe('Kept');
    expect(await rowOf(video.videoId)).toEqual(before);
    expect(await auditsFor(video.videoId)).toEqual([]);
  });

  it('answers 404 for another event’s video and for no video at all', async () => {
    const other = await createTestEvent('manage-other');
    const foreign = await storeTestVideo(other.eventId);
    const fields = { intent: 'edit', titleJa: '乗っ取り', titleEn: '' };
    expect((await manage(foreign.videoId, fields)).status).toBe(404);
    expect((await manage('no-such-video-id-000', fields)).status).toBe(404);
    expect((await remove(foreign.videoId, { confirm: 'delete' })).status).toBe(404);
    expect((await rowOf(foreign.videoId)).titleJa).toBe('テスト動画');
  });
});

describe('unpublishing and publishing again', () => {
  it('takes the video off the members’ list and player (media 404), keeps it for staff, and brings it back', async () => {
    const video = await storeTestVideo(event.eventId, { poster: true });
    // A member opened the page before it was unpublished: they hold a valid media URL.
    const open = await jsonOf<MemberPage>(await memberPageOf(video.videoId, member.cookie));
    const src = mediaPath(open.video.src);
    const posterSrc = mediaPath(open.video.posterSrc!);
    expect((await fetchMedia(src, member.cookie)).status).toBe(206);

    const response = await manage(video.videoId, { intent: 'unpublish' });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(
      `/staff/${event.slug}/videos/${video.videoId}?done=unpublished`,
    );
    expect((await rowOf(video.videoId)).unpublishedAt).toBeInstanceOf(Date);

    expect(await memberListIds(member.cookie)).not.toContain(video.videoId);
    expect((await memberPageOf(video.videoId, member.cookie)).status).toBe(404);
    const media = await fetchMedia(src, member.cookie);
    expect(media.status).toBe(404);
    expect((await media.arrayBuffer()).byteLength).toBe(0);
    expect((await fetchMedia(posterSrc, member.cookie, posterRoute)).status).toBe(404);
    const refresh = await callRoute(
      playback.loader,
      getRequest(`/e/${event.slug}/videos/${video.videoId}/playback`, { cookie: member.cookie }),
      { slug: event.slug, videoId: video.videoId },
    );
    expect(refresh.status).toBe(404);

    // Staff still list it, labelled, and may preview it.
    const staff = await callRoute(
      staffList.loader,
      getRequest(`/staff/${event.slug}/videos`, { cookie: viewer.cookie }),
      { slug: event.slug },
    );
    const listed = (
      await jsonOf<{ videos: { id: string; published: boolean }[] }>(staff)
    ).videos.find((v) => v.id === video.videoId);
    expect(listed?.published).toBe(false);
    const preview = await memberPageOf(video.videoId, editor.cookie);
    expect(preview.status).toBe(200);
    expect((await jsonOf<MemberPage>(preview)).video.unpublished).toBe(true);

    // Unpublishing twice writes once.
    await manage(video.videoId, { intent: 'unpublish' });
    const republished = await manage(video.videoId, { intent: 'publish' });
    expect(republished.headers.get('Location')).toBe(
      `/staff/${event.slug}/videos/${video.videoId}?done=published`,
    );
    expect((await rowOf(video.videoId)).unpublishedAt).toBeNull();
    expect(await memberListIds(member.cookie)).toContain(video.videoId);
    expect((await fetchMedia(src, member.cookie)).status).toBe(206);
    expect((await auditsFor(video.videoId)).map((a) => [a.action, a.actor])).toEqual([
      ['video.unpublish', editor.userId],
      ['video.publish', editor.userId],
    ]);
  });
});

describe('replacing the file', () => {
  it('stores the new file, points the video at it, then removes the old object (views stay)', async () => {
    const video = await storeTestVideo(event.eventId, { poster: true });
    await db
      .insert(videoViews)
      .values({ videoId: video.videoId, membershipId: member.membershipId });
    const bytes = mp4Bytes(80_000);
    const response = await replace(
      video.videoId,
      [{ name: 'video', filename: 'new-cut.mp4', type: 'video/mp4', bytes }],
      editor.cookie,
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(
      `/staff/${event.slug}/videos/${video.videoId}?done=replaced`,
    );
    const row = await rowOf(video.videoId);
    expect(row.storageKey).not.toBe(video.storageKey);
    expect(row).toMatchObject({ contentType: 'video/mp4', sizeBytes: 80_000 });
    // No new poster sent: the old one stays.
    expect(row.posterKey).toBe(video.posterKey);
    expect(row.updatedAt).toBeInstanceOf(Date);
    const objects = await mediaStorage.list();
    expect(objects).not.toContain(video.storageKey);
    expect(objects).toContain(row.storageKey);
    expect(objects).toContain(video.posterKey);
    expect(await mediaStorage.size(row.storageKey)).toBe(80_000);
    expect(
      await db.select().from(videoViews).where(eq(videoViews.videoId, video.videoId)),
    ).toHaveLength(1);
    const [audit] = await auditsFor(video.videoId);
    expect(audit).toMatchObject({ action: 'video.replace', actor: editor.userId });

    // A member's player now streams the new file.
    const page = await jsonOf<MemberPage>(await memberPageOf(video.videoId, member.cookie));
    const media = await fetchMedia(mediaPath(page.video.src), member.cookie);
    expect(media.headers.get('Content-Type')).toBe('video/mp4');
  });

  it('replaces the poster too when one is sent, removing the old one', async () => {
    const video = await storeTestVideo(event.eventId, { poster: true });
    const response = await replace(
      video.videoId,
      [
        { name: 'video', filename: 'v.webm', type: 'video/webm', bytes: webmBytes(20_000) },
        { name: 'poster', filename: 'p.png', type: 'image/png', bytes: pngBytes() },
      ],
      editor.cookie,
    );
    expect(response.status).toBe(302);
    const row = await rowOf(video.videoId);
    expect(row.posterKey).not.toBe(video.posterKey);
    const objects = await mediaStorage.list();
    expect(objects).not.toContain(video.posterKey);
    expect(objects).not.toContain(video.storageKey);
    expect(objects).toContain(row.posterKey);
  });

  it('applies the upload’s checks: a renamed PDF or no file is refused, and nothing changes', async () => {
    const video = await storeTestVideo(event.eventId);
    const before = await rowOf(video.videoId);
    const stored = await storedMedia();
    const pdf = await replace(
      video.videoId,
      [{ name: 'video', filename: 'clip.mp4', type: 'video/mp4', bytes: pdfBytes() }],
      editor.cookie,
    );
    expect(pdf.status).toBe(400);
    const errors = await jsonOf<{ fieldErrors: Record<string, string> }>(pdf);
    expect(errors.fieldErrors.video).toBe(translate('ja', 'video.upload.notVideo'));
    const none = await replace(
      video.videoId,
      [{ name: 'video', filename: '', type: 'application/octet-stream', bytes: new Uint8Array() }],
      editor.cookie,
    );
    expect(none.status).toBe(400);
    expect(await rowOf(video.videoId)).toEqual(before);
    const after = await storedMedia();
    expect(after.objects.sort()).toEqual(stored.objects.sort());
    expect(after.incoming).toEqual([]);
    expect(await auditsFor(video.videoId)).toEqual([]);
  });
});

describe('deleting a video', () => {
  it('asks for confirmation, then removes the row, its view statistics and its objects', async () => {
    const video = await storeTestVideo(event.eventId, { poster: true });
    await db
      .insert(videoViews)
      .values({ videoId: video.videoId, membershipId: member.membershipId });

    // The confirmation page is shown first; a POST without the confirmation deletes nothing.
    const confirm = await callRoute(
      deletePage.loader,
      getRequest(`/staff/${event.slug}/videos/${video.videoId}/delete`, { cookie: editor.cookie }),
      { slug: event.slug, videoId: video.videoId },
    );
    expect(confirm.status).toBe(200);
    expect((await remove(video.videoId, {})).status).toBe(400);
    expect(await rowOf(video.videoId)).toBeDefined();

    const response = await remove(video.videoId, { confirm: 'delete' });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`/staff/${event.slug}/videos?deleted=1`);
    expect(await rowOf(video.videoId)).toBeUndefined();
    expect(await db.select().from(videoViews).where(eq(videoViews.videoId, video.videoId))).toEqual(
      [],
    );
    const objects = await mediaStorage.list();
    expect(objects).not.toContain(video.storageKey);
    expect(objects).not.toContain(video.posterKey);
    // The log keeps the title, so its sentence can still name the video.
    const [audit] = await auditsFor(video.videoId);
    expect(audit).toMatchObject({
      action: 'video.delete',
      actor: editor.userId,
      detail: { titleJa: 'テスト動画', titleEn: 'Test video' },
    });
    const entry = {
      actorUserId: editor.userId,
      action: 'video.delete',
      target: `video:${video.videoId}`,
      detail: audit.detail,
    };
    const lookups = await loadAuditLookups({ id: event.eventId, nameJa: '大会', nameEn: 'Race' }, [
      entry,
    ]);
    // Whoever acted, the sentence names the deleted video by the title the entry kept.
    const deleted = translate('ja', 'audit.sentence.video.delete', {
      actor: '',
      video: 'テスト動画',
    });
    expect(describeAuditEntry(entry, lookups).ja.endsWith(deleted)).toBe(true);
    expect(describeAuditEntry(entry, lookups).en).toContain('deleted the video “Test video”');
  });
});

describe('who may manage videos', () => {
  it('shows a viewer the video’s page read-only and refuses every change with 403', async () => {
    const video = await storeTestVideo(event.eventId);
    const page = await callRoute(
      managePage.loader,
      getRequest(`/staff/${event.slug}/videos/${video.videoId}`, { cookie: viewer.cookie }),
      { slug: event.slug, videoId: video.videoId },
    );
    expect(page.status).toBe(200);
    const before = await rowOf(video.videoId);
    const refusals = [
      await manage(video.videoId, { intent: 'edit', titleJa: '変更', titleEn: '' }, viewer.cookie),
      await manage(video.videoId, { intent: 'unpublish' }, viewer.cookie),
      await remove(video.videoId, { confirm: 'delete' }, viewer.cookie),
      await replace(
        video.videoId,
        [{ name: 'video', filename: 'v.webm', type: 'video/webm', bytes: webmBytes(10_000) }],
        viewer.cookie,
      ),
    ];
    for (const response of refusals) expect(response.status).toBe(403);
    for (const loader of [replacePage.loader, deletePage.loader]) {
      const response = await callRoute(
        loader,
        getRequest(`/staff/${event.slug}/videos/${video.videoId}/x`, { cookie: viewer.cookie }),
        { slug: event.slug, videoId: video.videoId },
      );
      expect(response.status).toBe(403);
    }
    expect(await rowOf(video.videoId)).toEqual(before);
    expect(await auditsFor(video.videoId)).toEqual([]);
  });

  it('answers 404 to a member who tries the staff actions', async () => {
    const video = await storeTestVideo(event.eventId);
    expect((await manage(video.videoId, { intent: 'unpublish' }, member.cookie)).status).toBe(404);
    expect((await rowOf(video.videoId)).unpublishedAt).toBeNull();
  });
});

/**
 * An approved sponsor notice reaches the sponsor channel only as an owner's announcement draft
 * (issue #7, SPEC P4/P9): the owner drafts it from the review page, and the ordinary preview →
 * frozen snapshot → send flow delivers it to members who get the sponsor channel by email.
 * Nobody else can draft it, a notice that is not approved cannot be drafted, one notice makes
 * at most one draft, and the sponsor receives nothing about members.
 */
import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { announcements, auditLog, channelPreferences, channels } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { saveNotice, withdrawNotice } from '~/modules/sponsors/sponsor-notices.server';
import { reviewNotice } from '~/modules/sponsors/sponsor-review.server';
import * as editRoute from '~/routes/staff.$slug.announcements.$announcementId.edit';
import * as reviewRoute from '~/routes/staff.$slug.sponsors.notices.$noticeId';
import { addMember, addStaff, seedEvent, type TestEvent } from '../support/announcement-fixtures';
import { freeze, previewOf, sendAsShown } from '../support/announcement-flow';
import { deliverQueuedMail, mailTo } from '../support/mail';
import { callRoute, formRequest, getRequest, jsonOf } from '../support/requests';
import { createTestSponsor } from '../support/sponsors';

const NOTICE = {
  titleJa: '大会当日の給水ボトル配布',
  titleEn: 'Water bottles on race day',
  bodyJa: 'スタート会場のブースで、完走を応援するボトルをお配りします。',
  bodyEn: 'Pick up a free bottle at our booth by the start.',
};

async function sponsorWithNotice(
  event: TestEvent,
  email: string,
  ownerUserId: string,
  decision: 'approve' | 'reject' | 'none' = 'approve',
) {
  const sponsor = await createTestSponsor(event.id, email, 'Hayate Sports');
  const { id: noticeId } = await saveNotice({
    sponsorId: sponsor.sponsorId,
    eventId: event.id,
    userId: sponsor.userId,
    data: NOTICE,
    submit: true,
  });
  if (decision !== 'none') {
    const result = await reviewNotice({
      eventId: event.id,
      noticeId,
      ownerUserId,
      decision,
      comment: decision === 'reject' ? '表現を見直してください。' : '',
      version: 1,
    });
    if (!result.ok) throw new Error(`review failed: ${result.reason}`);
  }
  return { sponsor, noticeId };
}

function postDraftFromNotice(
  cookie: string,
  slug: string,
  noticeId: string,
  language: 'ja' | 'en' = 'ja',
) {
  return callRoute(
    reviewRoute.action,
    formRequest(
      `/staff/${slug}/sponsors/notices/${noticeId}`,
      { intent: 'draft-announcement' },
      { cookie, headers: { 'Accept-Language': language } },
    ),
    { slug, noticeId },
  );
}

interface ReviewPage {
  draftId: string | null;
  sponsorChannel: { nameJa: string; nameEn: string } | null;
  missingChannel: boolean;
}

async function reviewPage(cookie: string, slug: string, noticeId: string) {
  const response = await callRoute(
    reviewRoute.loader,
    getRequest(`/staff/${slug}/sponsors/notices/${noticeId}`, { cookie }),
    { slug, noticeId },
  );
  expect(response.status).toBe(200);
  return jsonOf<ReviewPage>(response);
}

async function draftsOfEvent(eventId: string) {
  return db
    .select({
      id: announcements.id,
      channelId: announcements.channelId,
      titleJa: announcements.titleJa,
      titleEn: announcements.titleEn,
      bodyJa: announcements.bodyJa,
      bodyEn: announcements.bodyEn,
      audienceMode: announcements.audienceMode,
      status: announcements.status,
      createdBy: announcements.createdBy,
      editedByRole: announcements.editedByRole,
      source: announcements.sourceSponsorNoticeId,
    })
    .from(announcements)
    .where(eq(announcements.eventId, eventId));
}

async function auditCount(eventId: string, action: string) {
  const [row] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.eventId, eventId), eq(auditLog.action, action)));
  return row?.n ?? 0;
}

describe('drafting an announcement from an approved sponsor notice', () => {
  it("creates one draft in the sponsor channel with the notice's text, owned by the owner, and finds it again on a second POST", async () => {
    const event = await seedEvent();
    const owner = await addStaff(event, 'owner-n1@office.example', 'owner');
    const { noticeId } = await sponsorWithNotice(event, 'desk-n1@sponsor.example', owner.userId);

    const before = await reviewPage(owner.cookie, event.slug, noticeId);
    expect(before.draftId).toBeNull();
    expect(before.sponsorChannel).toEqual({
      nameJa: '協賛社からのお知らせ',
      nameEn: 'Sponsor offers',
    });

    const first = await postDraftFromNotice(owner.cookie, event.slug, noticeId);
    expect(first.status).toBe(302);
    const location = first.headers.get('Location')!;
    expect(location).toMatch(new RegExp(`^/staff/${event.slug}/announcements/[^/]+/edit$`));
    const announcementId = location.split('/').at(-2)!;

    const drafts = await draftsOfEvent(event.id);
    expect(drafts).toEqual([
      {
        id: announcementId,
        channelId: event.channelIds.sponsors,
        titleJa: NOTICE.titleJa,
        titleEn: NOTICE.titleEn,
        bodyJa: `協賛社「Hayate Sports(日本語)」からのお知らせです。\n\n${NOTICE.bodyJa}`,
        bodyEn: `A notice from our sponsor Hayate Sports.\n\n${NOTICE.bodyEn}`,
        audienceMode: 'everyone_on_channel',
        status: 'draft',
        createdBy: owner.userId,
        editedByRole: 'owner',
        source: noticeId,
      },
    ]);

    // The owner lands on the ordinary edit page, pre-filled.
    const edit = await callRoute(editRoute.loader, getRequest(location, { cookie: owner.cookie }), {
      slug: event.slug,
      announcementId,
    });
    expect(edit.status).toBe(200);
    const { values } = await jsonOf<{ values: Record<string, string> }>(edit);
    expect(values).toMatchObject({
      channelId: event.channelIds.sponsors,
      titleJa: NOTICE.titleJa,
      audienceMode: 'everyone_on_channel',
    });

    // A double click or a retry leads to the same draft.
    const second = await postDraftFromNotice(owner.cookie, event.slug, noticeId);
    expect(second.status).toBe(302);
    expect(second.headers.get('Location')).toBe(location);
    expect(await draftsOfEvent(event.id)).toHaveLength(1);

    const after = await reviewPage(owner.cookie, event.slug, noticeId);
    expect(after).toMatchObject({ draftId: announcementId, sponsorChannel: null });

    expect(await auditCount(event.id, 'sponsor.notice.drafted')).toBe(1);
    const [entry] = await db
      .select({ target: auditLog.target, detail: auditLog.detail, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.eventId, event.id), eq(auditLog.action, 'sponsor.notice.drafted')));
    expect(entry).toMatchObject({
      actor: owner.userId,
      target: `sponsor-notice:${noticeId}`,
      detail: { announcementId, channelId: event.channelIds.sponsors },
    });
    expect(JSON.stringify(entry)).not.toContain('@');
  });

  it('leaves the draft alone when the notice is edited or withdrawn afterwards', async () => {
    const event = await seedEvent();
    const owner = await addStaff(event, 'owner-n2@office.example', 'owner');
    const { sponsor, noticeId } = await sponsorWithNotice(
      event,
      'desk-n2@sponsor.example',
      owner.userId,
    );
    const first = await postDraftFromNotice(owner.cookie, event.slug, noticeId);
    expect(first.status).toBe(302);

    await saveNotice({
      sponsorId: sponsor.sponsorId,
      eventId: event.id,
      userId: sponsor.userId,
      noticeId,
      data: { ...NOTICE, titleJa: '差し替えた見出し' },
      submit: true,
    });
    expect(await withdrawNotice(sponsor.sponsorId, noticeId)).toBe(true);

    const again = await postDraftFromNotice(owner.cookie, event.slug, noticeId);
    expect(again.headers.get('Location')).toBe(first.headers.get('Location'));
    const drafts = await draftsOfEvent(event.id);
    expect(drafts).toHaveLength(1);
    expect(drafts[0].titleJa).toBe(NOTICE.titleJa);
  });

  it('lets only owners draft: editors and viewers get 403, the sponsor and members 404', async () => {
    const event = await seedEvent();
    const owner = await addStaff(event, 'owner-n3@office.example', 'owner');
    const editor = await addStaff(event, 'editor-n3@office.example', 'editor');
    const viewer = await addStaff(event, 'viewer-n3@office.example', 'viewer');
    const member = await addMember(event, { email: 'runner-n3@runner.example' });
    const { sponsor, noticeId } = await sponsorWithNotice(
      event,
      'desk-n3@sponsor.example',
      owner.userId,
    );

    for (const [who, status] of [
      [editor.cookie, 403],
      [viewer.cookie, 403],
      [sponsor.cookie, 404],
      [member.cookie, 404],
    ] as const) {
      expect((await postDraftFromNotice(who, event.slug, noticeId)).status).toBe(status);
      const page = await callRoute(
        reviewRoute.loader,
        getRequest(`/staff/${event.slug}/sponsors/notices/${noticeId}`, { cookie: who }),
        { slug: event.slug, noticeId },
      );
      expect(page.status).toBe(status);
    }
    // An owner of another event cannot reach this event's notice either.
    const other = await seedEvent();
    const otherOwner = await addStaff(other, 'owner-n3-other@office.example', 'owner');
    expect((await postDraftFromNotice(otherOwner.cookie, other.slug, noticeId)).status).toBe(404);

    expect(await draftsOfEvent(event.id)).toHaveLength(0);
    expect(await draftsOfEvent(other.id)).toHaveLength(0);
    expect(await auditCount(event.id, 'sponsor.notice.drafted')).toBe(0);
  });

  it('refuses a pending, returned or withdrawn notice with a 409 and writes nothing', async () => {
    const event = await seedEvent();
    const owner = await addStaff(event, 'owner-n4@office.example', 'owner');
    const pending = await sponsorWithNotice(
      event,
      'desk-n4a@sponsor.example',
      owner.userId,
      'none',
    );
    const rejected = await sponsorWithNotice(
      event,
      'desk-n4b@sponsor.example',
      owner.userId,
      'reject',
    );
    const withdrawn = await sponsorWithNotice(event, 'desk-n4c@sponsor.example', owner.userId);
    await withdrawNotice(withdrawn.sponsor.sponsorId, withdrawn.noticeId);

    for (const { noticeId } of [pending, rejected, withdrawn]) {
      const page = await reviewPage(owner.cookie, event.slug, noticeId);
      expect(page).toMatchObject({ draftId: null, sponsorChannel: null, missingChannel: false });

      const response = await postDraftFromNotice(owner.cookie, event.slug, noticeId, 'en');
      expect(response.status).toBe(409);
      const body = await jsonOf<{ draftError: string }>(response);
      expect(body.draftError).toBe(
        'This notice is not approved at the moment, so no announcement can be drafted from it.',
      );
    }
    expect(await draftsOfEvent(event.id)).toHaveLength(0);
    expect(await auditCount(event.id, 'sponsor.notice.drafted')).toBe(0);
    expect(await auditCount(event.id, 'announcement.create')).toBe(0);
  });

  it('hides the button and answers 409 when the event has no sponsor channel', async () => {
    const event = await seedEvent();
    const owner = await addStaff(event, 'owner-n5@office.example', 'owner');
    const { noticeId } = await sponsorWithNotice(event, 'desk-n5@sponsor.example', owner.userId);
    // The owner has turned the sponsor channel into something else.
    await db
      .update(channels)
      .set({ slug: 'partners', nameJa: 'パートナー', nameEn: 'Partners' })
      .where(eq(channels.id, event.channelIds.sponsors));

    const page = await reviewPage(owner.cookie, event.slug, noticeId);
    expect(page).toMatchObject({ draftId: null, sponsorChannel: null, missingChannel: true });

    const response = await postDraftFromNotice(owner.cookie, event.slug, noticeId);
    expect(response.status).toBe(409);
    expect((await jsonOf<{ draftError: string }>(response)).draftError).toContain(
      '協賛社用のチャンネル',
    );
    expect(await draftsOfEvent(event.id)).toHaveLength(0);
    expect(await auditCount(event.id, 'sponsor.notice.drafted')).toBe(0);
  });

  it('sends the draft through preview and send to members who keep the sponsor channel email on, and nothing to the sponsor', async () => {
    const event = await seedEvent();
    const owner = await addStaff(event, 'owner-n6@office.example', 'owner');
    const on = await addMember(event, { email: 'keeps-n6@runner.example', locale: 'ja' });
    await addMember(event, { email: 'emily-n6@runner.example', locale: 'en' });
    const off = await addMember(event, { email: 'quiet-n6@runner.example' });
    // Turned off another channel only: still gets sponsor mail.
    await db.insert(channelPreferences).values([
      { membershipId: off.membershipId, channelId: event.channelIds.sponsors, emailEnabled: false },
      { membershipId: on.membershipId, channelId: event.channelIds.official, emailEnabled: false },
    ]);
    const { sponsor, noticeId } = await sponsorWithNotice(
      event,
      'desk-n6@sponsor.example',
      owner.userId,
    );

    const drafted = await postDraftFromNotice(owner.cookie, event.slug, noticeId);
    const announcementId = drafted.headers.get('Location')!.split('/').at(-2)!;
    const snapshotId = await freeze(owner.cookie, event.slug, announcementId);
    const preview = await previewOf(owner.cookie, event.slug, announcementId, snapshotId);
    expect(preview.snapshot.channelId).toBe(event.channelIds.sponsors);
    expect(preview.refusal).toBeNull();
    expect((await sendAsShown(owner.cookie, event.slug, announcementId, snapshotId)).status).toBe(
      302,
    );

    const mail = (await deliverQueuedMail()).filter((m) =>
      m.toAddress.endsWith('-n6@runner.example'),
    );
    expect(mail.map((m) => m.toAddress).sort()).toEqual([
      'emily-n6@runner.example',
      'keeps-n6@runner.example',
    ]);
    const [ja] = mail.filter((m) => m.toAddress === 'keeps-n6@runner.example');
    expect(ja.subject).toContain(NOTICE.titleJa);
    expect(ja.text).toContain('協賛社「Hayate Sports(日本語)」からのお知らせです。');
    expect(ja.text).toContain(NOTICE.bodyJa);
    const [english] = mail.filter((m) => m.toAddress === 'emily-n6@runner.example');
    expect(english.text).toContain('A notice from our sponsor Hayate Sports.');
    // The fan-out's guarantees apply as to any announcement: one recipient, own headers.
    for (const m of mail) {
      expect(m.replyTo).toMatch(/^reply\+/);
      expect(JSON.stringify(m.headers)).toContain('List-Unsubscribe');
      const others = mail.filter((o) => o.toAddress !== m.toAddress).map((o) => o.toAddress);
      for (const address of others) expect(`${m.html}${m.text}`).not.toContain(address);
    }

    // The sponsor is not a recipient and gets no mail about the send.
    expect(await mailTo(sponsor.email)).toHaveLength(0);
  });
});

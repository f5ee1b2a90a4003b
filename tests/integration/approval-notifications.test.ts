/**
 * Owners hear when something waits for their approval (issue 15): an editor's announcement
 * draft and a sponsor's offer each queue exactly one email per owner — none to editors,
 * viewers or members, nothing twice for a repeated submit — naming the item, linking to its
 * review page, from the organizer's name, and holding no member data. The navigation's badge
 * counts what waits, for owners only.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { outboundEmails } from '~db/schema';
import { env } from '~/env.server';
import { countAwaitingApproval } from '~/modules/announcements/approval-notifications.server';
import { db } from '~/modules/database/database.server';
import { mailFromAddress } from '~/modules/mail/event-sender.server';
import { notifyOfferAwaitingApproval } from '~/modules/sponsors/approval-notifications.server';
import { generateCodes } from '~/modules/sponsors/code-pool.server';
import { createOffer, submitOffer } from '~/modules/sponsors/offers.server';
import { saveNotice } from '~/modules/sponsors/sponsor-notices.server';
import * as awaitingRoute from '~/routes/staff.$slug.awaiting-approval[.json]';
import { addMember, addStaff, seedEvent, type TestEvent } from '../support/announcement-fixtures';
import { createDraft, draftFields, editDraft, overviewAction } from '../support/announcement-flow';
import { mailTo } from '../support/mail';
import { callRoute, getRequest, jsonOf } from '../support/requests';
import { createTestSponsor, parsedOffer } from '../support/sponsors';

let event: TestEvent;
let ownerJa: Awaited<ReturnType<typeof addStaff>>;
let ownerEn: Awaited<ReturnType<typeof addStaff>>;
let editor: Awaited<ReturnType<typeof addStaff>>;
let viewer: Awaited<ReturnType<typeof addStaff>>;
const runnerEmail = 'hanako.runner@approval-runner.example';

const OWNER_JA = 'owner-ja@approval.example';
const OWNER_EN = 'owner-en@approval.example';
const EDITOR = 'editor@approval.example';
const VIEWER = 'viewer@approval.example';

async function approvalMailsTo(address: string) {
  return (await mailTo(address)).filter(
    (m) => m.subject.includes('承認待ち') || m.subject.includes('Awaiting your approval'),
  );
}

async function queuedApprovals() {
  // By insertion, not heap order: the mail worker updates these rows as it sends them, and
  // PostgreSQL returns updated rows wherever their new versions landed.
  return db
    .select({ id: outboundEmails.id, to: outboundEmails.toAddress })
    .from(outboundEmails)
    .where(
      and(eq(outboundEmails.eventId, event.id), eq(outboundEmails.template, 'approval-request')),
    )
    .orderBy(outboundEmails.createdAt, outboundEmails.id);
}

beforeAll(async () => {
  event = await seedEvent();
  ownerJa = await addStaff(event, OWNER_JA, 'owner', 'ja');
  ownerEn = await addStaff(event, OWNER_EN, 'owner', 'en');
  editor = await addStaff(event, EDITOR, 'editor');
  viewer = await addStaff(event, VIEWER, 'viewer');
  await addMember(event, { email: runnerEmail, bib: '4821' });
});

describe("an editor's draft", () => {
  let draftId = '';

  it('queues one email per owner, to no one else, naming the draft and linking to it', async () => {
    draftId = await createDraft(
      editor.cookie,
      event.slug,
      draftFields(event.channelIds.official, {
        titleJa: '給水所の変更',
        titleEn: 'Water station moves',
      }),
    );
    const queued = await queuedApprovals();
    expect(queued.map((q) => q.to).sort()).toEqual([OWNER_EN, OWNER_JA]);

    const [ja] = await approvalMailsTo(OWNER_JA);
    const [en] = await approvalMailsTo(OWNER_EN);
    expect(ja.subject).toContain('給水所の変更');
    expect(en.subject).toContain('Water station moves');
    const link = `${env.APP_URL}/staff/${event.slug}/announcements/${draftId}`;
    expect(ja.html).toContain(link);
    expect(ja.text).toContain(link);
    // Sent in the organizer's name, on MAIL_FROM's address.
    expect(ja.fromAddress).toBe(`"テストマラソン実行委員会" <${mailFromAddress()}>`);
    expect(en.fromAddress).toBe(`"Test Marathon Committee" <${mailFromAddress()}>`);
    // No member data: not the runner's address, name or bib.
    for (const mail of [ja, en]) {
      const whole = `${mail.subject}\n${mail.html}\n${mail.text}`;
      expect(whole).not.toContain(runnerEmail);
      expect(whole).not.toContain('テスト ランナー');
      expect(whole).not.toContain('4821');
    }
    for (const other of [EDITOR, VIEWER, runnerEmail]) {
      expect(await approvalMailsTo(other)).toHaveLength(0);
    }
  });

  it("counts in the owners' badge, and a new revision by the editor notifies once more", async () => {
    expect(await countAwaitingApproval(event.id)).toMatchObject({ announcements: 1 });
    const edited = await editDraft(
      editor.cookie,
      event.slug,
      draftId,
      draftFields(event.channelIds.official, { titleJa: '給水所の変更(改)' }),
    );
    expect(edited.status).toBe(302);
    expect(await queuedApprovals()).toHaveLength(4);
    // Still one item waiting, not two.
    expect(await countAwaitingApproval(event.id)).toMatchObject({ announcements: 1 });
    const approved = await overviewAction(ownerJa.cookie, event.slug, draftId, {
      intent: 'approve',
      revision: '2',
    });
    expect(approved.status).toBe(200);
    expect(await countAwaitingApproval(event.id)).toMatchObject({ announcements: 0 });
  });

  it("sends nothing for an owner's own draft", async () => {
    const before = (await queuedApprovals()).length;
    await createDraft(ownerJa.cookie, event.slug, draftFields(event.channelIds.official));
    expect(await queuedApprovals()).toHaveLength(before);
    expect(await countAwaitingApproval(event.id)).toMatchObject({ announcements: 0 });
  });
});

describe("a sponsor's offer", () => {
  it('queues one email per owner on submit; a repeated submit sends nothing more', async () => {
    const before = (await queuedApprovals()).length;
    const sponsor = await createTestSponsor(event.id, 'shop@approval-sponsor.example', 'Run Shop');
    const offerId = await createOffer({
      sponsorId: sponsor.sponsorId,
      eventId: event.id,
      userId: sponsor.userId,
      data: parsedOffer({ titleJa: 'ウェア10%オフ', titleEn: '10% off running wear' }),
      image: null,
    });
    // A draft is not waiting for anyone yet.
    expect(await queuedApprovals()).toHaveLength(before);
    await generateCodes({
      sponsorId: sponsor.sponsorId,
      eventId: event.id,
      offerId,
      userId: sponsor.userId,
      count: 3,
      prefix: '',
    });
    const input = { sponsorId: sponsor.sponsorId, offerId, userId: sponsor.userId };
    const [first, second] = await Promise.all([submitOffer(input), submitOffer(input)]);
    expect([first.ok, second.ok].filter(Boolean)).toHaveLength(1);
    expect((await submitOffer(input)).ok).toBe(false);
    // The same submission notified again (a retried job, say): the key holds.
    expect(await db.transaction((tx) => notifyOfferAwaitingApproval(tx, offerId))).toBe(0);

    const offerMails = (await queuedApprovals()).slice(before);
    expect(offerMails.map((q) => q.to).sort()).toEqual([OWNER_EN, OWNER_JA]);
    const [ja] = (await approvalMailsTo(OWNER_JA)).filter((m) =>
      m.subject.includes('ウェア10%オフ'),
    );
    expect(ja.html).toContain(`${env.APP_URL}/staff/${event.slug}/sponsors/offers/${offerId}`);
    expect(ja.text).not.toContain(runnerEmail);
    expect(await approvalMailsTo('shop@approval-sponsor.example')).toHaveLength(0);

    expect(await countAwaitingApproval(event.id)).toEqual({
      announcements: 0,
      sponsors: 1,
      total: 1,
    });
  });
});

describe("a sponsor's notice", () => {
  it('queues one email per owner when submitted, none for a draft', async () => {
    const before = (await queuedApprovals()).length;
    const sponsor = await createTestSponsor(event.id, 'news@approval-sponsor.example', 'Run News');
    const notice = {
      titleJa: '試し履き会のお知らせ',
      titleEn: 'Try-on day',
      bodyJa: '本文',
      bodyEn: 'Body',
    };
    const draft = await saveNotice({
      sponsorId: sponsor.sponsorId,
      eventId: event.id,
      userId: sponsor.userId,
      data: notice,
      submit: false,
    });
    expect(await queuedApprovals()).toHaveLength(before);
    await saveNotice({
      sponsorId: sponsor.sponsorId,
      eventId: event.id,
      userId: sponsor.userId,
      noticeId: draft.id,
      data: notice,
      submit: true,
    });
    const queued = (await queuedApprovals()).slice(before);
    expect(queued.map((q) => q.to).sort()).toEqual([OWNER_EN, OWNER_JA]);
    const [ja] = (await approvalMailsTo(OWNER_JA)).filter((m) => m.subject.includes('試し履き会'));
    expect(ja.html).toContain(`/staff/${event.slug}/sponsors/notices/${draft.id}`);
    expect(await countAwaitingApproval(event.id)).toMatchObject({ sponsors: 2 });
  });
});

describe('the badge', () => {
  it('is served to owners only, as counts', async () => {
    await createDraft(editor.cookie, event.slug, draftFields(event.channelIds.official));
    const asOwner = await callRoute(
      awaitingRoute.loader,
      getRequest(`/staff/${event.slug}/awaiting-approval.json`, { cookie: ownerEn.cookie }),
      { slug: event.slug },
    );
    expect(await jsonOf(asOwner)).toEqual({ announcements: 1, sponsors: 2, total: 3 });
    for (const cookie of [editor.cookie, viewer.cookie]) {
      const refused = await callRoute(
        awaitingRoute.loader,
        getRequest(`/staff/${event.slug}/awaiting-approval.json`, { cookie }),
        { slug: event.slug },
      );
      expect(refused.status).toBe(403);
    }
  });
});

/**
 * What each announcement email is (SPEC P5) and who gets one: exactly one recipient, a relay
 * Reply-To of their own, RFC 8058 List-Unsubscribe headers, the member's language, no other
 * member's address anywhere; and nobody who left, deleted their account, turned the channel
 * off or is suppressed. Runs on the capture transport (no RESEND_API_KEY).
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { capturedMail, channelPreferences, memberships, users } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { sessionIdOf } from '../support/auth';
import { findEventHome } from '~/modules/announcements/member-feed.server';
import { suppressAddress } from '~/modules/delivery/suppression.server';
import { deliveryCounts } from '~/modules/delivery/delivery-status.server';
import { relayTokenOf } from '~/modules/relay/relay-address.server';
import * as memberPage from '~/routes/e.$slug.a.$announcementId';
import { addMember, addStaff, seedEvent } from '../support/announcement-fixtures';
import { createDraft, draftFields, freeze, sendAsShown } from '../support/announcement-flow';
import { deliverQueuedMail } from '../support/mail';
import { callRoute, getRequest } from '../support/requests';

describe('announcement emails', () => {
  it('sends each member one email of their own, in their language, with relay Reply-To and one-click unsubscribe', async () => {
    const event = await seedEvent();
    const owner = await addStaff(event, 'owner-f1@office.example', 'owner');
    await addMember(event, { email: 'hanako-f1@runner.example', locale: 'ja' });
    await addMember(event, { email: 'ken-f1@runner.example', locale: 'ja' });
    await addMember(event, { email: 'emily-f1@runner.example', locale: 'en' });
    const addresses = [
      'hanako-f1@runner.example',
      'ken-f1@runner.example',
      'emily-f1@runner.example',
    ];
    const id = await createDraft(owner.cookie, event.slug, draftFields(event.channelIds.course));
    expect(
      (await sendAsShown(owner.cookie, event.slug, id, await freeze(owner.cookie, event.slug, id)))
        .status,
    ).toBe(302);
    const mail = (await deliverQueuedMail()).filter((m) => addresses.includes(m.toAddress));

    expect(mail.map((m) => m.toAddress).sort()).toEqual([...addresses].sort());
    const replyTos = new Set<string>();
    for (const message of mail) {
      expect(message.toAddress).not.toMatch(/[,;]/);
      const headers = message.headers as Record<string, string>;
      expect(headers['List-Unsubscribe']).toMatch(
        /^<http:\/\/localhost:3000\/u\/[A-Za-z0-9_-]{43}>$/,
      );
      expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      expect(headers['Auto-Submitted']).toBe('auto-generated');
      expect(message.replyTo).toMatch(/^reply\+[a-z2-7]{32}@relay\.startline\.local$/);
      expect(relayTokenOf(message.replyTo!)).not.toBeNull();
      replyTos.add(message.replyTo!);
      // The visible unsubscribe link is the same one as in the header.
      const link = headers['List-Unsubscribe'].slice(1, -1);
      expect(message.text).toContain(link);
      expect(message.html).toContain(link);
      // Nobody else's address, anywhere in the message.
      const everything = `${message.subject}\n${message.html}\n${message.text}\n${JSON.stringify(headers)}\n${message.replyTo}`;
      for (const other of addresses.filter((a) => a !== message.toAddress))
        expect(everything).not.toContain(other);
      expect(everything).not.toContain('STARTLINE0RECIPIENT0TOKEN');
    }
    expect(replyTos.size).toBe(3);
    const unsubscribeLinks = new Set(
      mail.map((m) => (m.headers as Record<string, string>)['List-Unsubscribe']),
    );
    expect(unsubscribeLinks.size).toBe(3);

    const emily = mail.find((m) => m.toAddress === 'emily-f1@runner.example')!;
    expect(emily.subject).toBe('[Test Marathon] Course change');
    expect(emily.text).toContain('Stop emails from');
    const hanako = mail.find((m) => m.toAddress === 'hanako-f1@runner.example')!;
    expect(hanako.subject).toBe('【テストマラソン】コース変更のお知らせ');
    expect(hanako.text).toContain('メール配信を停止する');
    // Markdown arrives as sanitized HTML with safe links.
    expect(hanako.html).toContain('<strong>5km地点</strong>');
    expect(hanako.html).toContain('rel="noopener noreferrer nofollow"');
  });

  it('skips members who left, deleted their account, turned the channel off or are suppressed', async () => {
    const event = await seedEvent();
    const owner = await addStaff(event, 'owner-f2@office.example', 'owner');
    await addMember(event, { email: 'stays-f2@runner.example' });
    const leaves = await addMember(event, { email: 'leaves-f2@runner.example' });
    const deletes = await addMember(event, { email: 'deletes-f2@runner.example' });
    const quiet = await addMember(event, { email: 'quiet-f2@runner.example' });
    await addMember(event, { email: 'bounced-f2@runner.example' });
    const id = await createDraft(owner.cookie, event.slug, draftFields(event.channelIds.official));
    const snapshotId = await freeze(owner.cookie, event.slug, id);
    expect((await sendAsShown(owner.cookie, event.slug, id, snapshotId)).status).toBe(302);

    // Between the send and the worker: the state the worker must respect.
    await db
      .update(memberships)
      .set({ status: 'left' })
      .where(eq(memberships.id, leaves.membershipId));
    await db.delete(users).where(eq(users.id, deletes.userId));
    await db.insert(channelPreferences).values({
      membershipId: quiet.membershipId,
      channelId: event.channelIds.official,
      emailEnabled: false,
    });
    await suppressAddress({
      email: 'bounced-f2@runner.example',
      reason: 'bounced',
      eventId: event.id,
    });

    const mail = await deliverQueuedMail();
    const to = mail.map((m) => m.toAddress).filter((a) => a.endsWith('-f2@runner.example'));
    expect(to).toEqual(['stays-f2@runner.example']);
    expect(await deliveryCounts(id)).toMatchObject({
      total: 5,
      sent: 1,
      skipped: 4,
      pending: 0,
      failed: 0,
    });
  });

  it('shows filtered announcements only to their audience, and everyone-on-channel ones to all members', async () => {
    const event = await seedEvent();
    const owner = await addStaff(event, 'owner-f3@office.example', 'owner');
    const inside = await addMember(event, { email: 'inside-f3@runner.example', bib: '500' });
    const outside = await addMember(event, { email: 'outside-f3@runner.example', bib: '900' });
    const everyone = await createDraft(
      owner.cookie,
      event.slug,
      draftFields(event.channelIds.official),
    );
    await sendAsShown(
      owner.cookie,
      event.slug,
      everyone,
      await freeze(owner.cookie, event.slug, everyone),
    );
    const filtered = await createDraft(
      owner.cookie,
      event.slug,
      draftFields(event.channelIds.official, {
        audienceMode: 'filter',
        bibFrom: '500',
        bibTo: '500',
        titleJa: '個別のご連絡',
      }),
    );
    await sendAsShown(
      owner.cookie,
      event.slug,
      filtered,
      await freeze(owner.cookie, event.slug, filtered),
    );

    const feedOf = async (m: typeof inside) =>
      (await findEventHome(event.slug, sessionIdOf(m.cookie), { locale: 'ja' }))!.member!.feed;
    const insideFeed = await feedOf(inside);
    const outsideFeed = await feedOf(outside);
    expect(insideFeed.items.map((i) => i.id)).toEqual([filtered, everyone]);
    expect(outsideFeed.items.map((i) => i.id)).toEqual([everyone]);

    const own = await callRoute(
      memberPage.loader,
      getRequest(`/e/${event.slug}/a/${filtered}`, { cookie: inside.cookie }),
      {
        slug: event.slug,
        announcementId: filtered,
      },
    );
    expect(own.status).toBe(200);
    const foreign = await callRoute(
      memberPage.loader,
      getRequest(`/e/${event.slug}/a/${filtered}`, { cookie: outside.cookie }),
      { slug: event.slug, announcementId: filtered },
    );
    expect(foreign.status).toBe(404);
    expect(
      await db
        .select()
        .from(capturedMail)
        .where(eq(capturedMail.toAddress, 'outside-f3@runner.example')),
    ).toHaveLength(0);
  });
});

/**
 * Runners know the race, not "Startline" (issue 15): every email an event sends carries the
 * organizer's name as its From display name, on MAIL_FROM's address. The invitation greets the
 * runner by name (each recipient their own, though a wave renders one email) and tells carrier
 * mail users which domain to allow.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invitations } from '~db/schema';
import { env } from '~/env.server';
import { translate } from '~/i18n/translate';
import { db } from '~/modules/database/database.server';
import {
  personalizeInvitation,
  REMINDER_AFTER_DAYS,
  sendReminders,
} from '~/modules/invitations/invitation-delivery.server';
import { resendInvitation } from '~/modules/invitations/invitee-actions.server';
import { eventSender, mailFromAddress, mailFromDomain } from '~/modules/mail/event-sender.server';
import { inviteSponsorStaff } from '~/modules/sponsors/sponsor-accounts.server';
import { announceToChannel } from '../support/announce-to-channel';
import { addMember, addStaff, seedEvent } from '../support/announcement-fixtures';
import { createEvent, staffOf, upload } from '../fixtures/invitations';
import { mailTo } from '../support/mail';
import { createTestSponsor } from '../support/sponsors';

describe('eventSender', () => {
  it("quotes the organizer's name per RFC 5322 on MAIL_FROM's address", () => {
    const address = mailFromAddress();
    expect(address).toMatch(/^[^<>\s]+@[^<>\s]+$/);
    expect(
      eventSender({ organizerNameJa: '桜マラソン実行委員会', organizerNameEn: 'Sakura' }),
    ).toBe(`"桜マラソン実行委員会" <${address}>`);
    expect(eventSender({ organizerNameJa: '桜', organizerNameEn: 'Sakura Office' }, 'en')).toBe(
      `"Sakura Office" <${address}>`,
    );
    // Quotes and backslashes escaped; a line break (header injection) is folded away.
    const tricky = eventSender({
      organizerNameJa: 'A "B" \\ C\r\nBcc: victim@example.com',
      organizerNameEn: '',
    });
    expect(tricky).toBe(`"A \\"B\\" \\\\ C Bcc: victim@example.com" <${address}>`);
    expect(tricky).not.toMatch(/[\r\n]/);
    // No name at all: MAIL_FROM as configured.
    expect(eventSender({ organizerNameJa: ' ', organizerNameEn: '' })).toBe(env.MAIL_FROM);
  });
});

/** The invitation's greeting in one language, e.g. 山田 太郎 様 / Dear 山田 太郎,. */
const greeting = (lang: 'ja' | 'en', name: string) =>
  translate(lang, 'email.invitation.greeting', { name });

describe('the invitation greeting without a name', () => {
  it('greets all runners rather than "様" alone', () => {
    // The wave renders the greeting with this placeholder for the name.
    const [ja, en] = [
      greeting('ja', 'STARTLINE0INVITEE0NAME'),
      greeting('en', 'STARTLINE0INVITEE0NAME'),
    ];
    const personal = personalizeInvitation(
      { html: `<p>${ja}</p><p>${en}</p>`, text: `${ja}\n${en}` },
      'token',
      '  ',
    );
    const [allJa, allEn] = [
      translate('ja', 'email.invitation.greetingAll'),
      translate('en', 'email.invitation.greetingAll'),
    ];
    expect(personal.html).toBe(`<p>${allJa}</p><p>${allEn}</p>`);
    expect(personal.text).toBe(`${allJa}\n${allEn}`);
    expect(personal.text).not.toContain('STARTLINE0');
  });
});

describe('emails the event sends', () => {
  const organizer = `"テストマラソン実行委員会" <${mailFromAddress()}>`;

  it("announcements come from the organizer's name", async () => {
    const event = await seedEvent();
    const owner = await addStaff(event, `owner@${event.slug}.example`, 'owner');
    await addMember(event, { email: `runner@${event.slug}.example` });
    await announceToChannel(
      {
        user: { id: owner.userId, email: `owner@${event.slug}.example`, locale: 'ja' },
        event: { id: event.id, slug: event.slug, nameJa: '', nameEn: '' },
        role: 'owner',
      },
      event.channelIds.official,
    );
    const [mail] = await mailTo(`runner@${event.slug}.example`);
    expect(mail.fromAddress).toBe(organizer);
  });

  it("sponsor invitations come from the organizer's name", async () => {
    const event = await seedEvent();
    const owner = await addStaff(event, `owner@${event.slug}.example`, 'owner');
    const sponsor = await createTestSponsor(event.id, `first@${event.slug}-shop.example`);
    const result = await inviteSponsorStaff({
      eventId: event.id,
      sponsorId: sponsor.sponsorId,
      email: `clerk@${event.slug}-shop.example`,
      locale: 'ja',
      invitedBy: owner.userId,
    });
    expect(result.ok).toBe(true);
    const [mail] = await mailTo(`clerk@${event.slug}-shop.example`);
    expect(mail.fromAddress).toBe(organizer);
  });
});

describe('the invitation', () => {
  it('greets each runner by name, HTML-escaped, with carrier-mail guidance and the organizer as sender', async () => {
    const event = await createEvent('greeting');
    const owner = await staffOf(event, 'owner@greeting.example', 'owner');
    const csv = [
      'email,name,bib',
      'taro@greeting.example,山田 太郎,1',
      'tom@greeting.example,Tom & <Jerry>,2',
    ].join('\n');
    expect((await upload(event.slug, csv, owner.cookie)).status).toBe(302);
    const sender = `"テスト大会実行委員会" <${mailFromAddress()}>`;

    const [taro] = await mailTo('taro@greeting.example');
    expect(taro.fromAddress).toBe(sender);
    expect(taro.html).toContain(greeting('ja', '山田 太郎'));
    expect(taro.html).toContain(greeting('en', '山田 太郎'));
    expect(taro.text).toContain(greeting('ja', '山田 太郎'));
    // One content for the wave, but nobody sees another runner's name.
    expect(taro.html).not.toContain('Jerry');

    const [tom] = await mailTo('tom@greeting.example');
    expect(tom.html).toContain(greeting('ja', 'Tom &amp; &lt;Jerry&gt;'));
    expect(tom.html).not.toContain('<Jerry>');
    expect(tom.text).toContain(greeting('ja', 'Tom & <Jerry>'));
    expect(tom.html).not.toContain('山田');

    for (const mail of [taro, tom]) {
      // The text part wraps long lines at spaces, so it is checked by heading and domain.
      const carrier = (lang: 'ja' | 'en') =>
        translate(lang, 'email.invitation.carrier', { domain: mailFromDomain() });
      expect(mail.html).toContain(carrier('ja'));
      expect(mail.html).toContain(carrier('en'));
      for (const part of [mail.html, mail.text]) {
        expect(part).not.toContain('STARTLINE0');
        expect(part).toContain(translate('ja', 'email.invitation.carrierHeading'));
        expect(part).toContain(mailFromDomain());
      }
    }

    // Sent again from the invitations page: the same greeting and sender.
    const [row] = await db
      .select({ id: invitations.id })
      .from(invitations)
      .where(eq(invitations.email, 'taro@greeting.example'));
    const resent = await resendInvitation({
      eventId: event.id,
      actorUserId: owner.userId,
      invitationId: row.id,
    });
    expect(resent.ok).toBe(true);
    const mails = await mailTo('taro@greeting.example');
    expect(mails).toHaveLength(2);
    expect(mails[1].fromAddress).toBe(sender);
    expect(mails[1].html).toContain(greeting('ja', '山田 太郎'));
    expect(mails[1].text).not.toContain('STARTLINE0');

    // The one reminder, days later: the same sender, its own greeting.
    const [tomRow] = await db
      .select({ id: invitations.id })
      .from(invitations)
      .where(eq(invitations.email, 'tom@greeting.example'));
    await db
      .update(invitations)
      .set({ sentAt: new Date(Date.now() - (REMINDER_AFTER_DAYS + 1) * 86_400_000) })
      .where(eq(invitations.id, tomRow.id));
    expect(await sendReminders([tomRow.id])).toBe(1);
    const tomMails = await mailTo('tom@greeting.example');
    expect(tomMails).toHaveLength(2);
    expect(tomMails[1].fromAddress).toBe(sender);
    expect(tomMails[1].html).toContain(greeting('ja', 'Tom &amp; &lt;Jerry&gt;'));
  });
});

import { count, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events, invitations, joinConfirmations, memberships, outboundEmails } from '~db/schema';
import { translate } from '~/i18n/translate';
import { db } from '~/modules/database/database.server';
import {
  remindInvitationsQueue,
  REMINDER_AFTER_DAYS,
} from '~/modules/invitations/invitation-delivery.server';
import * as eventRoute from '~/routes/e.$slug._index';
import { createUser } from '../support/auth';
import { mailTo } from '../support/mail';
import { anchorsIn, createDocumentHandler } from '../support/remix-document';
import { APP_ORIGIN, callRoute, formRequest, testContext } from '../support/requests';
import { createEvent, staffOf, stateCounts, upload } from '../fixtures/invitations';

/**
 * Mail security scanners (and link previews, and curious colleagues) open every link in an
 * email — GET and HEAD, without cookies — and often the links on the pages those lead to.
 * In the Fukui incident one such click counted as consent. Here a scanner does exactly that
 * to every email of the invitation and join flows; afterwards nothing may have changed.
 */
describe('a mail scanner following every link', () => {
  it('creates no user, membership, consent, session or suppression, and changes no invitation', async () => {
    const event = await createEvent('scanner');
    const owner = await staffOf(event, 'owner@scanner.example', 'owner');
    const addresses = ['invitee@scanner.example', 'reminded@scanner.example'];
    const csv = ['email,name,bib', ...addresses.map((a, i) => `${a},Runner ${i},${i}`)].join('\n');
    expect((await upload(event.slug, csv, owner.cookie)).status).toBe(302);
    await mailTo(addresses[0]);

    // The reminder (3 days later), a join-by-code confirmation, and the answers to an
    // already-member and an unknown address.
    const ids = (
      await db
        .select({ id: invitations.id })
        .from(invitations)
        .where(eq(invitations.eventId, event.id))
    ).map((r) => r.id);
    await db
      .update(invitations)
      .set({ sentAt: new Date(Date.now() - REMINDER_AFTER_DAYS * 86_400_000 - 60_000) })
      .where(eq(invitations.email, 'reminded@scanner.example'));
    await remindInvitationsQueue.handler({ invitationIds: ids });
    const memberId = await createUser('member@scanner.example');
    await db
      .insert(memberships)
      .values({ id: 'm-scan', eventId: event.id, userId: memberId, aliasNumber: 7777 });
    for (const [i, email] of [
      'invitee@scanner.example',
      'member@scanner.example',
      'nobody@scanner.example',
    ].entries()) {
      const asked = await callRoute(
        eventRoute.action,
        formRequest(`/e/${event.slug}`, { email }),
        { slug: event.slug },
        testContext({ clientIp: `192.0.2.${i + 1}` }),
      );
      expect(asked.status).toBe(200);
    }

    const emails = [
      ...(await mailTo('invitee@scanner.example')),
      ...(await mailTo('reminded@scanner.example')),
      ...(await mailTo('member@scanner.example')),
      ...(await mailTo('nobody@scanner.example')),
    ];
    const [name] = await db
      .select({ ja: events.nameJa, en: events.nameEn })
      .from(events)
      .where(eq(events.id, event.id));
    // The invitation and its reminder are bilingual; the answers to the event page are in
    // the page's language, Japanese here.
    const bilingual = (key: 'email.invitation.subject' | 'email.invitationReminder.subject') =>
      `${translate('ja', key, { event: name.ja })} / ${translate('en', key, { event: name.en })}`;
    expect(emails.map((m) => m.subject)).toEqual([
      bilingual('email.invitation.subject'),
      translate('ja', 'email.joinConfirmation.subject', { event: name.ja }),
      bilingual('email.invitation.subject'),
      bilingual('email.invitationReminder.subject'),
      translate('ja', 'email.joinAlreadyMember.subject', { event: name.ja }),
      translate('ja', 'email.joinNotOnList.subject', { event: name.ja }),
    ]);
    const fromEmails = new Set<string>();
    for (const email of emails) {
      for (const match of `${email.html}\n${email.text}`.matchAll(/https?:\/\/[^\s"'<>)\]]+/g)) {
        const link = match[0].replace(/&amp;/g, '&');
        if (link.startsWith(APP_ORIGIN)) fromEmails.add(link.slice(APP_ORIGIN.length));
      }
    }
    // invitation (join + decline) ×2, reminder (join + decline), confirmation, sign-in link
    expect(fromEmails.size).toBe(8);

    const render = await createDocumentHandler([
      '_index.tsx',
      'sign-in.tsx',
      'sign-in_.code.$challengeId.tsx',
      'join.$token.tsx',
      'join.$token.decline.tsx',
      'e.$slug._index.tsx',
      'e.$slug.confirm.$token.tsx',
    ]);
    const before = await snapshot(event.id);

    const visited = new Map<string, number>();
    const queue = [...fromEmails].map((path) => ({ path, depth: 0 }));
    while (queue.length > 0) {
      const { path, depth } = queue.shift()!;
      if (visited.has(path)) continue;
      for (const method of ['HEAD', 'GET'] as const) {
        const response = await render(
          new Request(`${APP_ORIGIN}${path}`, {
            method,
            headers: {
              'User-Agent': 'Mozilla/5.0 (compatible; SafeLinks-Scanner/1.0)',
              Accept: 'text/html',
            },
          }),
        );
        expect(response.status, `${method} ${path}`).toBeLessThan(500);
        expect(response.headers.get('Set-Cookie'), `${method} ${path}`).toBeNull();
        if (method === 'HEAD') continue;
        visited.set(path, response.status);
        const next = response.headers.get('Location');
        const html = response.headers.get('Content-Type')?.includes('text/html')
          ? await response.text()
          : '';
        if (depth < 2) {
          for (const href of [...(next ? [next] : []), ...anchorsIn(html)]) {
            if (href.startsWith('/') && !href.startsWith('//') && !visited.has(href))
              queue.push({ path: href, depth: depth + 1 });
          }
        }
      }
    }
    // Every link in the emails leads to a working page (a scanner sees what a person sees).
    for (const path of fromEmails) expect(visited.get(path), path).toBe(200);
    // …and the scanner went beyond them, to the pages linked from there.
    expect([...visited.keys()].some((p) => p.endsWith('/decline'))).toBe(true);
    expect([...visited.keys()]).toContain('/sign-in');
    expect(visited.size).toBeGreaterThan(fromEmails.size);

    expect(await snapshot(event.id)).toEqual(before);
  });
});

async function snapshot(eventId: string) {
  const statuses = await db
    .select({
      email: invitations.email,
      status: invitations.status,
      remindedAt: invitations.remindedAt,
    })
    .from(invitations)
    .where(eq(invitations.eventId, eventId))
    .orderBy(invitations.email);
  const confirmations = await db
    .select({ usedAt: joinConfirmations.usedAt })
    .from(joinConfirmations)
    .where(inArray(joinConfirmations.eventId, [eventId]));
  const [{ n: emails }] = await db.select({ n: count() }).from(outboundEmails);
  return { ...(await stateCounts()), statuses, confirmations, emails };
}

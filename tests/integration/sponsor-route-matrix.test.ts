import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimOffer } from '~/modules/sponsors/offer-claims.server';
import { redeemCode } from '~/modules/sponsors/till.server';
import { saveNotice } from '~/modules/sponsors/sponsor-notices.server';
import * as staffSponsorsRoute from '~/routes/staff.$slug.sponsors._index';
import { sessionCookieFor } from '../support/auth';
import { addMember, createTestEvent } from '../support/events';
import { mailTo } from '../support/mail';
import { callRoute, formRequest, getRequest } from '../support/requests';
import { createLiveOffer, createTestSponsor } from '../support/sponsors';

/**
 * A signed-in sponsor reaches nothing but the sponsor console: a matrix over the route
 * manifest (every file in app/routes, so routes added later join it automatically). Member,
 * staff, inbox, video and audit routes answer 403 or 404 to every loader and action; every
 * other answer a sponsor can get — their console, public pages, their emails — contains no
 * member's email address, name, bib, alias or membership id.
 */

const ROUTES_DIR = path.resolve(__dirname, '../../app/routes');

// Development-only pages (absent in production; tested with the mailbox itself).
const DEV_ONLY = /^dev\./;
// Pages for members, organizer staff, inboxes, videos and audit logs.
const PRIVATE = /^(staff\.|e\.\$slug|media\.|inbox|audit)|\.(audit|inbox|videos?)(\.|$)/;
// Public pages: links from emails (join, decline, confirm, unsubscribe) and the event's own
// landing page, which shows a non-member only the event and "join by event code".
const PUBLIC_LINK = /(^|\.)(join|decline|confirm|u|unsubscribe)(\.|$)|^e\.\$slug\._index\.tsx$/;

const member = {
  email: 'hanako.yamada@runner-mail.example',
  name: 'Zelda Quartermain',
  bib: 'B-7731',
  alias: 48213,
};
const other = {
  email: 'ken.sato@runner-mail.example',
  name: '佐藤 健太郎',
  bib: 'B-9902',
  alias: 48214,
};

let slug = '';
let eventId = '';
let sponsor: Awaited<ReturnType<typeof createTestSponsor>>;
let secrets: string[] = [];
const ids: Record<string, string> = {};

beforeAll(async () => {
  const event = await createTestEvent('matrix-race');
  ({ slug, eventId } = event);
  const a = await addMember(eventId, member.email, {
    name: member.name,
    bib: member.bib,
    aliasNumber: member.alias,
  });
  const b = await addMember(eventId, other.email, {
    name: other.name,
    bib: other.bib,
    aliasNumber: other.alias,
  });
  sponsor = await createTestSponsor(eventId, 'console@matrix-sports.example');
  const offerId = await createLiveOffer({ sponsor, ownerUserId: event.owner.userId, codes: 10 });
  const claimA = await claimOffer(eventId, a.membershipId, offerId);
  const claimB = await claimOffer(eventId, b.membershipId, offerId);
  if (!claimA.ok || !claimB.ok) throw new Error('claims failed');
  await redeemCode(sponsor.sponsorId, eventId, claimA.code);
  const notice = await saveNotice({
    sponsorId: sponsor.sponsorId,
    eventId,
    userId: sponsor.userId,
    data: { titleJa: 'お知らせ', titleEn: 'Notice', bodyJa: '本文', bodyEn: 'Body' },
    submit: true,
  });
  Object.assign(ids, {
    slug,
    sponsorId: sponsor.sponsorId,
    offerId,
    noticeId: notice.id,
    membershipId: a.membershipId,
  });
  secrets = [
    member.email,
    other.email,
    member.name,
    other.name,
    member.bib,
    other.bib,
    String(member.alias),
    String(other.alias),
    a.membershipId,
    b.membershipId,
    a.userId,
    b.userId,
  ];
});

function paramsFor(file: string) {
  const params: Record<string, string> = {};
  for (const match of file.matchAll(/\$(\w+)/g))
    params[match[1]] = ids[match[1]] ?? 'zzNotARealId000000000A';
  return params;
}

function urlFor(file: string, params: Record<string, string>) {
  const segments = file
    .replace(/\.tsx?$/, '')
    .split('.')
    .filter((s) => s !== '_index' && !s.startsWith('_'))
    .map((s) => (s.startsWith('$') ? params[s.slice(1)] : s.replace(/^\[(.*)\]$/, '$1')));
  return `/${segments.join('/')}`;
}

function expectNoSecrets(where: string, text: string) {
  for (const secret of secrets) {
    if (text.includes(secret)) throw new Error(`${where} contains a member's data: ${secret}`);
  }
}

const routeFiles = readdirSync(ROUTES_DIR)
  .filter((f) => /\.tsx?$/.test(f) && !DEV_ONLY.test(f))
  .sort();

describe('a signed-in sponsor against the route manifest', () => {
  it('covers a manifest that includes the sponsor console, member, staff, video and audit routes', () => {
    expect(routeFiles.some((f) => f.startsWith('sponsor.'))).toBe(true);
    expect(
      routeFiles.filter((f) => PRIVATE.test(f) && !PUBLIC_LINK.test(f)).length,
    ).toBeGreaterThan(10);
  });

  for (const file of routeFiles) {
    it(`${file}: ${PRIVATE.test(file) && !PUBLIC_LINK.test(file) ? '403/404' : 'no member data'}`, async () => {
      const route = (await import(/* @vite-ignore */ path.join(ROUTES_DIR, file))) as {
        loader?: Parameters<typeof callRoute>[0];
        action?: Parameters<typeof callRoute>[0];
      };
      const params = paramsFor(file);
      const url = urlFor(file, params);
      const mustDeny = PRIVATE.test(file) && !PUBLIC_LINK.test(file);
      const own = file.startsWith('sponsor.');
      // A fresh session per call: a public action such as sign-out must not end the next one's.
      if (route.loader) {
        const cookie = await sessionCookieFor(sponsor.userId);
        const response = await callRoute(route.loader, getRequest(url, { cookie }), params);
        if (mustDeny) expect([403, 404], `${file} loader`).toContain(response.status);
        else expect(response.status, `${file} loader`).toBeLessThan(500);
        // The console answers (an offer without an image has no image to serve; the console's
        // catch-all `$` route is there to answer 404).
        if (own)
          expect(
            [200, 302, ...(file.endsWith('.image.tsx') || file.endsWith('.$.tsx') ? [404] : [])],
            `${file} loader`,
          ).toContain(response.status);
        expectNoSecrets(
          `${file} loader`,
          `${JSON.stringify([...response.headers])}\n${await response.text()}`,
        );
      }
      if (route.action && !own) {
        const cookie = await sessionCookieFor(sponsor.userId);
        const fields = {
          intent: 'claim',
          decision: 'approve',
          version: '1',
          comment: 'x',
          email: 'x@example.com',
          code: 'ABCD',
        };
        const response = await callRoute(
          route.action,
          formRequest(url, fields, { cookie }),
          params,
        );
        if (mustDeny) expect([403, 404], `${file} action`).toContain(response.status);
        else expect(response.status, `${file} action`).toBeLessThan(500);
        expectNoSecrets(
          `${file} action`,
          `${JSON.stringify([...response.headers])}\n${await response.text()}`,
        );
      }
    });
  }

  it('sends sponsor staff an invitation that holds nothing about any member', async () => {
    const event = await createTestEvent('matrix-third');
    await callRoute(
      staffSponsorsRoute.action,
      formRequest(
        `/staff/${event.slug}/sponsors`,
        {
          nameJa: 'マトリクス',
          nameEn: 'Matrix',
          email: 'new-clerk@matrix-sports.example',
          locale: 'ja',
        },
        { cookie: event.owner.cookie },
      ),
      { slug: event.slug },
    );
    const mail = await mailTo('new-clerk@matrix-sports.example');
    expect(mail).toHaveLength(1);
    expectNoSecrets('invitation email', `${mail[0].subject}\n${mail[0].html}\n${mail[0].text}`);
    const sponsorMail = await mailTo(sponsor.email);
    for (const message of sponsorMail)
      expectNoSecrets('email to sponsor', `${message.html}\n${message.text}`);
  });
});

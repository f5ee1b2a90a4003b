import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import {
  channelPreferences,
  channels,
  consentRecords,
  consentTexts,
  invitations,
  memberships,
  suppressions,
  users,
} from '~db/schema';
import { getSessionUser } from '~/modules/auth/session.server';
import { db } from '~/modules/database/database.server';
import { CURRENT_CONSENT_VERSION } from '~/modules/membership/consent-text.server';
import { suppressionHash } from '~/modules/invitations/suppression.server';
import { recordsHmac } from '~/modules/security/tokens.server';
import * as declineRoute from '~/routes/join.$token.decline';
import * as joinRoute from '~/routes/join.$token';
import * as oneClickRoute from '~/routes/u.invitation.$token';
import { createUser, sessionCookieFor } from '../support/auth';
import { lastMailTo, mailTo } from '../support/mail';
import { createDocumentHandler } from '../support/remix-document';
import {
  callRoute,
  cookieFrom,
  formRequest,
  getRequest,
  jsonOf,
  testContext,
} from '../support/requests';
import {
  createEvent,
  importResult,
  inviteOne,
  joinForm,
  membershipsOf,
  staffOf,
  stateCounts,
  upload,
} from '../fixtures/invitations';

let event: { id: string; slug: string };
let owner: { userId: string; cookie: string };
let render: Awaited<ReturnType<typeof createDocumentHandler>>;

beforeAll(async () => {
  event = await createEvent('join-test');
  owner = await staffOf(event, 'owner@join-test.example', 'owner');
  render = await createDocumentHandler(['join.$token.tsx', 'join.$token.decline.tsx']);
});

const join = (
  token: string,
  fields: Record<string, string>,
  options: { cookie?: string; lang?: string; ua?: string } = {},
) =>
  callRoute(
    joinRoute.action,
    formRequest(`/join/${token}`, fields, {
      cookie: options.cookie,
      headers: {
        'Accept-Language': options.lang ?? 'ja',
        'User-Agent': options.ua ?? 'TestBrowser/1.0',
      },
    }),
    { token },
    testContext({ clientIp: '198.51.100.23' }),
  );

describe('the join page from an invitation', () => {
  it('shows the explanation, the stored-version consent text and an unticked box, and a GET or HEAD creates nothing', async () => {
    const { token } = await inviteOne(event, owner.cookie, 'look@join.example', '見る 太郎', '77');
    const before = await stateCounts();
    for (const method of ['GET', 'HEAD'] as const) {
      const response = await callRoute(joinRoute.loader, getRequest(`/join/${token}`, { method }), {
        token,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('Set-Cookie')).toBeNull();
    }
    const page = await render(
      getRequest(`/join/${token}`, { headers: { 'Accept-Language': 'ja' } }),
    );
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('テスト大会実行委員会');
    expect(html).toContain(
      translate('ja', 'invitations.join.consentVersion', { version: CURRENT_CONSENT_VERSION }),
    );
    expect(html).toContain('協賛社が私について知ることはありません');
    const checkbox = html.match(/<input[^>]*type="checkbox"[^>]*>/)?.[0] ?? '';
    expect(checkbox).toContain('name="consent"');
    expect(checkbox).not.toMatch(/checked/);
    expect(html).toContain('method="post"');
    // Nothing about the invitee on a page any link-holder can open.
    expect(html).not.toContain('look@join.example');
    expect(html).not.toContain('見る 太郎');

    const english = await (
      await render(getRequest(`/join/${token}`, { headers: { 'Accept-Language': 'en' } }))
    ).text();
    expect(english).toContain('Sponsors learn nothing about me');
    expect(await stateCounts()).toEqual(before);
  });

  it('refuses a join without the box ticked with 400 and creates nothing', async () => {
    const { token } = await inviteOne(event, owner.cookie, 'unticked@join.example');
    const before = await stateCounts();
    for (const consent of [undefined, '', 'no', 'on']) {
      const response = await join(token, joinForm({ consent }));
      expect(response.status).toBe(400);
      expect(response.headers.get('Set-Cookie')).toBeNull();
      const reply = await jsonOf<{ submission: { error: Record<string, string[]> } }>(response);
      expect(reply.submission.error.consent).toEqual(['invitations.join.notTicked']);
    }
    expect(await stateCounts()).toEqual(before);
    const [invitation] = await db
      .select({ status: invitations.status })
      .from(invitations)
      .where(eq(invitations.email, 'unticked@join.example'));
    expect(invitation.status).toBe('pending');
  });

  it('joins on the ticked POST: user, membership, default channels, consent evidence and a session in one go — once', async () => {
    const { token } = await inviteOne(
      event,
      owner.cookie,
      'joiner@join.example',
      '参加 花子',
      '1024',
    );
    const response = await join(token, joinForm({ consent: 'yes', consentLocale: 'en' }), {
      lang: 'en',
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`/e/${event.slug}?joined=1`);
    const cookie = cookieFrom(response)!;
    expect((await getSessionUser(getRequest('/', { cookie })))?.email).toBe('joiner@join.example');

    const [user] = await db.select().from(users).where(eq(users.email, 'joiner@join.example'));
    expect(user.locale).toBe('en');
    const [membership] = await db.select().from(memberships).where(eq(memberships.userId, user.id));
    expect(membership).toMatchObject({
      eventId: event.id,
      status: 'active',
      name: '参加 花子',
      bib: '1024',
    });
    expect(membership.aliasNumber).toBeGreaterThanOrEqual(1000);
    expect(membership.aliasNumber).toBeLessThanOrEqual(99_999);

    const prefs = await db
      .select({ slug: channels.slug, on: channelPreferences.emailEnabled })
      .from(channelPreferences)
      .innerJoin(channels, eq(channels.id, channelPreferences.channelId))
      .where(eq(channelPreferences.membershipId, membership.id));
    expect(prefs.map((p) => p.slug).sort()).toEqual(['official', 'sponsors']);
    expect(prefs.every((p) => p.on)).toBe(true);

    const [consent] = await db
      .select()
      .from(consentRecords)
      .where(eq(consentRecords.userId, user.id));
    expect(consent).toMatchObject({
      eventId: event.id,
      action: 'granted',
      method: 'invitation',
      consentVersion: CURRENT_CONSENT_VERSION,
      consentLocale: 'en',
      ipHash: recordsHmac('consent-ip', '198.51.100.23'),
      userAgentHash: recordsHmac('consent-user-agent', 'TestBrowser/1.0'),
    });
    expect(JSON.stringify(consent)).not.toContain('198.51.100.23');
    const [stored] = await db
      .select()
      .from(consentTexts)
      .where(and(eq(consentTexts.version, CURRENT_CONSENT_VERSION), eq(consentTexts.locale, 'en')));
    expect(stored.body).toContain('Sponsors learn nothing about me');

    const [invitation] = await db
      .select()
      .from(invitations)
      .where(eq(invitations.email, 'joiner@join.example'));
    expect(invitation.status).toBe('joined');
    const welcome = await lastMailTo('joiner@join.example');
    expect(welcome.subject).toContain('You have joined');
    expect(welcome.text).toMatch(/Runner #\d{4,5}/);

    // The same form again (a double click, a back button): still one membership, one consent.
    const again = await join(token, joinForm({ consent: 'yes' }));
    expect(again.status).toBe(410);
    expect(await membershipsOf('joiner@join.example')).toHaveLength(1);
    expect(
      await db.select().from(consentRecords).where(eq(consentRecords.userId, user.id)),
    ).toHaveLength(1);
    // Opening the used link while signed in as the member just leads home.
    const home = await callRoute(joinRoute.loader, getRequest(`/join/${token}`, { cookie }), {
      token,
    });
    expect(home.status).toBe(302);
    expect(home.headers.get('Location')).toBe(`/e/${event.slug}`);
  });

  it('answers expired, revoked, used and unknown links with the same page and status, naming nobody', async () => {
    const expired = await inviteOne(event, owner.cookie, 'expired@join.example', '期限 切子');
    const revoked = await inviteOne(event, owner.cookie, 'revoked@join.example', '取消 次郎');
    const used = await inviteOne(event, owner.cookie, 'used@join.example', '使用 済子');
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.email, 'expired@join.example'));
    await db
      .update(invitations)
      .set({ status: 'revoked' })
      .where(eq(invitations.email, 'revoked@join.example'));
    expect((await join(used.token, joinForm({ consent: 'yes' }))).status).toBe(302);
    const unknown = 'A'.repeat(43);

    const pages: string[] = [];
    for (const token of [expired.token, revoked.token, used.token, unknown, 'short', '../../etc']) {
      const response = await render(getRequest(`/join/${encodeURIComponent(token)}`));
      expect(response.status).toBe(410);
      const html = (await response.text())
        .replace(/nonce="[^"]*"/g, '')
        .replace(/\/join\/[^"]*/g, '');
      expect(html).toContain(translate('ja', 'invitations.gone.title'));
      expect(html).not.toMatch(/期限 切子|取消 次郎|使用 済子|@join\.example|テスト大会/);
      pages.push(html.slice(html.indexOf('<main')));
    }
    expect(new Set(pages.slice(0, 4)).size).toBe(1);

    const before = await stateCounts();
    for (const token of [expired.token, revoked.token, unknown]) {
      const response = await join(token, joinForm({ consent: 'yes' }));
      expect(response.status).toBe(410);
      expect(response.headers.get('Set-Cookie')).toBeNull();
    }
    expect(await stateCounts()).toEqual(before);
  });

  it('never signs a forwarded invitation into an account that already exists', async () => {
    const existingId = await createUser('existing@join.example');
    const { token } = await inviteOne(event, owner.cookie, 'existing@join.example');
    const page = await jsonOf<{ mustSignInFirst: boolean }>(
      await callRoute(joinRoute.loader, getRequest(`/join/${token}`), { token }),
    );
    expect(page.mustSignInFirst).toBe(true);

    const before = await stateCounts();
    const refused = await join(token, joinForm({ consent: 'yes' }));
    expect(refused.status).toBe(403);
    expect(refused.headers.get('Set-Cookie')).toBeNull();
    expect(await stateCounts()).toEqual(before);

    // Someone else's session does not help either.
    const other = await sessionCookieFor(await createUser('someone-else@join.example'));
    expect((await join(token, joinForm({ consent: 'yes' }), { cookie: other })).status).toBe(403);

    // Signed in as that account (by code), the same button works and keeps the session.
    const own = await sessionCookieFor(existingId);
    const joined = await join(token, joinForm({ consent: 'yes' }), { cookie: own });
    expect(joined.status).toBe(302);
    expect(joined.headers.get('Set-Cookie')).toBeNull();
    expect(await membershipsOf('existing@join.example')).toHaveLength(1);
  });

  it('asks the person to read again when the consent text changed since the page was shown', async () => {
    const { token } = await inviteOne(event, owner.cookie, 'outdated@join.example');
    const before = await stateCounts();
    const response = await join(token, joinForm({ consent: 'yes', consentVersion: '2020-01-01' }));
    expect(response.status).toBe(409);
    expect(await stateCounts()).toEqual(before);
  });
});

describe('"don\'t invite me again"', () => {
  it('changes nothing on GET; its POST suppresses the address, erases it from the invitation, and later uploads skip it', async () => {
    const { token } = await inviteOne(
      event,
      owner.cookie,
      'Decliner@join.example',
      '辞退 三郎',
      '303',
    );
    const before = await stateCounts();
    for (const method of ['GET', 'HEAD'] as const) {
      const page = await render(getRequest(`/join/${token}/decline`, { method }));
      expect(page.status).toBe(200);
    }
    const html = await (await render(getRequest(`/join/${token}/decline`))).text();
    expect(html).toContain(translate('ja', 'invitations.decline.submit'));
    expect(html).not.toContain('辞退 三郎');
    expect(await stateCounts()).toEqual(before);

    const response = await callRoute(
      declineRoute.action,
      formRequest(`/join/${token}/decline`, {}),
      { token },
    );
    expect(response.status).toBe(200);
    expect(await jsonOf(response)).toEqual({ declined: true });
    const [suppression] = await db
      .select()
      .from(suppressions)
      .where(
        and(
          eq(suppressions.eventId, event.id),
          eq(suppressions.emailHash, suppressionHash('decliner@join.example')),
        ),
      );
    expect(suppression.reason).toBe('declined');
    const rows = await db.select().from(invitations).where(eq(invitations.eventId, event.id));
    const declined = rows.find((r) => r.status === 'declined')!;
    expect(declined.name).toBe('');
    expect(JSON.stringify(rows)).not.toContain('decliner@join.example');

    // Declining twice is fine; joining with the declined link is not possible.
    expect(
      (await callRoute(declineRoute.action, formRequest(`/join/${token}/decline`, {}), { token }))
        .status,
    ).toBe(200);
    const joinPage = await jsonOf<{ view: string }>(
      await callRoute(joinRoute.loader, getRequest(`/join/${token}`), { token }),
    );
    expect(joinPage.view).toBe('declined');
    expect((await join(token, joinForm({ consent: 'yes' }))).status).toBe(410);

    const summary = await importResult(
      event.slug,
      await upload(
        event.slug,
        'email,name,bib\ndecliner@join.example,辞退 三郎,303\n',
        owner.cookie,
      ),
      owner.cookie,
    );
    expect(summary).toMatchObject({ created: 0, suppressed: 1 });
    expect(
      (await mailTo('decliner@join.example')).filter((m) => m.subject.includes('ご案内')),
    ).toHaveLength(1);
  });

  it("honours a mail client's one-click unsubscribe (RFC 8058) without cookies or Origin; a GET only leads to the page", async () => {
    const { mail } = await inviteOne(
      event,
      owner.cookie,
      'oneclick@join.example',
      'ワンクリック',
      '404',
    );
    expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const target = /^<(https?:\/\/[^>]+)>$/.exec(mail.headers['List-Unsubscribe'])![1];
    const { pathname } = new URL(target);
    const token = /^\/u\/invitation\/([\w-]{43})$/.exec(pathname)![1];
    const before = await stateCounts();

    const page = await callRoute(oneClickRoute.loader, getRequest(pathname), { token });
    expect(page.status).toBe(302);
    expect(page.headers.get('Location')).toBe(`/join/${token}/decline`);
    // Anything but the RFC 8058 body is refused, and writes nothing.
    const bare = new Request(`http://localhost${pathname}`, {
      method: 'POST',
      body: new FormData(),
    });
    expect((await callRoute(oneClickRoute.action, bare, { token })).status).toBe(400);
    expect(await stateCounts()).toEqual(before);

    const body = new FormData();
    body.set('List-Unsubscribe', 'One-Click');
    const response = await callRoute(
      oneClickRoute.action,
      new Request(`http://localhost${pathname}`, { method: 'POST', body }),
      { token },
    );
    expect(response.status).toBe(200);
    expect(await jsonOf(response)).toMatchObject({ done: true });
    const [suppression] = await db
      .select()
      .from(suppressions)
      .where(
        and(
          eq(suppressions.eventId, event.id),
          eq(suppressions.emailHash, suppressionHash('oneclick@join.example')),
        ),
      );
    expect(suppression.reason).toBe('declined');
    const joinPage = await jsonOf<{ view: string }>(
      await callRoute(joinRoute.loader, getRequest(`/join/${token}`), { token }),
    );
    expect(joinPage.view).toBe('declined');
  });

  it('answers an unknown decline link with the same dead-link page and writes nothing', async () => {
    const before = await stateCounts();
    const token = 'B'.repeat(43);
    expect((await render(getRequest(`/join/${token}/decline`))).status).toBe(410);
    expect(
      (await callRoute(declineRoute.action, formRequest(`/join/${token}/decline`, {}), { token }))
        .status,
    ).toBe(410);
    expect(await stateCounts()).toEqual(before);
  });
});

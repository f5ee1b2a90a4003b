import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { consentRecords, invitations, joinConfirmations, memberships, users } from '~db/schema';
import { getSessionUser } from '~/modules/auth/session.server';
import { db } from '~/modules/database/database.server';
import * as confirmRoute from '~/routes/e.$slug.confirm.$token';
import * as eventRoute from '~/routes/e.$slug._index';
import * as declineRoute from '~/routes/join.$token.decline';
import { createUser, sessionCookieFor } from '../support/auth';
import { lastMailTo, linksIn, mailTo } from '../support/mail';
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
  inviteOne,
  joinForm,
  membershipsOf,
  staffOf,
  stateCounts,
} from '../fixtures/invitations';

/** The action's refusal: Conform's reply, errors as message keys (translated when rendered). */
type FormReply = {
  submission: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
};

let event: { id: string; slug: string };
let owner: { userId: string; cookie: string };
let render: Awaited<ReturnType<typeof createDocumentHandler>>;

beforeAll(async () => {
  event = await createEvent('code-test');
  owner = await staffOf(event, 'owner@code-test.example', 'owner');
  render = await createDocumentHandler(['e.$slug._index.tsx', 'e.$slug.confirm.$token.tsx']);
});

const ask = (email: string, options: { ip?: string; lang?: string } = {}) =>
  callRoute(
    eventRoute.action,
    formRequest(
      `/e/${event.slug}`,
      { email },
      { headers: { 'Accept-Language': options.lang ?? 'ja' } },
    ),
    { slug: event.slug },
    testContext({ clientIp: options.ip ?? '192.0.2.1' }),
  );

async function confirmTokenFor(email: string) {
  const mail = await lastMailTo(email);
  const link = linksIn(mail).find((l) => l.includes('/confirm/'));
  if (!link) throw new Error('no confirmation link');
  return new URL(link).pathname.split('/').pop()!;
}

const confirm = (token: string, fields: Record<string, string>, cookie?: string) =>
  callRoute(
    confirmRoute.action,
    formRequest(`/e/${event.slug}/confirm/${token}`, fields, { cookie }),
    { slug: event.slug, token },
  );

describe('joining by event code', () => {
  it('shows visitors the community and an email field, and answers every address the same way', async () => {
    const page = await render(getRequest(`/e/${event.slug}`));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('テスト大会 code-test');
    expect(html).toMatch(/<input[^>]*name="email"/);

    // On the list (invitation lost), already a member, and unknown: identical answers.
    await inviteOne(event, owner.cookie, 'listed@code.example');
    const memberId = await createUser('member@code.example');
    await db
      .insert(memberships)
      .values({ id: 'm-code', eventId: event.id, userId: memberId, aliasNumber: 4242 });
    const before = await stateCounts();
    const answers = [];
    for (const email of ['listed@code.example', 'member@code.example', 'stranger@code.example']) {
      const response = await ask(email, { ip: `192.0.2.${answers.length + 10}` });
      answers.push({
        status: response.status,
        body: await response.text(),
        cookie: response.headers.get('Set-Cookie'),
      });
    }
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers.every((a) => a.cookie === null)).toBe(true);
    expect(await stateCounts()).toEqual(before);

    // Only the mailboxes differ.
    expect((await lastMailTo('listed@code.example')).subject).toContain('参加のご確認');
    expect((await lastMailTo('member@code.example')).subject).toContain('すでに');
    const appLinks = (m: { html: string; text: string }) =>
      linksIn(m).filter((l) => l.startsWith('http://localhost:3000'));
    expect(appLinks(await lastMailTo('member@code.example'))).toEqual([
      `http://localhost:3000/sign-in?next=${encodeURIComponent(`/e/${event.slug}`)}`,
    ]);
    expect((await lastMailTo('stranger@code.example')).subject).toContain('お申し込みについて');
    expect(appLinks(await lastMailTo('stranger@code.example'))).toEqual([]);
  });

  it("joins only on the confirmation page's ticked POST, with method event_code, and only once", async () => {
    await inviteOne(event, owner.cookie, 'lost@code.example', '紛失 一郎', '808');
    await ask('LOST@code.example', { ip: '192.0.2.40', lang: 'en' });
    const token = await confirmTokenFor('lost@code.example');

    const before = await stateCounts();
    for (const method of ['GET', 'HEAD'] as const) {
      const response = await render(getRequest(`/e/${event.slug}/confirm/${token}`, { method }));
      expect(response.status).toBe(200);
      expect(response.headers.get('Set-Cookie')).toBeNull();
    }
    const html = await (
      await render(
        getRequest(`/e/${event.slug}/confirm/${token}`, { headers: { 'Accept-Language': 'en' } }),
      )
    ).text();
    expect(html).toContain('Sponsors learn nothing about me');
    expect(html).toMatch(/<input[^>]*type="checkbox"/);
    expect(html).not.toContain('lost@code.example');
    expect(await stateCounts()).toEqual(before);

    expect((await confirm(token, joinForm())).status).toBe(400);
    expect(await stateCounts()).toEqual(before);

    const joined = await confirm(token, joinForm({ consent: 'yes', consentLocale: 'en' }));
    expect(joined.status).toBe(302);
    expect(joined.headers.get('Location')).toBe(`/e/${event.slug}?joined=1`);
    expect((await getSessionUser(getRequest('/', { cookie: cookieFrom(joined) })))?.email).toBe(
      'lost@code.example',
    );
    const [member] = await membershipsOf('lost@code.example');
    const [row] = await db.select().from(memberships).where(eq(memberships.id, member.id));
    expect(row).toMatchObject({ name: '紛失 一郎', bib: '808', status: 'active' });
    const [user] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, 'lost@code.example'));
    const consents = await db
      .select()
      .from(consentRecords)
      .where(eq(consentRecords.userId, user.id));
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({
      method: 'event_code',
      consentLocale: 'en',
      action: 'granted',
    });
    const [invitation] = await db
      .select()
      .from(invitations)
      .where(eq(invitations.email, 'lost@code.example'));
    expect(invitation.status).toBe('joined');

    expect((await confirm(token, joinForm({ consent: 'yes' }))).status).toBe(410);
    expect((await render(getRequest(`/e/${event.slug}/confirm/${token}`))).status).toBe(410);
    expect(await membershipsOf('lost@code.example')).toHaveLength(1);
  });

  it('lets someone who declined the invitation ask to join after all', async () => {
    const { token: invitationToken } = await inviteOne(
      event,
      owner.cookie,
      'changed-mind@code.example',
    );
    await callRoute(declineRoute.action, formRequest(`/join/${invitationToken}/decline`, {}), {
      token: invitationToken,
    });
    await ask('changed-mind@code.example', { ip: '192.0.2.50' });
    const token = await confirmTokenFor('changed-mind@code.example');
    expect((await confirm(token, joinForm({ consent: 'yes' }))).status).toBe(302);
    expect(await membershipsOf('changed-mind@code.example')).toHaveLength(1);
  });

  it('shows a member their home: the event, their alias and the settings link, never their address', async () => {
    const userId = await createUser('home@code.example');
    await db
      .insert(memberships)
      .values({ id: 'm-home', eventId: event.id, userId, aliasNumber: 31337, bib: '55' });
    const cookie = await sessionCookieFor(userId);
    const page = await render(
      getRequest(`/e/${event.slug}?joined=1`, { cookie, headers: { 'Accept-Language': 'ja' } }),
    );
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('ランナー #31337');
    expect(html).toContain(`href="/e/${event.slug}/settings"`);
    expect(html).toContain(translate('ja', 'invitations.home.joined'));
    // The header shows the signed-in person their own address; the page body never does.
    const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
    expect(main).not.toContain('home@code.example');
    expect(
      (
        await jsonOf<{ view: string }>(
          await callRoute(eventRoute.loader, getRequest(`/e/${event.slug}`, { cookie }), {
            slug: event.slug,
          }),
        )
      ).view,
    ).toBe('member');
  });

  it('rate limits per address and per IP with a localized 429, the same for every address', async () => {
    const answers = [];
    for (let i = 0; i < 4; i += 1)
      answers.push((await ask('busy@code.example', { ip: `198.51.100.${i}` })).status);
    expect(answers).toEqual([200, 200, 200, 429]);
    const en = await ask('busy@code.example', { ip: '198.51.100.99', lang: 'en' });
    expect(en.status).toBe(429);
    const refusal = await jsonOf<FormReply>(en);
    expect(refusal.submission.error['']).toEqual(['invitations.event.rateLimited']);
    expect(refusal.submission.initialValue.email).toBe('busy@code.example');
    expect(translate('en', 'invitations.event.rateLimited')).toContain('Too many requests');
    expect((await mailTo('busy@code.example')).length).toBe(3);

    const perIp = [];
    for (let i = 0; i < 21; i += 1)
      perIp.push((await ask(`ip${i}@code.example`, { ip: '203.0.113.77' })).status);
    expect(perIp.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(perIp[20]).toBe(429);
    const ja = await ask('another@code.example', { ip: '203.0.113.77', lang: 'ja' });
    expect((await jsonOf<FormReply>(ja)).submission.error['']).toEqual([
      'invitations.event.rateLimited',
    ]);
  });

  it('answers a bad address with 400, an unknown event with 404, and a dead confirmation link with 410', async () => {
    const bad = await ask('not an address');
    expect(bad.status).toBe(400);
    const unknown = await callRoute(eventRoute.loader, getRequest('/e/no-such-event'), {
      slug: 'no-such-event',
    });
    expect(unknown.status).toBe(404);
    const posted = await callRoute(
      eventRoute.action,
      formRequest('/e/no-such-event', { email: 'a@b.example' }),
      {
        slug: 'no-such-event',
      },
    );
    expect(posted.status).toBe(404);
    const before = await stateCounts();
    const dead = 'C'.repeat(43);
    expect((await render(getRequest(`/e/${event.slug}/confirm/${dead}`))).status).toBe(410);
    expect((await confirm(dead, joinForm({ consent: 'yes' }))).status).toBe(410);
    // A live token used under another event's address is dead too.
    await inviteOne(event, owner.cookie, 'cross@code.example');
    await ask('cross@code.example', { ip: '192.0.2.60' });
    const token = await confirmTokenFor('cross@code.example');
    const other = await createEvent('code-other');
    const crossed = await callRoute(
      confirmRoute.action,
      formRequest(`/e/${other.slug}/confirm/${token}`, joinForm({ consent: 'yes' })),
      {
        slug: other.slug,
        token,
      },
    );
    expect(crossed.status).toBe(410);
    const [confirmation] = await db
      .select()
      .from(joinConfirmations)
      .where(eq(joinConfirmations.email, 'cross@code.example'));
    expect(confirmation.usedAt).toBeNull();
    expect(await stateCounts()).toEqual(before);
  });
});

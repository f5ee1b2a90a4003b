import { beforeAll, describe, expect, it } from 'vitest';
import * as signInRoute from '~/routes/sign-in';
import * as codeRoute from '~/routes/sign-in_.code.$challengeId';
import { lastMailTo, linksIn } from '../support/mail';
import { createDocumentHandler } from '../support/remix-document';
import { callRoute, cookieFrom, formRequest, getRequest, testContext } from '../support/requests';
import { addMember, addStaff, createTestEvent } from '../support/events';
import { createTestSponsor } from '../support/sponsors';

/**
 * Issue 15: a runner signing in lands on their event, not on a hub with one "開く" button.
 * Anyone with a choice to make (several communities, or a staff or sponsor role) gets the
 * hub, whose buttons name the event they open; a page that asked for the sign-in still wins.
 */
let first: { eventId: string; slug: string };
let second: { eventId: string; slug: string };
let render: Awaited<ReturnType<typeof createDocumentHandler>>;

beforeAll(async () => {
  first = await createTestEvent('landing-first');
  second = await createTestEvent('landing-second');
  render = await createDocumentHandler(['_index.tsx']);
});

let ip = 10;

/** The whole sign-in as a person does it: ask for a code, submit it; returns the redirect. */
async function signIn(email: string, next?: string) {
  const asked = await callRoute(
    signInRoute.action,
    formRequest('/sign-in', next === undefined ? { email } : { email, next }),
    {},
    testContext({ clientIp: `198.51.100.${ip++}` }),
  );
  expect(asked.status).toBe(302);
  const message = await lastMailTo(email);
  const code = message.text.match(/\b(\d{8})\b/)?.[1];
  const link = linksIn(message).find((l) => l.includes('/sign-in/code/'));
  if (!code || !link) throw new Error('no code in the email');
  const challengeId = decodeURIComponent(new URL(link).pathname.split('/').pop()!);
  const query = new URL(asked.headers.get('Location')!, 'http://x').searchParams;
  const response = await callRoute(
    codeRoute.action,
    formRequest(`/sign-in/code/${challengeId}`, { code, next: query.get('next') ?? '' }),
    { challengeId },
  );
  expect(response.status).toBe(302);
  return { location: response.headers.get('Location'), cookie: cookieFrom(response)! };
}

describe('where a person lands after signing in', () => {
  it('takes a runner in exactly one community straight to that event', async () => {
    await addMember(first.eventId, 'one@landing.example');
    expect((await signIn('one@landing.example')).location).toBe(`/e/${first.slug}`);
  });

  it('shows the hub to a runner in several communities, with a button naming each event', async () => {
    await addMember(first.eventId, 'two@landing.example');
    await addMember(second.eventId, 'two@landing.example');
    const { location, cookie } = await signIn('two@landing.example');
    expect(location).toBe('/');

    const ja = await (
      await render(getRequest('/', { cookie, headers: { 'Accept-Language': 'ja' } }))
    ).text();
    expect(ja).toMatch(
      new RegExp(`<a[^>]*href="/e/${first.slug}"[^>]*>テスト大会 landing-firstを開く</a>`),
    );
    expect(ja).toMatch(
      new RegExp(`<a[^>]*href="/e/${second.slug}"[^>]*>テスト大会 landing-secondを開く</a>`),
    );
    expect(ja).not.toContain('ひらく');
    const en = await (
      await render(getRequest('/', { cookie, headers: { 'Accept-Language': 'en' } }))
    ).text();
    expect(en).toMatch(new RegExp(`href="/e/${first.slug}"[^>]*>Open Test race landing-first</a>`));
  });

  it('shows the hub to a runner who is also on an event’s staff', async () => {
    await addMember(first.eventId, 'staff-too@landing.example');
    await addStaff(second.eventId, 'staff-too@landing.example', 'editor');
    expect((await signIn('staff-too@landing.example')).location).toBe('/');
  });

  it('shows the hub to a runner who is also a sponsor’s staff', async () => {
    await addMember(first.eventId, 'sponsor-too@landing.example');
    await createTestSponsor(second.eventId, 'sponsor-too@landing.example');
    expect((await signIn('sponsor-too@landing.example')).location).toBe('/');
  });

  it('shows the hub to someone in no community yet', async () => {
    await addStaff(first.eventId, 'nobody-yet@landing.example', 'viewer');
    expect((await signIn('nobody-yet@landing.example')).location).toBe('/');
  });

  it('keeps a same-site page that asked for the sign-in, and ignores an off-site one', async () => {
    await addMember(first.eventId, 'next@landing.example');
    const wanted = `/e/${first.slug}/videos`;
    expect((await signIn('next@landing.example', wanted)).location).toBe(wanted);
    expect((await signIn('next@landing.example', '//evil.example/e/x')).location).toBe(
      `/e/${first.slug}`,
    );
  });

  it('sends someone already signed in from the sign-in page to the same place', async () => {
    await addMember(second.eventId, 'again@landing.example');
    const { cookie } = await signIn('again@landing.example');
    const response = await callRoute(signInRoute.loader, getRequest('/sign-in', { cookie }));
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`/e/${second.slug}`);
  });
});

import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { sponsorInvitations, sponsorStaff, users } from '~db/schema';
import { db } from '~/modules/database/database.server';
import * as signInRoute from '~/routes/sign-in';
import * as codeRoute from '~/routes/sign-in_.code.$challengeId';
import * as sponsorHomeRoute from '~/routes/sponsor._index';
import * as staffSponsorsRoute from '~/routes/staff.$slug.sponsors._index';
import { addStaff, createTestEvent } from '../support/events';
import { lastMailTo, linksIn, mailTo } from '../support/mail';
import { callRoute, cookieFrom, formRequest, getRequest } from '../support/requests';
import { submissionErrors } from '../support/submission';

let slug = '';
let owner = { cookie: '' };

beforeAll(async () => {
  const event = await createTestEvent('invite-race');
  slug = event.slug;
  owner = event.owner;
  await addStaff(event.eventId, 'editor@invite-race.example', 'editor');
});

function addSponsor(email: string, cookie = owner.cookie) {
  return callRoute(
    staffSponsorsRoute.action,
    formRequest(
      `/staff/${slug}/sponsors`,
      { nameJa: 'さくらスポーツ', nameEn: 'Sakura Sports', email, locale: 'ja' },
      { cookie },
    ),
    { slug },
  );
}

async function signIn(email: string) {
  const start = await callRoute(signInRoute.action, formRequest('/sign-in', { email }), {});
  const challengeId = decodeURIComponent(start.headers.get('Location')!.split('/').pop()!);
  const message = await lastMailTo(email);
  const code = message.text.match(/\b(\d{8})\b/)?.[1];
  return { challengeId, code, message };
}

describe('sponsor staff invitations', () => {
  it('makes nobody sponsor staff until they sign in themselves, then opens the console', async () => {
    const response = await addSponsor('clerk@sakura-sports.example');
    expect(response.status).toBe(302);
    const invitation = await lastMailTo('clerk@sakura-sports.example');
    expect(invitation.subject).toContain('協賛社コンソール');
    expect(invitation.text).toContain('参加者のお名前、メールアドレス、ゼッケン番号');
    // Opening every link in the email (as a mail scanner does) changes nothing.
    for (const link of linksIn(invitation))
      await callRoute(
        signInRoute.loader,
        getRequest(new URL(link).pathname + new URL(link).search),
      );
    expect(
      await db.select().from(users).where(eq(users.email, 'clerk@sakura-sports.example')),
    ).toHaveLength(0);
    expect(await db.select().from(sponsorStaff)).toHaveLength(0);

    const { challengeId, code } = await signIn('clerk@sakura-sports.example');
    expect(code).toMatch(/^\d{8}$/);
    const verified = await callRoute(
      codeRoute.action,
      formRequest(`/sign-in/code/${challengeId}`, { code: code!, next: '/sponsor' }),
      { challengeId },
    );
    expect(verified.status).toBe(302);
    expect(verified.headers.get('Location')).toBe('/sponsor');
    const cookie = cookieFrom(verified);
    const home = await callRoute(sponsorHomeRoute.loader, getRequest('/sponsor', { cookie }));
    expect(home.status).toBe(302);
    expect(home.headers.get('Location')).toMatch(/^\/sponsor\/[\w-]{22}$/);
    expect(await db.select().from(sponsorStaff)).toHaveLength(1);
  });

  it('sends no code to an expired sponsor invitation', async () => {
    await addSponsor('late@sakura-sports.example');
    await db
      .update(sponsorInvitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sponsorInvitations.email, 'late@sakura-sports.example'));
    await signIn('late@sakura-sports.example');
    const messages = await mailTo('late@sakura-sports.example');
    expect(messages.at(-1)?.text).not.toMatch(/\b\d{8}\b/);
  });

  it('refuses to make race staff a sponsor, and lets only owners add sponsors', async () => {
    const refused = await addSponsor('editor@invite-race.example');
    expect(refused.status).toBe(409);
    expect((await submissionErrors(refused)).email).toContain('大会スタッフ');
    const editor = await import('../support/auth').then((m) =>
      m.signedInUser('editor@invite-race.example'),
    );
    expect((await addSponsor('x@sakura-sports.example', editor.cookie)).status).toBe(403);
  });
});

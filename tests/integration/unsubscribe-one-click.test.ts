/**
 * One-click unsubscribe (RFC 8058, SPEC flow 8). A mail client POSTs
 * `List-Unsubscribe=One-Click` to the List-Unsubscribe URL with no cookies and no Origin;
 * that turns off exactly that channel for exactly that member and answers 200 without a
 * redirect. A GET (a mail scanner, a preview) shows a button and changes nothing.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { channelPreferences } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { isOriginAllowed } from '~/modules/security/request-guard.server';
import * as unsubscribeRoute from '~/routes/u.$token';
import { addMember, addStaff, seedEvent } from '../support/announcement-fixtures';
import { createDraft, draftFields, freeze, sendAsShown } from '../support/announcement-flow';
import { mailTo } from '../support/mail';
import { APP_ORIGIN, callRoute, getRequest, jsonOf } from '../support/requests';

async function setup(tag: string) {
  const event = await seedEvent();
  const owner = await addStaff(event, `owner-${tag}@office.example`, 'owner');
  const member = await addMember(event, { email: `runner-${tag}@runner.example` });
  const other = await addMember(event, { email: `other-${tag}@runner.example` });
  const id = await createDraft(owner.cookie, event.slug, draftFields(event.channelIds.course));
  await sendAsShown(owner.cookie, event.slug, id, await freeze(owner.cookie, event.slug, id));
  const [mail] = await mailTo(`runner-${tag}@runner.example`);
  const url = (mail.headers as Record<string, string>)['List-Unsubscribe'].slice(1, -1);
  const token = new URL(url).pathname.split('/').pop()!;
  return { event, member, other, url, token };
}

async function emailOn(membershipId: string, channelId: string) {
  const [row] = await db
    .select({ on: channelPreferences.emailEnabled })
    .from(channelPreferences)
    .where(
      and(
        eq(channelPreferences.membershipId, membershipId),
        eq(channelPreferences.channelId, channelId),
      ),
    );
  return row?.on ?? true;
}

function oneClick(path: string, body: BodyInit, contentType?: string) {
  // What a mail provider sends: no Cookie, no Origin, no session of any kind.
  return new Request(`${APP_ORIGIN}${path}`, {
    method: 'POST',
    headers: contentType ? { 'Content-Type': contentType } : {},
    body,
  });
}

describe('one-click unsubscribe', () => {
  it('turns off that channel for that member on a cookieless form POST, answering 200 without a redirect', async () => {
    const { event, member, other, url, token } = await setup('u1');
    const path = new URL(url).pathname;
    expect(
      isOriginAllowed({
        method: 'POST',
        pathname: path,
        origin: null,
        appUrl: APP_ORIGIN,
      }),
    ).toBe(true);

    const started = performance.now();
    const response = await callRoute(
      unsubscribeRoute.action,
      oneClick(path, 'List-Unsubscribe=One-Click', 'application/x-www-form-urlencoded'),
      { token },
    );
    expect(performance.now() - started).toBeLessThan(1000);
    expect(response.status).toBe(200);
    expect(response.headers.get('Location')).toBeNull();
    expect(response.headers.get('Set-Cookie')).toBeNull();
    expect(await emailOn(member.membershipId, event.channelIds.course)).toBe(false);
    // Only that channel, only that member.
    expect(await emailOn(member.membershipId, event.channelIds.official)).toBe(true);
    expect(await emailOn(other.membershipId, event.channelIds.course)).toBe(true);
    // Again (a provider's retry): still 200, still off.
    const again = await callRoute(
      unsubscribeRoute.action,
      oneClick(path, 'List-Unsubscribe=One-Click', 'application/x-www-form-urlencoded'),
      { token },
    );
    expect(again.status).toBe(200);
  });

  it('accepts the multipart form of the one-click POST', async () => {
    const { event, member, url, token } = await setup('u2');
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const response = await callRoute(
      unsubscribeRoute.action,
      oneClick(new URL(url).pathname, form),
      { token },
    );
    expect(response.status).toBe(200);
    expect(await emailOn(member.membershipId, event.channelIds.course)).toBe(false);
  });

  it('changes nothing on GET or HEAD, and shows a button', async () => {
    const { event, member, url, token } = await setup('u3');
    for (const method of ['GET', 'HEAD'] as const) {
      const response = await callRoute(
        unsubscribeRoute.loader,
        getRequest(new URL(url).pathname, { method }),
        { token },
      );
      expect(response.status).toBe(200);
    }
    expect(await emailOn(member.membershipId, event.channelIds.course)).toBe(true);
    const page = await jsonOf<{ state: string; channel: string }>(
      await callRoute(unsubscribeRoute.loader, getRequest(new URL(url).pathname), { token }),
    );
    expect(page).toMatchObject({ state: 'ready', channel: 'コース情報' });
    expect(JSON.stringify(page)).not.toContain('@');
  });

  it('refuses a POST without the one-click field, and an unknown token, changing nothing', async () => {
    const { event, member, url, token } = await setup('u4');
    const path = new URL(url).pathname;
    const empty = await callRoute(
      unsubscribeRoute.action,
      oneClick(path, 'foo=bar', 'application/x-www-form-urlencoded'),
      { token },
    );
    expect(empty.status).toBe(400);
    const unknown = await callRoute(
      unsubscribeRoute.action,
      oneClick(
        '/u/' + 'A'.repeat(43),
        'List-Unsubscribe=One-Click',
        'application/x-www-form-urlencoded',
      ),
      { token: 'A'.repeat(43) },
    );
    expect(unknown.status).toBe(404);
    expect(await emailOn(member.membershipId, event.channelIds.course)).toBe(true);
  });
});

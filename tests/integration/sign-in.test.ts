import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { sessions, signInChallenges, users } from '~db/schema';
import * as signInRoute from '~/routes/sign-in';
import * as codeRoute from '~/routes/sign-in_.code.$challengeId';
import * as signOutRoute from '~/routes/sign-out';
import { db } from '~/modules/database/database.server';
import { getSessionUser } from '~/modules/auth/session.server';
import { createUser } from '../support/auth';
import { lastMailTo, linksIn, mailTo } from '../support/mail';
import {
  callRoute,
  cookieFrom,
  formRequest,
  getRequest,
  jsonOf,
  testContext,
} from '../support/requests';

/** The action's refusal: Conform's reply, with errors as message keys (rendered translated). */
type FormReply = {
  submission: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
};

async function requestCode(email: string, ip = '198.51.100.7', lang = 'ja') {
  return callRoute(
    signInRoute.action,
    formRequest('/sign-in', { email }, { headers: { 'Accept-Language': lang } }),
    {},
    testContext({ clientIp: ip }),
  );
}

async function codeAndLinkFor(email: string) {
  const message = await lastMailTo(email);
  const code = message.text.match(/\b(\d{8})\b/)?.[1];
  const link = linksIn(message).find((l) => l.includes('/sign-in/code/'));
  if (!code || !link) throw new Error('no code in the email');
  const challengeId = decodeURIComponent(new URL(link).pathname.split('/').pop()!);
  return { code, link, challengeId, message };
}

async function sessionCount(email: string) {
  const [row] = await db
    .select({ n: count() })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(users.email, email));
  return row.n;
}

async function submitCode(challengeId: string, code: string, cookie?: string) {
  return callRoute(
    codeRoute.action,
    formRequest(`/sign-in/code/${challengeId}`, { code }, { cookie }),
    { challengeId },
  );
}

describe('passwordless sign-in', () => {
  it('emails an 8-digit code and a link, and answers the same for unknown addresses', async () => {
    await createUser('known@example.com');
    const known = await requestCode('known@example.com');
    const unknown = await requestCode('nobody@example.com');
    expect(known.status).toBe(302);
    expect(unknown.status).toBe(302);
    // Same shape of answer: a redirect to a code page, no hint about the account.
    expect(known.headers.get('Location')).toMatch(/^\/sign-in\/code\/[\w-]{43}$/);
    expect(unknown.headers.get('Location')).toMatch(/^\/sign-in\/code\/[\w-]{43}$/);

    const { code } = await codeAndLinkFor('known@example.com');
    expect(code).toMatch(/^\d{8}$/);
    const [notice] = await mailTo('nobody@example.com');
    expect(notice.text).not.toMatch(/\b\d{8}\b/);
  });

  it('never signs in on a GET or HEAD of the emailed link; only the POST does, once', async () => {
    await createUser('runner@example.com');
    await requestCode('runner@example.com');
    const { code, link, challengeId } = await codeAndLinkFor('runner@example.com');
    const path = new URL(link).pathname + new URL(link).search;

    for (const method of ['GET', 'HEAD'] as const) {
      const response = await callRoute(codeRoute.loader, getRequest(path, { method }), {
        challengeId,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('Set-Cookie')).toBeNull();
    }
    expect(await sessionCount('runner@example.com')).toBe(0);
    const page = await jsonOf<{ prefilledCode: string }>(
      await callRoute(codeRoute.loader, getRequest(path), { challengeId }),
    );
    expect(page.prefilledCode).toBe(code);

    const first = await submitCode(challengeId, code);
    expect(first.status).toBe(302);
    const cookie = cookieFrom(first);
    expect(cookie).toBeTruthy();
    const user = await getSessionUser(getRequest('/', { cookie }));
    expect(user?.email).toBe('runner@example.com');
    expect(await sessionCount('runner@example.com')).toBe(1);

    const second = await submitCode(challengeId, code);
    expect(second.status).toBe(400);
    expect(await sessionCount('runner@example.com')).toBe(1);
  });

  it('kills a code after 5 wrong tries, even if the right code comes next', async () => {
    await createUser('typo@example.com');
    await requestCode('typo@example.com');
    const { code, challengeId } = await codeAndLinkFor('typo@example.com');
    const wrong = code === '00000000' ? '11111111' : '00000000';
    for (let i = 0; i < 5; i += 1) {
      expect((await submitCode(challengeId, wrong)).status).toBe(400);
    }
    const late = await submitCode(challengeId, code);
    expect(late.status).toBe(400);
    const body = await jsonOf<FormReply>(late);
    expect(body.submission.error?.code).toEqual(['auth.code.dead']);
    // The code typed is not sent back.
    expect(body.submission.initialValue?.code).toBeUndefined();
    expect(await sessionCount('typo@example.com')).toBe(0);
  });

  it('refuses the 6th code request in the window with 429, in Japanese and in English', async () => {
    for (let i = 0; i < 5; i += 1) {
      expect((await requestCode('busy@example.com', `192.0.2.${i}`)).status).toBe(302);
    }
    const ja = await requestCode('busy@example.com', '192.0.2.50', 'ja');
    expect(ja.status).toBe(429);
    const refusal = await jsonOf<FormReply>(ja);
    expect(refusal.submission.error?.['']).toEqual(['auth.signIn.rateLimited']);
    // The address typed comes back, so the runner need not type it again.
    expect(refusal.submission.initialValue?.email).toBe('busy@example.com');
    expect(translate('ja', 'auth.signIn.rateLimited')).not.toBe(
      translate('en', 'auth.signIn.rateLimited'),
    );
    const en = await requestCode('busy@example.com', '192.0.2.51', 'en');
    expect(en.status).toBe(429);
    expect((await jsonOf<FormReply>(en)).submission.error?.['']).toEqual([
      'auth.signIn.rateLimited',
    ]);
    expect(translate('en', 'auth.signIn.rateLimited')).toContain('Too many codes');
  });

  it('stores codes and challenge ids only as hashes', async () => {
    await createUser('hash@example.com');
    await requestCode('hash@example.com');
    const { code, challengeId } = await codeAndLinkFor('hash@example.com');
    const rows = await db
      .select()
      .from(signInChallenges)
      .where(eq(signInChallenges.email, 'hash@example.com'));
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(challengeId);
  });

  it('gives a new session on every sign-in and ends it server-side on sign-out', async () => {
    await createUser('twice@example.com');
    await requestCode('twice@example.com');
    const a = await codeAndLinkFor('twice@example.com');
    const firstCookie = cookieFrom(await submitCode(a.challengeId, a.code))!;
    await requestCode('twice@example.com');
    const b = await codeAndLinkFor('twice@example.com');
    const secondCookie = cookieFrom(await submitCode(b.challengeId, b.code, firstCookie))!;
    expect(secondCookie).not.toBe(firstCookie);
    // Signing in again from the same browser replaces the old session.
    expect(await getSessionUser(getRequest('/', { cookie: firstCookie }))).toBeNull();

    const out = await callRoute(
      signOutRoute.action,
      formRequest('/sign-out', {}, { cookie: secondCookie }),
    );
    expect(out.status).toBe(302);
    expect(await getSessionUser(getRequest('/', { cookie: secondCookie }))).toBeNull();
    expect(await sessionCount('twice@example.com')).toBe(0);
  });

  it('answers malformed input with a localized 400 (or 413/415), never a 500', async () => {
    const bad = await requestCode('not-an-email', '192.0.2.99', 'en');
    expect(bad.status).toBe(400);
    const badReply = await jsonOf<FormReply>(bad);
    expect(badReply.submission.error?.email).toEqual(['form.email.invalid']);
    expect(badReply.submission.initialValue?.email).toBe('not-an-email');

    const empty = await callRoute(signInRoute.action, formRequest('/sign-in', {}));
    expect(empty.status).toBe(400);
    expect((await jsonOf<FormReply>(empty)).submission.error?.email).toEqual(['form.required']);

    const json = await callRoute(
      signInRoute.action,
      new Request('http://localhost:3000/sign-in', {
        method: 'POST',
        headers: { Origin: 'http://localhost:3000', 'Content-Type': 'application/json' },
        body: '{"email":"a@b.c"}',
      }),
    );
    expect(json.status).toBe(415);

    const huge = await callRoute(
      signInRoute.action,
      formRequest('/sign-in', { email: `${'a'.repeat(100_000)}@example.com` }),
    );
    expect(huge.status).toBe(413);

    const garbled = await callRoute(
      signInRoute.action,
      new Request('http://localhost:3000/sign-in', {
        method: 'POST',
        headers: {
          Origin: 'http://localhost:3000',
          'Content-Type': 'multipart/form-data; boundary=x',
        },
        body: 'this is not multipart',
      }),
    );
    expect(garbled.status).toBe(400);

    const badCode = await callRoute(
      codeRoute.action,
      formRequest('/sign-in/code/x', { code: 'abc' }),
      {
        challengeId: 'x',
      },
    );
    expect(badCode.status).toBe(400);
  });

  it('accepts full-width digits and addresses typed on a Japanese keyboard', async () => {
    await createUser('zenkaku@example.com');
    const response = await requestCode('ＺＥＮＫＡＫＵ＠ｅｘａｍｐｌｅ．ｃｏｍ');
    expect(response.status).toBe(302);
    const { code, challengeId } = await codeAndLinkFor('zenkaku@example.com');
    const fullWidth = code.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect((await submitCode(challengeId, fullWidth)).status).toBe(302);
  });
});

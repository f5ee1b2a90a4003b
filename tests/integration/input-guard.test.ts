/**
 * The input guard where the fuzzer cannot reach with random values (input-fuzz.test.ts walks
 * every route): a correctly signed Resend webhook carrying `\u0000`, complete uploads whose text
 * fields carry bad bytes, a malformed session cookie, and the safety net — PostgreSQL's own
 * refusal of a value, as this test file's driver (PGlite or postgres.js) reports it, turned by
 * handleError into the 400 flag that server.ts answers.
 */
import { randomBytes } from 'node:crypto';
import type { AppLoadContext } from '@remix-run/node';
import { count, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { entrantImports, offers, relayInbound, videos, webhookEvents } from '~db/schema';
import { handleError } from '~/entry.server';
import { env } from '~/env.server';
import { translator } from '~/i18n/translate';
import { getCurrentSession } from '~/modules/auth/session.server';
import { db } from '~/modules/database/database.server';
import { badInputCause } from '~/modules/security/input-guard.server';
import * as offerNewRoute from '~/routes/sponsor.$sponsorId.offers.new';
import * as videoUploadRoute from '~/routes/staff.$slug.videos.new';
import * as webhookRoute from '~/routes/webhooks.resend';
import { upload as uploadEntrants } from '../fixtures/invitations';
import { createTestEvent } from '../support/events';
import { newWebhookSecret, signedWebhookRequest } from '../support/relay-webhooks';
import { callRoute, jsonOf, testContext } from '../support/requests';
import { createTestSponsor, offerForm } from '../support/sponsors';
import { multipartBody, storedMedia, uploadRequest, webmBytes } from '../support/video';

const secret = newWebhookSecret();
let event: Awaited<ReturnType<typeof createTestEvent>>;

beforeAll(async () => {
  env.RESEND_WEBHOOK_SECRET = secret;
  event = await createTestEvent('guard-race');
});

async function rowCount(table: typeof webhookEvents | typeof relayInbound | typeof videos) {
  const [row] = await db.select({ n: count() }).from(table);
  return row.n;
}

describe('a signed webhook', () => {
  it.each([
    ['a NUL in a field', { subject: 'hello\u0000' }],
    ['a lone surrogate in a field', { subject: 'hello\ud800' }],
    ['a NUL in a key', { 'sub\u0000ject': 'hello' }],
  ])('carrying %s is refused with a 400 before anything is stored', async (_, data) => {
    const before = { events: await rowCount(webhookEvents), inbound: await rowCount(relayInbound) };
    const request = signedWebhookRequest(
      {
        type: 'email.received',
        created_at: new Date().toISOString(),
        data: {
          email_id: `inbound_${randomBytes(6).toString('hex')}`,
          from: 'runner@example.com',
          to: ['reply+token@relay.startline.local'],
          ...data,
        },
      },
      { secret },
    );
    const response = await callRoute(webhookRoute.action, request);
    expect(response.status).toBe(400);
    expect(await rowCount(webhookEvents)).toBe(before.events);
    expect(await rowCount(relayInbound)).toBe(before.inbound);
  });

  it('with clean fields is still processed', async () => {
    const request = signedWebhookRequest(
      {
        type: 'email.delivered',
        created_at: new Date().toISOString(),
        data: { email_id: 'unknown-email', to: ['a@example.com'], subject: '大会のお知らせ' },
      },
      { secret },
    );
    expect((await callRoute(webhookRoute.action, request)).status).toBe(200);
  });
});

describe('a complete upload with bad bytes in a text field', () => {
  it('stores no video and no file', async () => {
    const before = { media: await storedMedia(), videos: await rowCount(videos) };
    const { body, contentType } = multipartBody([
      { name: 'titleJa', value: 'コース\u0000紹介' },
      { name: 'titleEn', value: 'Course preview' },
      { name: 'descriptionJa', value: '' },
      { name: 'descriptionEn', value: '' },
      { name: 'video', filename: 'course.webm', type: 'video/webm', bytes: webmBytes(80_000) },
    ]);
    const response = await callRoute(
      videoUploadRoute.action,
      uploadRequest(`/staff/${event.slug}/videos/new`, body, contentType, {
        cookie: event.owner.cookie,
        headers: { 'Accept-Language': 'en' },
      }),
      { slug: event.slug },
    );
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).formError).toBe(translator('en')('errors.invalidCharacters'));
    expect(await rowCount(videos)).toBe(before.videos);
    expect(await storedMedia()).toEqual(before.media);
  });

  it('creates no sponsor offer', async () => {
    const sponsor = await createTestSponsor(event.eventId, 'staff@guard-sports.example');
    const [{ n: before }] = await db.select({ n: count() }).from(offers);
    const form = new FormData();
    for (const [name, value] of Object.entries(offerForm())) form.append(name, value);
    const encoded = new Response(form);
    const type = encoded.headers.get('Content-Type')!;
    const bytes = Buffer.from(await encoded.arrayBuffer());
    // The Japanese title's first byte replaced by one no UTF-8 text contains: a broken client.
    bytes[bytes.indexOf(Buffer.from('シューズ'))] = 0xff;
    const response = await callRoute(
      offerNewRoute.action,
      uploadRequest(`/sponsor/${sponsor.sponsorId}/offers/new`, bytes, type, {
        cookie: sponsor.cookie,
      }),
      { sponsorId: sponsor.sponsorId },
    );
    expect(response.status).toBe(400);
    const [{ n: after }] = await db.select({ n: count() }).from(offers);
    expect(after).toBe(before);
  });
});

describe('an entrant list whose file name carries a NUL', () => {
  it('is refused with a 400, and no import is recorded', async () => {
    const [{ n: before }] = await db.select({ n: count() }).from(entrantImports);
    const response = await uploadEntrants(
      event.slug,
      'email,name,bib\nrunner@guard-race.example,Yamada,1\n',
      event.owner.cookie,
      'entrants\u0000.csv',
    );
    expect(response.status).toBe(400);
    const [{ n: after }] = await db.select({ n: count() }).from(entrantImports);
    expect(after).toBe(before);
  });
});

describe('a malformed session cookie', () => {
  it('is no session, and a broken cookie beside a good one does not end it', async () => {
    const good = event.owner.cookie;
    const asked = (cookie: string) =>
      getCurrentSession(new Request('http://localhost:3000/', { headers: { Cookie: cookie } }));
    expect(await asked('startline_session=%E0%A4%A')).toBeNull();
    expect(await asked('startline_session=%00')).toBeNull();
    expect(await asked(`startline_session=${'a'.repeat(4096)}`)).toBeNull();
    expect((await asked(`tracking=%; ${good}`))?.user.id).toBe(event.owner.userId);
  });
});

describe('the safety net behind the guard', () => {
  it.each([
    ['a NUL in text', sql`SELECT ${'a\u0000b'}::text`, '22021'],
    ['\\u0000 in jsonb', sql`SELECT ${'{"a":"\\u0000"}'}::jsonb`, '22P05'],
    ['a lone surrogate in jsonb', sql`SELECT ${'{"a":"\\ud800"}'}::jsonb`, '22P02'],
  ])('recognises %s as refused input on this driver', async (_, query, code) => {
    const error = await db.execute(query).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(badInputCause(error)).toEqual({ code });

    // handleError flags the request for server.ts's 400 and logs no error.
    const context: AppLoadContext = testContext();
    handleError(error, {
      request: new Request('http://localhost:3000/e/x'),
      params: {},
      context,
    });
    expect(context.badInput).toBe(true);
  });

  it('leaves every other database error alone', async () => {
    const error = await db.execute(sql`SELECT * FROM no_such_table`).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(badInputCause(error)).toBeUndefined();
  });
});

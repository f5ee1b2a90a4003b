/**
 * Resend delivery webhooks: Standard Webhooks signatures over the raw body (webhook-* and
 * svix-* header names), 401 and nothing stored for a bad, missing or stale signature, each
 * webhook id processed once, bounces and complaints suppress the address (as a hash).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { deliveries, invitations, outboundEmails, suppressions, webhookEvents } from '~db/schema';
import { env } from '~/env.server';
import { db } from '~/modules/database/database.server';
import { deliveryCounts } from '~/modules/delivery/delivery-status.server';
import { getEventSummary } from '~/modules/events/event-summary.server';
import { sendDueReminders } from '~/modules/invitations/invitation-delivery.server';
import { suppressionHash } from '~/modules/delivery/suppression.server';
import * as webhookRoute from '~/routes/webhooks.resend';
import { addMember, addStaff, seedEvent, type TestEvent } from '../support/announcement-fixtures';
import { createDraft, draftFields, freeze, sendAsShown } from '../support/announcement-flow';
import { deliverQueuedMail } from '../support/mail';
import { APP_ORIGIN, callRoute } from '../support/requests';
import { createEvent, inviteOne, importResult, staffOf, upload } from '../fixtures/invitations';

const SECRET_BYTES = randomBytes(24);
const SECRET = `whsec_${SECRET_BYTES.toString('base64')}`;

beforeAll(() => {
  env.RESEND_WEBHOOK_SECRET = SECRET;
});

/** Signs exactly as Standard Webhooks specifies, independently of the SDK. */
function signed(
  body: string,
  options: {
    id?: string;
    timestamp?: number;
    prefix?: 'webhook' | 'svix';
    key?: Buffer;
    omit?: boolean;
  } = {},
) {
  const id = options.id ?? `msg_${randomBytes(8).toString('hex')}`;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', options.key ?? SECRET_BYTES)
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64');
  const p = options.prefix ?? 'webhook';
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (!options.omit) {
    headers[`${p}-id`] = id;
    headers[`${p}-timestamp`] = timestamp;
    headers[`${p}-signature`] = `v1,${signature}`;
  }
  return {
    id,
    request: new Request(`${APP_ORIGIN}/webhooks/resend`, { method: 'POST', headers, body }),
  };
}

function event(type: string, emailId: string, to: string) {
  return JSON.stringify({
    type,
    created_at: new Date().toISOString(),
    data: {
      email_id: emailId,
      to: [to],
      from: 'no-reply@startline.local',
      subject: 'x',
      created_at: new Date().toISOString(),
    },
  });
}

async function sentTo(tag: string) {
  const ev = await seedEvent();
  const owner = await addStaff(ev, `owner-${tag}@office.example`, 'owner');
  const member = await addMember(ev, { email: `runner-${tag}@runner.example` });
  const id = await createDraft(owner.cookie, ev.slug, draftFields(ev.channelIds.official));
  await sendAsShown(owner.cookie, ev.slug, id, await freeze(owner.cookie, ev.slug, id));
  await deliverQueuedMail();
  const [delivery] = await db.select().from(deliveries).where(eq(deliveries.announcementId, id));
  return {
    event: ev,
    owner,
    member,
    announcementId: id,
    emailId: delivery.providerMessageId!,
    to: `runner-${tag}@runner.example`,
  };
}

async function stored() {
  const [events] = await db.select({ n: count() }).from(webhookEvents);
  const [supp] = await db.select({ n: count() }).from(suppressions);
  return { events: events.n, suppressions: supp.n };
}

async function suppressed(ev: TestEvent, address: string) {
  const rows = await db
    .select()
    .from(suppressions)
    .where(eq(suppressions.emailHash, suppressionHash(address)));
  return rows.filter((r) => r.eventId === ev.id).map((r) => r.reason);
}

describe('Resend webhooks', () => {
  it('records delivered, once per webhook id, with either header spelling', async () => {
    const s = await sentTo('w1');
    const body = event('email.delivered', s.emailId, s.to);
    const first = signed(body, { prefix: 'svix' });
    expect((await callRoute(webhookRoute.action, first.request)).status).toBe(200);
    expect(await deliveryCounts(s.announcementId)).toMatchObject({ delivered: 1 });
    const replay = signed(body, { id: first.id });
    const again = await callRoute(webhookRoute.action, replay.request);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ result: 'duplicate' });
    const rows = await db.select().from(webhookEvents).where(eq(webhookEvents.id, first.id));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('@');
  });

  it('suppresses a bounced address (as a hash) so the next announcement skips it, once', async () => {
    const s = await sentTo('w2');
    const bounce = signed(event('email.bounced', s.emailId, s.to));
    expect((await callRoute(webhookRoute.action, bounce.request)).status).toBe(200);
    expect(await suppressed(s.event, s.to)).toEqual(['bounced']);
    expect(await deliveryCounts(s.announcementId)).toMatchObject({ bounced: 1 });
    const [row] = await db.select().from(suppressions).where(eq(suppressions.eventId, s.event.id));
    expect(row.emailHash).not.toContain('runner');

    const next = await createDraft(
      s.owner.cookie,
      s.event.slug,
      draftFields(s.event.channelIds.official, { titleJa: '次' }),
    );
    await sendAsShown(
      s.owner.cookie,
      s.event.slug,
      next,
      await freeze(s.owner.cookie, s.event.slug, next),
    );
    await deliverQueuedMail();
    expect(await deliveryCounts(next)).toMatchObject({ total: 1, sent: 0, skipped: 1 });
  });

  it('suppresses a complaint', async () => {
    const s = await sentTo('w3');
    expect(
      (
        await callRoute(
          webhookRoute.action,
          signed(event('email.complained', s.emailId, s.to)).request,
        )
      ).status,
    ).toBe(200);
    expect(await suppressed(s.event, s.to)).toEqual(['complained']);
  });

  it('marks a bounced invitation in the funnel, sends it no reminder, and skips the address on the next upload', async () => {
    const ev = await createEvent('webhook-invite');
    const owner = await staffOf(ev, 'owner@webhook-invite.example', 'owner');
    await inviteOne(ev, owner.cookie, 'nobody@bounce.example', 'バウンス', '77');
    await inviteOne(ev, owner.cookie, 'fine@bounce.example', '届く', '78');
    const [invitationEmail] = await db
      .select({ providerMessageId: outboundEmails.providerMessageId })
      .from(outboundEmails)
      .where(eq(outboundEmails.toAddress, 'nobody@bounce.example'));
    const bounce = signed(
      event('email.bounced', invitationEmail.providerMessageId!, 'Nobody <nobody@bounce.example>'),
    );
    expect((await callRoute(webhookRoute.action, bounce.request)).status).toBe(200);

    expect((await getEventSummary(ev.id)).funnel).toMatchObject({ invited: 2, bounced: 1 });
    const rows = await db.select().from(invitations).where(eq(invitations.eventId, ev.id));
    expect(rows.find((r) => r.email === 'nobody@bounce.example')!.bouncedAt).not.toBeNull();
    expect(rows.find((r) => r.email === 'fine@bounce.example')!.bouncedAt).toBeNull();
    const [suppression] = await db
      .select()
      .from(suppressions)
      .where(eq(suppressions.emailHash, suppressionHash('nobody@bounce.example')));
    expect(suppression).toMatchObject({ eventId: ev.id, reason: 'bounced' });

    // Four days later only the delivered invitation gets its reminder.
    const reminded = await sendDueReminders(new Date(Date.now() + 4 * 24 * 3600 * 1000));
    expect(reminded).toBe(1);
    const summary = await importResult(
      ev.slug,
      await upload(ev.slug, 'email,name,bib\nnobody@bounce.example,バウンス,77\n', owner.cookie),
      owner.cookie,
    );
    expect(summary).toMatchObject({ created: 0 });
  });

  it('answers 401 and stores nothing for a bad, missing, stale or replayed-onto-another-body signature', async () => {
    const s = await sentTo('w4');
    const body = event('email.bounced', s.emailId, s.to);
    const before = await stored();
    const cases = [
      signed(body, { key: randomBytes(24) }).request,
      signed(body, { omit: true }).request,
      signed(body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }).request,
      signed(body, { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 }).request,
    ];
    // A valid signature for one body, sent with another (the raw body is what is signed).
    const original = signed(body);
    const headers = Object.fromEntries(original.request.headers.entries());
    cases.push(
      new Request(`${APP_ORIGIN}/webhooks/resend`, {
        method: 'POST',
        headers,
        body: event('email.complained', s.emailId, s.to),
      }),
    );
    for (const request of cases) {
      const response = await callRoute(webhookRoute.action, request);
      expect(response.status).toBe(401);
    }
    expect(await stored()).toEqual(before);
    expect(await suppressed(s.event, s.to)).toEqual([]);
  });
});

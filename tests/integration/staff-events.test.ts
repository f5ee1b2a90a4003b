import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { auditLog, channels, events, eventStaff, staffInvitations, users } from '~db/schema';
import * as newEventRoute from '~/routes/events.new';
import * as teamRoute from '~/routes/staff.$slug.team';
import * as acceptRoute from '~/routes/staff.$slug_.accept';
import * as signInRoute from '~/routes/sign-in';
import * as codeRoute from '~/routes/sign-in_.code.$challengeId';
import { db } from '~/modules/database/database.server';
import { DEFAULT_CHANNELS } from '~/modules/events/default-channels';
import { changeStaffRole, removeStaff } from '~/modules/staff/staff-team.server';
import { signedInUser } from '../support/auth';
import { addStaff, createTestEvent } from '../support/events';
import { lastMailTo, linksIn } from '../support/mail';
import { callRoute, cookieFrom, formRequest, getRequest, jsonOf } from '../support/requests';
import { submissionErrors, submittedValues } from '../support/submission';

const validEvent = {
  nameJa: '  湖畔トレイル 2027 ',
  nameEn: 'Lakeside Trail 2027',
  eventDate: '2027-05-16',
  slug: 'Lakeside-Trail-2027',
  organizerNameJa: '湖畔トレイル実行委員会',
  organizerNameEn: 'Lakeside Trail Committee',
  contactEmail: 'Office@Lakeside.example',
};

async function roleOf(eventId: string, userId: string) {
  const [row] = await db
    .select({ role: eventStaff.role })
    .from(eventStaff)
    .where(and(eq(eventStaff.eventId, eventId), eq(eventStaff.userId, userId)));
  return row?.role ?? null;
}

async function auditActions(eventId: string) {
  const rows = await db
    .select()
    .from(auditLog)
    .where(eq(auditLog.eventId, eventId))
    .orderBy(auditLog.id);
  return rows;
}

function team(slug: string, fields: Record<string, string>, cookie: string) {
  return callRoute(teamRoute.action, formRequest(`/staff/${slug}/team`, fields, { cookie }), {
    slug,
  });
}

describe('creating an event', () => {
  it('makes the creator its only owner, adds the three default channels and records it', async () => {
    const creator = await signedInUser('creator@example.com');
    const response = await callRoute(
      newEventRoute.action,
      formRequest('/events/new', validEvent, { cookie: creator.cookie }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/staff/lakeside-trail-2027');

    const [event] = await db.select().from(events).where(eq(events.slug, 'lakeside-trail-2027'));
    expect(event.nameJa).toBe('湖畔トレイル 2027');
    expect(event.contactEmail).toBe('office@lakeside.example');
    const staff = await db.select().from(eventStaff).where(eq(eventStaff.eventId, event.id));
    expect(staff).toEqual([expect.objectContaining({ userId: creator.userId, role: 'owner' })]);
    const eventChannels = await db.select().from(channels).where(eq(channels.eventId, event.id));
    expect(eventChannels.map((c) => c.nameJa).sort()).toEqual(
      DEFAULT_CHANNELS.map((c) => c.nameJa).sort(),
    );
    expect(eventChannels.map((c) => c.nameEn).sort()).toEqual(
      DEFAULT_CHANNELS.map((c) => c.nameEn).sort(),
    );
    const entries = await auditActions(event.id);
    expect(entries.map((e) => e.action)).toEqual(['event.create']);
    expect(entries[0].actorUserId).toBe(creator.userId);
  });

  it('answers a bad form with a localized 400 and keeps what was typed', async () => {
    const creator = await signedInUser('creator2@example.com');
    const bad = {
      ...validEvent,
      slug: 'a b',
      eventDate: '2027-02-30',
      nameJa: '',
      contactEmail: 'nope',
    };
    const en = await callRoute(
      newEventRoute.action,
      formRequest('/events/new', bad, {
        cookie: creator.cookie,
        headers: { 'Accept-Language': 'en' },
      }),
    );
    expect(en.status).toBe(400);
    const fieldErrors = await submissionErrors(en, 'en');
    expect(fieldErrors.slug).toMatch(/lowercase letters/);
    expect(fieldErrors.eventDate).toMatch(/2027-03-28/);
    expect(fieldErrors.nameJa).toBe('This field is required.');
    expect(fieldErrors.nameEn).toBeUndefined();
    expect(fieldErrors.contactEmail).toMatch(/valid email/);
    expect((await submittedValues(en)).organizerNameJa).toBe(validEvent.organizerNameJa);

    const ja = await callRoute(
      newEventRoute.action,
      formRequest('/events/new', bad, { cookie: creator.cookie }),
    );
    expect((await submissionErrors(ja, 'ja')).nameJa).toBe(translate('ja', 'form.required'));
    const [{ n }] = await db
      .select({ n: db.$count(events) })
      .from(events)
      .limit(1);
    expect(n).toBe(1);
  });

  it('takes an event without English: English readers see the Japanese names', async () => {
    const creator = await signedInUser('creator-ja-only@example.com');
    const response = await callRoute(
      newEventRoute.action,
      formRequest(
        '/events/new',
        { ...validEvent, slug: 'kohan-ja-only', nameEn: ' ', organizerNameEn: '' },
        { cookie: creator.cookie },
      ),
    );
    expect(response.status).toBe(302);
    const [event] = await db.select().from(events).where(eq(events.slug, 'kohan-ja-only'));
    expect(event.nameEn).toBe('湖畔トレイル 2027');
    expect(event.organizerNameEn).toBe('湖畔トレイル実行委員会');
  });

  it('refuses a slug that is taken or reserved, keeping the input', async () => {
    const creator = await signedInUser('creator3@example.com');
    for (const slug of ['lakeside-trail-2027', 'new']) {
      const response = await callRoute(
        newEventRoute.action,
        formRequest('/events/new', { ...validEvent, slug }, { cookie: creator.cookie }),
      );
      expect(response.status).toBe(400);
      expect((await submissionErrors(response, 'ja')).slug).toBe(
        translate('ja', 'staff.event.slug.taken'),
      );
      expect((await submittedValues(response)).organizerNameEn).toBe(validEvent.organizerNameEn);
    }
  });

  it('limits event creation per account with a localized 429 that keeps the input', async () => {
    const creator = await signedInUser('busy-creator@example.com');
    const create = (n: number) =>
      callRoute(
        newEventRoute.action,
        formRequest(
          '/events/new',
          { ...validEvent, slug: `busy-race-${n}` },
          { cookie: creator.cookie, headers: { 'Accept-Language': 'en' } },
        ),
      );
    for (let n = 1; n <= 10; n += 1) expect((await create(n)).status).toBe(302);
    const refused = await create(11);
    expect(refused.status).toBe(429);
    expect((await submissionErrors(refused, 'en'))['']).toContain(
      'cannot create more events today',
    );
    expect((await submittedValues(refused)).nameEn).toBe(validEvent.nameEn);
    const [row] = await db.select().from(events).where(eq(events.slug, 'busy-race-11'));
    expect(row).toBeUndefined();
    // Someone else is not affected.
    const other = await signedInUser('calm-creator@example.com');
    const response = await callRoute(
      newEventRoute.action,
      formRequest('/events/new', { ...validEvent, slug: 'calm-race' }, { cookie: other.cookie }),
    );
    expect(response.status).toBe(302);
  });

  it('sends a signed-out visitor to sign in first', async () => {
    const page = await callRoute(newEventRoute.loader, getRequest('/events/new'));
    expect(page.status).toBe(302);
    expect(page.headers.get('Location')).toBe('/sign-in?next=%2Fevents%2Fnew');
    const post = await callRoute(newEventRoute.action, formRequest('/events/new', validEvent));
    expect(post.status).toBe(302);
  });
});

describe('managing the staff', () => {
  it('invites a colleague by email; they become staff only when they sign in themselves', async () => {
    const { eventId, slug, owner } = await createTestEvent('staff-invite');
    const response = await team(
      slug,
      { intent: 'invite', email: ' Colleague@Example.com ', role: 'editor' },
      owner.cookie,
    );
    expect(response.status).toBe(200);

    const mail = await lastMailTo('colleague@example.com');
    const [event] = await db.select().from(events).where(eq(events.id, eventId));
    expect(mail.subject).toBe(
      translate('ja', 'email.staffInvitation.subject', { event: event.nameJa }),
    );
    expect(mail.text).toContain(translate('ja', 'email.staffInvitation.role.editor'));
    const [link] = linksIn(mail).filter((l) => l.includes('/staff/'));
    expect(new URL(link).pathname).toBe(`/staff/${slug}/accept`);
    // No one else's address in the invitation (not the owner's either).
    expect(`${mail.html}${mail.text}`).not.toContain(owner.email);

    // A mail scanner opening the link (no cookies, GET and HEAD) changes nothing.
    for (const method of ['GET', 'HEAD'] as const) {
      const opened = await callRoute(
        acceptRoute.loader,
        getRequest(new URL(link).pathname, { method }),
        { slug },
      );
      expect(opened.status).toBe(302);
      expect(opened.headers.get('Location')).toMatch(/^\/sign-in\?next=/);
    }
    expect(
      await db.select().from(users).where(eq(users.email, 'colleague@example.com')),
    ).toHaveLength(0);

    // Signing in with that address is the colleague's own act, and makes them staff.
    const requested = await callRoute(
      signInRoute.action,
      formRequest('/sign-in', { email: 'colleague@example.com' }),
    );
    const challengeId = decodeURIComponent(requested.headers.get('Location')!.split('/').pop()!);
    const code = (await lastMailTo('colleague@example.com')).text.match(/\b(\d{8})\b/)![1];
    const signedIn = await callRoute(
      codeRoute.action,
      formRequest(`/sign-in/code/${challengeId}`, { code }),
      { challengeId },
    );
    expect(signedIn.status).toBe(302);
    const [colleague] = await db
      .select()
      .from(users)
      .where(eq(users.email, 'colleague@example.com'));
    expect(await roleOf(eventId, colleague.id)).toBe('editor');

    const accepted = await callRoute(
      acceptRoute.loader,
      getRequest(`/staff/${slug}/accept`, { cookie: cookieFrom(signedIn) }),
      { slug },
    );
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get('Location')).toBe(`/staff/${slug}`);
    expect((await auditActions(eventId)).map((e) => e.action)).toEqual([
      'event.create',
      'staff.invite',
      'staff.accept',
    ]);
  });

  it('lets a colleague who is already signed in accept with the button, never by opening the link', async () => {
    const { eventId, slug, owner } = await createTestEvent('staff-accept');
    const colleague = await signedInUser('already-in@example.com');
    await team(
      slug,
      { intent: 'invite', email: 'already-in@example.com', role: 'viewer' },
      owner.cookie,
    );

    const page = await callRoute(
      acceptRoute.loader,
      getRequest(`/staff/${slug}/accept`, { cookie: colleague.cookie }),
      { slug },
    );
    expect(page.status).toBe(200);
    expect(await roleOf(eventId, colleague.userId)).toBeNull();

    const stranger = await signedInUser('stranger@example.com');
    const notInvited = await callRoute(
      acceptRoute.action,
      formRequest(`/staff/${slug}/accept`, {}, { cookie: stranger.cookie }),
      { slug },
    );
    expect(notInvited.status).toBe(404);

    const pressed = await callRoute(
      acceptRoute.action,
      formRequest(`/staff/${slug}/accept`, {}, { cookie: colleague.cookie }),
      { slug },
    );
    expect(pressed.status).toBe(302);
    expect(await roleOf(eventId, colleague.userId)).toBe('viewer');
  });

  it('refuses to invite someone who is already staff or already invited, keeping the input', async () => {
    const { eventId, slug, owner } = await createTestEvent('staff-dupes');
    await addStaff(eventId, 'dupe-staff@example.com', 'viewer');
    const again = await team(
      slug,
      { intent: 'invite', email: 'dupe-staff@example.com', role: 'editor' },
      owner.cookie,
    );
    expect(again.status).toBe(400);
    expect((await submissionErrors(again)).email).toBe(translate('ja', 'staff.team.alreadyStaff'));

    await team(
      slug,
      { intent: 'invite', email: 'twice@example.com', role: 'viewer' },
      owner.cookie,
    );
    const twice = await team(
      slug,
      { intent: 'invite', email: 'twice@example.com', role: 'owner' },
      owner.cookie,
    );
    expect(twice.status).toBe(400);
    expect(await submittedValues(twice)).toEqual({
      intent: 'invite',
      email: 'twice@example.com',
      role: 'owner',
    });
    expect(
      await db
        .select()
        .from(staffInvitations)
        .where(eq(staffInvitations.email, 'twice@example.com')),
    ).toHaveLength(1);

    const bad = await team(
      slug,
      { intent: 'invite', email: 'x@example.com', role: 'admin' },
      owner.cookie,
    );
    expect(bad.status).toBe(400);
    const unknownIntent = await team(slug, { intent: 'launch' }, owner.cookie);
    expect(unknownIntent.status).toBe(400);
  });

  it('changes roles and removes staff, each recorded in the audit log with ids, never addresses', async () => {
    const { eventId, slug, owner } = await createTestEvent('staff-roles');
    const editor = await addStaff(eventId, 'roles-editor@example.com', 'editor');
    expect(
      (await team(slug, { intent: 'role', userId: editor.userId, role: 'owner' }, owner.cookie))
        .status,
    ).toBe(200);
    expect(await roleOf(eventId, editor.userId)).toBe('owner');
    expect(
      (await team(slug, { intent: 'remove', userId: editor.userId }, owner.cookie)).status,
    ).toBe(200);
    expect(await roleOf(eventId, editor.userId)).toBeNull();

    const entries = await auditActions(eventId);
    const roleChange = entries.find((e) => e.action === 'staff.role_change');
    expect(roleChange).toMatchObject({
      actorUserId: owner.userId,
      target: `user:${editor.userId}`,
      detail: { from: 'editor', to: 'owner' },
    });
    expect(entries.find((e) => e.action === 'staff.remove')).toMatchObject({
      target: `user:${editor.userId}`,
    });
    expect(JSON.stringify(entries)).not.toContain('@');

    const missing = await team(slug, { intent: 'remove', userId: 'nobody' }, owner.cookie);
    expect(missing.status).toBe(404);
  });

  it('never lets the last owner be removed or demoted, even by two owners at the same moment', async () => {
    const { eventId, slug, owner } = await createTestEvent('last-owner');
    for (const fields of [
      { intent: 'role', userId: owner.userId, role: 'editor' } as Record<string, string>,
      { intent: 'remove', userId: owner.userId },
    ]) {
      const response = await team(slug, fields, owner.cookie);
      expect(response.status).toBe(400);
      expect((await submissionErrors(response))['']).toBe(translate('ja', 'staff.team.lastOwner'));
    }
    expect(await roleOf(eventId, owner.userId)).toBe('owner');

    // Two owners demote each other at once, several times over: exactly one may win each time.
    for (let round = 0; round < 8; round += 1) {
      const second = await addStaff(eventId, `second-owner-${round}@example.com`, 'owner');
      const current = await db
        .select({ userId: eventStaff.userId })
        .from(eventStaff)
        .where(and(eq(eventStaff.eventId, eventId), eq(eventStaff.role, 'owner')));
      const first = current.find((row) => row.userId !== second.userId)!;
      const results = await Promise.all([
        changeStaffRole({
          eventId,
          actorUserId: first.userId,
          targetUserId: second.userId,
          role: 'viewer',
        }),
        removeStaff({ eventId, actorUserId: second.userId, targetUserId: first.userId }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const owners = await db
        .select()
        .from(eventStaff)
        .where(and(eq(eventStaff.eventId, eventId), eq(eventStaff.role, 'owner')));
      expect(owners).toHaveLength(1);
    }
  });

  it('lets an owner step down when another owner remains, and sends them to the dashboard', async () => {
    const { eventId, slug, owner } = await createTestEvent('step-down');
    await addStaff(eventId, 'other-owner@example.com', 'owner');
    const response = await team(
      slug,
      { intent: 'role', userId: owner.userId, role: 'viewer' },
      owner.cookie,
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`/staff/${slug}`);
    expect(await roleOf(eventId, owner.userId)).toBe('viewer');
  });

  it('withdraws a pending invitation, after which signing in grants nothing', async () => {
    const { eventId, slug, owner } = await createTestEvent('staff-revoke');
    await team(
      slug,
      { intent: 'invite', email: 'withdrawn@example.com', role: 'owner' },
      owner.cookie,
    );
    const [invitation] = await db
      .select()
      .from(staffInvitations)
      .where(eq(staffInvitations.email, 'withdrawn@example.com'));
    expect(
      (await team(slug, { intent: 'revoke', invitationId: invitation.id }, owner.cookie)).status,
    ).toBe(200);
    const person = await signedInUser('withdrawn@example.com');
    const accept = await callRoute(
      acceptRoute.action,
      formRequest(`/staff/${slug}/accept`, {}, { cookie: person.cookie }),
      { slug },
    );
    expect(accept.status).toBe(404);
    expect(await roleOf(eventId, person.userId)).toBeNull();
  });
});

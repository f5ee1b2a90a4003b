import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, entrantImports, invitations, outboundEmails } from '~db/schema';
import { env } from '~/env.server';
import { translate } from '~/i18n/translate';
import { db } from '~/modules/database/database.server';
import { startInvitationWave } from '~/modules/invitations/invitation-delivery.server';
import { suppressAddress } from '~/modules/invitations/suppression.server';
import { generateId } from '~/modules/security/tokens.server';
import * as declineRoute from '~/routes/join.$token.decline';
import * as joinRoute from '~/routes/join.$token';
import * as detailRoute from '~/routes/staff.$slug.invitations.$invitationId';
import * as listRoute from '~/routes/staff.$slug.invitations._index';
import { joinForm, joinTokenIn } from '../fixtures/invitations';
import { signedInUser } from '../support/auth';
import { addMember, addStaff, createTestEvent } from '../support/events';
import { deliverQueuedMail, mailTo, linksIn } from '../support/mail';
import { callRoute, formRequest, getRequest } from '../support/requests';

const DAY = 86_400_000;

/** One invitee per address, imported and (unless told otherwise) sent. */
async function invite(
  eventId: string,
  entrants: { email: string; bib: string; name?: string }[],
  options: { send?: boolean } = {},
) {
  const importId = generateId();
  await db
    .insert(entrantImports)
    .values({ id: importId, eventId, fileName: 'entrants.csv', encoding: 'utf-8' });
  const rows = entrants.map((e) => ({
    id: generateId(),
    eventId,
    email: e.email,
    name: e.name ?? `Runner ${e.bib}`,
    bib: e.bib,
    importId,
    expiresAt: new Date(Date.now() + 30 * DAY),
  }));
  await db.insert(invitations).values(rows);
  if (options.send !== false) {
    await startInvitationWave(importId);
    await deliverQueuedMail();
  }
  return rows.map((r) => r.id);
}

async function tokenOfLastMailTo(address: string) {
  const mails = await mailTo(address);
  return joinTokenIn(linksIn(mails[mails.length - 1]));
}

async function joinPageView(token: string) {
  const response = await callRoute(joinRoute.loader, getRequest(`/join/${token}`), { token });
  return { status: response.status, view: ((await response.json()) as { view: string }).view };
}

function act(
  slug: string,
  invitationId: string,
  cookie: string,
  fields: Record<string, string>,
  language = 'ja',
) {
  return callRoute(
    detailRoute.action,
    formRequest(`/staff/${slug}/invitations/${invitationId}`, fields, {
      cookie,
      headers: { 'Accept-Language': language },
    }),
    { slug, invitationId },
  );
}

/** Everything an action could write: the invitations, the outgoing mail, the audit log. */
async function writtenState(eventId: string) {
  const rows = await db
    .select()
    .from(invitations)
    .where(eq(invitations.eventId, eventId))
    .orderBy(invitations.id);
  const [mail] = await db.select({ n: count() }).from(outboundEmails);
  const queued = await db
    .select({ id: outboundEmails.id, status: outboundEmails.status })
    .from(outboundEmails)
    .orderBy(outboundEmails.id);
  const [audit] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(eq(auditLog.eventId, eventId));
  return JSON.stringify({ rows, mail: mail.n, queued, audit: audit.n });
}

type ActionBody = { done?: boolean; refusal?: string; formError?: string; fieldErrors?: object };

describe('staff actions on one invitee', () => {
  it('sends the invitation again: a new link, the earlier one stops working, counted and audit-logged', async () => {
    const event = await createTestEvent('act-resend');
    const editor = await addStaff(event.eventId, 'editor@act-resend.example', 'editor');
    const [id] = await invite(event.eventId, [{ email: 'runner@resend.example', bib: '7' }]);
    const firstToken = await tokenOfLastMailTo('runner@resend.example');
    expect((await joinPageView(firstToken)).view).toBe('open');

    const response = await act(event.slug, id, editor.cookie, { intent: 'resend' });
    expect(response.status).toBe(200);
    const body = await response.text();
    expect((JSON.parse(body) as ActionBody).done).toBe(true);
    expect(body).not.toContain('runner@resend.example');
    // A person on the phone is waiting for it: it goes in the interactive lane.
    const [message] = await db
      .select({ lane: outboundEmails.lane, kind: outboundEmails.kind })
      .from(outboundEmails)
      .where(
        and(eq(outboundEmails.invitationId, id), eq(outboundEmails.kind, 'invitation_resend')),
      );
    expect(message.lane).toBe('interactive');

    const mails = await mailTo('runner@resend.example');
    expect(mails).toHaveLength(2);
    const secondToken = await tokenOfLastMailTo('runner@resend.example');
    expect(secondToken).not.toBe(firstToken);
    expect(await joinPageView(firstToken)).toEqual({ status: 410, view: 'gone' });
    expect((await joinPageView(secondToken)).view).toBe('open');

    const [row] = await db.select().from(invitations).where(eq(invitations.id, id));
    expect(row.resendCount).toBe(1);
    expect(row.resentAt).not.toBeNull();
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'invitation.resend'), eq(auditLog.eventId, event.eventId)));
    expect(entry).toMatchObject({ actorUserId: editor.userId, target: `invitation:${id}` });
    expect(JSON.stringify(entry.detail)).not.toContain('@');

    // The new link joins.
    const joined = await callRoute(
      joinRoute.action,
      formRequest(`/join/${secondToken}`, joinForm({ consent: 'yes' })),
      { token: secondToken },
    );
    expect(joined.status).toBe(302);
  });

  it(`refuses a resend beyond INVITATION_MAX_RESENDS (${env.INVITATION_MAX_RESENDS}), also for a double click, writing nothing`, async () => {
    const event = await createTestEvent('act-limit');
    const [id] = await invite(event.eventId, [{ email: 'limit@act.example', bib: '1' }]);
    const owner = event.owner;
    for (let i = 1; i < env.INVITATION_MAX_RESENDS; i += 1) {
      expect((await act(event.slug, id, owner.cookie, { intent: 'resend' })).status).toBe(200);
    }
    // The last allowed resend, clicked twice at once: exactly one goes through.
    const both = await Promise.all([
      act(event.slug, id, owner.cookie, { intent: 'resend' }),
      act(event.slug, id, owner.cookie, { intent: 'resend' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const [row] = await db.select().from(invitations).where(eq(invitations.id, id));
    expect(row.resendCount).toBe(env.INVITATION_MAX_RESENDS);

    const before = await writtenState(event.eventId);
    const refused = await act(event.slug, id, owner.cookie, { intent: 'resend' });
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as ActionBody;
    expect(body.refusal).toBe('resend_limit');
    expect(body.formError).toContain(String(env.INVITATION_MAX_RESENDS));
    expect(await writtenState(event.eventId)).toBe(before);
    const [resends] = await db
      .select({ n: count() })
      .from(outboundEmails)
      .where(
        and(eq(outboundEmails.invitationId, id), eq(outboundEmails.kind, 'invitation_resend')),
      );
    expect(resends.n).toBe(env.INVITATION_MAX_RESENDS);
  });

  it('refuses to resend to a declined, suppressed, joined or revoked invitee, with a clear message and nothing written', async () => {
    const event = await createTestEvent('act-refuse');
    const owner = event.owner;
    const ids = await invite(event.eventId, [
      { email: 'declined@refuse.example', bib: '1' },
      { email: 'suppressed@refuse.example', bib: '2' },
      { email: 'joined@refuse.example', bib: '3' },
      { email: 'revoked@refuse.example', bib: '4' },
    ]);
    const declineToken = await tokenOfLastMailTo('declined@refuse.example');
    await callRoute(declineRoute.action, formRequest(`/join/${declineToken}/decline`, {}), {
      token: declineToken,
    });
    await suppressAddress({
      eventId: event.eventId,
      email: 'suppressed@refuse.example',
      reason: 'complained',
    });
    const joinToken = await tokenOfLastMailTo('joined@refuse.example');
    await callRoute(
      joinRoute.action,
      formRequest(`/join/${joinToken}`, joinForm({ consent: 'yes' })),
      { token: joinToken },
    );
    expect(
      (await act(event.slug, ids[3], owner.cookie, { intent: 'revoke', confirm: 'yes' })).status,
    ).toBe(200);

    const expected = ['declined', 'suppressed', 'joined', 'revoked'];
    for (const [index, refusal] of expected.entries()) {
      const before = await writtenState(event.eventId);
      for (const language of ['ja', 'en']) {
        const response = await act(
          event.slug,
          ids[index],
          owner.cookie,
          { intent: 'resend' },
          language,
        );
        expect(response.status, refusal).toBe(409);
        const body = (await response.json()) as ActionBody;
        expect(body.refusal).toBe(refusal);
        expect(body.formError?.length).toBeGreaterThan(5);
      }
      expect(await writtenState(event.eventId), refusal).toBe(before);
    }
    // Nothing new reached the declined or suppressed address.
    expect(await mailTo('declined@refuse.example')).toHaveLength(1);
    expect(await mailTo('suppressed@refuse.example')).toHaveLength(1);
  });

  it('lets a viewer look but not resend, correct or revoke (403), and strangers get 404', async () => {
    const event = await createTestEvent('act-viewer');
    const viewer = await addStaff(event.eventId, 'viewer@act-viewer.example', 'viewer');
    const stranger = await signedInUser('stranger@act-viewer.example');
    const [id] = await invite(event.eventId, [{ email: 'v@viewer.example', bib: '1' }]);
    const before = await writtenState(event.eventId);
    const attempts: Record<string, string>[] = [
      { intent: 'resend' },
      { intent: 'correct', email: 'new@viewer.example', reason: 'typo' },
      { intent: 'revoke', confirm: 'yes' },
    ];
    for (const fields of attempts) {
      expect((await act(event.slug, id, viewer.cookie, fields)).status).toBe(403);
      expect((await act(event.slug, id, stranger.cookie, fields)).status).toBe(404);
    }
    expect(await writtenState(event.eventId)).toBe(before);
  });

  it('corrects an address: the old link stops working, the new address is invited and can join, the audit log has the reason', async () => {
    const event = await createTestEvent('act-correct');
    const editor = await addStaff(event.eventId, 'editor@act-correct.example', 'editor');
    const [id] = await invite(event.eventId, [{ email: 'wrnog@typo.example', bib: '42' }]);
    const oldToken = await tokenOfLastMailTo('wrnog@typo.example');

    // Typed on a Japanese keyboard: full-width, upper case.
    const response = await act(event.slug, id, editor.cookie, {
      intent: 'correct',
      email: 'Ｒｉｇｈｔ＠Fixed.example',
      reason: 'ご本人から電話で訂正の依頼',
    });
    const body = await response.text();
    expect(response.status).toBe(200);
    expect(body).not.toMatch(/wrnog@|right@/i);

    expect(await joinPageView(oldToken)).toEqual({ status: 410, view: 'gone' });
    const newToken = await tokenOfLastMailTo('right@fixed.example');
    expect(await mailTo('wrnog@typo.example')).toHaveLength(1);
    expect((await joinPageView(newToken)).view).toBe('open');
    const joined = await callRoute(
      joinRoute.action,
      formRequest(`/join/${newToken}`, joinForm({ consent: 'yes' })),
      { token: newToken },
    );
    expect(joined.status).toBe(302);

    const list = await callRoute(
      listRoute.loader,
      getRequest(`/staff/${event.slug}/invitations?q=42`, { cookie: editor.cookie }),
      { slug: event.slug },
    );
    const listText = await list.text();
    const page = JSON.parse(listText) as { invitees: { status: string; maskedEmail: string }[] };
    expect(page.invitees[0]).toMatchObject({ status: 'joined', maskedEmail: 'r***@f***.example' });
    expect(listText).not.toContain('w***@t***');

    const [entry] = await db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'invitation.correct_address'), eq(auditLog.eventId, event.eventId)),
      );
    expect(entry.detail).toEqual({
      bib: '42',
      newAddress: 'r***@f***.example',
      reason: 'ご本人から電話で訂正の依頼',
    });
    expect(entry.actorUserId).toBe(editor.userId);
  });

  it('cancels the mail still queued for the old address when the address is corrected', async () => {
    const event = await createTestEvent('act-cancel');
    const [id] = await invite(event.eventId, [{ email: 'old@cancel.example', bib: '1' }], {
      send: false,
    });
    const [{ importId }] = await db
      .select({ importId: invitations.importId })
      .from(invitations)
      .where(eq(invitations.id, id));
    await startInvitationWave(importId!);
    const response = await act(event.slug, id, event.owner.cookie, {
      intent: 'correct',
      email: 'new@cancel.example',
      reason: 'typo in the entry form',
    });
    expect(response.status).toBe(200);
    await deliverQueuedMail();
    expect(await mailTo('old@cancel.example')).toHaveLength(0);
    expect(await mailTo('new@cancel.example')).toHaveLength(1);
    const [wave] = await db
      .select({ status: outboundEmails.status })
      .from(outboundEmails)
      .where(and(eq(outboundEmails.invitationId, id), eq(outboundEmails.kind, 'invitation')));
    expect(wave.status).toBe('cancelled');
  });

  it('answers bad input with a clear localized 4xx and writes nothing', async () => {
    const event = await createTestEvent('act-bad');
    const owner = event.owner;
    const [id, otherId] = await invite(event.eventId, [
      { email: 'current@bad.example', bib: '1' },
      { email: 'other@bad.example', bib: '2' },
    ]);
    await addMember(event.eventId, 'member@bad.example');
    await suppressAddress({
      eventId: event.eventId,
      email: 'gone@bad.example',
      reason: 'declined',
    });
    expect(otherId).toBeTruthy();
    const before = await writtenState(event.eventId);

    const cases: [Record<string, string>, number, string | null, string | null][] = [
      [{ intent: 'correct', email: 'not-an-address', reason: 'typo' }, 400, 'email', null],
      [{ intent: 'correct', email: '', reason: 'typo' }, 400, 'email', null],
      [
        { intent: 'correct', email: `${'a'.repeat(250)}@bad.example`, reason: 'x' },
        400,
        'email',
        null,
      ],
      [{ intent: 'correct', email: 'fine@bad.example', reason: '' }, 400, 'reason', null],
      [
        { intent: 'correct', email: 'fine@bad.example', reason: 'x'.repeat(201) },
        400,
        'reason',
        null,
      ],
      [{ intent: 'correct', email: 'fine@bad.example' }, 400, 'reason', null],
      [{ intent: 'correct', email: 'CURRENT@bad.example', reason: 'x' }, 409, null, 'same_address'],
      [{ intent: 'correct', email: 'other@bad.example', reason: 'x' }, 409, null, 'address_taken'],
      [
        { intent: 'correct', email: 'member@bad.example', reason: 'x' },
        409,
        null,
        'already_member',
      ],
      [{ intent: 'correct', email: 'gone@bad.example', reason: 'x' }, 409, null, 'suppressed'],
      [{ intent: 'explode' }, 400, null, null],
      [{}, 400, null, null],
    ];
    for (const [fields, status, field, refusal] of cases) {
      const response = await act(event.slug, id, owner.cookie, fields);
      const text = await response.text();
      expect(response.status, JSON.stringify(fields)).toBe(status);
      const body = JSON.parse(text) as ActionBody & {
        submission?: { error?: Record<string, string[]> };
      };
      if (field) expect(body.submission?.error?.[field], JSON.stringify(fields)).toBeTruthy();
      if (refusal) expect(body.refusal).toBe(refusal);
      if (!field) expect(body.formError, JSON.stringify(fields)).toBeTruthy();
      // The typed address is never echoed, not even a wrong one.
      if (fields.email) expect(text.toLowerCase()).not.toContain(fields.email.toLowerCase());
    }
    // An unknown invitation, for every action.
    const everyAction: Record<string, string>[] = [
      { intent: 'resend' },
      { intent: 'revoke', confirm: 'yes' },
      { intent: 'correct', email: 'fine@bad.example', reason: 'x' },
    ];
    for (const fields of everyAction) {
      const response = await act(event.slug, 'no-such-invitation', owner.cookie, fields);
      expect(response.status).toBe(404);
      expect(((await response.json()) as ActionBody).refusal).toBe('not_found');
    }
    // Another event's invitation is unknown here too.
    const elsewhere = await createTestEvent('act-bad-other');
    const response = await act(elsewhere.slug, id, elsewhere.owner.cookie, { intent: 'resend' });
    expect(response.status).toBe(404);
    expect(await writtenState(event.eventId)).toBe(before);
  });

  it('revokes an invitation: its link stops working, nothing more is sent, audit-logged', async () => {
    const event = await createTestEvent('act-revoke');
    const [id] = await invite(event.eventId, [{ email: 'revoke@act.example', bib: '9' }]);
    const token = await tokenOfLastMailTo('revoke@act.example');
    // It cannot be undone, so the form asks for a tick first; without it nothing changes.
    const unconfirmed = await act(event.slug, id, event.owner.cookie, { intent: 'revoke' });
    expect(unconfirmed.status).toBe(400);
    expect(((await unconfirmed.json()) as ActionBody).formError).toBe(
      translate('ja', 'invitees.revoke.confirmRequired'),
    );
    expect(await joinPageView(token)).not.toEqual({ status: 410, view: 'gone' });
    const response = await act(event.slug, id, event.owner.cookie, {
      intent: 'revoke',
      confirm: 'yes',
    });
    expect(response.status).toBe(200);
    expect(await joinPageView(token)).toEqual({ status: 410, view: 'gone' });
    const [row] = await db.select().from(invitations).where(eq(invitations.id, id));
    expect(row).toMatchObject({ status: 'revoked', tokenHash: null, reminderTokenHash: null });
    expect(row.revokedAt).not.toBeNull();
    const again = await act(event.slug, id, event.owner.cookie, {
      intent: 'revoke',
      confirm: 'yes',
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as ActionBody).refusal).toBe('revoked');
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'invitation.revoke'), eq(auditLog.eventId, event.eventId)));
    expect(entry).toMatchObject({ target: `invitation:${id}`, detail: { bib: '9' } });
  });
});

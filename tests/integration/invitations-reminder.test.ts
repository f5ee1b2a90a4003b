import { eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invitations } from '~db/schema';
import { db } from '~/modules/database/database.server';
import {
  remindInvitationsQueue,
  REMINDER_AFTER_DAYS,
} from '~/modules/invitations/invitation-delivery.server';
import { suppressAddress } from '~/modules/invitations/suppression.server';
import * as declineRoute from '~/routes/join.$token.decline';
import * as joinRoute from '~/routes/join.$token';
import { linksIn, mailTo } from '../support/mail';
import { callRoute, formRequest, getRequest, jsonOf } from '../support/requests';
import { createEvent, joinForm, joinTokenIn, staffOf, upload } from '../fixtures/invitations';

const DAY = 86_400_000;

describe('the one invitation reminder', () => {
  it('goes only to invitations still pending, no earlier than 3 days after the invitation, and only once', async () => {
    const event = await createEvent('remind');
    const owner = await staffOf(event, 'owner@remind.example', 'owner');
    const people = ['pending', 'joined', 'declined', 'bounced', 'revoked', 'expired', 'suppressed'];
    const csv = ['email,name,bib', ...people.map((p, i) => `${p}@remind.example,${p},${i}`)].join(
      '\n',
    );
    expect((await upload(event.slug, csv, owner.cookie)).status).toBe(302);
    const tokens: Record<string, string> = {};
    for (const p of people) {
      const mails = await mailTo(`${p}@remind.example`);
      expect(mails).toHaveLength(1);
      tokens[p] = joinTokenIn(linksIn(mails[0]));
    }
    const rows = await db
      .select({ id: invitations.id, sentAt: invitations.sentAt })
      .from(invitations)
      .where(eq(invitations.eventId, event.id));
    const ids = rows.map((r) => r.id);

    // The reminder job was queued by the send job, to start no earlier than 3 days later.
    const jobs = await db.execute(
      sql`SELECT data, start_after FROM pgboss.job WHERE name = 'invitations.remind'`,
    );
    const remindJobs = (Array.isArray(jobs) ? jobs : (jobs as { rows: unknown[] }).rows) as {
      data: { invitationIds: string[] };
      start_after: string | Date;
    }[];
    const ours = remindJobs.filter((job) => job.data.invitationIds.some((id) => ids.includes(id)));
    expect(ours).toHaveLength(1);
    expect(new Date(ours[0].start_after).getTime()).toBeGreaterThanOrEqual(
      rows[0].sentAt!.getTime() + REMINDER_AFTER_DAYS * DAY,
    );

    // Run early anyway (a clock skew, an operator): nothing is sent before 3 days.
    await remindInvitationsQueue.handler({ invitationIds: ids });
    for (const p of people) expect(await mailTo(`${p}@remind.example`)).toHaveLength(1);

    // Three days later, in every state but one, the reminder stays silent.
    await db
      .update(invitations)
      .set({ sentAt: new Date(Date.now() - REMINDER_AFTER_DAYS * DAY - 60_000) })
      .where(inArray(invitations.id, ids));
    expect(
      (
        await callRoute(
          joinRoute.action,
          formRequest(`/join/${tokens.joined}`, joinForm({ consent: 'yes' })),
          { token: tokens.joined },
        )
      ).status,
    ).toBe(302);
    expect(
      (
        await callRoute(declineRoute.action, formRequest(`/join/${tokens.declined}/decline`, {}), {
          token: tokens.declined,
        })
      ).status,
    ).toBe(200);
    await db
      .update(invitations)
      .set({ bouncedAt: new Date() })
      .where(eq(invitations.email, 'bounced@remind.example'));
    await db
      .update(invitations)
      .set({ status: 'revoked' })
      .where(eq(invitations.email, 'revoked@remind.example'));
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.email, 'expired@remind.example'));
    await suppressAddress({
      eventId: event.id,
      email: 'suppressed@remind.example',
      reason: 'complained',
    });

    await remindInvitationsQueue.handler({ invitationIds: ids });
    await remindInvitationsQueue.handler({ invitationIds: ids }); // a retried job
    const pending = await mailTo('pending@remind.example');
    expect(pending).toHaveLength(2);
    expect(pending[1].subject).toContain('再送');
    expect(pending[1].text).toContain('リマインダーはこの1回だけ');
    expect(pending[1].text).toContain('It is the only reminder');
    for (const p of people.filter((x) => x !== 'pending')) {
      const received = (await mailTo(`${p}@remind.example`)).filter((m) =>
        m.subject.includes('再送'),
      );
      expect(received, p).toHaveLength(0);
    }

    // The reminder's link and the first email's link both open the same join page.
    const reminderToken = joinTokenIn(linksIn(pending[1]));
    expect(reminderToken).not.toBe(tokens.pending);
    for (const token of [tokens.pending, reminderToken]) {
      const page = await jsonOf<{ view: string }>(
        await callRoute(joinRoute.loader, getRequest(`/join/${token}`), { token }),
      );
      expect(page.view).toBe('open');
    }
    const [reminded] = await db
      .select()
      .from(invitations)
      .where(eq(invitations.email, 'pending@remind.example'));
    expect(reminded.remindedAt).not.toBeNull();
    expect(JSON.stringify(reminded)).not.toContain(reminderToken);
  });
});

/**
 * The embedded first start seeds a demo a race office can click through: the event with its
 * staff and runners, a sponsor, an announcement sent through the real send path (in the
 * runners' feed and mailbox), and an imported entrant list (invitations, no memberships).
 * It never touches a database that already has an event.
 */
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { announcements, events, invitations, memberships, users } from '~db/schema';
import { env } from '~/env.server';
import { db } from '~/modules/database/database.server';
import { DEMO_INVITEES } from '~/modules/demo/demo-activity.server';
import { DEMO_ACCOUNTS, DEMO_EVENT_SLUG, seedDemoIfEmpty } from '~/modules/demo/demo-seed.server';
import { getEventSummary } from '~/modules/events/event-summary.server';
import { runPendingJobs } from '~/modules/jobs/queue.server';
import { mailTo } from '../support/mail';

async function counts() {
  const [e] = await db.select({ n: count() }).from(events);
  const [u] = await db.select({ n: count() }).from(users);
  const [m] = await db.select({ n: count() }).from(memberships);
  const [a] = await db.select({ n: count() }).from(announcements);
  const [i] = await db.select({ n: count() }).from(invitations);
  return { events: e.n, users: u.n, memberships: m.n, announcements: a.n, invitations: i.n };
}

describe('the demo seed', () => {
  it(
    'seeds an event to click through, with real activity, exactly once',
    { timeout: 60_000 },
    async () => {
      env.SEED_DEMO = true;
      await seedDemoIfEmpty();
      await runPendingJobs();

      const [event] = await db.select().from(events).where(eq(events.slug, DEMO_EVENT_SLUG));
      expect(event.nameJa).toBe('さくらシティマラソン 2027');
      const summary = await getEventSummary(event.id);
      expect(summary.funnel).toMatchObject({ invited: DEMO_INVITEES.length, joined: 0 });

      const [sent] = await db
        .select()
        .from(announcements)
        .where(eq(announcements.eventId, event.id));
      expect(sent.status).toBe('sent');
      for (const runner of DEMO_ACCOUNTS.runners) {
        const mail = await mailTo(runner.email);
        expect(mail.map((m) => m.subject).join('\n')).toContain(
          runner.locale === 'ja' ? 'エントリーありがとうございます' : 'Thank you for entering',
        );
      }
      for (const invitee of DEMO_INVITEES) {
        expect(await mailTo(invitee.email)).toHaveLength(1);
        const [user] = await db.select().from(users).where(eq(users.email, invitee.email));
        expect(user).toBeUndefined();
      }

      const before = await counts();
      expect(before).toMatchObject({ events: 1, memberships: DEMO_ACCOUNTS.runners.length });
      await seedDemoIfEmpty();
      expect(await counts()).toEqual(before);
    },
  );
});

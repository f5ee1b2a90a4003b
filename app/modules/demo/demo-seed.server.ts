import { sql } from 'drizzle-orm';
import {
  channelPreferences,
  channels,
  consentRecords,
  events,
  eventCategories,
  eventStaff,
  memberships,
  users,
} from '~db/schema';
import { env } from '~/env.server';
import { database, db } from '~/modules/database/database.server';
import { DEFAULT_CHANNELS } from '~/modules/events/default-channels';
import {
  CURRENT_CONSENT_VERSION,
  ensureConsentTextsStored,
} from '~/modules/membership/consent-text.server';
import { generateId } from '~/modules/security/tokens.server';
import { seedDemoSponsor } from '~/modules/sponsors/demo-sponsor.server';
import { seedDemoVideo } from '~/modules/video/demo-video.server';
import { seedDemoActivity } from './demo-activity.server';
import { logger } from '~/utils/logger.server';

/** The demo's sign-in addresses, listed in the README. Codes appear in /dev/mailbox. */
export const DEMO_ACCOUNTS = {
  owner: 'owner@sakura-marathon.example',
  editor: 'editor@sakura-marathon.example',
  viewer: 'viewer@sakura-marathon.example',
  runners: [
    {
      email: 'runner1@example.com',
      name: '山田 花子',
      bib: '1024',
      category: 'フルマラソン',
      locale: 'ja' as const,
    },
    {
      email: 'runner2@example.com',
      name: '佐藤 健',
      bib: '2048',
      category: 'ハーフマラソン',
      locale: 'ja' as const,
    },
    {
      email: 'runner3@example.com',
      name: 'Emily Carter',
      bib: '3001',
      category: '10km',
      locale: 'en' as const,
    },
  ],
};

export const DEMO_EVENT_SLUG = 'sakura-city-2027';

export function shouldSeedDemo() {
  // Never in production, whatever SEED_DEMO says (env.server.ts refuses SEED_DEMO=true there):
  // the demo's accounts are published, and an embedded production database must not start
  // with a fake event in it (decision 084).
  if (env.NODE_ENV === 'production') return false;
  return env.SEED_DEMO ?? database.kind === 'pglite';
}

/** Embedded mode's first start: a demo event to sign in to. Never touches a non-empty database. */
export async function seedDemoIfEmpty() {
  await ensureConsentTextsStored();
  if (!shouldSeedDemo()) return;
  const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(events);
  if (count > 0) return;
  await seedDemo();
  logger.info('demo.seeded', { event: DEMO_EVENT_SLUG });
}

export async function seedDemo() {
  const eventId = generateId();
  await db.transaction(async (tx) => {
    await tx.insert(events).values({
      id: eventId,
      slug: DEMO_EVENT_SLUG,
      nameJa: 'さくらシティマラソン 2027',
      nameEn: 'Sakura City Marathon 2027',
      eventDate: '2027-03-28',
      organizerNameJa: 'さくらシティマラソン実行委員会',
      organizerNameEn: 'Sakura City Marathon Organizing Committee',
      contactEmail: 'office@sakura-marathon.example',
      descriptionJa: '桜並木の川沿いを走る、市民マラソンです。',
      descriptionEn: 'A city marathon along the cherry-lined riverside.',
    });
    const staff = [
      { email: DEMO_ACCOUNTS.owner, role: 'owner' as const },
      { email: DEMO_ACCOUNTS.editor, role: 'editor' as const },
      { email: DEMO_ACCOUNTS.viewer, role: 'viewer' as const },
    ];
    for (const member of staff) {
      const userId = generateId();
      await tx.insert(users).values({ id: userId, email: member.email, locale: 'ja' });
      await tx.insert(eventStaff).values({ eventId, userId, role: member.role });
    }
    const channelIds: string[] = [];
    for (const channel of DEFAULT_CHANNELS) {
      const id = generateId();
      channelIds.push(id);
      await tx.insert(channels).values({ id, eventId, ...channel, isDefault: true });
    }
    let alias = 4821;
    for (const runner of DEMO_ACCOUNTS.runners) {
      const userId = generateId();
      const membershipId = generateId();
      await tx.insert(users).values({ id: userId, email: runner.email, locale: runner.locale });
      await tx.insert(memberships).values({
        id: membershipId,
        eventId,
        userId,
        aliasNumber: alias++,
        name: runner.name,
        bib: runner.bib,
        category: runner.category,
      });
      // Demo data only: these consents stand for runners who joined through the real flow.
      await tx.insert(consentRecords).values({
        id: generateId(),
        eventId,
        userId,
        action: 'granted',
        method: 'invitation',
        consentVersion: CURRENT_CONSENT_VERSION,
        consentLocale: runner.locale,
      });
      for (const channelId of channelIds) {
        await tx.insert(channelPreferences).values({ membershipId, channelId, emailEnabled: true });
      }
    }
    // The categories an entrant import would have recorded: the announcement form offers these.
    const categories = new Set(DEMO_ACCOUNTS.runners.map((r) => r.category));
    await tx
      .insert(eventCategories)
      .values([...categories].map((name) => ({ eventId, name })))
      .onConflictDoNothing();
    await seedDemoSponsor(eventId, tx);
  });
  // After the transaction (never `db` inside it); skipped with a log line without ffmpeg.
  await seedDemoVideo(eventId);
  await seedDemoActivity(eventId, DEMO_ACCOUNTS.owner);
}

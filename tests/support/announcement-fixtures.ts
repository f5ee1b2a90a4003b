/**
 * Events, staff and members for the announcement and delivery tests. Members are inserted
 * set-based (thousands in one statement) so the fan-out tests stay fast.
 */
import { sql } from 'drizzle-orm';
import { channels, events, eventStaff, memberships, users, type StaffRole } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { DEFAULT_CHANNELS } from '~/modules/events/default-channels';
import { generateId } from '~/modules/security/tokens.server';
import { signedInUser } from './auth';

export interface TestEvent {
  id: string;
  slug: string;
  channelIds: Record<string, string>;
}

export async function seedEvent(
  slug = `race-${generateId().slice(0, 8).toLowerCase()}`,
): Promise<TestEvent> {
  const id = generateId();
  await db.insert(events).values({
    id,
    slug,
    nameJa: 'テストマラソン',
    nameEn: 'Test Marathon',
    eventDate: '2027-03-28',
    organizerNameJa: 'テストマラソン実行委員会',
    organizerNameEn: 'Test Marathon Committee',
    contactEmail: 'office@test-marathon.example',
  });
  const channelIds: Record<string, string> = {};
  for (const channel of DEFAULT_CHANNELS) {
    const channelId = generateId();
    channelIds[channel.slug] = channelId;
    await db.insert(channels).values({ id: channelId, eventId: id, ...channel, isDefault: true });
  }
  return { id, slug, channelIds };
}

export async function addStaff(
  event: TestEvent,
  email: string,
  role: StaffRole,
  locale: 'ja' | 'en' = 'ja',
) {
  const session = await signedInUser(email, locale);
  await db
    .insert(eventStaff)
    .values({ eventId: event.id, userId: session.userId, role })
    .onConflictDoNothing();
  return session;
}

let aliasCounter = 1000;

export async function addMember(
  event: TestEvent,
  input: {
    email: string;
    bib?: string;
    category?: string;
    locale?: 'ja' | 'en';
    status?: 'active' | 'left';
  },
) {
  const session = await signedInUser(input.email, input.locale ?? 'ja');
  const membershipId = generateId();
  aliasCounter += 1;
  await db.insert(memberships).values({
    id: membershipId,
    eventId: event.id,
    userId: session.userId,
    aliasNumber: aliasCounter,
    name: 'テスト ランナー',
    bib: input.bib ?? null,
    category: input.category ?? null,
    status: input.status ?? 'active',
  });
  return { ...session, membershipId, aliasNumber: aliasCounter };
}

/**
 * `count` members in one statement each for users and memberships: addresses
 * `<prefix>-<n>@bulk.example`, bibs from `firstBib`, every tenth in English.
 */
export async function addManyMembers(
  event: TestEvent,
  count: number,
  prefix = 'bulk',
  firstBib = 10000,
) {
  const tag = generateId().slice(0, 6);
  await db.execute(sql`
    INSERT INTO users (id, email, locale)
    SELECT ${`${tag}-u-`} || g, ${`${prefix}-`} || g || '@bulk.example', CASE WHEN g % 10 = 0 THEN 'en' ELSE 'ja' END
    FROM generate_series(1, ${count}) g`);
  await db.execute(sql`
    INSERT INTO memberships (id, event_id, user_id, alias_number, name, bib, status)
    SELECT ${`${tag}-m-`} || g, ${event.id}, ${`${tag}-u-`} || g, ${firstBib} + g, '', (${firstBib} + g)::text, 'active'
    FROM generate_series(1, ${count}) g`);
  return Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}@bulk.example`);
}

export function userIdsOf() {
  return db.select({ id: users.id, email: users.email }).from(users);
}

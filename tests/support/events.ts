import { eq } from 'drizzle-orm';
import { consentRecords, eventStaff, memberships, type StaffRole } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { createEvent } from '~/modules/events/create-event.server';
import { CURRENT_CONSENT_VERSION } from '~/modules/membership/consent-text.server';
import { generateId } from '~/modules/security/tokens.server';
import { signedInUser } from './auth';

/** An event created through the real module, with its creator signed in as owner. */
export async function createTestEvent(slug: string, ownerEmail = `owner@${slug}.example`) {
  const owner = await signedInUser(ownerEmail);
  const result = await createEvent(owner.userId, {
    nameJa: `テスト大会 ${slug}`,
    nameEn: `Test race ${slug}`,
    eventDate: '2027-03-28',
    slug,
    organizerNameJa: 'テスト大会実行委員会',
    organizerNameEn: 'Test Race Committee',
    contactEmail: `office@${slug}.example`,
  });
  if (!result.ok) throw new Error(`could not create ${slug}`);
  return { eventId: result.eventId, slug, owner: { ...owner, email: ownerEmail } };
}

export async function addStaff(eventId: string, email: string, role: StaffRole) {
  const user = await signedInUser(email);
  await db.insert(eventStaff).values({ eventId, userId: user.userId, role }).onConflictDoNothing();
  return { ...user, email };
}

let nextAlias = 5000;

/**
 * A member as the join flow leaves one: an active membership with a consent record.
 * (The join flow itself is tested with the invitations; here we need members to look at.)
 */
export async function addMember(
  eventId: string,
  email: string,
  options: { name?: string; bib?: string; aliasNumber?: number; locale?: 'ja' | 'en' } = {},
) {
  const user = await signedInUser(email, options.locale ?? 'ja');
  const membershipId = generateId();
  const aliasNumber = options.aliasNumber ?? nextAlias++;
  await db.insert(memberships).values({
    id: membershipId,
    eventId,
    userId: user.userId,
    aliasNumber,
    name: options.name ?? `Runner ${aliasNumber}`,
    bib: options.bib ?? String(aliasNumber),
  });
  await db.insert(consentRecords).values({
    id: generateId(),
    eventId,
    userId: user.userId,
    action: 'granted',
    method: 'invitation',
    consentVersion: CURRENT_CONSENT_VERSION,
    consentLocale: options.locale ?? 'ja',
    ipHash: 'test-ip-hash',
    userAgentHash: 'test-ua-hash',
  });
  return { ...user, email, membershipId, aliasNumber };
}

export async function membershipStatus(membershipId: string) {
  const [row] = await db
    .select({ status: memberships.status, leftAt: memberships.leftAt })
    .from(memberships)
    .where(eq(memberships.id, membershipId));
  return row ?? null;
}

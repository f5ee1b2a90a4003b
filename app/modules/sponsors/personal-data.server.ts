import { asc, eq, inArray } from 'drizzle-orm';
import {
  events,
  offerClaims,
  offerCodes,
  offers,
  sponsorInvitations,
  sponsorNotices,
  sponsors,
  sponsorStaff,
} from '~db/schema';
import { db } from '~/modules/database/database.server';
import type { DomainPersonalData } from '~/modules/membership/personal-data-types.server';

const eventRef = { slug: events.slug, nameJa: events.nameJa, nameEn: events.nameEn };
const sponsorRef = { nameJa: sponsors.nameJa, nameEn: sponsors.nameEn };

/**
 * Sponsor staff (their roles and invitations), the ids of whoever wrote or reviewed sponsor
 * content, and members' coupon claims. A sponsor whose last staff member deletes their account
 * stays, with its offers and notices: they are the company's, and the event's owners can
 * invite a new contact to it (083).
 */
export const sponsorsPersonalData: DomainPersonalData = {
  domain: 'sponsors',
  declarations: [
    {
      table: 'sponsor_staff',
      what: 'the person’s place on a sponsor’s staff',
      columns: { user_id: 'the sponsor staff member' },
      export: {
        key: 'sponsorRoles',
        read: ({ userId }) =>
          db
            .select({ event: eventRef, sponsor: sponsorRef, since: sponsorStaff.createdAt })
            .from(sponsorStaff)
            .innerJoin(sponsors, eq(sponsors.id, sponsorStaff.sponsorId))
            .innerJoin(events, eq(events.id, sponsors.eventId))
            .where(eq(sponsorStaff.userId, userId)),
      },
      erase: { kind: 'cascade', via: { column: 'user_id', references: 'users.id' } },
    },
    {
      table: 'sponsor_invitations',
      what: 'an invitation of the address to a sponsor’s console',
      columns: { email: 'address' },
      export: {
        key: 'sponsorInvitations',
        read: ({ email }) =>
          db
            .select({
              event: eventRef,
              sponsor: sponsorRef,
              createdAt: sponsorInvitations.createdAt,
              expiresAt: sponsorInvitations.expiresAt,
              acceptedAt: sponsorInvitations.acceptedAt,
            })
            .from(sponsorInvitations)
            .innerJoin(sponsors, eq(sponsors.id, sponsorInvitations.sponsorId))
            .innerJoin(events, eq(events.id, sponsors.eventId))
            .where(eq(sponsorInvitations.email, email)),
      },
      erase: {
        kind: 'delete',
        run: async (tx, { email }) => {
          await tx.delete(sponsorInvitations).where(eq(sponsorInvitations.email, email));
        },
      },
    },
    {
      table: 'sponsor_invitations',
      what: 'which owner invited a sponsor’s contact',
      columns: { invited_by: 'the inviting owner (user id)' },
      export: { none: 'about the invitee, not the inviter; the audit log records the act' },
      erase: {
        kind: 'anonymize',
        why: 'the invitation belongs to the invitee',
        run: async (tx, { userId }) => {
          await tx
            .update(sponsorInvitations)
            .set({ invitedBy: null })
            .where(eq(sponsorInvitations.invitedBy, userId));
        },
      },
    },
    {
      table: 'sponsors',
      what: 'which owner added a sponsor',
      columns: { created_by: 'the owner (user id)' },
      export: { none: 'the sponsor is a company’s record; the audit log records the act' },
      erase: {
        kind: 'anonymize',
        why: 'the sponsor stays for its event',
        run: async (tx, { userId }) => {
          await tx.update(sponsors).set({ createdBy: null }).where(eq(sponsors.createdBy, userId));
        },
      },
    },
    {
      table: 'offers',
      what: 'who drafted a sponsor’s offer, and which owner reviewed it',
      columns: {
        created_by: 'the sponsor staff member (user id)',
        reviewed_by: 'the reviewing owner (user id)',
      },
      export: { none: 'the offer is the sponsor’s content; the audit log records the acts' },
      erase: {
        kind: 'anonymize',
        why: 'the offer and its codes stay for the sponsor and the members who claimed them',
        run: async (tx, { userId }) => {
          await tx.update(offers).set({ createdBy: null }).where(eq(offers.createdBy, userId));
          await tx.update(offers).set({ reviewedBy: null }).where(eq(offers.reviewedBy, userId));
        },
      },
    },
    {
      table: 'sponsor_notices',
      what: 'who drafted a sponsor notice, and which owner reviewed it',
      columns: {
        created_by: 'the sponsor staff member (user id)',
        reviewed_by: 'the reviewing owner (user id)',
      },
      export: { none: 'the notice is the sponsor’s content; the audit log records the acts' },
      erase: {
        kind: 'anonymize',
        why: 'the notice stays for the sponsor and the members who read it',
        run: async (tx, { userId }) => {
          await tx
            .update(sponsorNotices)
            .set({ createdBy: null })
            .where(eq(sponsorNotices.createdBy, userId));
          await tx
            .update(sponsorNotices)
            .set({ reviewedBy: null })
            .where(eq(sponsorNotices.reviewedBy, userId));
        },
      },
    },
    {
      table: 'offer_claims',
      what: 'the coupons the member claimed',
      columns: { membership_id: 'the member' },
      export: {
        key: 'offerClaims',
        // The member's own codes: shown to that member alone (SPEC P8), so they are theirs to take.
        read: async ({ memberships: mine }) => {
          if (mine.length === 0) return [];
          const rows = await db
            .select({
              event: eventRef,
              sponsor: sponsorRef,
              offer: offers.published,
              code: offerCodes.code,
              status: offerCodes.status,
              claimedAt: offerClaims.claimedAt,
              redeemedAt: offerCodes.redeemedAt,
            })
            .from(offerClaims)
            .innerJoin(offerCodes, eq(offerCodes.id, offerClaims.codeId))
            .innerJoin(offers, eq(offers.id, offerClaims.offerId))
            .innerJoin(sponsors, eq(sponsors.id, offers.sponsorId))
            .innerJoin(events, eq(events.id, offers.eventId))
            .where(
              inArray(
                offerClaims.membershipId,
                mine.map((m) => m.id),
              ),
            )
            .orderBy(asc(offerClaims.claimedAt));
          return rows.map(({ offer, ...claim }) => ({
            ...claim,
            offer: { titleJa: offer?.titleJa ?? null, titleEn: offer?.titleEn ?? null },
          }));
        },
      },
      erase: { kind: 'cascade', via: { column: 'membership_id', references: 'memberships.id' } },
    },
    {
      table: 'offer_codes',
      what: 'which member a claimed code went to',
      columns: { claimed_by: 'the member' },
      export: { includedIn: 'offerClaims' },
      erase: {
        kind: 'anonymize',
        why: 'the code stays claimed (the sponsor’s count, and it must not be handed out again)',
        setNull: [{ column: 'claimed_by', references: 'memberships.id' }],
      },
    },
  ],
  notPersonal: {
    'sponsors.name_ja': 'a company’s name',
    'sponsors.name_en': 'a company’s name',
    'offers.body_ja': 'the sponsor’s offer text',
    'offers.body_en': 'the sponsor’s offer text',
    'offers.review_comment': 'an owner’s note to the sponsor about its draft',
    'offers.published': 'the approved copy of the offer that members see',
    'sponsor_notices.body_ja': 'the sponsor’s notice text',
    'sponsor_notices.body_en': 'the sponsor’s notice text',
    'sponsor_notices.review_comment': 'an owner’s note to the sponsor about its draft',
  },
};

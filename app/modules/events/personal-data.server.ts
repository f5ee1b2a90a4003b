import { eq } from 'drizzle-orm';
import { events, eventStaff, staffInvitations } from '~db/schema';
import { db } from '~/modules/database/database.server';
import type { DomainPersonalData } from '~/modules/membership/personal-data-types.server';

const eventRef = { slug: events.slug, nameJa: events.nameJa, nameEn: events.nameEn };

/** Events and their organizer staff: roles and invitations to the team. */
export const eventsPersonalData: DomainPersonalData = {
  domain: 'events',
  declarations: [
    {
      table: 'event_staff',
      what: 'the person’s role on an event’s organizer staff',
      columns: { user_id: 'the staff member' },
      export: {
        key: 'staffRoles',
        read: ({ userId }) =>
          db
            .select({ event: eventRef, role: eventStaff.role, since: eventStaff.createdAt })
            .from(eventStaff)
            .innerJoin(events, eq(events.id, eventStaff.eventId))
            .where(eq(eventStaff.userId, userId)),
      },
      // The sole owner of an event is refused before anything is erased (deleteMyAccount).
      erase: { kind: 'cascade', via: { column: 'user_id', references: 'users.id' } },
    },
    {
      table: 'staff_invitations',
      what: 'an invitation of the address to an event’s staff',
      columns: { email: 'address' },
      export: {
        key: 'staffInvitations',
        read: ({ email }) =>
          db
            .select({
              event: eventRef,
              role: staffInvitations.role,
              createdAt: staffInvitations.createdAt,
              expiresAt: staffInvitations.expiresAt,
              acceptedAt: staffInvitations.acceptedAt,
            })
            .from(staffInvitations)
            .innerJoin(events, eq(events.id, staffInvitations.eventId))
            .where(eq(staffInvitations.email, email)),
      },
      erase: {
        kind: 'delete',
        run: async (tx, { email }) => {
          await tx.delete(staffInvitations).where(eq(staffInvitations.email, email));
        },
      },
    },
    {
      table: 'staff_invitations',
      what: 'which owner invited a colleague',
      columns: { invited_by: 'the inviting owner (user id)' },
      export: { none: 'about the invitee, not the inviter; the audit log records the act' },
      erase: {
        kind: 'anonymize',
        why: 'the invitation belongs to the invitee',
        run: async (tx, { userId }) => {
          await tx
            .update(staffInvitations)
            .set({ invitedBy: null })
            .where(eq(staffInvitations.invitedBy, userId));
        },
      },
    },
  ],
  notPersonal: {
    'events.name_ja': 'the race’s public name',
    'events.name_en': 'the race’s public name',
    'events.organizer_name_ja': 'the organizing body, printed in every email',
    'events.organizer_name_en': 'the organizing body, printed in every email',
    'events.contact_email': 'the race office’s public contact address, never a person’s own',
  },
};

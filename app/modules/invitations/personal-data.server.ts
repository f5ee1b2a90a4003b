import { eq } from 'drizzle-orm';
import { entrantImports, entrantUploads, events, invitations, suppressions } from '~db/schema';
import { db } from '~/modules/database/database.server';
import type { DomainPersonalData } from '~/modules/membership/personal-data-types.server';
import { suppressAddress, suppressionHash } from './suppression.server';

const eventRef = { slug: events.slug, nameJa: events.nameJa, nameEn: events.nameEn };

/** The entrant list as invitations, and the "don't invite me again" list. */
export const invitationsPersonalData: DomainPersonalData = {
  domain: 'invitations',
  declarations: [
    {
      table: 'invitations',
      what: 'the person’s line of an entrant list the office uploaded',
      columns: {
        email: 'address',
        name: 'name',
        name_kana: 'reading of the name (kana)',
        name_search_key: 'the name and its reading, folded for search (kept by the database)',
        bib: 'bib number',
        category: 'race category',
      },
      export: {
        key: 'invitations',
        read: ({ email }) =>
          db
            .select({
              event: eventRef,
              email: invitations.email,
              name: invitations.name,
              nameKana: invitations.nameKana,
              bib: invitations.bib,
              category: invitations.category,
              status: invitations.status,
              createdAt: invitations.createdAt,
              sentAt: invitations.sentAt,
              remindedAt: invitations.remindedAt,
              bouncedAt: invitations.bouncedAt,
              respondedAt: invitations.respondedAt,
              resentAt: invitations.resentAt,
              revokedAt: invitations.revokedAt,
              expiresAt: invitations.expiresAt,
            })
            .from(invitations)
            .innerJoin(events, eq(events.id, invitations.eventId))
            .where(eq(invitations.email, email)),
      },
      erase: {
        kind: 'delete',
        // Re-importing the entrant list must not invite the person again: each event they were
        // invited to or joined keeps only the keyed hash of the address, as after "don't invite
        // me again" (which still lets them join by event code on their own).
        run: async (tx, subject) => {
          const invitedTo = await tx
            .select({ eventId: invitations.eventId })
            .from(invitations)
            .where(eq(invitations.email, subject.email));
          const eventIds = new Set([
            ...subject.memberships.map((m) => m.eventId),
            ...subject.consentedEventIds,
            ...invitedTo.map((i) => i.eventId),
          ]);
          for (const eventId of eventIds) {
            await suppressAddress({ eventId, email: subject.email, reason: 'declined' }, tx);
          }
          await tx.delete(invitations).where(eq(invitations.email, subject.email));
        },
      },
      retains: {
        columns: ['bib', 'category'],
        why:
          'an invitation declined earlier no longer holds the address or the name (both ' +
          'overwritten at the decline, 045) and cannot be found by the address any more; its ' +
          'bib and status stay for the office’s own funnel',
      },
    },
    {
      table: 'suppressions',
      what: 'that the address must not be invited to an event again',
      columns: { email_hash: 'keyed hash (HMAC) of the address' },
      export: {
        key: 'inviteSuppressions',
        read: ({ email }) =>
          db
            .select({
              event: eventRef,
              reason: suppressions.reason,
              createdAt: suppressions.createdAt,
            })
            .from(suppressions)
            .innerJoin(events, eq(events.id, suppressions.eventId))
            .where(eq(suppressions.emailHash, suppressionHash(email))),
      },
      erase: {
        kind: 'keep',
        why:
          'the promise not to invite the address again must outlive the account; a keyed hash ' +
          'cannot be reversed by hashing candidate addresses without the key (045)',
      },
    },
    {
      table: 'entrant_imports',
      what: 'which staff member uploaded an entrant list',
      columns: { imported_by: 'the staff member (user id)' },
      export: { none: 'the upload is the office’s record; it holds the uploader’s id only' },
      erase: {
        kind: 'anonymize',
        why: 'the upload’s counts stay for the office',
        run: async (tx, { userId }) => {
          await tx
            .update(entrantImports)
            .set({ importedBy: null })
            .where(eq(entrantImports.importedBy, userId));
        },
      },
    },
    {
      table: 'entrant_uploads',
      what: 'an entrant list between its upload and the confirmed column mapping (the whole file)',
      columns: {
        bytes: 'the uploaded file: addresses, names and bibs of everyone in it',
        uploaded_by: 'the staff member who uploaded it (user id)',
      },
      export: {
        none: 'the office’s file, held at most a day; the invitations made from it are exported',
      },
      erase: {
        kind: 'expires',
        why:
          'removed when the uploader confirms the mapping and by the retention job after a day; ' +
          'a staff member’s own uploads go with their account (ON DELETE CASCADE)',
      },
    },
  ],
  notPersonal: {
    'entrant_column_mappings.mapping':
      'which header of the office’s file is which field (header texts, never a value)',
    'event_categories.name': 'a race category of the event (種目), not a person',
    'entrant_imports.file_name': 'the office’s own name for the file it uploaded',
    'entrant_uploads.file_name': 'the office’s own name for the file it uploaded',
    'entrant_imports.summary':
      'counts of an upload and, for each rejected line, its number, field, reason and the value that failed — cut to 60 characters, an address never (masked); names and bibs of lines that were not imported are the office’s own list (ImportSummary)',
  },
};

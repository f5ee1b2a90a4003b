import { eq, inArray } from 'drizzle-orm';
import {
  channelPreferences,
  channels,
  consentRecords,
  events,
  joinConfirmations,
  memberships,
} from '~db/schema';
import { db } from '~/modules/database/database.server';
import { generateId } from '~/modules/security/tokens.server';
import { lastGrantedConsent } from './consent-records.server';
import { CURRENT_CONSENT_VERSION } from './consent-text.server';
import type { DomainPersonalData } from './personal-data-types.server';

const eventRef = { slug: events.slug, nameJa: events.nameJa, nameEn: events.nameEn };

/** Memberships, the consent log, channel settings and join-by-code confirmations. */
export const membershipPersonalData: DomainPersonalData = {
  domain: 'membership',
  declarations: [
    {
      table: 'consent_records',
      what: 'the evidence of each grant and withdrawal of consent by the person (SPEC P2)',
      columns: {
        user_id: 'the person',
        ip_hash: 'keyed hash of the IP address the form was sent from',
        user_agent_hash: 'keyed hash of the browser’s User-Agent',
      },
      export: {
        key: 'consentRecords',
        read: ({ userId }) =>
          db
            .select({
              event: eventRef,
              action: consentRecords.action,
              method: consentRecords.method,
              consentVersion: consentRecords.consentVersion,
              consentLocale: consentRecords.consentLocale,
              ipHash: consentRecords.ipHash,
              userAgentHash: consentRecords.userAgentHash,
              createdAt: consentRecords.createdAt,
            })
            .from(consentRecords)
            .innerJoin(events, eq(events.id, consentRecords.eventId))
            .where(eq(consentRecords.userId, userId)),
      },
      erase: {
        kind: 'anonymize',
        why:
          'the organizer must still be able to show that consent was withdrawn: the person’s ' +
          'records are replaced by one per event stating "withdrawn / account_deleted", with ' +
          'no user id and no request hashes (032)',
        run: async (tx, subject) => {
          const eventIds = new Set([
            ...subject.memberships.map((m) => m.eventId),
            ...subject.consentedEventIds,
          ]);
          const withdrawals = [];
          for (const eventId of eventIds) {
            const granted = await lastGrantedConsent(tx, subject.userId, eventId);
            withdrawals.push({
              id: generateId(),
              eventId,
              userId: null,
              action: 'withdrawn' as const,
              method: 'account_deleted' as const,
              consentVersion: granted?.version ?? CURRENT_CONSENT_VERSION,
              consentLocale: granted?.locale ?? subject.locale,
            });
          }
          await tx.delete(consentRecords).where(eq(consentRecords.userId, subject.userId));
          if (withdrawals.length > 0) await tx.insert(consentRecords).values(withdrawals);
        },
      },
    },
    {
      table: 'join_confirmations',
      what: 'a request to join by event code, keyed by the address it was mailed to',
      columns: { email: 'address' },
      export: {
        key: 'joinConfirmations',
        read: ({ email }) =>
          db
            .select({
              event: eventRef,
              createdAt: joinConfirmations.createdAt,
              expiresAt: joinConfirmations.expiresAt,
              usedAt: joinConfirmations.usedAt,
            })
            .from(joinConfirmations)
            .innerJoin(events, eq(events.id, joinConfirmations.eventId))
            .where(eq(joinConfirmations.email, email)),
      },
      erase: {
        kind: 'delete',
        run: async (tx, { email }) => {
          await tx.delete(joinConfirmations).where(eq(joinConfirmations.email, email));
        },
      },
    },
    {
      table: 'memberships',
      what: 'the person’s membership of an event: name, bib and category from the entrant list',
      columns: {
        user_id: 'the person',
        name: 'name',
        name_search_key: 'the name folded for the staff’s search (generated from name)',
        bib: 'bib number',
        category: 'race category',
      },
      export: {
        key: 'memberships',
        // The membership id is an internal key (it names the member in the audit log).
        read: ({ userId }) =>
          db
            .select({
              event: eventRef,
              aliasNumber: memberships.aliasNumber,
              name: memberships.name,
              bib: memberships.bib,
              category: memberships.category,
              status: memberships.status,
              joinedAt: memberships.joinedAt,
              leftAt: memberships.leftAt,
            })
            .from(memberships)
            .innerJoin(events, eq(events.id, memberships.eventId))
            .where(eq(memberships.userId, userId)),
      },
      erase: { kind: 'cascade', via: { column: 'user_id', references: 'users.id' } },
    },
    {
      table: 'channel_preferences',
      what: 'which channels the member receives by email',
      columns: { membership_id: 'the member' },
      export: {
        key: 'channelPreferences',
        read: async ({ memberships: mine }) =>
          mine.length === 0
            ? []
            : db
                .select({
                  event: eventRef,
                  channel: {
                    slug: channels.slug,
                    nameJa: channels.nameJa,
                    nameEn: channels.nameEn,
                  },
                  emailEnabled: channelPreferences.emailEnabled,
                  updatedAt: channelPreferences.updatedAt,
                })
                .from(channelPreferences)
                .innerJoin(channels, eq(channels.id, channelPreferences.channelId))
                .innerJoin(events, eq(events.id, channels.eventId))
                .where(
                  inArray(
                    channelPreferences.membershipId,
                    mine.map((m) => m.id),
                  ),
                ),
      },
      erase: { kind: 'cascade', via: { column: 'membership_id', references: 'memberships.id' } },
    },
  ],
  notPersonal: {
    'consent_texts.body': 'the consent wording shown to everyone, per version and language',
  },
};

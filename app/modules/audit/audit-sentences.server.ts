import { and, eq, inArray } from 'drizzle-orm';
import {
  announcements,
  channels,
  eventStaff,
  memberships,
  offers,
  sponsorInvitations,
  sponsorNotices,
  sponsorStaff,
  sponsors,
  staffInvitations,
  users,
  videos,
} from '~db/schema';
import type { MessageKey } from '~/i18n/messages';
import { auditEventField, auditSentence, roleLabel } from '~/i18n/key-families';
import { translate, type TranslateParams } from '~/i18n/translate';
import type { Locale } from '~/i18n/types';
import { db } from '~/modules/database/database.server';
import { maskEmail } from '~/modules/membership/mask-email';
import { memberAlias } from '~/modules/membership/member-alias';
import { formatCalendarDate, formatDateTime } from '~/utils/date-format';
import { maskEmailsInText } from '~/utils/logger.server';

/** A sentence, a name or a title in both languages; the page picks the reader's. */
export type LocalizedText = { ja: string; en: string };

/** The stored entry as listAuditEntries returns it. */
export interface StoredAuditEntry {
  actorUserId: string | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown>;
}

/**
 * Who someone is, as the log names them. Staff are colleagues, named by masked address (the
 * product keeps no display names) with their role in this event now — the log does not
 * record the role at the time. Sponsor staff by their organization; members by alias only.
 */
export type AuditPerson =
  | { kind: 'staff'; maskedEmail: string; role: string }
  | { kind: 'sponsor'; sponsor: LocalizedText }
  | { kind: 'member'; aliasNumber: number }
  | { kind: 'system' }
  | { kind: 'unknown' };

/** Everything the sentences name, resolved for one page of entries. */
export interface AuditLookups {
  eventName: LocalizedText;
  people: Map<string, AuditPerson>;
  aliasByMembership: Map<string, number>;
  staffInvitations: Map<string, { maskedEmail: string }>;
  sponsorInvitations: Map<string, { maskedEmail: string }>;
  announcements: Map<string, { title: LocalizedText; channelId: string }>;
  channels: Map<string, LocalizedText>;
  sponsors: Map<string, LocalizedText>;
  offers: Map<string, LocalizedText>;
  notices: Map<string, LocalizedText>;
  videos: Map<string, LocalizedText>;
}

/** Actions whose target is a bare announcement id (written before targets had a prefix). */
const ANNOUNCEMENT_ACTIONS = new Set([
  'announcement.create',
  'announcement.edit',
  'announcement.approve',
  'announcement.approve_broadcast',
  'announcement.send',
  'announcement.test_send',
  'announcement.schedule_cancel',
]);

function splitTarget(target: string | null): [string | null, string | null] {
  if (!target) return [null, null];
  const colon = target.indexOf(':');
  return colon < 0 ? [null, target] : [target.slice(0, colon), target.slice(colon + 1)];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * Resolves every id the entries mention with one query per kind of thing, scoped to the
 * event so an id from elsewhere resolves to nothing.
 */
export async function loadAuditLookups(
  event: { id: string; nameJa: string; nameEn: string },
  entries: StoredAuditEntry[],
): Promise<AuditLookups> {
  const ids = {
    users: new Set<string>(),
    memberships: new Set<string>(),
    staffInvitations: new Set<string>(),
    sponsorInvitations: new Set<string>(),
    announcements: new Set<string>(),
    channels: new Set<string>(),
    sponsors: new Set<string>(),
    offers: new Set<string>(),
    notices: new Set<string>(),
    videos: new Set<string>(),
  };
  for (const entry of entries) {
    if (entry.actorUserId) ids.users.add(entry.actorUserId);
    const [kind, id] = splitTarget(entry.target);
    if (id) {
      if (kind === 'user') ids.users.add(id);
      else if (kind === 'membership') ids.memberships.add(id);
      else if (kind === 'staff-invitation') ids.staffInvitations.add(id);
      else if (kind === 'sponsor-invitation') ids.sponsorInvitations.add(id);
      else if (kind === 'sponsor') ids.sponsors.add(id);
      else if (kind === 'offer') ids.offers.add(id);
      else if (kind === 'sponsor-notice') ids.notices.add(id);
      else if (kind === 'video') ids.videos.add(id);
      else if (kind === null && ANNOUNCEMENT_ACTIONS.has(entry.action)) ids.announcements.add(id);
      else if (kind === null && entry.action === 'channel.create') ids.channels.add(id);
    }
    const d = entry.detail ?? {};
    const sponsorId = text(d.sponsorId);
    if (sponsorId) ids.sponsors.add(sponsorId);
    const channelId = text(d.channelId);
    if (channelId) ids.channels.add(channelId);
    const announcementId = text(d.announcementId);
    if (announcementId) ids.announcements.add(announcementId);
    const approvedBy = text(d.approvedBy);
    if (approvedBy) ids.users.add(approvedBy);
  }

  const eventId = event.id;
  const list = (set: Set<string>) => [...set];
  const none = Promise.resolve([]);
  const [
    staffRows,
    sponsorStaffRows,
    memberRows,
    membershipRows,
    staffInvitationRows,
    sponsorInvitationRows,
    announcementRows,
    sponsorRows,
    offerRows,
    noticeRows,
    videoRows,
  ] = await Promise.all([
    ids.users.size === 0
      ? none
      : db
          .select({ userId: eventStaff.userId, email: users.email, role: eventStaff.role })
          .from(eventStaff)
          .innerJoin(users, eq(users.id, eventStaff.userId))
          .where(and(eq(eventStaff.eventId, eventId), inArray(eventStaff.userId, list(ids.users)))),
    ids.users.size === 0
      ? none
      : db
          .select({ userId: sponsorStaff.userId, nameJa: sponsors.nameJa, nameEn: sponsors.nameEn })
          .from(sponsorStaff)
          .innerJoin(sponsors, eq(sponsors.id, sponsorStaff.sponsorId))
          .where(and(eq(sponsors.eventId, eventId), inArray(sponsorStaff.userId, list(ids.users)))),
    ids.users.size === 0
      ? none
      : db
          .select({ userId: memberships.userId, aliasNumber: memberships.aliasNumber })
          .from(memberships)
          .where(
            and(eq(memberships.eventId, eventId), inArray(memberships.userId, list(ids.users))),
          ),
    ids.memberships.size === 0
      ? none
      : db
          .select({ id: memberships.id, aliasNumber: memberships.aliasNumber })
          .from(memberships)
          .where(
            and(eq(memberships.eventId, eventId), inArray(memberships.id, list(ids.memberships))),
          ),
    ids.staffInvitations.size === 0
      ? none
      : db
          .select({ id: staffInvitations.id, email: staffInvitations.email })
          .from(staffInvitations)
          .where(
            and(
              eq(staffInvitations.eventId, eventId),
              inArray(staffInvitations.id, list(ids.staffInvitations)),
            ),
          ),
    ids.sponsorInvitations.size === 0
      ? none
      : db
          .select({ id: sponsorInvitations.id, email: sponsorInvitations.email })
          .from(sponsorInvitations)
          .innerJoin(sponsors, eq(sponsors.id, sponsorInvitations.sponsorId))
          .where(
            and(
              eq(sponsors.eventId, eventId),
              inArray(sponsorInvitations.id, list(ids.sponsorInvitations)),
            ),
          ),
    ids.announcements.size === 0
      ? none
      : db
          .select({
            id: announcements.id,
            titleJa: announcements.titleJa,
            titleEn: announcements.titleEn,
            channelId: announcements.channelId,
          })
          .from(announcements)
          .where(
            and(
              eq(announcements.eventId, eventId),
              inArray(announcements.id, list(ids.announcements)),
            ),
          ),
    ids.sponsors.size === 0
      ? none
      : db
          .select({ id: sponsors.id, nameJa: sponsors.nameJa, nameEn: sponsors.nameEn })
          .from(sponsors)
          .where(and(eq(sponsors.eventId, eventId), inArray(sponsors.id, list(ids.sponsors)))),
    ids.offers.size === 0
      ? none
      : db
          .select({ id: offers.id, titleJa: offers.titleJa, titleEn: offers.titleEn })
          .from(offers)
          .where(and(eq(offers.eventId, eventId), inArray(offers.id, list(ids.offers)))),
    ids.notices.size === 0
      ? none
      : db
          .select({
            id: sponsorNotices.id,
            titleJa: sponsorNotices.titleJa,
            titleEn: sponsorNotices.titleEn,
          })
          .from(sponsorNotices)
          .where(
            and(eq(sponsorNotices.eventId, eventId), inArray(sponsorNotices.id, list(ids.notices))),
          ),
    ids.videos.size === 0
      ? none
      : db
          .select({ id: videos.id, titleJa: videos.titleJa, titleEn: videos.titleEn })
          .from(videos)
          .where(and(eq(videos.eventId, eventId), inArray(videos.id, list(ids.videos)))),
  ]);

  // Announcements name their channel; fetch those channels with the ones named directly.
  for (const a of announcementRows) ids.channels.add(a.channelId);
  const channelRows =
    ids.channels.size === 0
      ? []
      : await db
          .select({ id: channels.id, nameJa: channels.nameJa, nameEn: channels.nameEn })
          .from(channels)
          .where(and(eq(channels.eventId, eventId), inArray(channels.id, list(ids.channels))));

  // A person is named by the strongest tie they have with this event now.
  const people = new Map<string, AuditPerson>();
  for (const m of memberRows) people.set(m.userId, { kind: 'member', aliasNumber: m.aliasNumber });
  for (const s of sponsorStaffRows)
    people.set(s.userId, { kind: 'sponsor', sponsor: { ja: s.nameJa, en: s.nameEn } });
  for (const s of staffRows)
    people.set(s.userId, { kind: 'staff', maskedEmail: maskEmail(s.email), role: s.role });

  const titled = (rows: { id: string; titleJa: string; titleEn: string }[]) =>
    new Map(rows.map((r) => [r.id, { ja: r.titleJa, en: r.titleEn }]));
  const named = (rows: { id: string; nameJa: string; nameEn: string }[]) =>
    new Map(rows.map((r) => [r.id, { ja: r.nameJa, en: r.nameEn }]));
  return {
    eventName: { ja: event.nameJa, en: event.nameEn },
    people,
    aliasByMembership: new Map(membershipRows.map((r) => [r.id, r.aliasNumber])),
    staffInvitations: new Map(
      staffInvitationRows.map((r) => [r.id, { maskedEmail: maskEmail(r.email) }]),
    ),
    sponsorInvitations: new Map(
      sponsorInvitationRows.map((r) => [r.id, { maskedEmail: maskEmail(r.email) }]),
    ),
    announcements: new Map(
      announcementRows.map((r) => [
        r.id,
        { title: { ja: r.titleJa, en: r.titleEn }, channelId: r.channelId },
      ]),
    ),
    channels: named(channelRows),
    sponsors: named(sponsorRows),
    offers: titled(offerRows),
    notices: titled(noticeRows),
    videos: titled(videoRows),
  };
}

/** A sentence: a message key and its parameters, worked out per language. */
type SentencePlan = {
  key: MessageKey;
  params: (locale: Locale) => TranslateParams;
  /** Localized trailing phrases (e.g. who approved), appended in order. */
  suffixes?: { key: MessageKey; params: (locale: Locale) => TranslateParams }[];
};

function pick(value: LocalizedText | undefined, locale: Locale): string {
  if (!value) return translate(locale, 'audit.deleted');
  // A title left empty in one language reads in the other rather than as nothing.
  return (
    value[locale] || value[locale === 'ja' ? 'en' : 'ja'] || translate(locale, 'audit.deleted')
  );
}

function roleName(role: unknown, locale: Locale): string {
  return roleLabel.has(role)
    ? translate(locale, roleLabel(role))
    : translate(locale, 'audit.deleted');
}

export function describePerson(person: AuditPerson, locale: Locale): string {
  switch (person.kind) {
    case 'staff':
      return translate(locale, 'audit.person.staff', {
        email: person.maskedEmail,
        role: roleName(person.role, locale),
      });
    case 'sponsor':
      return translate(locale, 'audit.person.sponsor', { sponsor: pick(person.sponsor, locale) });
    case 'member':
      return memberAlias(person.aliasNumber, locale);
    case 'system':
      return translate(locale, 'audit.person.system');
    default:
      return translate(locale, 'audit.person.unknown');
  }
}

/**
 * One changed event setting: its name, with the new value where the entry keeps one (the
 * race date; the contact address, stored masked and masked again in case it was not).
 */
function eventSettingPhrase(field: string, d: Record<string, unknown>, locale: Locale): string {
  const label = auditEventField.has(field) ? translate(locale, auditEventField(field)) : field;
  const date = field === 'eventDate' ? text(d.eventDate) : null;
  const address = field === 'contactEmail' ? text(d.contactEmail) : null;
  const value = date
    ? formatCalendarDate(date, locale)
    : address
      ? maskEmailsInText(address)
      : null;
  return value ? translate(locale, 'audit.field.changedTo', { field: label, value }) : label;
}

/** One sentence per action the code writes; null for an action this code does not know. */
function planSentence(entry: StoredAuditEntry, lookups: AuditLookups): SentencePlan | null {
  const d = entry.detail ?? {};
  const [, targetId] = splitTarget(entry.target);
  const personById = (userId: string | null): AuditPerson =>
    userId ? (lookups.people.get(userId) ?? { kind: 'unknown' }) : { kind: 'system' };
  const actor = (locale: Locale) => describePerson(personById(entry.actorUserId), locale);
  // A member's own act is named by their alias, which the entry keeps for after they are gone.
  const member = (locale: Locale): string => {
    const alias =
      (targetId ? lookups.aliasByMembership.get(targetId) : undefined) ??
      (typeof d.alias === 'number' ? d.alias : undefined);
    if (alias !== undefined) return memberAlias(alias, locale);
    return actor(locale);
  };
  const targetUser = (locale: Locale) => describePerson(personById(targetId), locale);
  const sponsor = (locale: Locale) =>
    pick(lookups.sponsors.get(text(d.sponsorId) ?? (targetId as string)), locale);
  const announcement = targetId ? lookups.announcements.get(targetId) : undefined;
  const title = (locale: Locale) => pick(announcement?.title, locale);
  const offer = (locale: Locale) =>
    pick(targetId ? lookups.offers.get(targetId) : undefined, locale);
  const notice = (locale: Locale) =>
    pick(targetId ? lookups.notices.get(targetId) : undefined, locale);
  const role = (locale: Locale) => roleName(d.role, locale);
  const staffInvitee = (locale: Locale) =>
    (targetId && lookups.staffInvitations.get(targetId)?.maskedEmail) ||
    translate(locale, 'audit.person.unknown');
  const reason = () => maskEmailsInText(text(d.reason) ?? '—').slice(0, 500);
  // A key named after the action comes from the auditSentence family, which the compiler
  // and the message check hold to the table; an action with no case falls back (the test
  // over every action type catches it).
  const plan = (
    key: MessageKey,
    params: SentencePlan['params'] = (l) => ({ actor: actor(l) }),
  ): SentencePlan => ({ key, params });

  switch (entry.action) {
    case 'auth.sign_in':
      return plan('audit.sentence.auth.sign_in');
    case 'event.create':
      return plan('audit.sentence.event.create', (l) => ({
        actor: actor(l),
        event: pick(lookups.eventName, l),
      }));
    case 'event.update': {
      // The fields the owner changed (event-settings.server.ts), each named, never a column.
      const fields = (Array.isArray(d.fields) ? d.fields : []).filter((field): field is string =>
        auditEventField.has(field),
      );
      if (fields.length === 0) return plan('audit.sentence.event.updateUnspecified');
      return plan('audit.sentence.event.update', (l) => ({
        actor: actor(l),
        changes: fields
          .map((field) => eventSettingPhrase(field, d, l))
          .join(translate(l, 'audit.list.separator')),
      }));
    }
    case 'staff.invite':
    case 'staff.invitation_revoke':
      return plan(auditSentence(entry.action), (l) => ({
        actor: actor(l),
        invitee: staffInvitee(l),
        role: role(l),
      }));
    case 'staff.accept':
      return plan('audit.sentence.staff.accept', (l) => ({ actor: actor(l), role: role(l) }));
    case 'staff.role_change':
      return plan('audit.sentence.staff.role_change', (l) => ({
        actor: actor(l),
        target: targetUser(l),
        from: roleName(d.from, l),
        to: roleName(d.to, l),
      }));
    case 'staff.remove':
      return plan('audit.sentence.staff.remove', (l) => ({
        actor: actor(l),
        target: targetUser(l),
        role: role(l),
      }));
    case 'entrants.import':
      return plan('audit.sentence.entrants.import', (l) => ({
        actor: actor(l),
        created: count(d.created),
        alreadyInvited: count(d.alreadyInvited),
        alreadyMember: count(d.alreadyMember),
        suppressed: count(d.suppressed),
        rejected: count(d.rejected),
      }));
    case 'invitation.resend':
      return plan('audit.sentence.invitation.resend', (l) => ({
        actor: actor(l),
        bib: text(d.bib) ?? '—',
        count: count(d.resendCount),
      }));
    case 'invitation.correct_address':
      return plan('audit.sentence.invitation.correct_address', (l) => ({
        actor: actor(l),
        bib: text(d.bib) ?? '—',
        // Stored masked already; masked again in case an older entry was not.
        address: maskEmailsInText(text(d.newAddress) ?? '—'),
        reason: reason(),
      }));
    case 'invitation.revoke':
      return plan('audit.sentence.invitation.revoke', (l) => ({
        actor: actor(l),
        bib: text(d.bib) ?? '—',
      }));
    case 'invitations.export': {
      const filtered =
        (text(d.status) !== null && d.status !== 'all') ||
        text(d.category) !== null ||
        d.search === true;
      return plan(
        filtered
          ? 'audit.sentence.invitations.exportFiltered'
          : 'audit.sentence.invitations.export',
      );
    }
    case 'member.reveal_email':
      return plan('audit.sentence.member.reveal_email', (l) => ({
        actor: actor(l),
        target: member(l),
        reason: reason(),
      }));
    case 'member.export':
    case 'member.leave':
    case 'member.delete':
      return plan(auditSentence(entry.action), (l) => ({ subject: member(l) }));
    case 'relay.answer':
      return plan('audit.sentence.relay.answer', (l) => ({ actor: actor(l), target: member(l) }));
    case 'relay.release':
    case 'relay.discard': {
      const way = d.direction === 'staff_to_member' ? 'toMember' : 'fromMember';
      return plan(auditSentence(`${entry.action}.${way}`), (l) => ({
        actor: actor(l),
        target: member(l),
      }));
    }
    case 'announcement.create':
    case 'announcement.test_send':
      return plan(auditSentence(entry.action), (l) => ({ actor: actor(l), title: title(l) }));
    case 'announcement.edit':
    case 'announcement.approve':
      return plan(auditSentence(entry.action), (l) => ({
        actor: actor(l),
        title: title(l),
        revision: count(d.revision),
      }));
    case 'announcement.approve_broadcast': {
      const n = count(d.recipientCount);
      return plan(
        n === 1
          ? 'audit.sentence.announcement.approve_broadcastOne'
          : 'audit.sentence.announcement.approve_broadcast',
        (l) => ({ actor: actor(l), title: title(l), count: n }),
      );
    }
    case 'announcement.send': {
      const n = count(d.recipientCount);
      const channelId = text(d.channelId) ?? announcement?.channelId;
      const approvedBy = text(d.approvedBy);
      const suffixes: NonNullable<SentencePlan['suffixes']> = [];
      if (d.audienceMode === 'filter')
        suffixes.push({ key: 'audit.sentence.announcement.send.filtered', params: () => ({}) });
      if (approvedBy && approvedBy !== entry.actorUserId)
        suffixes.push({
          key: 'audit.sentence.announcement.send.approvedBy',
          params: (l) => ({ approver: describePerson(personById(approvedBy), l) }),
        });
      return {
        key: n === 1 ? 'audit.sentence.announcement.sendOne' : 'audit.sentence.announcement.send',
        params: (l) => ({
          actor: actor(l),
          title: title(l),
          count: n,
          channel: pick(channelId ? lookups.channels.get(channelId) : undefined, l),
        }),
        suffixes,
      };
    }
    case 'announcement.schedule_cancel': {
      const at = text(d.scheduledAt);
      const when = at ? new Date(at) : null;
      return when && !Number.isNaN(when.getTime())
        ? plan('audit.sentence.announcement.schedule_cancel', (l) => ({
            actor: actor(l),
            title: title(l),
            when: formatDateTime(when, l),
          }))
        : plan('audit.sentence.announcement.schedule_cancel.unscheduled', (l) => ({
            actor: actor(l),
            title: title(l),
          }));
    }
    case 'channel.create':
      return plan('audit.sentence.channel.create', (l) => ({
        actor: actor(l),
        channel: pick(targetId ? lookups.channels.get(targetId) : undefined, l),
      }));
    case 'sponsor.create':
    case 'sponsor.accept':
      return plan(auditSentence(entry.action), (l) => ({
        actor: actor(l),
        sponsor: sponsor(l),
      }));
    case 'sponsor.invite':
      return plan('audit.sentence.sponsor.invite', (l) => ({
        actor: actor(l),
        sponsor: sponsor(l),
        invitee:
          (targetId && lookups.sponsorInvitations.get(targetId)?.maskedEmail) ||
          translate(l, 'audit.person.unknown'),
      }));
    case 'sponsor.offer.submit':
    case 'sponsor.offer.withdraw':
    case 'sponsor.offer.edit_withdrawn':
    case 'sponsor.offer.approve':
    case 'sponsor.offer.reject':
      return plan(auditSentence(entry.action), (l) => ({
        actor: actor(l),
        sponsor: sponsor(l),
        offer: offer(l),
        version: count(d.version),
      }));
    case 'sponsor.notice.approve':
    case 'sponsor.notice.reject':
    case 'sponsor.notice.edit_withdrawn':
      return plan(auditSentence(entry.action), (l) => ({
        actor: actor(l),
        sponsor: sponsor(l),
        notice: notice(l),
        version: count(d.version),
      }));
    case 'sponsor.notice.drafted': {
      const drafted = lookups.announcements.get(text(d.announcementId) ?? '');
      const channelId = text(d.channelId) ?? drafted?.channelId;
      return plan('audit.sentence.sponsor.notice.drafted', (l) => ({
        actor: actor(l),
        sponsor: sponsor(l),
        notice: notice(l),
        version: count(d.noticeVersion),
        title: pick(drafted?.title, l),
        channel: pick(channelId ? lookups.channels.get(channelId) : undefined, l),
      }));
    }
    case 'sponsor.codes.upload':
    case 'sponsor.codes.generate': {
      const n = count(d.count);
      // translate() reads the …One sentence when the count is one.
      return plan(auditSentence(entry.action), (l) => ({
        actor: actor(l),
        offer: offer(l),
        count: n,
      }));
    }
    case 'video.upload':
    case 'video.edit':
    case 'video.unpublish':
    case 'video.publish':
    case 'video.replace':
    case 'video.delete': {
      // A deletion's entry keeps the title, since the row is gone with it.
      const keptTitle = text(d.titleJa)
        ? { ja: text(d.titleJa) ?? '', en: text(d.titleEn) ?? '' }
        : undefined;
      const video = (targetId ? lookups.videos.get(targetId) : undefined) ?? keptTitle;
      if (!video && entry.action === 'video.delete')
        return plan('audit.sentence.video.deleteUntitled');
      return plan(auditSentence(entry.action), (l) => ({
        actor: actor(l),
        video: pick(video, l),
      }));
    }
    default:
      return null;
  }
}

/** Whether this code has a sentence for the action (the test over every action asks). */
export function hasAuditSentence(entry: StoredAuditEntry, lookups: AuditLookups): boolean {
  return planSentence(entry, lookups) !== null;
}

/**
 * The entry as one sentence in each language. Never a raw key, id or JSON: an action this
 * code does not know yet reads as a generic sentence naming who acted.
 */
export function describeAuditEntry(entry: StoredAuditEntry, lookups: AuditLookups): LocalizedText {
  const plan = planSentence(entry, lookups) ?? {
    key: 'audit.sentence.fallback' as const,
    params: (l: Locale) => ({
      actor: describePerson(
        entry.actorUserId
          ? (lookups.people.get(entry.actorUserId) ?? { kind: 'unknown' })
          : { kind: 'system' },
        l,
      ),
    }),
  };
  const render = (locale: Locale) => {
    let sentence = translate(locale, plan.key, plan.params(locale));
    for (const suffix of 'suffixes' in plan ? (plan.suffixes ?? []) : [])
      sentence += translate(locale, suffix.key, suffix.params(locale));
    // An English sentence may open with "a contact at …" or "someone …" (never capitalize
    // a masked address: its first letter is part of it).
    const lowerOpenings = [
      translate('en', 'audit.person.sponsor', { sponsor: '' }),
      translate('en', 'audit.person.unknown'),
    ];
    return locale === 'en' && lowerOpenings.some((opening) => sentence.startsWith(opening))
      ? sentence.charAt(0).toUpperCase() + sentence.slice(1)
      : sentence;
  };
  return { ja: render('ja'), en: render('en') };
}

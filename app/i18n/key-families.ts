import type { MessageKey } from './messages';

/**
 * Message keys built from a value the code knows the range of — a role, a status, a refusal
 * reason — are declared here, member by member, so that scripts/check-messages.ts can tell
 * which keys are used and which are not. A key written as a template (`home.role.${role}`)
 * hides that; the check reports every one.
 *
 * The compiler holds both ends: every member must name an existing key, and a call site can
 * only pass a value whose type is one of the members. The check reads the calls below as
 * written, so the prefix and the members stay string literals.
 */

/** The rest of each message key that starts with P: for 'home.role.', 'owner' | 'editor' | 'viewer'. */
export type KeySuffix<P extends string> = MessageKey extends infer K
  ? K extends `${P}${infer S}`
    ? S
    : never
  : never;

export interface KeyFamily<S extends string> {
  (member: S): MessageKey;
  readonly members: readonly S[];
  /** Narrows a value the types cannot vouch for (a stored audit detail, a database text column). */
  has(value: unknown): value is S;
}

export function keyFamily<const P extends string, const S extends KeySuffix<P>>(
  prefix: P,
  members: readonly S[],
): KeyFamily<S> {
  const set = new Set<unknown>(members);
  const key = (member: S) => `${prefix}${member}` as MessageKey;
  return Object.assign(key, {
    members,
    has: (value: unknown): value is S => set.has(value),
  });
}

// Shared
export const roleLabel = keyFamily('home.role.', ['owner', 'editor', 'viewer']);

// Events
export const eventFieldLabel = keyFamily('staff.event.', [
  'nameJa',
  'nameEn',
  'eventDate',
  'slug',
  'organizerNameJa',
  'organizerNameEn',
  'contactEmail',
]);
export const funnelLabel = keyFamily('staff.funnel.', [
  'invited',
  'reminded',
  'joined',
  'declined',
  'bounced',
]);

// Audit log
export const auditEventField = keyFamily('audit.field.event.', [
  'nameJa',
  'nameEn',
  'eventDate',
  'organizerNameJa',
  'organizerNameEn',
  'contactEmail',
  'descriptionJa',
  'descriptionEn',
]);
/** Sentences named after their action alone; others are chosen by name in audit-sentences. */
export const auditSentence = keyFamily('audit.sentence.', [
  'staff.invite',
  'staff.invitation_revoke',
  'member.export',
  'member.leave',
  'member.delete',
  'relay.release.toMember',
  'relay.release.fromMember',
  'relay.discard.toMember',
  'relay.discard.fromMember',
  'announcement.create',
  'announcement.test_send',
  'announcement.edit',
  'announcement.approve',
  'sponsor.create',
  'sponsor.accept',
  'sponsor.offer.submit',
  'sponsor.offer.withdraw',
  'sponsor.offer.edit_withdrawn',
  'sponsor.offer.approve',
  'sponsor.offer.reject',
  'sponsor.notice.approve',
  'sponsor.notice.reject',
  'sponsor.notice.edit_withdrawn',
  'sponsor.codes.upload',
  'sponsor.codes.generate',
  'video.upload',
  'video.edit',
  'video.unpublish',
  'video.publish',
  'video.replace',
  'video.delete',
]);

// Entrant import
export const importColumn = keyFamily('invitations.column.', [
  'email',
  'name',
  'kana',
  'bib',
  'category',
]);
export const importField = keyFamily('invitations.field.', [
  'email',
  'fullName',
  'familyName',
  'givenName',
  'kanaFull',
  'kanaFamily',
  'kanaGiven',
  'bib',
  'category',
]);
export const importFileProblem = keyFamily('invitations.file.', [
  'empty',
  'binary',
  'utf16',
  'undecodable',
  'no_header',
  'missing_columns',
  'too_many_rows',
  'malformed',
]);
export const importMappingProblem = keyFamily('invitations.mapping.error.', [
  'email_required',
  'bib_required',
  'name_required',
  'name_twice',
  'column_twice',
  'unknown_column',
]);
export const importEncoding = keyFamily('invitations.encoding.', [
  'utf-8',
  'utf-8-bom',
  'shift_jis',
]);
export const importRowProblem = keyFamily('invitations.reason.', [
  'missing_column',
  'missing_value',
  'invalid_email',
  'too_long',
  'formula',
  'duplicate',
  'duplicate_bib',
  'bib_taken',
  'encoding',
  'unterminated_quote',
  'extra_fields',
]);

// Invitees
export const inviteeStatus = keyFamily('invitees.status.', [
  'not_sent',
  'sent',
  'reminded',
  'joined',
  'declined',
  'bounced',
  'expired',
  'revoked',
]);
export const inviteeRefusal = keyFamily('invitees.refused.', [
  'not_found',
  'joined',
  'declined',
  'revoked',
  'suppressed',
  'resend_limit',
  'same_address',
  'address_taken',
  'already_member',
]);
export const inviteeMailKind = keyFamily('invitees.mail.', [
  'invitation',
  'invitation_reminder',
  'invitation_resend',
]);
export const inviteeMailStatus = keyFamily('invitees.mail.status.', [
  'queued',
  'sending',
  'sent',
  'failed',
  'skipped',
  'cancelled',
]);

// Announcements and sending
export const announcementScheduleRefusal = keyFamily('announcements.schedule.', [
  'already_started',
  'not_scheduled',
]);
export const announcementSendRefusal = keyFamily('announcements.send.', [
  'snapshot_missing',
  'snapshot_expired',
  'already_sent',
  'count_mismatch',
  'channel_mismatch',
  'draft_changed',
  'audience_changed',
  'schedule_in_past',
  'empty_audience',
  'not_owner',
  'not_draft',
  'content_not_approved',
  'second_approval_missing',
  'approver_is_sender',
]);
export const sendingKind = keyFamily('sending.kind.', [
  'announcement',
  'invitation_wave',
  'reminder_wave',
]);
export const sendingStatus = keyFamily('sending.status.', [
  'scheduled',
  'sending',
  'done',
  'cancelled',
]);

// Relay
export const heldReason = keyFamily('relay.held.', [
  'sender_mismatch',
  'sender_not_staff',
  'unauthenticated',
]);
export const droppedAttachmentReason = keyFamily('relay.note.attachment_dropped.', [
  'type',
  'size',
  'count',
  'unavailable',
  'not_forwarded',
]);

// Sponsors
export const reviewStatus = keyFamily('sponsors.status.', [
  'draft',
  'pending',
  'approved',
  'rejected',
  'withdrawn',
]);
export const offerEditorState = keyFamily('sponsors.editor.state.', [
  'draft',
  'pending',
  'approved',
  'rejected',
  'withdrawn',
]);
export const sponsorInviteRefusal = keyFamily('sponsors.invite.refused.', [
  'is_staff',
  'already_sponsor_staff',
  'other_sponsor',
]);
export const codeFileProblem = keyFamily('sponsors.codes.file.', [
  'encoding',
  'empty',
  'too_many',
  'pool_full',
]);
export const codeLineProblem = keyFamily('sponsors.codes.line.', [
  'format',
  'length',
  'columns',
  'duplicate',
  'in_pool',
]);
export const tillStatus = keyFamily('sponsors.till.status.', [
  'valid',
  'redeemed',
  'unknown',
  'expired',
  'foreign',
  'unclaimed',
]);
export const cameraProblem = keyFamily('sponsors.till.camera.problem.', [
  'denied',
  'noCamera',
  'busy',
  'blocked',
  'failed',
]);
export const statsPeriod = keyFamily('sponsors.stats.period.', ['day', 'week', 'month', 'total']);

// Video
export const watchBucket = keyFamily('video.stats.bucket.', [
  'under25',
  'from25',
  'from50',
  'from75',
  'finished',
]);

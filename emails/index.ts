import type { ComponentType } from 'react';
import SignInCodeEmail, * as signInCode from './sign-in-code';
import SignInUnknownAddressEmail, * as signInUnknownAddress from './sign-in-unknown-address';
import StaffInvitationEmail, * as staffInvitation from './staff-invitation';
import InvitationEmail, * as invitation from './invitation';
import InvitationReminderEmail, * as invitationReminder from './invitation-reminder';
import JoinConfirmationEmail, * as joinConfirmation from './join-confirmation';
import JoinAlreadyMemberEmail, * as joinAlreadyMember from './join-already-member';
import JoinNotOnListEmail, * as joinNotOnList from './join-not-on-list';
import WelcomeEmail, * as welcome from './welcome';
import SponsorInvitationEmail, * as sponsorInvitation from './sponsor-invitation';
import AnnouncementEmail, * as announcement from './announcement';
import RelayReplyEmail, * as relayReply from './relay-reply';
import InboxNotificationEmail, * as inboxNotification from './inbox-notification';
import ApprovalRequestEmail, * as approvalRequest from './approval-request';

export interface EmailTemplate<P> {
  Component: ComponentType<P>;
  subject: (props: P) => string;
}

function template<P>(Component: ComponentType<P>, subject: (props: P) => string): EmailTemplate<P> {
  return { Component, subject };
}

/** Every email Startline sends; each module renders HTML and (via render) plain text. */
export const emailTemplates = {
  'sign-in-code': template(SignInCodeEmail, signInCode.subject),
  'sign-in-unknown-address': template(SignInUnknownAddressEmail, signInUnknownAddress.subject),
  'staff-invitation': template(StaffInvitationEmail, staffInvitation.subject),
  invitation: template(InvitationEmail, invitation.subject),
  'invitation-reminder': template(InvitationReminderEmail, invitationReminder.subject),
  'join-confirmation': template(JoinConfirmationEmail, joinConfirmation.subject),
  'join-already-member': template(JoinAlreadyMemberEmail, joinAlreadyMember.subject),
  'join-not-on-list': template(JoinNotOnListEmail, joinNotOnList.subject),
  welcome: template(WelcomeEmail, welcome.subject),
  'sponsor-invitation': template(SponsorInvitationEmail, sponsorInvitation.subject),
  announcement: template(AnnouncementEmail, announcement.subject),
  'relay-reply': template(RelayReplyEmail, relayReply.subject),
  'inbox-notification': template(InboxNotificationEmail, inboxNotification.subject),
  'approval-request': template(ApprovalRequestEmail, approvalRequest.subject),
};

export type EmailTemplateName = keyof typeof emailTemplates;
export type EmailProps<N extends EmailTemplateName> =
  (typeof emailTemplates)[N] extends EmailTemplate<infer P> ? P : never;

import { Hr } from '@react-email/components';
import { EmailLayout } from './components/email-layout';
import {
  BilingualFooterNote,
  EnglishFollowsNote,
  InvitationBlock,
  invitationHeading,
  type InvitationEmailProps,
} from './invitation';
import { translate } from '~/i18n/translate';

// The one reminder (sent at most once, at least 3 days after the invitation, only while it is
// still pending). Same content as the invitation, with a line saying it will not come again.
export type InvitationReminderEmailProps = InvitationEmailProps;

export function subject(props: InvitationReminderEmailProps) {
  const ja = translate('ja', 'email.invitationReminder.subject', { event: props.eventNameJa });
  const en = translate('en', 'email.invitationReminder.subject', { event: props.eventNameEn });
  return `${ja} / ${en}`;
}

export default function InvitationReminderEmail(props: InvitationReminderEmailProps) {
  return (
    <EmailLayout
      locale="ja"
      preview={`${invitationHeading('ja', props)} / ${invitationHeading('en', props)}`}
      footer={<BilingualFooterNote />}
    >
      <EnglishFollowsNote />
      <InvitationBlock
        lang="ja"
        p={props}
        lead={translate('ja', 'email.invitationReminder.lead')}
      />
      <Hr style={{ borderColor: '#e5e7eb', margin: '28px 0' }} />
      <InvitationBlock
        lang="en"
        p={props}
        lead={translate('en', 'email.invitationReminder.lead')}
      />
    </EmailLayout>
  );
}

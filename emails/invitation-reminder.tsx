import { Hr, Text } from '@react-email/components';
import { EmailLayout, emailStyles } from './components/email-layout';
import {
  BilingualFooterNote,
  InvitationBlock,
  invitationCopy,
  type InvitationEmailProps,
} from './invitation';

// The one reminder (sent at most once, at least 3 days after the invitation, only while it is
// still pending). Same content as the invitation, with a line saying it will not come again.
export type InvitationReminderEmailProps = InvitationEmailProps;

const lead = {
  ja: '先日お送りしたご案内を、念のためもう一度お送りします。リマインダーはこの1回だけで、これ以上ご案内をお送りすることはありません。',
  en: 'This is a reminder of the invitation we sent a few days ago. It is the only reminder: we will not write about this again.',
};

export function subject(props: InvitationReminderEmailProps) {
  return `【${props.eventNameJa}】再送：参加者向けコミュニティへのご案内 / Reminder: ${props.eventNameEn} runners’ community`;
}

export default function InvitationReminderEmail(props: InvitationReminderEmailProps) {
  return (
    <EmailLayout
      locale="ja"
      preview={`${invitationCopy.ja.heading(props)} / ${invitationCopy.en.heading(props)}`}
      footer={<BilingualFooterNote />}
    >
      <Text style={emailStyles.small}>(English follows Japanese.)</Text>
      <InvitationBlock lang="ja" p={props} lead={lead.ja} />
      <Hr style={{ borderColor: '#e5e7eb', margin: '28px 0' }} />
      <InvitationBlock lang="en" p={props} lead={lead.en} />
    </EmailLayout>
  );
}

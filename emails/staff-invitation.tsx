import { Button, Heading, Text } from '@react-email/components';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';

// Sent to a colleague an owner added to an event's staff. Nothing happens until they sign
// in themselves; the link leads to a page with a button, never to an action.
export interface StaffInvitationEmailProps {
  locale: EmailLocale;
  eventName: string;
  role: 'owner' | 'editor' | 'viewer';
  acceptUrl: string;
}

const copy = {
  ja: {
    subject: (event: string) => `【Startline】${event} の運営スタッフへの招待`,
    heading: '運営スタッフに招待されました',
    intro: (event: string, role: string) =>
      `${event} の運営スタッフとして、Startline に「${role}」の権限で招待されました。`,
    roles: {
      owner: '管理者',
      editor: '編集者',
      viewer: '閲覧者',
    },
    roleHelp: {
      owner: '管理者は、お知らせの送信、スタッフの管理、監査ログの確認ができます。',
      editor: '編集者は、参加者名簿の取り込みやお知らせの下書きができます。',
      viewer: '閲覧者は、参加者の一覧や集計を見ることができます（変更はできません）。',
    },
    how: '下のボタンからページを開き、このメールアドレスでログインすると、スタッフとして参加できます。パスワードは不要です。',
    button: '招待を確認する',
    notYou:
      'お心当たりがない場合は、このメールを破棄してください。ログインしない限り、何も起こりません。',
  },
  en: {
    subject: (event: string) => `You are invited to the staff of ${event} on Startline`,
    heading: 'You are invited to the race staff',
    intro: (event: string, role: string) =>
      `You have been invited to join the staff of ${event} on Startline as ${role}.`,
    roles: {
      owner: 'an owner',
      editor: 'an editor',
      viewer: 'a viewer',
    },
    roleHelp: {
      owner: 'Owners send announcements, manage the staff and read the audit log.',
      editor: 'Editors import the entrant list and draft announcements.',
      viewer: 'Viewers can see the member list and the numbers, but cannot change anything.',
    },
    how: 'Open the page below and sign in with this email address to join. No password needed.',
    button: 'Review the invitation',
    notYou:
      'If you were not expecting this, ignore this email. Nothing happens unless you sign in.',
  },
};

export function subject(props: StaffInvitationEmailProps) {
  return copy[props.locale].subject(props.eventName);
}

export default function StaffInvitationEmail(props: StaffInvitationEmailProps) {
  const c = copy[props.locale];
  return (
    <EmailLayout locale={props.locale} preview={c.heading}>
      <Heading style={emailStyles.heading}>{c.heading}</Heading>
      <Text style={emailStyles.paragraph}>{c.intro(props.eventName, c.roles[props.role])}</Text>
      <Text style={emailStyles.paragraph}>{c.roleHelp[props.role]}</Text>
      <Text style={emailStyles.paragraph}>{c.how}</Text>
      <Button href={props.acceptUrl} style={emailStyles.button}>
        {c.button}
      </Button>
      <Text style={emailStyles.small}>{c.notYou}</Text>
    </EmailLayout>
  );
}

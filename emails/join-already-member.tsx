import { Button, Heading, Text } from '@react-email/components';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';

// Answer to "join by event code" for an address that is already an active member. The page
// said the same thing it says to everyone; only the owner of the mailbox learns this.
export interface JoinAlreadyMemberEmailProps {
  locale: EmailLocale;
  eventName: string;
  signInUrl: string;
}

const copy = {
  ja: {
    subject: (event: string) => `【${event}】すでにコミュニティに参加しています`,
    heading: 'すでに参加しています',
    intro: (event: string) =>
      `${event} のページで、このメールアドレスによるコミュニティへの参加が申し込まれましたが、このアドレスはすでに参加済みです。手続きは必要ありません。`,
    how: '参加者ページは、ログインするとご覧いただけます（パスワードは不要です）。',
    button: 'ログインして参加者ページを開く',
    notYou: 'お心当たりがない場合は、このメールを破棄してください。何も変更されていません。',
  },
  en: {
    subject: (event: string) => `You are already in the ${event} community`,
    heading: 'You are already a member',
    intro: (event: string) =>
      `Someone asked on the ${event} page to join the community with this address, but this address is already a member. Nothing else is needed.`,
    how: 'Sign in to see the members’ pages (no password needed).',
    button: 'Sign in and open the members’ page',
    notYou: 'If this was not you, ignore this email. Nothing has changed.',
  },
};

export function subject(props: JoinAlreadyMemberEmailProps) {
  return copy[props.locale].subject(props.eventName);
}

export default function JoinAlreadyMemberEmail(props: JoinAlreadyMemberEmailProps) {
  const c = copy[props.locale];
  return (
    <EmailLayout locale={props.locale} preview={c.heading}>
      <Heading style={emailStyles.heading}>{c.heading}</Heading>
      <Text style={emailStyles.paragraph}>{c.intro(props.eventName)}</Text>
      <Text style={emailStyles.paragraph}>{c.how}</Text>
      <Button href={props.signInUrl} style={emailStyles.button}>
        {c.button}
      </Button>
      <Text style={emailStyles.small}>{c.notYou}</Text>
    </EmailLayout>
  );
}

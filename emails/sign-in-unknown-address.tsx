import { Heading, Text } from '@react-email/components';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';

// Sent instead of a code when the address has no account, so the sign-in page itself can
// answer identically for every address (it never reveals who has an account).
export interface SignInUnknownAddressEmailProps {
  locale: EmailLocale;
}

const copy = {
  ja: {
    subject: 'Startline へのログインについて',
    heading: 'このアドレスは登録されていません',
    body: 'このメールアドレスで Startline へのログインが求められましたが、このアドレスで参加しているコミュニティはありません。',
    runner:
      '大会にエントリーした方は、大会事務局からの招待メールに記載のリンクから参加できます。お心当たりがない場合は、このメールを破棄してください。',
  },
  en: {
    subject: 'About signing in to Startline',
    heading: 'This address is not registered',
    body: 'Someone asked to sign in to Startline with this address, but it is not part of any community.',
    runner:
      'If you are a runner, join through the link in the invitation email from your race office. If this was not you, ignore this email.',
  },
};

export function subject(props: SignInUnknownAddressEmailProps) {
  return copy[props.locale].subject;
}

export default function SignInUnknownAddressEmail(props: SignInUnknownAddressEmailProps) {
  const c = copy[props.locale];
  return (
    <EmailLayout locale={props.locale} preview={c.heading}>
      <Heading style={emailStyles.heading}>{c.heading}</Heading>
      <Text style={emailStyles.paragraph}>{c.body}</Text>
      <Text style={emailStyles.paragraph}>{c.runner}</Text>
    </EmailLayout>
  );
}

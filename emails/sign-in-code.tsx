import { Button, Heading, Text } from '@react-email/components';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';

export interface SignInCodeEmailProps {
  locale: EmailLocale;
  code: string;
  signInUrl: string;
  expiresInMinutes: number;
}

const copy = {
  ja: {
    subject: (code: string) => `Startline ログイン確認コード：${code}`,
    heading: 'ログイン確認コード',
    intro: 'Startline へのログインが求められました。次の確認コードを画面に入力してください。',
    orButton: 'または、下のボタンから開いたページで「ログインする」を押してください。',
    button: 'ログインページを開く',
    expires: (m: number) => `コードの有効期限は${m}分です。一度しか使えません。`,
    notYou:
      'お心当たりがない場合は、このメールを破棄してください。コードを入力しない限り、誰もログインできません。',
  },
  en: {
    subject: (code: string) => `Your Startline sign-in code: ${code}`,
    heading: 'Your sign-in code',
    intro: 'Someone asked to sign in to Startline with this address. Enter this code on the page:',
    orButton: 'Or open the page below and press “Sign in”.',
    button: 'Open the sign-in page',
    expires: (m: number) => `The code expires in ${m} minutes and works once.`,
    notYou: 'If this was not you, ignore this email. Nobody can sign in without entering the code.',
  },
};

export function subject(props: SignInCodeEmailProps) {
  return copy[props.locale].subject(props.code);
}

export default function SignInCodeEmail(props: SignInCodeEmailProps) {
  const c = copy[props.locale];
  return (
    <EmailLayout locale={props.locale} preview={c.heading}>
      <Heading style={emailStyles.heading}>{c.heading}</Heading>
      <Text style={emailStyles.paragraph}>{c.intro}</Text>
      <Text style={emailStyles.code}>{props.code}</Text>
      <Text style={emailStyles.paragraph}>{c.orButton}</Text>
      <Button href={props.signInUrl} style={emailStyles.button}>
        {c.button}
      </Button>
      <Text style={emailStyles.small}>{c.expires(props.expiresInMinutes)}</Text>
      <Text style={emailStyles.small}>{c.notYou}</Text>
    </EmailLayout>
  );
}

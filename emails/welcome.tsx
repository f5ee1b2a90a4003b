import { Button, Heading, Link, Text } from '@react-email/components';
import { formatDateTime } from '~/utils/date-format';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';
import { Lines } from './relay-reply';

// Sent right after someone joins: a copy of what they agreed to, and — if it was not them
// (a forwarded invitation) — how to leave at once.
export interface WelcomeEmailProps {
  locale: EmailLocale;
  eventName: string;
  alias: string;
  memberHomeUrl: string;
  settingsUrl: string;
  consentText: string;
  consentVersion: string;
  /** ISO timestamp of the consent */
  joinedAt: string;
}

const copy = {
  ja: {
    subject: (event: string) => `【${event}】コミュニティへの参加が完了しました`,
    heading: 'ご参加ありがとうございます',
    intro: (event: string, alias: string) =>
      `${event} の参加者向けコミュニティへの参加が完了しました。コミュニティ内でのあなたの表示名は「${alias}」です。`,
    button: '参加者ページを開く',
    consentHeading: (version: string, at: string) =>
      `同意いただいた内容（版：${version}、日時：${at}）`,
    settings:
      'メールの受け取り設定、退会、データの書き出し、アカウントの削除は、設定ページからいつでもできます。',
    notYou:
      'ご自身で参加した覚えがない場合は、上の設定ページから退会してください（ログインが必要です）。',
  },
  en: {
    subject: (event: string) => `You have joined the ${event} community`,
    heading: 'Welcome aboard',
    intro: (event: string, alias: string) =>
      `You have joined the ${event} runners’ community. In the community you are shown as “${alias}”.`,
    button: 'Open the members’ page',
    consentHeading: (version: string, at: string) =>
      `What you agreed to (version ${version}, ${at})`,
    settings:
      'Email settings, leaving, exporting your data and deleting your account are always on the settings page:',
    notYou:
      'If you did not join yourself, leave from the settings page above (you will need to sign in).',
  },
};

export function subject(props: WelcomeEmailProps) {
  return copy[props.locale].subject(props.eventName);
}

export default function WelcomeEmail(props: WelcomeEmailProps) {
  const c = copy[props.locale];
  const at = formatDateTime(new Date(props.joinedAt), props.locale);
  return (
    <EmailLayout locale={props.locale} preview={c.heading}>
      <Heading style={emailStyles.heading}>{c.heading}</Heading>
      <Text style={emailStyles.paragraph}>{c.intro(props.eventName, props.alias)}</Text>
      <Button href={props.memberHomeUrl} style={emailStyles.button}>
        {c.button}
      </Button>
      <Text style={{ ...emailStyles.paragraph, fontWeight: 700, marginBottom: 0 }}>
        {c.consentHeading(props.consentVersion, at)}
      </Text>
      {/* Line by line (not pre-line), so the plain-text part keeps the text's lines too. */}
      <Text style={{ ...emailStyles.small, marginTop: 4 }}>
        <Lines text={props.consentText} />
      </Text>
      <Text style={emailStyles.small}>
        {c.settings} <Link href={props.settingsUrl}>{props.settingsUrl}</Link>
      </Text>
      <Text style={emailStyles.small}>{c.notYou}</Text>
    </EmailLayout>
  );
}

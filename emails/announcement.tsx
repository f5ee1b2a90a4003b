import { Heading, Link, Section, Text } from '@react-email/components';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';

// An organizer's announcement to one member. `bodyHtml` is already sanitized (rendered from
// Markdown on the server); the template never sees another member or any address but the
// links it is given. The unsubscribe link is visible in the body as well as in the
// List-Unsubscribe header (RFC 8058), and turns off this channel only.
export interface AnnouncementEmailProps {
  locale: EmailLocale;
  eventName: string;
  organizerName: string;
  channelName: string;
  title: string;
  bodyHtml: string;
  announcementUrl: string;
  unsubscribeUrl: string;
  settingsUrl: string;
  /** A test send to the staff member's own address: marked as such, links inert. */
  test?: boolean;
}

const copy = {
  ja: {
    subject: (event: string, title: string) => `【${event}】${title}`,
    testPrefix: '【テスト送信】',
    testNote:
      'これはスタッフ向けのテスト送信です。参加者には送られていません。配信停止リンクはテスト送信では使えません。',
    from: (organizer: string, channel: string) => `${organizer}「${channel}」からのお知らせです。`,
    open: 'Startline でこのお知らせを見る',
    reply:
      'このメールに返信すると、大会事務局だけに届きます。ほかの参加者に届くことはなく、あなたのメールアドレスも事務局以外には知られません。',
    unsubscribe: (channel: string) => `「${channel}」のメール配信を停止する`,
    settings: 'メールの受け取り設定を変更する',
  },
  en: {
    subject: (event: string, title: string) => `[${event}] ${title}`,
    testPrefix: '[Test] ',
    testNote:
      'This is a test send to staff only; no member received it. The unsubscribe link does not work in a test send.',
    from: (organizer: string, channel: string) =>
      `An announcement from ${organizer} in “${channel}”.`,
    open: 'Read this announcement on Startline',
    reply:
      'Replying to this email reaches the race office only. It never goes to other runners, and nobody but the office learns your address.',
    unsubscribe: (channel: string) => `Stop emails from “${channel}”`,
    settings: 'Change your email settings',
  },
};

export function subject(props: AnnouncementEmailProps) {
  const c = copy[props.locale];
  return `${props.test ? c.testPrefix : ''}${c.subject(props.eventName, props.title)}`;
}

export default function AnnouncementEmail(props: AnnouncementEmailProps) {
  const c = copy[props.locale];
  return (
    <EmailLayout
      locale={props.locale}
      preview={props.title}
      footer={
        <>
          <Text style={emailStyles.small}>{c.reply}</Text>
          <Text style={emailStyles.small}>
            <Link href={props.unsubscribeUrl}>{c.unsubscribe(props.channelName)}</Link>
            {' · '}
            <Link href={props.settingsUrl}>{c.settings}</Link>
          </Text>
        </>
      }
    >
      {props.test ? <Text style={testNote}>{c.testNote}</Text> : null}
      <Text style={emailStyles.small}>{c.from(props.organizerName, props.channelName)}</Text>
      <Heading style={emailStyles.heading}>{props.title}</Heading>
      <Section style={bodyStyle}>
        <div dangerouslySetInnerHTML={{ __html: props.bodyHtml }} />
      </Section>
      <Text style={emailStyles.paragraph}>
        <Link href={props.announcementUrl}>{c.open}</Link>
      </Text>
    </EmailLayout>
  );
}

const bodyStyle = { fontSize: '15px', lineHeight: '1.7', color: '#1f2937' };
const testNote = {
  fontSize: '13px',
  background: '#fef3c7',
  color: '#92400e',
  padding: '8px 12px',
  borderRadius: '6px',
};

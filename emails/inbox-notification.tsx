import { Button, Heading, Text } from '@react-email/components';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';
import { Lines } from './relay-reply';

// A new message in the organizer inbox, to one editor or owner. The member is named by alias
// only. Its Reply-To is the thread's staff relay address: answering this email reaches the
// member through the relay, with the staff member's address hidden.
export interface InboxNotificationEmailProps {
  locale: EmailLocale;
  eventName: string;
  memberAlias: string;
  body: string;
  threadUrl: string;
  /** Files kept with the message (shown in the inbox, not attached here). */
  attachmentCount: number;
}

const copy = {
  ja: {
    subject: (event: string, alias: string) =>
      `【${event}】${alias} さんからメッセージが届きました`,
    intro: (alias: string) => `${alias} さんから大会事務局あてにメッセージが届きました。`,
    attachments: (n: number) => `添付ファイルが${n}件あります。受信箱で確認してください。`,
    button: '受信箱で開く',
    reply:
      'このメールに返信すると、その内容が事務局からの返信としてこの参加者に届きます。あなたのお名前やメールアドレスは相手に伝わりません（本文に書いた場合を除きます）。引用部分、「-- 」の行から後の署名、メールアドレスは自動で取り除かれます。',
  },
  en: {
    subject: (event: string, alias: string) => `[${event}] New message from ${alias}`,
    intro: (alias: string) => `${alias} has written to the race office.`,
    attachments: (n: number) =>
      `${n} attached file${n === 1 ? '' : 's'}: open the inbox to see ${n === 1 ? 'it' : 'them'}.`,
    button: 'Open in the inbox',
    reply:
      'Replying to this email sends your answer to this member as the race office. Your name and address are not passed on (unless you write them in the text). Quoted text, a signature after a “-- ” line and any email address are removed automatically.',
  },
};

export function subject(props: InboxNotificationEmailProps) {
  return copy[props.locale].subject(props.eventName, props.memberAlias);
}

export default function InboxNotificationEmail(props: InboxNotificationEmailProps) {
  const c = copy[props.locale];
  return (
    <EmailLayout
      locale={props.locale}
      preview={c.intro(props.memberAlias)}
      footer={<Text style={emailStyles.small}>{c.reply}</Text>}
    >
      <Heading style={emailStyles.heading}>{c.intro(props.memberAlias)}</Heading>
      <Text style={messageStyle}>
        <Lines text={props.body} />
      </Text>
      {props.attachmentCount > 0 ? (
        <Text style={emailStyles.small}>{c.attachments(props.attachmentCount)}</Text>
      ) : null}
      <Button href={props.threadUrl} style={emailStyles.button}>
        {c.button}
      </Button>
    </EmailLayout>
  );
}

const messageStyle = {
  ...emailStyles.paragraph,
  background: '#f9fafb',
  borderLeft: '3px solid #6b7280',
  padding: '12px 16px',
};

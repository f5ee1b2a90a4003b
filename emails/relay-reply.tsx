import { Button, Heading, Text } from '@react-email/components';
import { Fragment } from 'react';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';

// The race office's answer to one member, relayed: it comes from the event's address under the
// organizer's name, with the member's own relay address as Reply-To. Nothing here names the
// staff member who wrote it or their address — only what they typed in the answer itself.
export interface RelayReplyEmailProps {
  locale: EmailLocale;
  eventName: string;
  organizerName: string;
  body: string;
  threadUrl: string;
}

const copy = {
  ja: {
    subject: (event: string) => `【${event}】大会事務局からの返信`,
    intro: (organizer: string) => `${organizer}から、お問い合わせへの返信が届きました。`,
    button: 'これまでのやり取りを見る',
    reply:
      'このメールに返信すると、大会事務局だけに届きます。ほかの参加者に届くことはなく、あなたのメールアドレスも事務局以外には知られません。',
  },
  en: {
    subject: (event: string) => `[${event}] A reply from the race office`,
    intro: (organizer: string) => `${organizer} has replied to your message.`,
    button: 'See the whole conversation',
    reply:
      'Replying to this email reaches the race office only. It never goes to other runners, and nobody but the office learns your address.',
  },
};

export function subject(props: RelayReplyEmailProps) {
  return copy[props.locale].subject(props.eventName);
}

/** Plain text with its line breaks kept, in the HTML part and the text part alike. */
export function Lines(props: { text: string }) {
  const lines = props.text.split('\n');
  return (
    <>
      {lines.map((line, index) => (
        <Fragment key={index}>
          {line}
          {index < lines.length - 1 ? <br /> : null}
        </Fragment>
      ))}
    </>
  );
}

export default function RelayReplyEmail(props: RelayReplyEmailProps) {
  const c = copy[props.locale];
  return (
    <EmailLayout
      locale={props.locale}
      preview={c.intro(props.organizerName)}
      footer={<Text style={emailStyles.small}>{c.reply}</Text>}
    >
      <Heading style={emailStyles.heading}>{c.subject(props.eventName)}</Heading>
      <Text style={emailStyles.small}>{c.intro(props.organizerName)}</Text>
      <Text style={messageStyle}>
        <Lines text={props.body} />
      </Text>
      <Button href={props.threadUrl} style={emailStyles.button}>
        {c.button}
      </Button>
    </EmailLayout>
  );
}

const messageStyle = {
  ...emailStyles.paragraph,
  background: '#f9fafb',
  borderLeft: '3px solid #b91c1c',
  padding: '12px 16px',
};

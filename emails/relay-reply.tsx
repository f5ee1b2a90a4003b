import { Button, Heading, Text } from '@react-email/components';
import { Fragment } from 'react';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';
import { translate } from '~/i18n/translate';

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

export function subject(props: RelayReplyEmailProps) {
  return translate(props.locale, 'email.relayReply.subject', { event: props.eventName });
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
  const intro = translate(props.locale, 'email.relayReply.intro', {
    organizer: props.organizerName,
  });
  return (
    <EmailLayout
      locale={props.locale}
      preview={intro}
      footer={
        <Text style={emailStyles.small}>{translate(props.locale, 'email.relayReply.reply')}</Text>
      }
    >
      <Heading style={emailStyles.heading}>{subject(props)}</Heading>
      <Text style={emailStyles.small}>{intro}</Text>
      <Text style={messageStyle}>
        <Lines text={props.body} />
      </Text>
      <Button href={props.threadUrl} style={emailStyles.button}>
        {translate(props.locale, 'email.relayReply.button')}
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

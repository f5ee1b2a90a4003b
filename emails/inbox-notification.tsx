import { Button, Heading, Text } from '@react-email/components';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';
import { translate } from '~/i18n/translate';
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

export function subject(props: InboxNotificationEmailProps) {
  return translate(props.locale, 'email.inboxNotification.subject', {
    event: props.eventName,
    alias: props.memberAlias,
  });
}

export default function InboxNotificationEmail(props: InboxNotificationEmailProps) {
  const intro = translate(props.locale, 'email.inboxNotification.intro', {
    alias: props.memberAlias,
  });
  return (
    <EmailLayout
      locale={props.locale}
      preview={intro}
      footer={
        <Text style={emailStyles.small}>
          {translate(props.locale, 'email.inboxNotification.reply')}
        </Text>
      }
    >
      <Heading style={emailStyles.heading}>{intro}</Heading>
      <Text style={messageStyle}>
        <Lines text={props.body} />
      </Text>
      {props.attachmentCount > 0 ? (
        <Text style={emailStyles.small}>
          {translate(props.locale, 'email.inboxNotification.attachments', {
            count: props.attachmentCount,
          })}
        </Text>
      ) : null}
      <Button href={props.threadUrl} style={emailStyles.button}>
        {translate(props.locale, 'email.inboxNotification.button')}
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

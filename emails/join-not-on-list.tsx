import { Heading, Link, Text } from '@react-email/components';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';
import { translate } from '~/i18n/translate';

// Answer to "join by event code" for an address that is not on the event's entrant list.
// Only the mailbox owner learns it; the page answered exactly as for everyone else.
export interface JoinNotOnListEmailProps {
  locale: EmailLocale;
  eventName: string;
  organizerName: string;
  contactEmail: string;
}

export function subject(props: JoinNotOnListEmailProps) {
  return translate(props.locale, 'email.joinNotOnList.subject', { event: props.eventName });
}

export default function JoinNotOnListEmail(props: JoinNotOnListEmailProps) {
  const heading = translate(props.locale, 'email.joinNotOnList.heading');
  return (
    <EmailLayout locale={props.locale} preview={heading}>
      <Heading style={emailStyles.heading}>{heading}</Heading>
      <Text style={emailStyles.paragraph}>
        {translate(props.locale, 'email.joinNotOnList.intro', { event: props.eventName })}
      </Text>
      <Text style={emailStyles.paragraph}>
        {translate(props.locale, 'email.joinNotOnList.retry')}
      </Text>
      <Text style={emailStyles.small}>
        {`${translate(props.locale, 'email.joinNotOnList.contact', { organizer: props.organizerName })} `}
        <Link href={`mailto:${props.contactEmail}`}>{props.contactEmail}</Link>
      </Text>
      <Text style={emailStyles.small}>{translate(props.locale, 'email.joinNotOnList.notYou')}</Text>
    </EmailLayout>
  );
}

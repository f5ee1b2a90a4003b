import { Button, Heading, Text } from '@react-email/components';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';
import { translate } from '~/i18n/translate';

// Double opt-in for joining by event code: someone typed this address on the event page. The
// link opens a page with the consent text and a button; opening it alone changes nothing.
export interface JoinConfirmationEmailProps {
  locale: EmailLocale;
  eventName: string;
  organizerName: string;
  confirmUrl: string;
  expiresInHours: number;
}

export function subject(props: JoinConfirmationEmailProps) {
  return translate(props.locale, 'email.joinConfirmation.subject', { event: props.eventName });
}

export default function JoinConfirmationEmail(props: JoinConfirmationEmailProps) {
  const heading = translate(props.locale, 'email.joinConfirmation.heading');
  return (
    <EmailLayout locale={props.locale} preview={heading}>
      <Heading style={emailStyles.heading}>{heading}</Heading>
      <Text style={emailStyles.paragraph}>
        {translate(props.locale, 'email.joinConfirmation.intro', {
          organizer: props.organizerName,
          event: props.eventName,
        })}
      </Text>
      <Text style={emailStyles.paragraph}>
        {translate(props.locale, 'email.joinConfirmation.how')}
      </Text>
      <Button href={props.confirmUrl} style={emailStyles.button}>
        {translate(props.locale, 'email.joinConfirmation.button')}
      </Button>
      <Text style={emailStyles.small}>
        {translate(props.locale, 'email.joinConfirmation.expires', { count: props.expiresInHours })}
      </Text>
      <Text style={emailStyles.small}>
        {translate(props.locale, 'email.joinConfirmation.notYou')}
      </Text>
    </EmailLayout>
  );
}

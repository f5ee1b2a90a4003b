import { Button, Heading, Text } from '@react-email/components';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';
import { translate } from '~/i18n/translate';

// Answer to "join by event code" for an address that is already an active member. The page
// said the same thing it says to everyone; only the owner of the mailbox learns this.
export interface JoinAlreadyMemberEmailProps {
  locale: EmailLocale;
  eventName: string;
  signInUrl: string;
}

export function subject(props: JoinAlreadyMemberEmailProps) {
  return translate(props.locale, 'email.joinAlreadyMember.subject', { event: props.eventName });
}

export default function JoinAlreadyMemberEmail(props: JoinAlreadyMemberEmailProps) {
  const heading = translate(props.locale, 'email.joinAlreadyMember.heading');
  return (
    <EmailLayout locale={props.locale} preview={heading}>
      <Heading style={emailStyles.heading}>{heading}</Heading>
      <Text style={emailStyles.paragraph}>
        {translate(props.locale, 'email.joinAlreadyMember.intro', { event: props.eventName })}
      </Text>
      <Text style={emailStyles.paragraph}>
        {translate(props.locale, 'email.joinAlreadyMember.how')}
      </Text>
      <Button href={props.signInUrl} style={emailStyles.button}>
        {translate(props.locale, 'email.joinAlreadyMember.button')}
      </Button>
      <Text style={emailStyles.small}>
        {translate(props.locale, 'email.joinAlreadyMember.notYou')}
      </Text>
    </EmailLayout>
  );
}

import { Heading, Text } from '@react-email/components';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';
import { translate } from '~/i18n/translate';

// Sent instead of a code when the address has no account, so the sign-in page itself can
// answer identically for every address (it never reveals who has an account).
export interface SignInUnknownAddressEmailProps {
  locale: EmailLocale;
}

export function subject(props: SignInUnknownAddressEmailProps) {
  return translate(props.locale, 'email.signInUnknownAddress.subject');
}

export default function SignInUnknownAddressEmail(props: SignInUnknownAddressEmailProps) {
  const heading = translate(props.locale, 'email.signInUnknownAddress.heading');
  return (
    <EmailLayout locale={props.locale} preview={heading}>
      <Heading style={emailStyles.heading}>{heading}</Heading>
      <Text style={emailStyles.paragraph}>
        {translate(props.locale, 'email.signInUnknownAddress.body')}
      </Text>
      <Text style={emailStyles.paragraph}>
        {translate(props.locale, 'email.signInUnknownAddress.runner')}
      </Text>
    </EmailLayout>
  );
}

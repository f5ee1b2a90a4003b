import { Button, Heading, Text } from '@react-email/components';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';
import { translate } from '~/i18n/translate';

export interface SignInCodeEmailProps {
  locale: EmailLocale;
  code: string;
  signInUrl: string;
  expiresInMinutes: number;
}

export function subject(props: SignInCodeEmailProps) {
  return translate(props.locale, 'email.signInCode.subject', { code: props.code });
}

export default function SignInCodeEmail(props: SignInCodeEmailProps) {
  const heading = translate(props.locale, 'email.signInCode.heading');
  return (
    <EmailLayout locale={props.locale} preview={heading}>
      <Heading style={emailStyles.heading}>{heading}</Heading>
      <Text style={emailStyles.paragraph}>{translate(props.locale, 'email.signInCode.intro')}</Text>
      <Text style={emailStyles.code}>{props.code}</Text>
      <Text style={emailStyles.paragraph}>
        {translate(props.locale, 'email.signInCode.orButton')}
      </Text>
      <Button href={props.signInUrl} style={emailStyles.button}>
        {translate(props.locale, 'email.signInCode.button')}
      </Button>
      <Text style={emailStyles.small}>
        {translate(props.locale, 'email.signInCode.expires', { count: props.expiresInMinutes })}
      </Text>
      <Text style={emailStyles.small}>{translate(props.locale, 'email.signInCode.notYou')}</Text>
    </EmailLayout>
  );
}

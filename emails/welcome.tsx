import { Button, Heading, Link, Text } from '@react-email/components';
import { formatDateTime } from '~/utils/date-format';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';
import { translate } from '~/i18n/translate';
import { Lines } from './relay-reply';

// Sent right after someone joins: a copy of what they agreed to, and — if it was not them
// (a forwarded invitation) — how to leave at once.
export interface WelcomeEmailProps {
  locale: EmailLocale;
  eventName: string;
  alias: string;
  memberHomeUrl: string;
  settingsUrl: string;
  consentText: string;
  consentVersion: string;
  /** ISO timestamp of the consent */
  joinedAt: string;
}

export function subject(props: WelcomeEmailProps) {
  return translate(props.locale, 'email.welcome.subject', { event: props.eventName });
}

export default function WelcomeEmail(props: WelcomeEmailProps) {
  const heading = translate(props.locale, 'email.welcome.heading');
  const at = formatDateTime(new Date(props.joinedAt), props.locale);
  return (
    <EmailLayout locale={props.locale} preview={heading}>
      <Heading style={emailStyles.heading}>{heading}</Heading>
      <Text style={emailStyles.paragraph}>
        {translate(props.locale, 'email.welcome.intro', {
          event: props.eventName,
          alias: props.alias,
        })}
      </Text>
      <Button href={props.memberHomeUrl} style={emailStyles.button}>
        {translate(props.locale, 'email.welcome.button')}
      </Button>
      <Text style={{ ...emailStyles.paragraph, fontWeight: 700, marginBottom: 0 }}>
        {translate(props.locale, 'email.welcome.consentHeading', {
          at,
          version: props.consentVersion,
        })}
      </Text>
      {/* Line by line (not pre-line), so the plain-text part keeps the text's lines too. */}
      <Text style={{ ...emailStyles.small, marginTop: 4 }}>
        <Lines text={props.consentText} />
      </Text>
      <Text style={emailStyles.small}>
        {translate(props.locale, 'email.welcome.settings')}{' '}
        <Link href={props.settingsUrl}>{props.settingsUrl}</Link>
      </Text>
      <Text style={emailStyles.small}>{translate(props.locale, 'email.welcome.notYou')}</Text>
    </EmailLayout>
  );
}

import { Button, Heading, Text } from '@react-email/components';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';
import { translate } from '~/i18n/translate';

// Sent to a sponsor's staff member when an organizer owner invites them. The sponsor console
// only ever shows aggregate numbers; this email says so, so nobody expects a list of runners.
export interface SponsorInvitationEmailProps {
  locale: EmailLocale;
  sponsorName: string;
  eventName: string;
  organizerName: string;
  signInUrl: string;
  expiresInDays: number;
}

export function subject(props: SponsorInvitationEmailProps) {
  return translate(props.locale, 'email.sponsorInvitation.subject', {
    event: props.eventName,
    sponsor: props.sponsorName,
  });
}

export default function SponsorInvitationEmail(props: SponsorInvitationEmailProps) {
  const heading = translate(props.locale, 'email.sponsorInvitation.heading');
  return (
    <EmailLayout locale={props.locale} preview={heading}>
      <Heading style={emailStyles.heading}>{heading}</Heading>
      <Text style={emailStyles.paragraph}>
        {translate(props.locale, 'email.sponsorInvitation.intro', {
          organizer: props.organizerName,
          sponsor: props.sponsorName,
        })}
      </Text>
      <Text style={emailStyles.paragraph}>
        {translate(props.locale, 'email.sponsorInvitation.what')}
      </Text>
      <Text style={emailStyles.paragraph}>
        {translate(props.locale, 'email.sponsorInvitation.privacy')}
      </Text>
      <Text style={emailStyles.paragraph}>
        {translate(props.locale, 'email.sponsorInvitation.how')}
      </Text>
      <Button href={props.signInUrl} style={emailStyles.button}>
        {translate(props.locale, 'email.sponsorInvitation.button')}
      </Button>
      <Text style={emailStyles.small}>
        {translate(props.locale, 'email.sponsorInvitation.expires', { count: props.expiresInDays })}
      </Text>
      <Text style={emailStyles.small}>
        {translate(props.locale, 'email.sponsorInvitation.notYou')}
      </Text>
    </EmailLayout>
  );
}

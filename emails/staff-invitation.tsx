import { Button, Heading, Text } from '@react-email/components';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';
import { keyFamily } from '~/i18n/key-families';
import { translate } from '~/i18n/translate';

// Sent to a colleague an owner added to an event's staff. Nothing happens until they sign
// in themselves; the link leads to a page with a button, never to an action.
export interface StaffInvitationEmailProps {
  locale: EmailLocale;
  eventName: string;
  role: 'owner' | 'editor' | 'viewer';
  acceptUrl: string;
}

// The role names and what each may do, one key per role.
const roleName = keyFamily('email.staffInvitation.role.', ['owner', 'editor', 'viewer']);
const roleHelp = keyFamily('email.staffInvitation.roleHelp.', ['owner', 'editor', 'viewer']);

export function subject(props: StaffInvitationEmailProps) {
  return translate(props.locale, 'email.staffInvitation.subject', { event: props.eventName });
}

export default function StaffInvitationEmail(props: StaffInvitationEmailProps) {
  const heading = translate(props.locale, 'email.staffInvitation.heading');
  return (
    <EmailLayout locale={props.locale} preview={heading}>
      <Heading style={emailStyles.heading}>{heading}</Heading>
      <Text style={emailStyles.paragraph}>
        {translate(props.locale, 'email.staffInvitation.intro', {
          role: translate(props.locale, roleName(props.role)),
          event: props.eventName,
        })}
      </Text>
      <Text style={emailStyles.paragraph}>{translate(props.locale, roleHelp(props.role))}</Text>
      <Text style={emailStyles.paragraph}>
        {translate(props.locale, 'email.staffInvitation.how')}
      </Text>
      <Button href={props.acceptUrl} style={emailStyles.button}>
        {translate(props.locale, 'email.staffInvitation.button')}
      </Button>
      <Text style={emailStyles.small}>
        {translate(props.locale, 'email.staffInvitation.notYou')}
      </Text>
    </EmailLayout>
  );
}

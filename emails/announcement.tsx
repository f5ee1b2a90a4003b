import { Heading, Link, Section, Text } from '@react-email/components';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';
import { translate } from '~/i18n/translate';

// An organizer's announcement to one member. `bodyHtml` is already sanitized (rendered from
// Markdown on the server); the template never sees another member or any address but the
// links it is given. The unsubscribe link is visible in the body as well as in the
// List-Unsubscribe header (RFC 8058), and turns off this channel only.
export interface AnnouncementEmailProps {
  locale: EmailLocale;
  eventName: string;
  organizerName: string;
  channelName: string;
  title: string;
  bodyHtml: string;
  announcementUrl: string;
  unsubscribeUrl: string;
  settingsUrl: string;
  /** A test send to the staff member's own address: marked as such, links inert. */
  test?: boolean;
}

export function subject(props: AnnouncementEmailProps) {
  const prefix = props.test ? translate(props.locale, 'email.announcement.testPrefix') : '';
  const title = translate(props.locale, 'email.announcement.subject', {
    event: props.eventName,
    title: props.title,
  });
  return `${prefix}${title}`;
}

export default function AnnouncementEmail(props: AnnouncementEmailProps) {
  return (
    <EmailLayout
      locale={props.locale}
      preview={props.title}
      footer={
        <>
          <Text style={emailStyles.small}>
            {translate(props.locale, 'email.announcement.reply')}
          </Text>
          <Text style={emailStyles.small}>
            <Link href={props.unsubscribeUrl}>
              {translate(props.locale, 'email.announcement.unsubscribe', {
                channel: props.channelName,
              })}
            </Link>
            {' · '}
            <Link href={props.settingsUrl}>
              {translate(props.locale, 'email.announcement.settings')}
            </Link>
          </Text>
        </>
      }
    >
      {props.test ? (
        <Text style={testNote}>{translate(props.locale, 'email.announcement.testNote')}</Text>
      ) : null}
      <Text style={emailStyles.small}>
        {translate(props.locale, 'email.announcement.from', {
          organizer: props.organizerName,
          channel: props.channelName,
        })}
      </Text>
      <Heading style={emailStyles.heading}>{props.title}</Heading>
      <Section style={bodyStyle}>
        <div dangerouslySetInnerHTML={{ __html: props.bodyHtml }} />
      </Section>
      <Text style={emailStyles.paragraph}>
        <Link href={props.announcementUrl}>
          {translate(props.locale, 'email.announcement.open')}
        </Link>
      </Text>
    </EmailLayout>
  );
}

const bodyStyle = { fontSize: '15px', lineHeight: '1.7', color: '#1f2937' };
const testNote = {
  fontSize: '13px',
  background: '#fef3c7',
  color: '#92400e',
  padding: '8px 12px',
  borderRadius: '6px',
};

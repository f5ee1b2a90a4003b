import { Button, Heading, Hr, Link, Section, Text } from '@react-email/components';
import type { MessageKey } from '~/i18n/messages';
import { translate } from '~/i18n/translate';
import type { Locale } from '~/i18n/types';
import { formatCalendarDate } from '~/utils/date-format';
import { EmailLayout, emailStyles } from './components/email-layout';

/**
 * The invitation an entrant receives after the race office uploads its entrant list. The
 * invitee has no language setting yet, so the email carries both: Japanese first, then
 * English (docs/decisions: bilingual invitation). It says who runs the community, what it is
 * for, what is shared with whom, and that nothing happens unless they join themselves — the
 * opposite of the "provisional registration" mail in the Fukui incident.
 */
export interface InvitationEmailProps {
  eventNameJa: string;
  eventNameEn: string;
  /** YYYY-MM-DD */
  eventDate: string;
  organizerNameJa: string;
  organizerNameEn: string;
  contactEmail: string;
  joinUrl: string;
  declineUrl: string;
  /** ISO timestamp */
  expiresAt: string;
  /**
   * The invitee's name for the greeting (〇〇 様 / Dear …). A wave renders one email for all
   * its recipients, so this is a placeholder there, replaced per recipient when it is sent.
   */
  recipientName?: string;
  /** The domain of MAIL_FROM, for runners whose carrier mail only accepts chosen domains. */
  senderDomain?: string;
}

type Lang = Locale;

/** What members receive and what is shared, one list item each, in reading order. */
const offerKeys = [
  'email.invitation.offer.announcements',
  'email.invitation.offer.videos',
  'email.invitation.offer.sponsorOffers',
] as const satisfies readonly MessageKey[];
const sharedKeys = [
  'email.invitation.shared.raceOffice',
  'email.invitation.shared.sponsors',
  'email.invitation.shared.otherRunners',
] as const satisfies readonly MessageKey[];

/** The event's name and organizer in one of the two languages the invitation is written in. */
function namesIn(lang: Lang, p: InvitationEmailProps) {
  return lang === 'ja'
    ? { event: p.eventNameJa, organizer: p.organizerNameJa }
    : { event: p.eventNameEn, organizer: p.organizerNameEn };
}

/** The invitation's heading in one language; the preview line shows both. */
export function invitationHeading(lang: Lang, p: InvitationEmailProps) {
  return translate(lang, 'email.invitation.heading', { event: namesIn(lang, p).event });
}

export function subject(props: InvitationEmailProps) {
  const ja = translate('ja', 'email.invitation.subject', { event: props.eventNameJa });
  const en = translate('en', 'email.invitation.subject', { event: props.eventNameEn });
  return `${ja} / ${en}`;
}

const carrierBox = {
  border: '1px solid #e5e7eb',
  borderRadius: '6px',
  padding: '10px 12px',
  margin: '12px 0',
  backgroundColor: '#f9fafb',
};

/** One language's block; the invitation and the reminder share it. */
export function InvitationBlock(props: { lang: Lang; p: InvitationEmailProps; lead?: string }) {
  const lang = props.lang;
  const p = props.p;
  const { event, organizer } = namesIn(lang, p);
  return (
    <Section lang={lang}>
      <Heading style={emailStyles.heading}>{invitationHeading(lang, p)}</Heading>
      {p.recipientName ? (
        <Text style={emailStyles.paragraph} data-greeting={lang}>
          {translate(lang, 'email.invitation.greeting', { name: p.recipientName })}
        </Text>
      ) : null}
      {props.lead ? <Text style={emailStyles.paragraph}>{props.lead}</Text> : null}
      <Text style={emailStyles.paragraph}>
        {translate(lang, 'email.invitation.intro', {
          date: formatCalendarDate(p.eventDate, lang),
          event,
        })}
      </Text>
      <Text style={emailStyles.paragraph}>
        {translate(lang, 'email.invitation.who', { organizer })}
      </Text>
      <Text style={emailStyles.paragraph}>
        {offerKeys.map((key) => (
          <span key={key}>
            ・{translate(lang, key)}
            <br />
          </span>
        ))}
      </Text>
      <Text style={{ ...emailStyles.paragraph, fontWeight: 700, marginBottom: 0 }}>
        {translate(lang, 'email.invitation.sharedHeading')}
      </Text>
      <Text style={{ ...emailStyles.paragraph, marginTop: 4 }}>
        {sharedKeys.map((key) => (
          <span key={key}>
            ・{translate(lang, key)}
            <br />
          </span>
        ))}
      </Text>
      <Text style={emailStyles.paragraph}>{translate(lang, 'email.invitation.choice')}</Text>
      <Button href={p.joinUrl} style={emailStyles.button}>
        {translate(lang, 'email.invitation.button')}
      </Button>
      <Text style={emailStyles.small}>
        {translate(lang, 'email.invitation.expires', {
          date: formatCalendarDate(p.expiresAt, lang),
        })}
      </Text>
      {p.senderDomain ? (
        <Section style={carrierBox} data-carrier-guidance={lang}>
          <Text style={{ ...emailStyles.small, fontWeight: 700, margin: 0 }}>
            {translate(lang, 'email.invitation.carrierHeading')}
          </Text>
          <Text style={{ ...emailStyles.small, margin: '4px 0 0' }}>
            {translate(lang, 'email.invitation.carrier', { domain: p.senderDomain })}
          </Text>
        </Section>
      ) : null}
      <Text style={emailStyles.small}>
        {translate(lang, 'email.invitation.decline')}{' '}
        <Link href={p.declineUrl}>{p.declineUrl}</Link>
      </Text>
      <Text style={emailStyles.small}>
        {/* One text node with its space: React would mark a second with <!-- --> in the HTML. */}
        {`${translate(lang, 'email.invitation.contact', { organizer })} `}
        <Link href={`mailto:${p.contactEmail}`}>{p.contactEmail}</Link>
      </Text>
    </Section>
  );
}

export default function InvitationEmail(props: InvitationEmailProps) {
  return (
    <EmailLayout
      locale="ja"
      preview={`${invitationHeading('ja', props)} / ${invitationHeading('en', props)}`}
      footer={<BilingualFooterNote />}
    >
      <EnglishFollowsNote />
      <InvitationBlock lang="ja" p={props} />
      <Hr style={{ borderColor: '#e5e7eb', margin: '28px 0' }} />
      <InvitationBlock lang="en" p={props} />
    </EmailLayout>
  );
}

/** Bilingual emails open in Japanese; this line tells an English reader to scroll on. */
export function EnglishFollowsNote() {
  return <Text style={emailStyles.small}>{translate('en', 'email.bilingual.englishFollows')}</Text>;
}

/** The layout's footer is in one language; the English line for bilingual emails. */
export function BilingualFooterNote() {
  return (
    <Text lang="en" style={{ fontSize: '12px', lineHeight: '1.6', color: '#6b7280' }}>
      {translate('en', 'email.bilingual.footer')}
    </Text>
  );
}

import { Button, Heading, Text } from '@react-email/components';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';
import { keyFamily } from '~/i18n/key-families';
import { translate } from '~/i18n/translate';

// To one owner of the event: an editor's announcement draft or a sponsor's offer waits for
// their approval. It names the item and links to its review page; it carries no member data
// (no names, addresses or counts of runners), so it is safe in any inbox.
export interface ApprovalRequestEmailProps {
  locale: EmailLocale;
  eventName: string;
  kind: 'announcement' | 'offer' | 'notice';
  /** The draft's or offer's title in the owner's language. */
  itemTitle: string;
  /** The sponsor's name, for an offer or a sponsor notice. */
  sponsorName?: string;
  reviewUrl: string;
}

const kindName = keyFamily('email.approvalRequest.kind.', ['announcement', 'offer', 'notice']);

/** What waits, and from whom: an editor's announcement, or a sponsor's item, named if known. */
function intro(props: ApprovalRequestEmailProps) {
  if (props.kind === 'announcement')
    return translate(props.locale, 'email.approvalRequest.intro.announcement', {
      title: props.itemTitle,
    });
  const kind = translate(props.locale, kindName(props.kind));
  return props.sponsorName
    ? translate(props.locale, 'email.approvalRequest.intro.namedSponsor', {
        kind,
        sponsor: props.sponsorName,
        title: props.itemTitle,
      })
    : translate(props.locale, 'email.approvalRequest.intro.sponsor', {
        kind,
        title: props.itemTitle,
      });
}

export function subject(props: ApprovalRequestEmailProps) {
  return translate(props.locale, 'email.approvalRequest.subject', {
    kind: translate(props.locale, kindName(props.kind)),
    event: props.eventName,
    title: props.itemTitle,
  });
}

export default function ApprovalRequestEmail(props: ApprovalRequestEmailProps) {
  return (
    <EmailLayout
      locale={props.locale}
      preview={intro(props)}
      footer={
        <Text style={emailStyles.small}>
          {translate(props.locale, 'email.approvalRequest.footer')}
        </Text>
      }
    >
      <Heading style={emailStyles.heading}>{subject(props)}</Heading>
      <Text style={emailStyles.paragraph}>{intro(props)}</Text>
      <Button href={props.reviewUrl} style={emailStyles.button}>
        {translate(props.locale, 'email.approvalRequest.button')}
      </Button>
      <Text style={emailStyles.small}>{props.reviewUrl}</Text>
    </EmailLayout>
  );
}

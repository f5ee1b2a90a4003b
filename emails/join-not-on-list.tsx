import { Heading, Link, Text } from '@react-email/components';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';

// Answer to "join by event code" for an address that is not on the event's entrant list.
// Only the mailbox owner learns it; the page answered exactly as for everyone else.
export interface JoinNotOnListEmailProps {
  locale: EmailLocale;
  eventName: string;
  organizerName: string;
  contactEmail: string;
}

const copy = {
  ja: {
    subject: (event: string) => `【${event}】コミュニティ参加のお申し込みについて`,
    heading: 'エントリー名簿にこのアドレスが見つかりませんでした',
    intro: (event: string) =>
      `${event} のページで、このメールアドレスによるコミュニティへの参加が申し込まれましたが、このアドレスは大会のエントリー名簿にありませんでした。コミュニティには、エントリーの際にご登録いただいたメールアドレスで参加できます。`,
    retry:
      '別のメールアドレスでエントリーされた場合は、そのアドレスでもう一度お申し込みください。ご不明な点は、大会事務局までお問い合わせください。',
    contact: (name: string) => `お問い合わせ：${name} `,
    notYou: 'お心当たりがない場合は、このメールを破棄してください。何も登録されていません。',
  },
  en: {
    subject: (event: string) => `About your request to join the ${event} community`,
    heading: 'This address is not on the entrant list',
    intro: (event: string) =>
      `Someone asked on the ${event} page to join the community with this address, but it is not on the race’s entrant list. The community is open to the address each runner gave when entering.`,
    retry:
      'If you entered with another address, please try again with that one. If anything is unclear, contact the race office.',
    contact: (name: string) => `Contact: ${name} `,
    notYou: 'If this was not you, ignore this email. Nothing has been registered.',
  },
};

export function subject(props: JoinNotOnListEmailProps) {
  return copy[props.locale].subject(props.eventName);
}

export default function JoinNotOnListEmail(props: JoinNotOnListEmailProps) {
  const c = copy[props.locale];
  return (
    <EmailLayout locale={props.locale} preview={c.heading}>
      <Heading style={emailStyles.heading}>{c.heading}</Heading>
      <Text style={emailStyles.paragraph}>{c.intro(props.eventName)}</Text>
      <Text style={emailStyles.paragraph}>{c.retry}</Text>
      <Text style={emailStyles.small}>
        {c.contact(props.organizerName)}
        <Link href={`mailto:${props.contactEmail}`}>{props.contactEmail}</Link>
      </Text>
      <Text style={emailStyles.small}>{c.notYou}</Text>
    </EmailLayout>
  );
}

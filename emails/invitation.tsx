import { Button, Heading, Hr, Link, Section, Text } from '@react-email/components';
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

type Lang = 'ja' | 'en';

export const invitationCopy = {
  ja: {
    heading: (p: InvitationEmailProps) => `${p.eventNameJa} 参加者向けコミュニティへのご案内`,
    intro: (p: InvitationEmailProps) =>
      `${p.eventNameJa}（${formatCalendarDate(p.eventDate, 'ja')}開催）にエントリーいただき、ありがとうございます。このメールは、エントリーの際にご登録いただいたメールアドレスにお送りしています。`,
    who: (p: InvitationEmailProps) =>
      `${p.organizerNameJa}（大会事務局）は、Startline を使って参加者向けのコミュニティを運営しています。参加された方には、次のものをお届けします。`,
    offers: [
      '大会事務局からのお知らせ（メールと参加者ページ）',
      '参加者限定の動画',
      '協賛社からの特典',
    ],
    sharedHeading: '共有される情報',
    shared: [
      '大会事務局は、あなたの氏名とゼッケン番号を見ることができます。',
      '協賛社に、あなたに関する情報が伝わることはありません。',
      'ほかの参加者に、あなたのメールアドレスが見えることはありません。',
    ],
    choice:
      '参加するかどうかは、あなたがお決めください。このメールやリンクを開いただけで登録されることはありません。下のボタンから開くページで内容をご確認のうえ、ご自身で「参加する」を押した場合にのみ参加となります。',
    button: '内容を確認して参加する',
    expires: (p: InvitationEmailProps) =>
      `このご案内の有効期限は${formatCalendarDate(p.expiresAt, 'ja')}です。`,
    decline:
      'この大会のコミュニティへのご案内が今後不要な方は、こちらのページからお知らせください（ページのボタンを押すまで何も変わりません）。',
    contact: (p: InvitationEmailProps) => `お問い合わせ：${p.organizerNameJa} `,
    greeting: (name: string) => `${name} 様`,
    carrierHeading: '携帯メール（キャリアメール）をお使いの方へ',
    carrier: (domain: string) =>
      `docomo・au・SoftBank などの携帯メールをお使いの方は、「${domain}」ドメインからのメールを受信できるよう設定してください（ドメイン指定受信）。設定がないと、大会事務局からのお知らせが届かないことがあります。`,
  },
  en: {
    heading: (p: InvitationEmailProps) => `Invitation to the ${p.eventNameEn} runners’ community`,
    intro: (p: InvitationEmailProps) =>
      `Thank you for entering ${p.eventNameEn} (${formatCalendarDate(p.eventDate, 'en')}). We are writing to the address you gave when you entered.`,
    who: (p: InvitationEmailProps) =>
      `${p.organizerNameEn} (the race office) runs a community for runners on Startline. Members receive:`,
    offers: [
      'announcements from the race office (by email and on the members’ pages)',
      'members-only videos',
      'offers from sponsors',
    ],
    sharedHeading: 'What is shared',
    shared: [
      'The race office can see your name and bib number.',
      'Sponsors never learn anything about you.',
      'Other runners never see your email address.',
    ],
    choice:
      'Joining is your choice. Opening this email or its links does not sign you up. You join only if you press “Join” yourself on the page the button below opens.',
    button: 'Read more and join',
    expires: (p: InvitationEmailProps) =>
      `This invitation expires on ${formatCalendarDate(p.expiresAt, 'en')}.`,
    decline:
      'If you do not want invitations for this event, tell us on this page (nothing changes until you press its button):',
    contact: (p: InvitationEmailProps) => `Questions: ${p.organizerNameEn} `,
    greeting: (name: string) => `Dear ${name},`,
    carrierHeading: 'If you use a Japanese mobile carrier address',
    carrier: (domain: string) =>
      `If your address is with docomo, au, SoftBank or another mobile carrier, allow mail from the domain “${domain}” in your carrier’s settings (domain-specific reception). Otherwise announcements from the race office may not reach you.`,
  },
};

export function subject(props: InvitationEmailProps) {
  return `【${props.eventNameJa}】参加者向けコミュニティへのご案内 / Invitation: ${props.eventNameEn} runners’ community`;
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
  const c = invitationCopy[props.lang];
  const p = props.p;
  return (
    <Section lang={props.lang}>
      <Heading style={emailStyles.heading}>{c.heading(p)}</Heading>
      {p.recipientName ? (
        <Text style={emailStyles.paragraph} data-greeting={props.lang}>
          {c.greeting(p.recipientName)}
        </Text>
      ) : null}
      {props.lead ? <Text style={emailStyles.paragraph}>{props.lead}</Text> : null}
      <Text style={emailStyles.paragraph}>{c.intro(p)}</Text>
      <Text style={emailStyles.paragraph}>{c.who(p)}</Text>
      <Text style={emailStyles.paragraph}>
        {c.offers.map((line) => (
          <span key={line}>
            ・{line}
            <br />
          </span>
        ))}
      </Text>
      <Text style={{ ...emailStyles.paragraph, fontWeight: 700, marginBottom: 0 }}>
        {c.sharedHeading}
      </Text>
      <Text style={{ ...emailStyles.paragraph, marginTop: 4 }}>
        {c.shared.map((line) => (
          <span key={line}>
            ・{line}
            <br />
          </span>
        ))}
      </Text>
      <Text style={emailStyles.paragraph}>{c.choice}</Text>
      <Button href={p.joinUrl} style={emailStyles.button}>
        {c.button}
      </Button>
      <Text style={emailStyles.small}>{c.expires(p)}</Text>
      {p.senderDomain ? (
        <Section style={carrierBox} data-carrier-guidance={props.lang}>
          <Text style={{ ...emailStyles.small, fontWeight: 700, margin: 0 }}>
            {c.carrierHeading}
          </Text>
          <Text style={{ ...emailStyles.small, margin: '4px 0 0' }}>
            {c.carrier(p.senderDomain)}
          </Text>
        </Section>
      ) : null}
      <Text style={emailStyles.small}>
        {c.decline} <Link href={p.declineUrl}>{p.declineUrl}</Link>
      </Text>
      <Text style={emailStyles.small}>
        {c.contact(p)}
        <Link href={`mailto:${p.contactEmail}`}>{p.contactEmail}</Link>
      </Text>
    </Section>
  );
}

export default function InvitationEmail(props: InvitationEmailProps) {
  return (
    <EmailLayout
      locale="ja"
      preview={`${invitationCopy.ja.heading(props)} / ${invitationCopy.en.heading(props)}`}
      footer={<BilingualFooterNote />}
    >
      <Text style={emailStyles.small}>(English follows Japanese.)</Text>
      <InvitationBlock lang="ja" p={props} />
      <Hr style={{ borderColor: '#e5e7eb', margin: '28px 0' }} />
      <InvitationBlock lang="en" p={props} />
    </EmailLayout>
  );
}

/** The layout's footer is in one language; the English line for bilingual emails. */
export function BilingualFooterNote() {
  return (
    <Text lang="en" style={{ fontSize: '12px', lineHeight: '1.6', color: '#6b7280' }}>
      This email was sent automatically by Startline on behalf of the race office. Startline never
      shows your email address to other runners or to sponsors.
    </Text>
  );
}

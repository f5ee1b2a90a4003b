import { Button, Heading, Text } from '@react-email/components';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';

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

const copy = {
  ja: {
    subject: (p: SponsorInvitationEmailProps) =>
      `【${p.eventName}】協賛社コンソールへのご招待（${p.sponsorName} 様）`,
    heading: '協賛社コンソールへのご招待',
    intro: (p: SponsorInvitationEmailProps) =>
      `${p.organizerName}より、${p.sponsorName} 様のご担当者として、Startline の協賛社コンソールにご招待いたしました。`,
    what: '協賛社コンソールでは、参加者向けの特典（クーポン）やお知らせの作成、店頭でのコードの確認・使用処理、閲覧数・取得数・利用数の集計の確認ができます。作成した特典とお知らせは、大会事務局が確認・承認してから参加者に公開されます。',
    privacy:
      '参加者のお名前、メールアドレス、ゼッケン番号など、個人を特定できる情報は協賛社コンソールには表示されません。集計値も、少ない人数（5人未満）は「5未満」と表示されます。',
    how: 'ご参加いただくには、下のボタンからこのメールアドレスでログインしてください。ログインした時点で協賛社コンソールをご利用いただけるようになります。',
    button: 'ログインして協賛社コンソールを開く',
    expires: (d: number) => `この招待の有効期限は${d}日間です。`,
    notYou:
      'お心当たりがない場合は、このメールを破棄してください。ログインしない限り、何も登録されません。',
  },
  en: {
    subject: (p: SponsorInvitationEmailProps) =>
      `${p.eventName}: you are invited to the sponsor console (${p.sponsorName})`,
    heading: 'Your invitation to the sponsor console',
    intro: (p: SponsorInvitationEmailProps) =>
      `${p.organizerName} has invited you to Startline’s sponsor console on behalf of ${p.sponsorName}.`,
    what: 'In the sponsor console you draft offers (coupons) and notices for runners, check and redeem codes at your till, and see views, claims and redemptions in aggregate. Offers and notices reach runners only after the race office has reviewed and approved them.',
    privacy:
      'The sponsor console never shows a runner’s name, email address, bib number or anything else that identifies them. Small numbers (under 5) are shown as “<5”.',
    how: 'To accept, sign in with this email address using the button below. You can use the sponsor console from the moment you sign in.',
    button: 'Sign in and open the sponsor console',
    expires: (d: number) => `This invitation is valid for ${d} days.`,
    notYou:
      'If you were not expecting this, ignore this email. Nothing is set up unless you sign in.',
  },
};

export function subject(props: SponsorInvitationEmailProps) {
  return copy[props.locale].subject(props);
}

export default function SponsorInvitationEmail(props: SponsorInvitationEmailProps) {
  const c = copy[props.locale];
  return (
    <EmailLayout locale={props.locale} preview={c.heading}>
      <Heading style={emailStyles.heading}>{c.heading}</Heading>
      <Text style={emailStyles.paragraph}>{c.intro(props)}</Text>
      <Text style={emailStyles.paragraph}>{c.what}</Text>
      <Text style={emailStyles.paragraph}>{c.privacy}</Text>
      <Text style={emailStyles.paragraph}>{c.how}</Text>
      <Button href={props.signInUrl} style={emailStyles.button}>
        {c.button}
      </Button>
      <Text style={emailStyles.small}>{c.expires(props.expiresInDays)}</Text>
      <Text style={emailStyles.small}>{c.notYou}</Text>
    </EmailLayout>
  );
}

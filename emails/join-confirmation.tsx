import { Button, Heading, Text } from '@react-email/components';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';

// Double opt-in for joining by event code: someone typed this address on the event page. The
// link opens a page with the consent text and a button; opening it alone changes nothing.
export interface JoinConfirmationEmailProps {
  locale: EmailLocale;
  eventName: string;
  organizerName: string;
  confirmUrl: string;
  expiresInHours: number;
}

const copy = {
  ja: {
    subject: (event: string) => `【${event}】コミュニティ参加のご確認`,
    heading: 'コミュニティへの参加を確認してください',
    intro: (p: JoinConfirmationEmailProps) =>
      `${p.eventName} のページで、このメールアドレスによる参加者向けコミュニティ（運営：${p.organizerName}）への参加が申し込まれました。`,
    how: 'ご本人による申し込みの場合は、下のボタンから開くページで内容をご確認のうえ「参加する」を押してください。リンクを開いただけでは参加になりません。',
    button: '内容を確認して参加する',
    expires: (h: number) => `このリンクの有効期限は${h}時間です。`,
    notYou: 'お心当たりがない場合は、このメールを破棄してください。何も登録されません。',
  },
  en: {
    subject: (event: string) => `Confirm joining the ${event} community`,
    heading: 'Please confirm that you want to join',
    intro: (p: JoinConfirmationEmailProps) =>
      `Someone asked on the ${p.eventName} page to join the runners’ community (run by ${p.organizerName}) with this address.`,
    how: 'If that was you, open the page below, read what joining means and press “Join”. Opening the link alone does not sign you up.',
    button: 'Read more and join',
    expires: (h: number) => `The link works for ${h} hours.`,
    notYou: 'If this was not you, ignore this email. Nothing will be registered.',
  },
};

export function subject(props: JoinConfirmationEmailProps) {
  return copy[props.locale].subject(props.eventName);
}

export default function JoinConfirmationEmail(props: JoinConfirmationEmailProps) {
  const c = copy[props.locale];
  return (
    <EmailLayout locale={props.locale} preview={c.heading}>
      <Heading style={emailStyles.heading}>{c.heading}</Heading>
      <Text style={emailStyles.paragraph}>{c.intro(props)}</Text>
      <Text style={emailStyles.paragraph}>{c.how}</Text>
      <Button href={props.confirmUrl} style={emailStyles.button}>
        {c.button}
      </Button>
      <Text style={emailStyles.small}>{c.expires(props.expiresInHours)}</Text>
      <Text style={emailStyles.small}>{c.notYou}</Text>
    </EmailLayout>
  );
}

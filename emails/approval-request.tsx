import { Button, Heading, Text } from '@react-email/components';
import { EmailLayout, emailStyles, type EmailLocale } from './components/email-layout';

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

const kindJa = { announcement: 'お知らせ', offer: '協賛社の特典', notice: '協賛社のお知らせ' };
const kindEn = { announcement: 'announcement', offer: 'sponsor offer', notice: 'sponsor notice' };

const copy = {
  ja: {
    subject: (p: ApprovalRequestEmailProps) =>
      `【${p.eventName}】承認待ち：${kindJa[p.kind]}「${p.itemTitle}」`,
    intro: (p: ApprovalRequestEmailProps) =>
      p.kind === 'announcement'
        ? `編集者が書いたお知らせ「${p.itemTitle}」が、あなたの承認を待っています。承認されるまで送信できません。`
        : `協賛社${p.sponsorName ? `「${p.sponsorName}」` : ''}から${kindJa[p.kind]}「${p.itemTitle}」が届き、あなたの承認を待っています。承認されるまで参加者には公開されません。`,
    button: '内容を確認する',
    footer:
      'このメールは、この大会のオーナーの方にお送りしています。承認待ちの件数は、管理画面のナビゲーションにも表示されます。',
  },
  en: {
    subject: (p: ApprovalRequestEmailProps) =>
      `[${p.eventName}] Awaiting your approval: ${kindEn[p.kind]} “${p.itemTitle}”`,
    intro: (p: ApprovalRequestEmailProps) =>
      p.kind === 'announcement'
        ? `An editor wrote the announcement “${p.itemTitle}”. It awaits your approval and cannot be sent until it is approved.`
        : `${p.sponsorName ? `The sponsor ${p.sponsorName}` : 'A sponsor'} submitted the ${kindEn[p.kind]} “${p.itemTitle}”. It awaits your approval and is not shown to members until it is approved.`,
    button: 'Review it',
    footer:
      'You receive this as an owner of this event. The number of items awaiting approval is also shown in the staff navigation.',
  },
};

export function subject(props: ApprovalRequestEmailProps) {
  return copy[props.locale].subject(props);
}

export default function ApprovalRequestEmail(props: ApprovalRequestEmailProps) {
  const c = copy[props.locale];
  return (
    <EmailLayout
      locale={props.locale}
      preview={c.intro(props)}
      footer={<Text style={emailStyles.small}>{c.footer}</Text>}
    >
      <Heading style={emailStyles.heading}>{c.subject(props)}</Heading>
      <Text style={emailStyles.paragraph}>{c.intro(props)}</Text>
      <Button href={props.reviewUrl} style={emailStyles.button}>
        {c.button}
      </Button>
      <Text style={emailStyles.small}>{props.reviewUrl}</Text>
    </EmailLayout>
  );
}

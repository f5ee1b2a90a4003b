import type { MessageTable } from '../types';

export const mailbox = {
  'mailbox.title': { ja: '開発用メールボックス', en: 'Development mailbox' },
  'mailbox.intro': {
    ja: 'RESEND_API_KEY が未設定のため、送信メールはここに保存され、外部には送られません。',
    en: 'RESEND_API_KEY is not set, so outgoing email is kept here and never leaves this machine.',
  },
  'mailbox.empty': { ja: 'まだメールはありません。', en: 'No messages yet.' },
  'mailbox.received': { ja: '受信日時', en: 'Received' },
  'mailbox.to': { ja: '宛先', en: 'To' },
  'mailbox.subject': { ja: '件名', en: 'Subject' },
  'mailbox.headers': { ja: 'ヘッダー', en: 'Headers' },
  'mailbox.htmlPart': { ja: 'HTML 本文', en: 'HTML part' },
  'mailbox.textPart': { ja: 'テキスト本文', en: 'Plain-text part' },
} satisfies MessageTable;

import type { MessageTable } from '../types';

export const members = {
  'members.notice.left': {
    ja: 'コミュニティを退会しました。今後、このコミュニティからメールが届くことはありません。',
    en: 'You have left the community. It will send you no more email.',
  },
  'members.notice.deleted': {
    ja: 'アカウントを削除しました。ご利用ありがとうございました。',
    en: 'Your account has been deleted. Thank you for using Startline.',
  },

  'members.account.title': { ja: 'アカウント', en: 'Your account' },
  'members.account.help': {
    ja: 'すべてのコミュニティに共通のアカウントです。コミュニティごとのメール設定や退会は、各コミュニティの設定ページで行えます。',
    en: 'This account is shared by all your communities. Email settings and leaving are on each community’s settings page.',
  },
  'members.account.link': { ja: 'アカウント設定', en: 'Account settings' },

  'members.settings.title': { ja: '設定', en: 'Settings' },
  'members.settings.you': { ja: 'あなたの登録内容', en: 'Your details' },
  'members.settings.alias': { ja: '表示名', en: 'Alias' },
  'members.settings.name': { ja: '氏名', en: 'Name' },
  'members.settings.bib': { ja: 'ゼッケン番号', en: 'Bib' },
  'members.settings.email': { ja: 'メールアドレス', en: 'Email address' },
  'members.settings.aliasHelp': {
    ja: '大会事務局の画面では、あなたは表示名とゼッケン番号で表示されます。メールアドレスがほかの参加者や協賛社に見えることはありません。',
    en: 'The race office sees you by your alias and bib. Other runners and sponsors never see your email address.',
  },
  'members.settings.mail': { ja: 'メールでのお知らせ', en: 'Email notifications' },
  'members.settings.mailHelp': {
    ja: 'チャンネルごとに、メールで受け取るかどうかを選べます。メールを止めても、お知らせは参加者ページでいつでも読めます。',
    en: 'Choose which channels you receive by email. Announcements stay readable on the members’ pages either way.',
  },
  'members.settings.saveMail': { ja: '保存する', en: 'Save' },
  'members.settings.saved': {
    ja: 'メールの設定を保存しました。',
    en: 'Your email settings are saved.',
  },
  'members.settings.confirmRequired': {
    ja: '確認のチェックを入れてください。',
    en: 'Please tick the box to confirm.',
  },

  'members.export.title': { ja: 'データの書き出し', en: 'Export your data' },
  'members.export.help': {
    ja: 'Startline があなたについて保存しているデータ（アカウント、参加状況、同意の記録、メールの設定、招待など）を JSON ファイルでダウンロードできます。',
    en: 'Download everything Startline stores about you (account, memberships, consent records, email settings, invitations and more) as a JSON file.',
  },
  'members.export.download': { ja: 'JSON ファイルをダウンロード', en: 'Download JSON' },

  'members.leave.title': { ja: 'コミュニティを退会する', en: 'Leave this community' },
  'members.leave.help': {
    ja: '退会すると、このコミュニティからのメールはすぐに止まり、参加者ページも見られなくなります。同意の取り消しとして記録されます。アカウントとほかの大会のコミュニティはそのまま残ります。',
    en: 'When you leave, this community’s email stops at once and its members’ pages close to you. Your withdrawal of consent is recorded. Your account and other communities stay as they are.',
  },
  'members.leave.confirm': {
    ja: 'このコミュニティを退会します',
    en: 'I want to leave this community',
  },
  'members.leave.submit': { ja: '退会する', en: 'Leave' },

  'members.delete.title': { ja: 'アカウントを削除する', en: 'Delete your account' },
  'members.delete.help': {
    ja: 'アカウントと、あなたに関する個人データ（メールアドレス、氏名、ゼッケン番号、参加状況、招待、メールの記録）をすべて消去します。同意の記録には、あなたと結びつかない「削除により同意を取り消した」という事実だけが残ります。元に戻すことはできません。',
    en: 'Erases your account and all personal data about you (address, name, bib, memberships, invitations, mail records). The consent log keeps only an anonymous note that consent was withdrawn by deletion. This cannot be undone.',
  },
  'members.delete.confirm': {
    ja: 'アカウントと個人データが消去され、元に戻せないことを理解しました',
    en: 'I understand my account and personal data will be erased for good',
  },
  'members.delete.submit': { ja: 'アカウントを削除する', en: 'Delete my account' },
  'members.delete.soleOwner': {
    ja: 'あなたは次の大会のただ1人の管理者のため、アカウントを削除できません。先にほかのスタッフを管理者にしてください：{events}',
    en: 'You are the only owner of these events, so your account cannot be deleted yet. Make another colleague an owner first: {events}',
  },
} satisfies MessageTable;

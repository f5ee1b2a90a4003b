import type { MessageTable } from '../types';

// The organizer inbox (staff) and the member's own conversation with the race office.
export const relay = {
  // Staff: inbox list
  'relay.inbox.title': { ja: '受信箱', en: 'Inbox' },
  'relay.inbox.intro': {
    ja: '参加者から大会事務局あてに届いたメッセージです。参加者はメールアドレスではなく表示名で示されます。返信は大会事務局の名前で送られ、あなたのお名前やメールアドレスが相手に伝わることはありません。',
    en: 'Messages runners sent to the race office. Runners are shown by alias, never by address. Answers go out under the organizer’s name; your name and address are never passed on.',
  },
  'relay.filter.label': { ja: '表示するスレッド', en: 'Show' },
  'relay.filter.open': { ja: '対応中', en: 'Open' },
  'relay.filter.held': { ja: '保留中（要確認）', en: 'Held' },
  'relay.filter.mine': { ja: '自分の担当', en: 'Assigned to me' },
  'relay.filter.closed': { ja: '対応済み', en: 'Closed' },
  'relay.filter.all': { ja: 'すべて', en: 'All' },
  'relay.col.member': { ja: '参加者', en: 'Runner' },
  'relay.col.last': { ja: '最新のメッセージ', en: 'Latest message' },
  'relay.col.status': { ja: '状態', en: 'Status' },
  'relay.col.assigned': { ja: '担当', en: 'Assigned' },
  'relay.col.updated': { ja: '更新日時', en: 'Updated' },
  'relay.status.open': { ja: '対応中', en: 'Open' },
  'relay.status.closed': { ja: '対応済み', en: 'Closed' },
  'relay.unread': { ja: '未読', en: 'Unread' },
  'relay.heldCount': { ja: '保留中（要確認） {count}件', en: '{count} held' },
  'relay.unassigned': { ja: '未割り当て', en: 'Unassigned' },
  'relay.assignedMe': { ja: '自分', en: 'Me' },
  'relay.memberLeft': { ja: '退会済み', en: 'Left' },
  'relay.bib': { ja: 'ゼッケン {bib}', en: 'Bib {bib}' },
  'relay.lastFromOffice': { ja: '事務局：', en: 'Office:' },
  'relay.onlyAttachments': { ja: '（添付ファイルのみ）', en: '(attachments only)' },
  'relay.inbox.empty': { ja: '該当するメッセージはありません。', en: 'Nothing here.' },
  'relay.inbox.more': { ja: '次のページ', en: 'Next page' },
  'relay.inbox.previous': { ja: '前のページ', en: 'Previous page' },

  // Staff: one thread
  'relay.thread.title': { ja: '{alias} さんとのやり取り', en: 'Conversation with {alias}' },
  'relay.thread.back': { ja: '受信箱に戻る', en: 'Back to the inbox' },
  'relay.thread.messagesLabel': { ja: 'メッセージ', en: 'Messages' },
  'relay.from.office': { ja: '大会事務局', en: 'Race office' },
  'relay.from.officeMe': { ja: '大会事務局（あなた）', en: 'Race office (you)' },
  'relay.source.email': { ja: 'メール経由', en: 'by email' },
  'relay.source.web': { ja: 'Startline 経由', en: 'on Startline' },
  'relay.from.unverified': { ja: '送信者未確認', en: 'Unverified sender' },
  'relay.aboutAnnouncement': { ja: 'お知らせ「{title}」について', en: 'About “{title}”' },
  'relay.held.badge': { ja: '保留中（要確認）', en: 'Held' },
  'relay.held.sender_mismatch': {
    ja: 'この参加者の登録アドレスとは別のアドレス（{sender}）から届いたため、保留しています。事務局への通知もまだ送っていません。',
    en: 'Held: it came from an address other than the runner’s registered one ({sender}). Nobody has been notified yet.',
  },
  'relay.held.sender_not_staff': {
    ja: 'このやり取りあての返信が、この大会の編集者・管理者ではないアドレス（{sender}）から届いたため、保留しています。参加者にはまだ送っていません。',
    en: 'Held: an answer to this conversation came from an address that is not an editor or owner of this event ({sender}). It has not been sent to the runner.',
  },
  'relay.held.unauthenticated': {
    ja: '送信元を確認できなかった（なりすましの可能性がある）ため、保留しています。',
    en: 'Held: the sender could not be verified (it may be forged).',
  },
  'relay.held.releaseMember': {
    ja: '参加者のメッセージとして受け入れる',
    en: 'Accept as the runner’s message',
  },
  'relay.held.releaseStaff': {
    ja: '事務局の返信として参加者に送る',
    en: 'Send to the runner as the office’s answer',
  },
  'relay.held.discard': { ja: '破棄する', en: 'Discard' },
  'relay.held.released': {
    ja: '保留していたメッセージを受け入れました。',
    en: 'The held message was accepted.',
  },
  'relay.held.discarded': {
    ja: '保留していたメッセージを破棄しました。',
    en: 'The held message was discarded.',
  },
  'relay.note.attachment_dropped.type': {
    ja: '添付ファイル「{name}」は受け付けていない形式のため、保存していません（受け付けるのは画像と PDF のみです）。',
    en: 'The attachment “{name}” was not kept: only images and PDF files are accepted.',
  },
  'relay.note.attachment_dropped.size': {
    ja: '添付ファイル「{name}」は {max} を超えているため、保存していません。',
    en: 'The attachment “{name}” was not kept: it is larger than {max}.',
  },
  'relay.note.attachment_dropped.count': {
    ja: '添付ファイル「{name}」は、1通あたりの上限を超えたため保存していません。',
    en: 'The attachment “{name}” was not kept: too many files in one message.',
  },
  'relay.note.attachment_dropped.unavailable': {
    ja: '添付ファイル「{name}」は取得できなかったため、保存していません。',
    en: 'The attachment “{name}” could not be retrieved and was not kept.',
  },
  'relay.note.attachment_dropped.not_forwarded': {
    ja: '添付ファイル「{name}」は転送していません（メールでの返信は本文だけを送ります）。',
    en: 'The attachment “{name}” was not passed on (answers by email are relayed as text only).',
  },
  'relay.note.addresses_removed': {
    ja: '本文中のメールアドレス（{count}件）を削除しました。',
    en: '{count} email address(es) were removed from the text.',
  },
  'relay.attachments.label': { ja: '添付ファイル', en: 'Attachments' },
  'relay.answer.heading': { ja: '返信する', en: 'Answer' },
  'relay.answer.label': { ja: '返信の本文', en: 'Your answer' },
  'relay.answer.hint': {
    ja: '「{organizer}」の名前で参加者にメールで届き、このページにも表示されます。あなたのお名前やメールアドレスは含まれません（本文に書いた場合を除きます）。',
    en: 'The runner receives it by email from “{organizer}” and sees it here. Your name and address are not included (unless you write them).',
  },
  'relay.answer.submit': { ja: '返信を送る', en: 'Send answer' },
  'relay.answer.sent': { ja: '返信を送りました。', en: 'Your answer has been sent.' },
  'relay.answer.required': { ja: '返信の本文を入力してください。', en: 'Write your answer.' },
  'relay.answer.tooLong': {
    ja: '5,000文字以内で入力してください。',
    en: 'Keep it under 5,000 characters.',
  },
  'relay.answer.memberLeft': {
    ja: 'この参加者は退会しているため、返信は送れません。',
    en: 'This runner has left the community; answers can no longer be sent.',
  },
  'relay.answer.viewerOnly': {
    ja: '閲覧者は返信できません。返信は編集者と管理者が行います。',
    en: 'Viewers cannot answer. Editors and owners answer runners.',
  },
  'relay.manage.heading': { ja: '対応状況', en: 'Handling' },
  'relay.assign.label': { ja: '担当者', en: 'Assigned to' },
  'relay.assign.nobody': { ja: '未割り当て', en: 'Nobody' },
  'relay.assign.me': { ja: '{email}（自分）', en: '{email} (me)' },
  'relay.assign.submit': { ja: '担当者を変更', en: 'Change' },
  'relay.assign.saved': { ja: '担当者を変更しました。', en: 'Assignment saved.' },
  'relay.status.close': { ja: '対応済みにする', en: 'Mark as closed' },
  'relay.status.reopen': { ja: '対応中に戻す', en: 'Reopen' },
  'relay.status.saved': { ja: '状態を変更しました。', en: 'Status saved.' },

  // Staff dashboard
  'relay.dashboard.heading': { ja: '受信箱', en: 'Inbox' },
  'relay.dashboard.summary': {
    ja: '対応中 {open}件・未読 {unread}件・保留中（要確認） {held}件',
    en: '{open} open · {unread} unread · {held} held',
  },
  'relay.dashboard.open': { ja: '受信箱を開く', en: 'Open the inbox' },

  // Member: their conversation with the office
  'relay.member.title': { ja: '大会事務局とのやり取り', en: 'Your messages with the race office' },
  'relay.member.intro': {
    ja: 'ここでのやり取りは、あなたと大会事務局だけのものです。ほかの参加者に表示されることはなく、あなたのメールアドレスが事務局以外に伝わることもありません。',
    en: 'This conversation is between you and the race office only. Other runners never see it, and nobody but the office learns your address.',
  },
  'relay.member.empty': {
    ja: 'まだメッセージはありません。ご質問やご連絡は下のフォームからどうぞ。',
    en: 'No messages yet. Use the form below to write to the office.',
  },
  'relay.member.you': { ja: 'あなた', en: 'You' },
  'relay.member.office': { ja: '大会事務局', en: 'Race office' },
  'relay.member.unread': {
    ja: '大会事務局から新しい返信が届いています。',
    en: 'The race office has answered.',
  },
  'relay.member.formHeading': {
    ja: '大会事務局にメッセージを送る',
    en: 'Write to the race office',
  },
  'relay.member.field': { ja: 'メッセージ', en: 'Message' },
  'relay.member.submit': { ja: '事務局に送る', en: 'Send to the office' },
  'relay.member.sent': {
    ja: '大会事務局に送信しました。返信が届いたらメールでお知らせします。',
    en: 'Sent to the race office. You will get an email when they answer.',
  },
  'relay.member.required': { ja: 'メッセージを入力してください。', en: 'Write a message.' },
  'relay.member.tooLong': {
    ja: '5,000文字以内で入力してください。',
    en: 'Keep it under 5,000 characters.',
  },
  'relay.member.rateLimited': {
    ja: '短い時間に送信できる件数を超えました。しばらくしてから、もう一度お送りください。',
    en: 'You have sent many messages in a short time. Please try again a little later.',
  },
  'relay.member.attachments': { ja: '添付ファイル：{names}', en: 'Attachments: {names}' },
  'relay.member.back': { ja: 'トップに戻る', en: 'Back to the community' },

  // Member: the announcement page's private reply
  'relay.reply.heading': {
    ja: '大会事務局に個別に問い合わせる',
    en: 'Reply privately to the organizer',
  },
  'relay.reply.hint': {
    ja: 'このお知らせについてのご質問は、ここから大会事務局だけに送れます。ほかの参加者には表示されません。',
    en: 'Questions about this announcement go to the race office only. Other runners never see them.',
  },
  'relay.reply.submit': { ja: '事務局に送る', en: 'Send to the organizer' },
  'relay.reply.thread': { ja: '事務局とのやり取りを見る', en: 'See your messages with the office' },

  // Member home
  'relay.home.heading': { ja: '大会事務局とのやり取り', en: 'Messages with the race office' },
  'relay.home.hint': {
    ja: '事務局へのお問い合わせと、その返信を確認できます。内容はあなたと事務局だけに表示されます。',
    en: 'Your questions to the office and their answers, visible to you and the office only.',
  },
  'relay.home.unread': { ja: '新しい返信があります', en: 'New answer' },
} satisfies MessageTable;

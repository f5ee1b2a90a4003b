import type { MessageTable } from '../types';

/** The staff invitations page: every invitee as a person (issue 13). */
export const invitees = {
  'invitees.title': { ja: '招待した方', en: 'Invitations' },
  'invitees.privacyNote': {
    ja: '名簿から招待した方の一覧です。メールアドレスは一部だけを表示しています。参加済みの方は「参加者」ページにも載っています。',
    en: 'Everyone invited from the entrant list. Email addresses are shown in part only. People who joined are also on the Members page.',
  },
  'invitees.search': { ja: '検索', en: 'Search' },
  'invitees.searchPlaceholder': {
    ja: 'ゼッケン番号・氏名・フリガナ',
    en: 'Bib number, name or reading',
  },
  'invitees.addressSearch': {
    ja: 'メールアドレスでは検索できません。ゼッケン番号か氏名（フリガナ）で検索し、アドレスはご本人に伏せ字の表示と照らし合わせて確認してください。',
    en: 'You cannot search by email address. Search by bib or name, then check the address with the runner against the partly hidden one shown.',
  },
  'invitees.filter.status': { ja: '状況', en: 'Status' },
  'invitees.filter.category': { ja: '種目', en: 'Category' },
  'invitees.filter.all': { ja: 'すべて', en: 'All' },
  'invitees.filter.submit': { ja: '絞り込む', en: 'Apply' },
  'invitees.filter.clear': { ja: '条件をクリア', en: 'Clear filters' },
  'invitees.count': { ja: '{count}人', en: '{count} people' },
  'invitees.countOne': { ja: '{count}人', en: '{count} person' },
  'invitees.countFiltered': {
    ja: '条件に合う方：{count}人',
    en: '{count} people match',
  },
  'invitees.countFilteredOne': {
    ja: '条件に合う方：{count}人',
    en: '{count} person matches',
  },
  'invitees.none': {
    ja: 'まだ誰も招待していません。「名簿の取り込み」から招待できます。',
    en: 'Nobody has been invited yet. Invite runners from Import entrants.',
  },
  'invitees.noMatch': {
    ja: '条件に合う方はいません。',
    en: 'Nobody matches.',
  },
  'invitees.pageEmpty': {
    ja: 'このページには表示する方がいません。最初のページに戻ってください。',
    en: 'This page is empty. Go back to the first page.',
  },
  'invitees.badCursor': {
    ja: 'ページの指定が正しくありません。一覧の最初からご覧ください。',
    en: 'That page does not exist. Please start again from the first page.',
  },
  'invitees.badFilter': {
    ja: '絞り込みの条件が正しくありません。',
    en: 'That filter is not valid.',
  },
  'invitees.downloadCsv': {
    ja: '状況一覧をダウンロード（CSV）',
    en: 'Download the status list (CSV)',
  },
  'invitees.downloadCsvHelp': {
    ja: 'ゼッケン・氏名・種目・状況・日時のみ。メールアドレスは含みません。ダウンロードは監査ログに記録されます。',
    en: 'Bib, name, category, status and dates only — no email addresses. Downloads are recorded in the audit log.',
  },

  // Columns (and the CSV's header)
  'invitees.col.bib': { ja: 'ゼッケン', en: 'Bib' },
  'invitees.col.name': { ja: '氏名', en: 'Name' },
  'invitees.col.kana': { ja: 'フリガナ', en: 'Reading' },
  'invitees.col.category': { ja: '種目', en: 'Category' },
  'invitees.col.email': { ja: 'メールアドレス', en: 'Email' },
  'invitees.col.status': { ja: '状況', en: 'Status' },
  'invitees.col.sentAt': { ja: '送信日時', en: 'Sent' },
  'invitees.col.remindedAt': { ja: 'リマインド日時', en: 'Reminded' },
  'invitees.col.respondedAt': { ja: '回答日時', en: 'Responded' },
  'invitees.col.expiresAt': { ja: '有効期限', en: 'Expires' },

  // Statuses
  'invitees.status.not_sent': { ja: '未送信', en: 'Not sent yet' },
  'invitees.status.sent': { ja: '送信済み', en: 'Sent' },
  'invitees.status.reminded': { ja: 'リマインド済み', en: 'Reminded' },
  'invitees.status.joined': { ja: '参加', en: 'Joined' },
  'invitees.status.declined': { ja: '辞退', en: 'Declined' },
  'invitees.status.bounced': { ja: '不達', en: 'Bounced' },
  'invitees.status.expired': { ja: '期限切れ', en: 'Expired' },
  'invitees.status.revoked': { ja: '取り消し', en: 'Revoked' },

  // One invitee
  'invitees.detail.back': { ja: '← 招待の一覧へ', en: '← All invitations' },
  'invitees.detail.notFound': {
    ja: 'この招待は見つかりません。一覧から選び直してください。',
    en: 'This invitation was not found. Please choose it again from the list.',
  },
  'invitees.detail.resendCount': {
    ja: '再送信：{count} / {max} 回',
    en: 'Sent again: {count} of {max} times',
  },
  'invitees.detail.history': { ja: '履歴', en: 'History' },
  'invitees.detail.noHistory': { ja: 'まだ履歴はありません。', en: 'Nothing has happened yet.' },
  'invitees.detail.readOnly': {
    ja: '閲覧のみの権限のため、再送信・アドレスの訂正・取り消しはできません。',
    en: 'You can view this page only: resending, correcting the address and revoking need the editor or owner role.',
  },
  'invitees.detail.finished': {
    ja: 'この招待は完了しているため、操作はできません。',
    en: 'This invitation is finished; nothing more can be done with it.',
  },
  'invitees.mail.invitation': { ja: '招待メール', en: 'Invitation email' },
  'invitees.mail.invitation_reminder': { ja: 'リマインドメール', en: 'Reminder email' },
  'invitees.mail.invitation_resend': { ja: '再送信した招待メール', en: 'Invitation sent again' },
  'invitees.mail.status.queued': { ja: '送信待ち', en: 'waiting to be sent' },
  'invitees.mail.status.sending': { ja: '送信中', en: 'sending' },
  'invitees.mail.status.sent': { ja: '送信済み', en: 'sent' },
  'invitees.mail.status.failed': { ja: '送信失敗', en: 'failed' },
  'invitees.mail.status.skipped': { ja: '送信せず', en: 'not sent' },
  'invitees.mail.status.cancelled': { ja: '取りやめ', en: 'cancelled' },
  'invitees.action.invitation.resend': { ja: 'スタッフが再送信', en: 'Sent again by staff' },
  'invitees.action.invitation.correct_address': {
    ja: 'スタッフがアドレスを訂正',
    en: 'Address corrected by staff',
  },
  'invitees.action.invitation.revoke': {
    ja: 'スタッフが招待を取り消し',
    en: 'Revoked by staff',
  },

  // Resend
  'invitees.resend.title': { ja: '招待メールを再送信する', en: 'Send the invitation again' },
  'invitees.resend.help': {
    ja: '同じアドレスに招待メールをもう一度送ります（あと{remaining}回まで）。新しいメールのリンクだけが使え、以前のメールのリンクは使えなくなります。',
    en: 'Sends the invitation to the same address again ({remaining} more times at most). Only the new email’s link works; the links in earlier emails stop working.',
  },
  'invitees.resend.submit': { ja: '再送信する', en: 'Send again' },
  'invitees.resend.done': {
    ja: '招待メールを再送信しました。数分以内に届きます。以前のメールのリンクは使えなくなります。',
    en: 'The invitation is on its way and should arrive within minutes. Links in earlier emails no longer work.',
  },

  // Correct the address
  'invitees.correct.title': { ja: 'メールアドレスを訂正する', en: 'Correct the email address' },
  'invitees.correct.help': {
    ja: '訂正すると、これまでに送ったメールのリンクはすべて使えなくなり、新しいアドレスに招待メールを送ります。',
    en: 'All links sent so far stop working, and a new invitation goes to the new address.',
  },
  'invitees.correct.email': { ja: '新しいメールアドレス', en: 'New email address' },
  'invitees.correct.reason': { ja: '訂正の理由', en: 'Reason for the correction' },
  'invitees.correct.reasonHelp': {
    ja: '監査ログに記録されます（200文字まで）。例：ご本人から電話で訂正の依頼',
    en: 'Recorded in the audit log (up to 200 characters). E.g. the runner phoned to correct it.',
  },
  'invitees.correct.submit': { ja: '訂正して招待を送る', en: 'Correct and send the invitation' },
  'invitees.correct.done': {
    ja: 'アドレスを訂正し、新しいアドレスに招待メールを送りました。以前のリンクは使えません。',
    en: 'The address is corrected and a new invitation is on its way. The old links no longer work.',
  },
  'invitees.correct.email.required': {
    ja: '新しいメールアドレスを入力してください。',
    en: 'Please enter the new email address.',
  },
  'invitees.correct.email.invalid': {
    ja: 'メールアドレスの形式が正しくありません（例：runner@example.jp）。',
    en: 'This is not a valid email address (e.g. runner@example.com).',
  },
  'invitees.correct.reason.required': {
    ja: '訂正の理由を入力してください。',
    en: 'Please give a reason for the correction.',
  },
  'invitees.correct.reason.tooLong': {
    ja: '理由は200文字以内で入力してください。',
    en: 'Please keep the reason to 200 characters.',
  },

  // Revoke
  'invitees.revoke.title': { ja: '招待を取り消す', en: 'Revoke the invitation' },
  'invitees.revoke.help': {
    ja: '取り消すと、送ったメールのリンクは使えなくなり、これ以上メールは送られません。元に戻せません。',
    en: 'The links already sent stop working and no more email is sent. This cannot be undone.',
  },
  'invitees.revoke.submit': { ja: '招待を取り消す', en: 'Revoke' },
  'invitees.revoke.confirm': {
    ja: 'この方への招待を取り消します（元に戻せません）',
    en: 'I want to revoke this invitation (this cannot be undone)',
  },
  'invitees.revoke.confirmRequired': {
    ja: '取り消す場合は、確認のチェックを入れてください。',
    en: 'Please tick the box to confirm the revocation.',
  },
  'invitees.revoke.done': {
    ja: '招待を取り消しました。',
    en: 'The invitation is revoked.',
  },

  // Refusals
  'invitees.refused.not_found': {
    ja: 'この招待は見つかりません。',
    en: 'This invitation was not found.',
  },
  'invitees.refused.joined': {
    ja: 'この方はすでに参加しています。',
    en: 'This person has already joined.',
  },
  'invitees.refused.declined': {
    ja: 'この方は招待を辞退しています。ご本人の意思を尊重するため、再送信やアドレスの訂正はできません。',
    en: 'This person declined the invitation. To respect that, it cannot be sent again or redirected.',
  },
  'invitees.refused.revoked': {
    ja: 'この招待は取り消されています。',
    en: 'This invitation has been revoked.',
  },
  'invitees.refused.suppressed': {
    ja: 'このアドレスには送れません（「今後招待しない」の希望、または配信不能のため）。',
    en: 'This address cannot be written to: its owner asked not to be invited again, or mail to it could not be delivered.',
  },
  'invitees.refused.resend_limit': {
    ja: '再送信の上限（{max}回）に達しています。アドレスが正しいかご本人に確認し、必要なら訂正してください。',
    en: 'The invitation has been sent again the maximum number of times ({max}). Please check the address with the runner and correct it if needed.',
  },
  'invitees.refused.same_address': {
    ja: '今と同じアドレスです。訂正する場合は別のアドレスを入力してください。',
    en: 'That is the current address. Enter a different one to correct it.',
  },
  'invitees.refused.address_taken': {
    ja: 'このアドレスは、この大会の別の方の招待に使われています。',
    en: 'This address is already used by another invitation for this event.',
  },
  'invitees.refused.already_member': {
    ja: 'このアドレスの方は、すでにこの大会の参加者です。',
    en: 'The person with this address is already a member of this event.',
  },
  'invitees.refused.badIntent': {
    ja: 'この操作はできません。ページを再読み込みしてください。',
    en: 'That action is not available. Please reload the page.',
  },
} satisfies MessageTable;

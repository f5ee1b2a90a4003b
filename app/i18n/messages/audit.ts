import type { MessageTable } from '../types';

/**
 * The audit log as sentences (app/modules/audit/audit-sentences.server.ts). Every action the
 * code writes has one sentence here; {actor} is already a whole phrase ("y***@e***.com（管理者）",
 * 「さくらスポーツのご担当者」, 「ランナー #4821」). Sentences end without 「ました」 in Japanese, as
 * in a ledger. "One" variants exist only where English needs a singular.
 */
export const audit = {
  // Who acted
  'audit.person.staff': { ja: '{email}（{role}）', en: '{email} ({role})' },
  'audit.person.sponsor': { ja: '{sponsor}のご担当者', en: 'a contact at {sponsor}' },
  'audit.person.system': { ja: 'システム', en: 'Startline' },
  'audit.person.unknown': {
    ja: '現在この大会に関わっていない方',
    en: 'someone no longer with this event',
  },
  'audit.deleted': { ja: '（削除済み）', en: '(deleted)' },

  'audit.sentence.fallback': {
    ja: '{actor}による操作（この種類の記録はまだ文章で表示できません）',
    en: '{actor} did something this page cannot describe yet',
  },

  // Sign-in and the event
  'audit.sentence.auth.sign_in': { ja: '{actor}がサインイン', en: '{actor} signed in' },
  'audit.sentence.event.create': {
    ja: '{actor}が大会「{event}」を作成',
    en: '{actor} created the event “{event}”',
  },
  'audit.sentence.event.update': {
    ja: '{actor}が大会の設定を変更：{changes}',
    en: '{actor} changed the event settings: {changes}',
  },
  'audit.sentence.event.updateUnspecified': {
    ja: '{actor}が大会の設定を変更',
    en: '{actor} changed the event settings',
  },
  // The settings an event.update names, joined by audit.list.separator.
  'audit.field.event.nameJa': { ja: '大会名（日本語）', en: 'event name (Japanese)' },
  'audit.field.event.nameEn': { ja: '大会名（英語）', en: 'event name (English)' },
  'audit.field.event.eventDate': { ja: '開催日', en: 'race date' },
  'audit.field.event.organizerNameJa': {
    ja: '主催者名（日本語・メールの差出人名）',
    en: 'organizer name (Japanese; the emails’ sender name)',
  },
  'audit.field.event.organizerNameEn': {
    ja: '主催者名（英語・メールの差出人名）',
    en: 'organizer name (English; the emails’ sender name)',
  },
  'audit.field.event.contactEmail': { ja: '連絡先メールアドレス', en: 'contact address' },
  'audit.field.event.descriptionJa': { ja: '大会の説明（日本語）', en: 'description (Japanese)' },
  'audit.field.event.descriptionEn': { ja: '大会の説明（英語）', en: 'description (English)' },
  'audit.field.changedTo': { ja: '{field}（変更後：{value}）', en: '{field} (now {value})' },
  'audit.list.separator': { ja: '、', en: ', ' },

  // Staff
  'audit.sentence.staff.invite': {
    ja: '{actor}が{invitee}を{role}としてスタッフに招待',
    en: '{actor} invited {invitee} to the staff as {role}',
  },
  'audit.sentence.staff.invitation_revoke': {
    ja: '{actor}が{invitee}へのスタッフ招待（{role}）を取り消し',
    en: '{actor} withdrew the staff invitation for {invitee} ({role})',
  },
  'audit.sentence.staff.accept': {
    ja: '{actor}がスタッフ招待を受けて{role}として参加',
    en: '{actor} accepted the staff invitation and joined as {role}',
  },
  'audit.sentence.staff.role_change': {
    ja: '{actor}が{target}の権限を{from}から{to}に変更',
    en: '{actor} changed the role of {target} from {from} to {to}',
  },
  'audit.sentence.staff.remove': {
    ja: '{actor}が{target}をスタッフ（{role}）から外す',
    en: '{actor} removed {target} from the staff ({role})',
  },

  // Entrants and invitations
  'audit.sentence.entrants.import': {
    ja: '{actor}が出走者名簿を取り込み（新規招待 {created}件・招待済み {alreadyInvited}件・参加者 {alreadyMember}件・配信停止中 {suppressed}件・不備 {rejected}件）',
    en: '{actor} imported the entrant list (new invitations: {created}, already invited: {alreadyInvited}, already members: {alreadyMember}, unsubscribed: {suppressed}, rejected: {rejected})',
  },
  'audit.sentence.invitation.resend': {
    ja: '{actor}がゼッケン {bib} の方へ招待を再送信（{count}回目の再送）',
    en: '{actor} sent the invitation for bib {bib} again (resend no. {count})',
  },
  'audit.sentence.invitation.correct_address': {
    ja: '{actor}がゼッケン {bib} の方の招待先アドレスを {address} に訂正（理由：{reason}）',
    en: '{actor} corrected the address of the invitation for bib {bib} to {address} (reason: {reason})',
  },
  'audit.sentence.invitation.revoke': {
    ja: '{actor}がゼッケン {bib} の方への招待を取り消し',
    en: '{actor} revoked the invitation for bib {bib}',
  },
  'audit.sentence.invitations.export': {
    ja: '{actor}が招待の状況一覧をダウンロード',
    en: '{actor} downloaded the invitation status list',
  },
  'audit.sentence.invitations.exportFiltered': {
    ja: '{actor}が招待の状況一覧を絞り込んでダウンロード',
    en: '{actor} downloaded a filtered invitation status list',
  },

  // Members
  'audit.sentence.member.reveal_email': {
    ja: '{actor}が{target}のメールアドレスを表示（理由：{reason}）',
    en: '{actor} revealed the email address of {target} (reason: {reason})',
  },
  'audit.sentence.member.export': {
    ja: '{subject}が自分のデータを書き出し',
    en: '{subject} exported their data',
  },
  'audit.sentence.member.leave': {
    ja: '{subject}がコミュニティを退会',
    en: '{subject} left the community',
  },
  'audit.sentence.member.delete': {
    ja: '{subject}がアカウントを削除',
    en: '{subject} deleted their account',
  },

  // Relay (questions and answers)
  'audit.sentence.relay.answer': {
    ja: '{actor}が{target}に返信',
    en: '{actor} answered {target}',
  },
  'audit.sentence.relay.release.fromMember': {
    ja: '{actor}が{target}からの保留中のメッセージを受け入れ',
    en: '{actor} accepted a held message from {target}',
  },
  'audit.sentence.relay.release.toMember': {
    ja: '{actor}が{target}宛ての保留中のメッセージを受け入れ',
    en: '{actor} accepted a held message to {target}',
  },
  'audit.sentence.relay.discard.fromMember': {
    ja: '{actor}が{target}からの保留中のメッセージを破棄',
    en: '{actor} discarded a held message from {target}',
  },
  'audit.sentence.relay.discard.toMember': {
    ja: '{actor}が{target}宛ての保留中のメッセージを破棄',
    en: '{actor} discarded a held message to {target}',
  },

  // Announcements and channels
  'audit.sentence.announcement.create': {
    ja: '{actor}がお知らせ「{title}」を作成',
    en: '{actor} created the announcement “{title}”',
  },
  'audit.sentence.announcement.edit': {
    ja: '{actor}がお知らせ「{title}」を編集（第{revision}版）',
    en: '{actor} edited the announcement “{title}” (version {revision})',
  },
  'audit.sentence.announcement.approve': {
    ja: '{actor}がお知らせ「{title}」の第{revision}版を承認',
    en: '{actor} approved version {revision} of the announcement “{title}”',
  },
  'audit.sentence.announcement.approve_broadcast': {
    ja: '{actor}がお知らせ「{title}」の{count}人への一斉送信を承認',
    en: '{actor} approved sending “{title}” to {count} members',
  },
  'audit.sentence.announcement.approve_broadcastOne': {
    ja: '{actor}がお知らせ「{title}」の{count}人への一斉送信を承認',
    en: '{actor} approved sending “{title}” to {count} member',
  },
  'audit.sentence.announcement.send': {
    ja: '{actor}が「{channel}」に{count}人へのお知らせ「{title}」を送信',
    en: '{actor} sent “{title}” to {count} members on “{channel}”',
  },
  'audit.sentence.announcement.sendOne': {
    ja: '{actor}が「{channel}」に{count}人へのお知らせ「{title}」を送信',
    en: '{actor} sent “{title}” to {count} member on “{channel}”',
  },
  'audit.sentence.announcement.send.filtered': {
    ja: '（条件で絞り込んだ参加者）',
    en: ' (a filtered audience)',
  },
  'audit.sentence.announcement.send.approvedBy': {
    ja: '（承認：{approver}）',
    en: ' (approved by {approver})',
  },
  'audit.sentence.announcement.test_send': {
    ja: '{actor}がお知らせ「{title}」をテスト送信',
    en: '{actor} sent a test of the announcement “{title}”',
  },
  'audit.sentence.announcement.schedule_cancel': {
    ja: '{actor}がお知らせ「{title}」の予約送信（{when}）を取り消し',
    en: '{actor} cancelled the scheduled sending of “{title}” ({when})',
  },
  'audit.sentence.announcement.schedule_cancel.unscheduled': {
    ja: '{actor}がお知らせ「{title}」の予約送信を取り消し',
    en: '{actor} cancelled the scheduled sending of “{title}”',
  },
  'audit.sentence.channel.create': {
    ja: '{actor}がチャンネル「{channel}」を作成',
    en: '{actor} created the channel “{channel}”',
  },

  // Sponsors
  'audit.sentence.sponsor.create': {
    ja: '{actor}がスポンサー「{sponsor}」を登録',
    en: '{actor} added the sponsor “{sponsor}”',
  },
  'audit.sentence.sponsor.invite': {
    ja: '{actor}が{sponsor}のご担当者（{invitee}）を招待',
    en: '{actor} invited a contact at {sponsor} ({invitee})',
  },
  'audit.sentence.sponsor.accept': {
    ja: '{actor}が招待を受けてスポンサー画面の利用を開始',
    en: '{actor} accepted the invitation to the sponsor pages',
  },
  'audit.sentence.sponsor.offer.submit': {
    ja: '{actor}が特典「{offer}」を審査に提出',
    en: '{actor} submitted the offer “{offer}” for review',
  },
  'audit.sentence.sponsor.offer.withdraw': {
    ja: '{actor}が特典「{offer}」を取り下げ',
    en: '{actor} withdrew the offer “{offer}”',
  },
  'audit.sentence.sponsor.offer.edit_withdrawn': {
    ja: '{actor}が特典「{offer}」を編集し、掲載を取り下げ',
    en: '{actor} edited the offer “{offer}”, which took it off the event’s pages',
  },
  'audit.sentence.sponsor.offer.approve': {
    ja: '{actor}が{sponsor}の特典「{offer}」（第{version}版）を承認',
    en: '{actor} approved the {sponsor} offer “{offer}” (version {version})',
  },
  'audit.sentence.sponsor.offer.reject': {
    ja: '{actor}が{sponsor}の特典「{offer}」（第{version}版）を差し戻し',
    en: '{actor} sent the {sponsor} offer “{offer}” back (version {version})',
  },
  'audit.sentence.sponsor.notice.approve': {
    ja: '{actor}が{sponsor}のお知らせ案「{notice}」（第{version}版）を承認',
    en: '{actor} approved the {sponsor} notice “{notice}” (version {version})',
  },
  'audit.sentence.sponsor.notice.reject': {
    ja: '{actor}が{sponsor}のお知らせ案「{notice}」（第{version}版）を差し戻し',
    en: '{actor} sent the {sponsor} notice “{notice}” back (version {version})',
  },
  'audit.sentence.sponsor.notice.edit_withdrawn': {
    ja: '{actor}がお知らせ案「{notice}」を編集し、掲載を取り下げ',
    en: '{actor} edited the notice “{notice}”, which took it off the event’s pages',
  },
  'audit.sentence.sponsor.notice.drafted': {
    ja: '{actor}が{sponsor}のお知らせ案「{notice}」（第{version}版）から「{channel}」向けのお知らせ「{title}」の下書きを作成',
    en: '{actor} drafted the announcement “{title}” on “{channel}” from the {sponsor} notice “{notice}” (version {version})',
  },
  'audit.sentence.sponsor.codes.upload': {
    ja: '{actor}が特典「{offer}」のクーポンコードを{count}件登録',
    en: '{actor} uploaded {count} coupon codes for the offer “{offer}”',
  },
  'audit.sentence.sponsor.codes.uploadOne': {
    ja: '{actor}が特典「{offer}」のクーポンコードを{count}件登録',
    en: '{actor} uploaded {count} coupon code for the offer “{offer}”',
  },
  'audit.sentence.sponsor.codes.generate': {
    ja: '{actor}が特典「{offer}」のクーポンコードを{count}件発行',
    en: '{actor} generated {count} coupon codes for the offer “{offer}”',
  },
  'audit.sentence.sponsor.codes.generateOne': {
    ja: '{actor}が特典「{offer}」のクーポンコードを{count}件発行',
    en: '{actor} generated {count} coupon code for the offer “{offer}”',
  },

  // Video
  'audit.sentence.video.upload': {
    ja: '{actor}が動画「{video}」をアップロード',
    en: '{actor} uploaded the video “{video}”',
  },
  // A deleted video's row is gone with it, so its title usually is too.
  'audit.sentence.video.deleteUntitled': {
    ja: '{actor}が動画を1本削除',
    en: '{actor} deleted a video',
  },
  'audit.sentence.video.delete': {
    ja: '{actor}が動画「{video}」を削除',
    en: '{actor} deleted the video “{video}”',
  },
  'audit.sentence.video.edit': {
    ja: '{actor}が動画「{video}」のタイトル・説明を編集',
    en: '{actor} edited the title or description of the video “{video}”',
  },
  'audit.sentence.video.unpublish': {
    ja: '{actor}が動画「{video}」を非公開に変更',
    en: '{actor} unpublished the video “{video}”',
  },
  'audit.sentence.video.publish': {
    ja: '{actor}が動画「{video}」を再公開',
    en: '{actor} published the video “{video}” again',
  },
  'audit.sentence.video.replace': {
    ja: '{actor}が動画「{video}」のファイルを差し替え',
    en: '{actor} replaced the file of the video “{video}”',
  },
} satisfies MessageTable;

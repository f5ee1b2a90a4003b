import type { MessageTable } from '../types';

// The send-progress panel (announcements, invitation waves, reminder waves) on staff pages.
export const sending = {
  'sending.heading': { ja: 'メールの送信状況', en: 'Email sending' },
  'sending.autoUpdate': {
    ja: 'このページを開いている間、送信状況は自動で更新されます。',
    en: 'These figures update by themselves while this page is open.',
  },
  'sending.none': {
    ja: '送信中・予約中のメールはありません。',
    en: 'No email is being sent or waiting to be sent.',
  },
  'sending.waiting': {
    ja: '招待メールの送信を準備しています。まもなく送信状況が表示されます。',
    en: 'Getting the invitation emails ready. Their progress will appear here shortly.',
  },
  'sending.notStarted': {
    ja: '招待メールの送信はまだ始まっていません。しばらくしてから、このページを開き直してください。',
    en: 'The invitation emails have not started yet. Please open this page again in a little while.',
  },

  // What a stream sends
  'sending.kind.announcement': { ja: 'お知らせ', en: 'Announcement' },
  'sending.kind.invitation_wave': { ja: '招待メールの送信', en: 'Invitation emails' },
  'sending.kind.reminder_wave': { ja: '招待のリマインダー', en: 'Invitation reminders' },
  'sending.importedAt': { ja: '名簿の取り込み', en: 'List imported' },
  'sending.queuedAt': { ja: '送信の受付', en: 'Queued' },

  // Status
  'sending.status.scheduled': { ja: '予約済み', en: 'Scheduled' },
  'sending.status.sending': { ja: '送信中', en: 'Sending' },
  'sending.status.done': { ja: '送信完了', en: 'Finished' },
  'sending.status.cancelled': { ja: '取り消し済み', en: 'Cancelled' },
  'sending.urgent': { ja: '緊急', en: 'Urgent' },

  // Figures
  'sending.progressLabel': { ja: '{label}の進み具合', en: 'Progress: {label}' },
  'sending.summary': {
    ja: '{total}通のうち{done}通の処理が済みました（送信済み {sent}通、送信待ち {pending}通）。',
    en: '{done} of {total} emails handled ({sent} sent, {pending} waiting).',
  },
  'sending.sent': { ja: '送信済み', en: 'Sent' },
  'sending.pending': { ja: '送信待ち', en: 'Waiting' },
  'sending.failed': { ja: '送信失敗', en: 'Failed' },
  'sending.skipped': { ja: 'メール対象外', en: 'Not emailed' },
  'sending.cancelled': { ja: '取り消し', en: 'Cancelled' },
  'sending.skippedHint': {
    ja: '「メール対象外」は、送信の時点で退会・配信停止・参加済みなどのため送らなかった件数です。',
    en: '“Not emailed” counts people who had left, turned email off or already joined when their turn came.',
  },

  // Times (all shown in Japan time)
  'sending.scheduledFor': { ja: '送信開始の予定（日本時間）', en: 'Starts at (Japan time)' },
  'sending.startedAt': { ja: '送信開始（日本時間）', en: 'Started (Japan time)' },
  'sending.finishedAt': { ja: '送信完了（日本時間）', en: 'Finished (Japan time)' },
  'sending.eta': { ja: '完了の見込み（日本時間）', en: 'Expected to finish (Japan time)' },
  'sending.etaHint': {
    ja: 'ほかのメールと順番に送るため、見込みはおおよその目安です。',
    en: 'An estimate only: other email takes turns with this send.',
  },

  // Failures
  'sending.failuresHeading': { ja: '主な失敗の理由', en: 'Most common reasons for failure' },
  'sending.failureCount': { ja: '{count}通', en: '{count} emails' },
  'sending.failureCountOne': { ja: '{count}通', en: '{count} email' },
  'sending.unknownReason': { ja: '（理由の記録がありません）', en: '(no reason recorded)' },
  'sending.interactivePending': {
    ja: '確認コードなどの個別のメールで送信待ちのもの：{count}通（一斉送信より先に送られます）',
    en: 'One-to-one emails (sign-in codes and the like) waiting: {count} (these go before bulk sends)',
  },
} satisfies MessageTable;

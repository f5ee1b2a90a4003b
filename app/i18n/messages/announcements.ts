import type { MessageTable } from '../types';

export const announcements = {
  // Staff: list
  'announcements.title': { ja: 'お知らせ', en: 'Announcements' },
  'announcements.list.intro': {
    ja: '参加者へのお知らせを作成・確認・送信します。編集者が書いた下書きは、管理者の承認後に送信できます。',
    en: 'Write, review and send announcements to members. Drafts written by editors can be sent after an owner approves them.',
  },
  'announcements.list.new': { ja: '新しいお知らせを書く', en: 'Write an announcement' },
  'announcements.list.empty': { ja: 'お知らせはまだありません。', en: 'No announcements yet.' },
  'announcements.list.channels': { ja: 'チャンネルの管理', en: 'Manage channels' },
  'announcements.list.newest': { ja: '« 最新', en: '« Newest' },
  'announcements.list.newer': { ja: '← 新しいお知らせ', en: '← Newer' },
  'announcements.list.older': { ja: '古いお知らせ →', en: 'Older →' },
  'announcements.list.oldest': { ja: '最も古い »', en: 'Oldest »' },
  'announcements.list.badCursor': {
    ja: 'ページの指定が正しくありません。お知らせ一覧を最初から開き直してください。',
    en: 'This page address is not valid. Open the announcement list again from the start.',
  },
  'announcements.col.title': { ja: 'タイトル', en: 'Title' },
  'announcements.col.channel': { ja: 'チャンネル', en: 'Channel' },
  'announcements.col.status': { ja: '状態', en: 'Status' },
  'announcements.col.updated': { ja: '更新日時', en: 'Updated' },
  'announcements.status.draft': { ja: '下書き', en: 'Draft' },
  'announcements.status.awaitingApproval': { ja: '承認待ち', en: 'Awaiting approval' },
  'announcements.status.sending': { ja: '送信中', en: 'Sending' },
  'announcements.status.scheduled': { ja: '予約済み', en: 'Scheduled' },
  'announcements.status.sent': { ja: '送信済み', en: 'Sent' },
  'announcements.untitled': { ja: '（タイトルなし）', en: '(untitled)' },

  // Staff: draft form
  'announcements.new.title': { ja: 'お知らせを書く', en: 'Write an announcement' },
  'announcements.edit.title': { ja: '下書きを編集', en: 'Edit draft' },
  'announcements.form.channel': { ja: '送信するチャンネル', en: 'Channel' },
  'announcements.form.ja': { ja: '日本語', en: 'Japanese' },
  'announcements.form.en': { ja: '英語（任意）', en: 'English (optional)' },
  'announcements.form.enName': { ja: '英語', en: 'English' },
  'announcements.form.languagesHint': {
    ja: '少なくとも一つの言語でタイトルと本文を入力してください。参加者には、その人の表示言語の版が届きます（ない場合はもう一方の言語の版）。',
    en: 'Write the title and body in at least one language. Each member receives the version in their language, or the other one if it is missing.',
  },
  'announcements.form.titleField': { ja: 'タイトル', en: 'Title' },
  'announcements.form.bodyField': { ja: '本文（Markdown）', en: 'Body (Markdown)' },
  'announcements.form.bodyHint': {
    ja: '**太字**、箇条書き（- ）、リンク [表示名](https://…) が使えます。HTML は使えません（そのまま文字として表示されます）。',
    en: 'You can use **bold**, lists (- ) and links [text](https://…). HTML is not allowed (it is shown as plain text).',
  },
  'announcements.form.audience': { ja: '送信先', en: 'Audience' },
  'announcements.form.audienceEveryone': {
    ja: 'このチャンネルの参加者全員',
    en: 'Everyone on this channel',
  },
  'announcements.form.audienceFilter': {
    ja: '条件で絞り込む（ゼッケン番号の範囲・カテゴリー）',
    en: 'Filter (bib range, category)',
  },
  'announcements.form.audienceHint': {
    ja: '送信先は必ず選んでください。絞り込みの条件が空のまま「全員」に送られることはありません。',
    en: 'Always choose the audience explicitly. An empty filter is never treated as everyone.',
  },
  'announcements.form.bibFrom': { ja: 'ゼッケン番号（から）', en: 'Bib from' },
  'announcements.form.bibTo': { ja: 'ゼッケン番号（まで）', en: 'Bib to' },
  'announcements.form.category': {
    ja: 'カテゴリー（選んだもののいずれかに当たる人）',
    en: 'Categories (members in any of those ticked)',
  },
  'announcements.form.categoriesNone': {
    ja: 'この大会にはまだカテゴリーがありません。参加者名簿を取り込むと、名簿のカテゴリーがここから選べるようになります。',
    en: 'This event has no categories yet. Once you import the entrant list, its categories can be chosen here.',
  },
  'announcements.form.importLink': { ja: '参加者名簿を取り込む', en: 'Import the entrant list' },
  'announcements.form.categoryNotListed': {
    ja: '（この大会のカテゴリーにありません）',
    en: '(not one of this event’s categories)',
  },
  'announcements.form.categoryUnknown': {
    ja: 'この大会のカテゴリーにないものが選ばれています。ページを開き直して、もう一度選んでください。',
    en: 'A chosen category is not one of this event’s categories. Reload the page and choose again.',
  },
  'announcements.form.tooManyCategories': {
    ja: 'カテゴリーは50個まで選べます。',
    en: 'Choose at most 50 categories.',
  },
  'announcements.form.liveCount': { ja: '対象：{count}人', en: 'Audience: {count} members' },
  'announcements.form.liveCountOne': { ja: '対象：{count}人', en: 'Audience: {count} member' },
  'announcements.form.liveCountPending': { ja: '対象：数えています…', en: 'Audience: counting…' },
  'announcements.form.liveCountNote': {
    ja: 'この人数は目安です。実際に送る相手は、プレビューを開いた時点の参加者で確定します。',
    en: 'This number is a guide. The actual recipients are fixed when you open the preview.',
  },
  'announcements.form.liveCountFailed': {
    ja: '対象の人数を数えられませんでした。',
    en: 'The audience could not be counted.',
  },
  'announcements.form.save': { ja: '下書きを保存', en: 'Save draft' },
  'announcements.form.cancel': { ja: 'キャンセル', en: 'Cancel' },
  'announcements.form.channelRequired': {
    ja: 'チャンネルを選んでください。',
    en: 'Choose a channel.',
  },
  'announcements.form.channelUnknown': {
    ja: 'このチャンネルは見つかりませんでした。',
    en: 'That channel was not found.',
  },
  'announcements.form.audienceRequired': {
    ja: '送信先を選んでください。',
    en: 'Choose the audience.',
  },
  'announcements.form.filterEmpty': {
    ja: '絞り込みの条件を一つ以上入力してください。全員に送る場合は「このチャンネルの参加者全員」を選んでください。',
    en: 'Enter at least one filter condition. To send to everyone, choose “Everyone on this channel”.',
  },
  'announcements.form.bibInvalid': {
    ja: 'ゼッケン番号は数字で入力してください。',
    en: 'Bib numbers are digits only.',
  },
  'announcements.form.bibOrder': {
    ja: '「まで」は「から」以上の番号にしてください。',
    en: '“To” must not be lower than “from”.',
  },
  'announcements.form.contentRequired': {
    ja: 'タイトルと本文を入力してください。',
    en: 'Enter a title and a body.',
  },
  'announcements.form.titleRequired': { ja: 'タイトルを入力してください。', en: 'Enter a title.' },
  'announcements.form.bodyRequired': { ja: '本文を入力してください。', en: 'Enter the body.' },
  'announcements.form.notEditable': {
    ja: '送信済みのお知らせは編集できません。',
    en: 'A sent announcement cannot be edited.',
  },

  // Staff: overview
  'announcements.overview.content': { ja: '内容', en: 'Content' },
  'announcements.overview.audience': { ja: '送信先', en: 'Audience' },
  'announcements.overview.everyone': {
    ja: '「{channel}」の参加者全員',
    en: 'Everyone on “{channel}”',
  },
  'announcements.overview.filter': { ja: '絞り込み：{criteria}', en: 'Filtered: {criteria}' },
  'announcements.overview.bibRange': { ja: 'ゼッケン {from}〜{to}', en: 'bib {from}–{to}' },
  'announcements.overview.category': {
    ja: 'カテゴリー{categories}',
    en: 'category {categories}',
  },
  'announcements.overview.categoryName': { ja: '「{name}」', en: '“{name}”' },
  'announcements.overview.revision': { ja: '第{revision}版', en: 'Revision {revision}' },
  'announcements.overview.needsApproval': {
    ja: '編集者が書いた版です。送信する前に管理者の承認が必要です。',
    en: 'An editor wrote this revision. An owner must approve it before it can be sent.',
  },
  'announcements.overview.approved': {
    ja: 'この版は管理者が承認済みです。',
    en: 'An owner has approved this revision.',
  },
  'announcements.overview.approve': { ja: 'この版を承認する', en: 'Approve this revision' },
  'announcements.overview.approvedOk': { ja: '承認しました。', en: 'Approved.' },
  'announcements.overview.approveFailed': {
    ja: '承認できませんでした。下書きが更新されていないか確認してください。',
    en: 'Could not approve. The draft may have changed; please review it again.',
  },
  'announcements.overview.edit': { ja: '編集する', en: 'Edit' },
  'announcements.overview.preview': {
    ja: '送信先を確定してプレビュー',
    en: 'Freeze the audience and preview',
  },
  'announcements.overview.previewHint': {
    ja: 'プレビューを開くと、その時点の送信先が確定します（15分間有効）。送信されるのは、プレビューで確認した人数の送信先だけです。',
    en: 'Opening the preview freezes the audience as it is now (valid for 15 minutes). Only that audience, with the count you saw, can be sent.',
  },
  'announcements.overview.testSend': { ja: '自分にテスト送信', en: 'Send a test to myself' },
  'announcements.overview.testSent': {
    ja: 'あなたのメールアドレスにテスト送信しました。',
    en: 'A test was sent to your own address.',
  },
  'announcements.overview.testRateLimited': {
    ja: 'テスト送信の回数が上限に達しました。しばらくしてからお試しください。',
    en: 'Too many test sends. Please try again later.',
  },
  'announcements.overview.viewerNote': {
    ja: '閲覧者の権限では、内容の確認のみができます。',
    en: 'As a viewer you can read but not change or send.',
  },

  // Staff: preview
  'announcements.preview.title': { ja: '送信前の確認', en: 'Review before sending' },
  'announcements.preview.count': { ja: '送信先：{count}人', en: 'Audience: {count} members' },
  'announcements.preview.countOne': { ja: '送信先：{count}人', en: 'Audience: {count} member' },
  'announcements.preview.emailCount': {
    ja: 'うちメールで受け取る人：{count}人（残りの人には参加者ページにだけ表示されます）',
    en: 'Of these, {count} receive it by email (the others see it on their member page only).',
  },
  'announcements.preview.sample': { ja: '送信先の例', en: 'Sample of the audience' },
  'announcements.preview.sampleNote': {
    ja: '参加者は番号で表示しています。メールアドレスは表示されません。',
    en: 'Members are shown by alias; email addresses are never shown.',
  },
  'announcements.preview.expires': {
    ja: '確定した送信先の有効期限：{time}',
    en: 'This frozen audience expires at {time}',
  },
  'announcements.preview.expired': {
    ja: 'この送信先の確定は期限切れです。お知らせのページからプレビューを開き直してください。',
    en: 'This frozen audience has expired. Open the preview again from the announcement page.',
  },
  'announcements.preview.emailJa': { ja: 'メール（日本語）', en: 'Email (Japanese)' },
  'announcements.preview.emailEn': { ja: 'メール（英語）', en: 'Email (English)' },
  'announcements.preview.send': { ja: '{count}人に送信する', en: 'Send to {count} members' },
  'announcements.preview.sendOne': { ja: '{count}人に送信する', en: 'Send to {count} member' },
  'announcements.preview.needsSecond': {
    ja: '送信先が{threshold}人を超えるため、送信する前に別の管理者の承認が必要です。',
    en: 'This audience is larger than {threshold}, so another owner must approve it before it can be sent.',
  },
  'announcements.preview.secondApproved': {
    ja: '別の管理者がこの送信先を承認しました。',
    en: 'Another owner has approved this audience.',
  },
  'announcements.preview.approveBroadcast': {
    ja: 'この送信先での送信を承認する',
    en: 'Approve sending to this audience',
  },
  'announcements.preview.back': { ja: 'お知らせに戻る', en: 'Back to the announcement' },

  // Send refusals (409 and friends)
  'announcements.send.snapshot_missing': {
    ja: '送信先が確定していないため、送信しませんでした。プレビューを開いて送信先を確認してから送信してください。',
    en: 'Nothing was sent: no frozen audience was given. Open the preview, check the audience, then send.',
  },
  'announcements.send.snapshot_expired': {
    ja: '確定した送信先の有効期限が切れたため、送信しませんでした。プレビューを開き直してください。',
    en: 'Nothing was sent: the frozen audience has expired. Open the preview again.',
  },
  'announcements.send.already_sent': {
    ja: 'このお知らせはすでに送信されています。二重に送信されることはありません。',
    en: 'This announcement has already been sent. Nothing was sent twice.',
  },
  'announcements.send.count_mismatch': {
    ja: '画面に表示された人数と確定した送信先の人数が一致しないため、送信しませんでした。プレビューを開き直してください。',
    en: 'Nothing was sent: the count on your screen does not match the frozen audience. Open the preview again.',
  },
  'announcements.send.channel_mismatch': {
    ja: 'チャンネルがプレビューのときと異なるため、送信しませんでした。プレビューを開き直してください。',
    en: 'Nothing was sent: the channel differs from the one in the preview. Open the preview again.',
  },
  'announcements.send.draft_changed': {
    ja: 'プレビューの後で下書きが変更されたため、送信しませんでした。もう一度プレビューで確認してください。',
    en: 'Nothing was sent: the draft changed after the preview. Review it in the preview again.',
  },
  'announcements.send.audience_changed': {
    ja: 'プレビューの後で送信先の参加者が変わったため、送信しませんでした。プレビューを開き直してください。',
    en: 'Nothing was sent: the audience changed after the preview. Open the preview again.',
  },
  'announcements.send.schedule_in_past': {
    ja: '予約日時が過去のため、予約しませんでした。これから先の日時を指定してください。',
    en: 'Nothing was scheduled: the time is in the past. Choose a time in the future.',
  },
  'announcements.preview.emptyAudience': {
    ja: '送信先が0人のため送信できません。配信条件を見直してください。',
    en: 'There is no one to send to. Change the audience to send this announcement.',
  },
  'announcements.send.empty_audience': {
    ja: '送信先が0人のため、送信しませんでした。',
    en: 'Nothing was sent: the audience is empty.',
  },
  'announcements.send.not_owner': {
    ja: '送信できるのは管理者だけです。',
    en: 'Only owners can send announcements.',
  },
  'announcements.send.not_draft': {
    ja: 'このお知らせはすでに送信されています。',
    en: 'This announcement has already been sent.',
  },
  'announcements.send.content_not_approved': {
    ja: 'この版はまだ管理者に承認されていないため、送信できません。',
    en: 'This revision has not been approved by an owner yet, so it cannot be sent.',
  },
  'announcements.send.second_approval_missing': {
    ja: '送信先の人数が多いため、別の管理者の承認が必要です。',
    en: 'This audience is large, so another owner must approve it first.',
  },
  'announcements.send.approver_is_sender': {
    ja: '送信先を承認した管理者とは別の管理者が送信してください。',
    en: 'The owner who approved the audience cannot also send it; another owner must send.',
  },

  // Staff: scheduling (予約配信) and urgent sends
  'announcements.schedule.legend': { ja: '送信のタイミング', en: 'When to send' },
  'announcements.schedule.now': { ja: '今すぐ送信する', en: 'Send now' },
  'announcements.schedule.later': {
    ja: '日時を指定して予約する（予約配信）',
    en: 'Schedule for a later time',
  },
  'announcements.schedule.at': { ja: '予約日時（日本時間）', en: 'Send at (Japan time)' },
  'announcements.schedule.atHint': {
    ja: '日本時間 / Japan time で入力してください。この日時から送信を始めます。送信が始まるまでは取り消せます。',
    en: 'Enter it in Japan time (日本時間). Sending starts at this time; you can cancel until it starts.',
  },
  'announcements.schedule.invalidTime': {
    ja: '予約日時は「2027-03-28 07:00」のように、実在する日付と時刻で入力してください。',
    en: 'Enter a real date and time, for example 2027-03-28 07:00.',
  },
  'announcements.schedule.timeRequired': {
    ja: '予約日時を入力してください。',
    en: 'Enter when to send.',
  },
  'announcements.schedule.whenMissing': {
    ja: '今すぐ送信するか、日時を指定して予約するかを選んでください。',
    en: 'Choose whether to send now or at a scheduled time.',
  },
  'announcements.schedule.checkForm': {
    ja: '予約日時を確認してください。送信も予約もしていません。',
    en: 'Please check the scheduled time. Nothing was sent or scheduled.',
  },
  'announcements.schedule.urgent': {
    ja: '緊急のお知らせとして送る（天候・中止など）',
    en: 'Urgent (weather, cancellation)',
  },
  'announcements.schedule.urgentHint': {
    ja: '招待メールなど、ほかの一斉送信より先に送ります。本当に急ぐときだけお使いください。',
    en: 'Goes before other bulk mail, such as invitation waves. Use it only when it cannot wait.',
  },
  'announcements.schedule.submit': {
    ja: '{count}人への送信を予約する',
    en: 'Schedule for {count} members',
  },
  'announcements.schedule.submitOne': {
    ja: '{count}人への送信を予約する',
    en: 'Schedule for {count} member',
  },
  'announcements.schedule.scheduledAt': {
    ja: '予約済み（日本時間）',
    en: 'Scheduled for (Japan time)',
  },
  'announcements.schedule.scheduledOk': {
    ja: '送信を予約しました。送信が始まるまでは取り消せます。',
    en: 'The send is scheduled. You can cancel it until it starts.',
  },
  'announcements.schedule.cancel': { ja: '予約を取り消す', en: 'Cancel scheduled send' },
  'announcements.schedule.cancelHint': {
    ja: '取り消すと下書きに戻ります。あらためて送るときは、もう一度プレビューから送信してください。',
    en: 'Cancelling turns it back into a draft. To send it later, open the preview and send again.',
  },
  'announcements.schedule.cancelledOk': {
    ja: '予約を取り消しました。お知らせは下書きに戻りました。',
    en: 'The scheduled send was cancelled. The announcement is a draft again.',
  },
  'announcements.schedule.already_started': {
    ja: 'すでに送信が始まったため取り消せません。',
    en: 'It cannot be cancelled: sending has already started.',
  },
  'announcements.schedule.not_scheduled': {
    ja: 'このお知らせは送信が予約されていないため、取り消すものはありません。',
    en: 'This announcement is not scheduled, so there is nothing to cancel.',
  },

  // Staff: status
  'announcements.status.heading': { ja: '配信状況', en: 'Delivery status' },
  'announcements.status.total': { ja: '送信先', en: 'Audience' },
  'announcements.status.pending': { ja: '送信待ち', en: 'Pending' },
  'announcements.status.sentCount': { ja: '送信済み', en: 'Sent' },
  'announcements.status.delivered': { ja: '配信済み', en: 'Delivered' },
  'announcements.status.bounced': { ja: '不達', en: 'Bounced' },
  'announcements.status.complained': { ja: '迷惑メール報告', en: 'Complained' },
  'announcements.status.skipped': { ja: 'メール対象外', en: 'Not emailed' },
  'announcements.status.skippedHint': {
    ja: '「メール対象外」は、送信の時点で退会していた人、このチャンネルのメールを止めている人、アドレスが不達・迷惑メール報告で停止されている人です。参加者ページには表示されます。',
    en: '“Not emailed” counts members who had left, turned this channel’s email off, or whose address is suppressed after a bounce or complaint at the moment of sending. They still see it on their member page.',
  },
  'announcements.status.failed': { ja: '送信失敗', en: 'Failed' },
  'announcements.status.publishedAt': { ja: '送信日時', en: 'Published' },
  'announcements.status.refresh': { ja: '最新の状況に更新', en: 'Refresh' },

  // Channels
  'channels.title': { ja: 'チャンネル', en: 'Channels' },
  'channels.intro': {
    ja: 'お知らせはチャンネルごとに送信します。参加者はチャンネルに投稿できません（一方向のお知らせ専用です）。参加者はチャンネルごとにメールの受け取りを止められます。',
    en: 'Announcements are sent per channel. Members cannot post to a channel (it is one-way). Members can turn email off per channel.',
  },
  'channels.col.name': { ja: '名前', en: 'Name' },
  'channels.col.default': { ja: '新しい参加者のメール', en: 'Email for new members' },
  'channels.col.published': { ja: '公開済みのお知らせ', en: 'Published' },
  'channels.default.yes': { ja: '受け取る', en: 'On' },
  'channels.default.no': { ja: '本人が選んだ場合のみ', en: 'Only if they opt in' },
  'channels.new': { ja: 'チャンネルを追加', en: 'Add a channel' },
  'channels.newHint': {
    ja: '追加したチャンネルのお知らせは全員の参加者ページに表示されます。メールは、参加者が設定で受け取りを選んだ場合にのみ届きます。',
    en: 'Announcements in a new channel show on every member page. Email goes only to members who turn it on in their settings.',
  },
  'channels.form.slug': {
    ja: '識別名（英小文字・数字・ハイフン）',
    en: 'Identifier (a-z, 0-9, hyphen)',
  },
  'channels.form.nameJa': { ja: '名前（日本語）', en: 'Name (Japanese)' },
  'channels.form.nameEn': { ja: '名前（英語・任意）', en: 'Name (English, optional)' },
  'channels.form.submit': { ja: '追加する', en: 'Add' },
  'channels.form.slugInvalid': {
    ja: '英小文字・数字・ハイフンで、2〜32文字にしてください。',
    en: 'Use 2–32 lowercase letters, digits or hyphens.',
  },
  'channels.form.slugTaken': {
    ja: 'この識別名はすでに使われています。',
    en: 'That identifier is already in use.',
  },
  'channels.created': { ja: 'チャンネルを追加しました。', en: 'Channel added.' },
  'channels.ownersOnly': {
    ja: 'チャンネルを追加できるのは管理者だけです。',
    en: 'Only owners can add channels.',
  },

  // Member feed and announcement page
  'feed.title': { ja: '大会事務局からのお知らせ', en: 'From the race office' },
  'feed.empty': { ja: 'お知らせはまだありません。', en: 'No announcements yet.' },
  'feed.older': { ja: '以前のお知らせ', en: 'Older announcements' },
  'feed.newest': { ja: '最新のお知らせに戻る', en: 'Back to the newest' },
  'feed.oneWay': {
    ja: 'お知らせは大会事務局からの一方向の連絡です。返信は大会事務局だけに届き、ほかの参加者には見えません。',
    en: 'Announcements are one-way notices from the race office. Replies reach the office only and are never shown to other runners.',
  },
  'feed.back': { ja: 'お知らせの一覧に戻る', en: 'Back to announcements' },
  'feed.emailSettings': { ja: 'メールの受け取り設定', en: 'Email settings' },

  // One-click unsubscribe
  'unsubscribe.title': { ja: 'メール配信の停止', en: 'Stop these emails' },
  'unsubscribe.body': {
    ja: '{event} の「{channel}」のお知らせメールを停止します。参加者ページでは引き続きお知らせを読めます。',
    en: 'This stops email from “{channel}” of {event}. You can still read the announcements on your member page.',
  },
  'unsubscribe.button': { ja: '配信を停止する', en: 'Stop these emails' },
  'unsubscribe.done': {
    ja: '「{channel}」のメール配信を停止しました。設定ページからいつでも再開できます。',
    en: 'Email from “{channel}” is now off. You can turn it back on in your settings at any time.',
  },
  'unsubscribe.invalid': {
    ja: 'このリンクは無効です。メールの受け取り設定は、参加者ページの設定から変更できます。',
    en: 'This link is not valid. You can change your email settings on your member page.',
  },
  'unsubscribe.test': {
    ja: 'これはテスト送信のリンクです。テスト送信では配信停止はできません。',
    en: 'This is the link of a test send; nothing can be unsubscribed from a test send.',
  },
  'unsubscribe.settings': { ja: '受け取り設定を開く', en: 'Open email settings' },
} satisfies MessageTable;

import type { MessageTable } from '../types';

export const video = {
  // Member pages
  // Any stored file (video, poster, attachment, offer image) while the store is unreachable.
  'video.media.unavailable': {
    ja: 'ファイルを一時的に読み込めません。しばらくしてからもう一度お試しください。',
    en: 'This file is temporarily unavailable. Please try again in a moment.',
  },
  'video.list.title': { ja: '参加者限定動画', en: 'Members-only videos' },
  'video.list.intro': {
    ja: '参加者の皆さまだけにご覧いただける動画です。ダウンロードや転載はご遠慮ください。',
    en: 'These videos are for members of this community only. Please do not download or share them.',
  },
  'video.list.empty': {
    ja: '公開中の動画はまだありません。公開されましたら、こちらでご覧いただけます。',
    en: 'There are no videos yet. New videos will appear here.',
  },
  'video.backToList': { ja: '動画一覧に戻る', en: 'Back to videos' },
  'video.duration': { ja: '再生時間 {duration}', en: 'Length {duration}' },
  'video.preview.notice': {
    ja: 'スタッフとしてプレビューしています。スタッフの視聴は再生数に含まれません。',
    en: 'You are previewing this page as staff. Staff viewing is not counted.',
  },
  'video.player.label': { ja: '動画プレーヤー：{title}', en: 'Video player: {title}' },
  'video.player.fullscreen': { ja: '全画面表示', en: 'Full screen' },
  'video.player.exitFullscreen': { ja: '全画面表示を終了', en: 'Exit full screen' },
  'video.player.unsupported': {
    ja: 'お使いのブラウザでは動画を再生できません。最新のブラウザでお試しください。',
    en: 'Your browser cannot play this video. Please try an up-to-date browser.',
  },
  'video.player.loadError': {
    ja: '動画を読み込めませんでした。ページを再読み込みしてください。',
    en: 'The video could not be loaded. Please reload the page.',
  },
  'video.player.notice': {
    ja: '画面には視聴者の参加者番号が表示されます。',
    en: 'Your member alias is shown on the video while you watch.',
  },
  'video.watermark.staff': { ja: 'スタッフ確認用', en: 'Staff preview' },

  // Staff pages
  'video.staff.title': { ja: '動画', en: 'Videos' },
  'video.staff.intro': {
    ja: '参加者ページで公開する動画の管理と、視聴状況の確認ができます。視聴状況は合計のみを表示し、5 未満の数は「<5」と表示します。誰が視聴したかは表示されません。',
    en: 'Manage the videos shown on the members’ pages and see how they are watched. Only totals are shown, numbers under 5 appear as “<5”, and nobody’s individual viewing is shown.',
  },
  'video.staff.upload': { ja: '動画をアップロード', en: 'Upload a video' },
  'video.staff.uploaded': {
    ja: '動画をアップロードしました。',
    en: 'The video has been uploaded.',
  },
  'video.staff.empty': {
    ja: 'まだ動画がありません。',
    en: 'No videos yet.',
  },
  'video.staff.preview': { ja: 'プレビュー', en: 'Preview' },
  'video.staff.uploadedAt': { ja: 'アップロード日時', en: 'Uploaded' },
  'video.staff.size': { ja: 'ファイルサイズ', en: 'File size' },
  'video.staff.format': { ja: '形式', en: 'Format' },
  'video.stats.heading': { ja: '視聴状況', en: 'Viewing' },
  'video.stats.views': { ja: '再生回数', en: 'Plays' },
  'video.stats.uniqueViewers': { ja: '視聴した参加者数', en: 'Members who watched' },
  'video.stats.completion': {
    ja: 'どこまで視聴したか（参加者数）',
    en: 'How far members got (number of members)',
  },
  'video.stats.bucket.under25': { ja: '25% 未満', en: 'Under 25%' },
  'video.stats.bucket.from25': { ja: '25〜49%', en: '25–49%' },
  'video.stats.bucket.from50': { ja: '50〜74%', en: '50–74%' },
  'video.stats.bucket.from75': { ja: '75〜94%', en: '75–94%' },
  'video.stats.bucket.finished': { ja: '最後まで（95% 以上）', en: 'To the end (95%+)' },

  // Upload form
  'video.upload.title': { ja: '動画をアップロード', en: 'Upload a video' },
  'video.upload.intro': {
    ja: 'MP4 または WebM 形式の動画を、{size} までアップロードできます。公開すると、この大会の参加者全員が視聴できます。',
    en: 'Upload an MP4 or WebM video of up to {size}. Once uploaded, every member of this event can watch it.',
  },
  'video.upload.titleJa': { ja: 'タイトル（日本語）', en: 'Title (Japanese)' },
  'video.upload.titleEn': { ja: 'タイトル（英語・任意）', en: 'Title (English, optional)' },
  'video.upload.titleEnHint': {
    ja: '空欄の場合、英語の画面には日本語のタイトルが「日本語のみ」と添えて表示されます。',
    en: 'If left empty, English readers see the Japanese title, marked “Japanese only”.',
  },
  'video.upload.descriptionJa': {
    ja: '説明（日本語・任意）',
    en: 'Description (Japanese, optional)',
  },
  'video.upload.descriptionEn': { ja: '説明（英語・任意）', en: 'Description (English, optional)' },
  'video.upload.file': { ja: '動画ファイル', en: 'Video file' },
  'video.upload.fileHint': {
    ja: 'MP4 または WebM、{size} まで。ファイルの中身で形式を確認します。',
    en: 'MP4 or WebM, up to {size}. The format is checked from the file’s contents.',
  },
  'video.upload.poster': { ja: 'サムネイル画像（任意）', en: 'Poster image (optional)' },
  'video.upload.posterHint': {
    ja: 'PNG・JPEG・WebP、{size} まで。再生前に表示されます。',
    en: 'PNG, JPEG or WebP, up to {size}. Shown before the video starts.',
  },
  'video.upload.submit': { ja: 'アップロードする', en: 'Upload' },
  'video.upload.submitting': { ja: 'アップロード中です…', en: 'Uploading…' },
  'video.upload.cancel': { ja: '動画一覧に戻る', en: 'Back to videos' },
  'video.upload.notVideo': {
    ja: 'このファイルは MP4 または WebM の動画ではありません。ファイル名の拡張子ではなく、ファイルの中身で確認しています。',
    en: 'This file is not an MP4 or WebM video. We check the file’s contents, not its name.',
  },
  'video.upload.tooLarge': {
    ja: '動画ファイルが大きすぎます。{size} までのファイルをアップロードしてください。',
    en: 'The video file is too large. Please upload a file of up to {size}.',
  },
  'video.upload.posterNotImage': {
    ja: 'サムネイルは PNG・JPEG・WebP の画像を選んでください。',
    en: 'Please choose a PNG, JPEG or WebP image for the poster.',
  },
  'video.upload.posterTooLarge': {
    ja: 'サムネイル画像が大きすぎます。{size} までの画像を選んでください。',
    en: 'The poster image is too large. Please choose an image of up to {size}.',
  },
  'video.upload.missingVideo': {
    ja: '動画ファイルを選んでください。',
    en: 'Please choose a video file.',
  },
  'video.upload.unexpectedFile': {
    ja: '想定していないファイルが送信されました。ページを開き直してから、もう一度お試しください。',
    en: 'An unexpected file was sent. Please reload the page and try again.',
  },
  'video.upload.interrupted': {
    ja: 'アップロードが途中で中断されました。何も保存されていません。通信環境をご確認のうえ、もう一度お試しください。',
    en: 'The upload was interrupted and nothing was saved. Please check your connection and try again.',
  },
  // Upload progress (upload-progress.tsx), on the upload and the replace pages
  'video.upload.progress': { ja: 'アップロード中… {percent}%', en: 'Uploading… {percent}%' },
  'video.upload.processing': {
    ja: '送信が終わりました。ファイルを確認しています…',
    en: 'Sent. Checking the file…',
  },
  'video.upload.cancelUpload': { ja: 'アップロードを中止', en: 'Cancel upload' },
  'video.upload.cancelled': {
    ja: 'アップロードを中止しました。何も保存されていません。',
    en: 'The upload was cancelled and nothing was saved.',
  },
  'video.upload.failed': {
    ja: 'アップロードを完了できませんでした。しばらくしてからもう一度お試しください。',
    en: 'The upload could not be completed. Please try again in a moment.',
  },

  // Managing one video (staff.$slug.videos.$videoId.*)
  'video.state.published': { ja: '公開中', en: 'Published' },
  'video.state.unpublished': { ja: '非公開', en: 'Unpublished' },
  'video.staff.manage': { ja: '編集・管理', en: 'Edit and manage' },
  'video.staff.details': { ja: '詳細', en: 'Details' },
  'video.staff.deleted': {
    ja: '動画を削除しました。ファイルと視聴状況も削除されました。',
    en: 'The video has been deleted, with its file and viewing figures.',
  },
  'video.preview.unpublished': {
    ja: 'この動画は非公開です。参加者には表示されず、再生もできません。',
    en: 'This video is unpublished: members can neither see nor play it.',
  },
  'video.manage.state': { ja: '公開状態', en: 'Status' },
  'video.manage.publishedHelp': {
    ja: '参加者の動画一覧に表示され、参加者全員が視聴できます。',
    en: 'Shown on the members’ video list; every member can watch it.',
  },
  'video.manage.unpublishedHelp': {
    ja: '参加者には表示されず、再生もできません。視聴状況は残ります。もう一度公開すると、参加者の動画一覧に戻ります。',
    en: 'Members can neither see nor play it. Its viewing figures are kept. Publish it again to put it back on the members’ list.',
  },
  'video.manage.unpublish': { ja: '非公開にする', en: 'Unpublish' },
  'video.manage.publish': { ja: 'もう一度公開する', en: 'Publish again' },
  'video.manage.updatedAt': { ja: '最終更新日時', en: 'Last changed' },
  'video.manage.details': { ja: 'タイトルと説明', en: 'Title and description' },
  'video.manage.save': { ja: '保存する', en: 'Save' },
  'video.manage.none': { ja: '（なし）', en: '(none)' },
  'video.manage.saved': {
    ja: 'タイトルと説明を保存しました。',
    en: 'The title and description have been saved.',
  },
  'video.manage.unpublishedDone': {
    ja: '動画を非公開にしました。参加者には表示されません。',
    en: 'The video is now unpublished and hidden from members.',
  },
  'video.manage.publishedDone': {
    ja: '動画をもう一度公開しました。',
    en: 'The video is published again.',
  },
  'video.manage.replaced': {
    ja: '動画ファイルを差し替えました。以前のファイルは削除されました。',
    en: 'The video file has been replaced and the old file deleted.',
  },
  'video.replace.title': { ja: '動画ファイルの差し替え', en: 'Replace the video file' },
  'video.replace.intro': {
    ja: 'タイトル・説明・視聴状況はそのままで、動画ファイルだけを新しいものに替えます。',
    en: 'Swap in a new video file; the title, description and viewing figures stay as they are.',
  },
  'video.replace.open': { ja: 'ファイルを差し替える', en: 'Replace the file' },
  'video.replace.current': {
    ja: '現在のファイル：{format}・{size}',
    en: 'Current file: {format}, {size}',
  },
  'video.replace.explain': {
    ja: 'MP4 または WebM 形式、{size} までの動画を選んでください。新しいファイルの保存が終わった時点で差し替わり、以前のファイルは削除されます。',
    en: 'Choose an MP4 or WebM video of up to {size}. The new file takes over once it is stored, and the old file is then deleted.',
  },
  'video.replace.file': { ja: '新しい動画ファイル', en: 'New video file' },
  'video.replace.poster': {
    ja: '新しいサムネイル画像（任意）',
    en: 'New poster image (optional)',
  },
  'video.replace.posterKeep': {
    ja: 'PNG・JPEG・WebP、{size} まで。選ばない場合は今のサムネイルのままです。',
    en: 'PNG, JPEG or WebP, up to {size}. Leave empty to keep the current poster.',
  },
  'video.replace.submit': { ja: '差し替える', en: 'Replace' },
  'video.replace.cancel': { ja: '動画の管理に戻る', en: 'Back to the video' },
  'video.delete.title': { ja: '動画の削除', en: 'Delete the video' },
  'video.delete.intro': {
    ja: '動画ファイル・サムネイル・視聴状況をすべて削除します。元に戻すことはできません。一時的に見せたくない場合は「非公開にする」をお使いください。',
    en: 'Deletes the video file, its poster and its viewing figures for good. To hide it for a while, unpublish it instead.',
  },
  'video.delete.open': { ja: '削除する…', en: 'Delete…' },
  'video.delete.confirmTitle': {
    ja: 'この動画を削除しますか？',
    en: 'Delete this video?',
  },
  'video.delete.confirmBody': {
    ja: '動画ファイル・サムネイル・再生回数などの視聴状況がすべて削除され、元に戻すことはできません。参加者はこの動画を見られなくなります。',
    en: 'The video file, its poster and its viewing figures (plays and how far members got) are deleted and cannot be restored. Members will no longer be able to watch it.',
  },
  'video.delete.submit': { ja: '削除する', en: 'Delete' },
  'video.delete.cancel': { ja: '削除せずに戻る', en: 'Keep it and go back' },
} satisfies MessageTable;

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
  'video.list.watch': { ja: '見る', en: 'Watch' },
  'video.list.noPoster': { ja: '動画', en: 'Video' },
  'video.backToList': { ja: '動画一覧に戻る', en: 'Back to videos' },
  'video.duration': { ja: '再生時間 {duration}', en: 'Length {duration}' },
  'video.preview.notice': {
    ja: 'スタッフとしてプレビューしています。スタッフの視聴は再生数に含まれません。',
    en: 'You are previewing this page as staff. Staff viewing is not counted.',
  },
  'video.player.label': { ja: '動画プレーヤー: {title}', en: 'Video player: {title}' },
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

  // How the audit log page names the upload (staff.$slug.audit looks up staff.audit.action.*).
  'staff.audit.action.video.upload': { ja: '動画をアップロード', en: 'Uploaded a video' },

  // Upload form
  'video.upload.title': { ja: '動画をアップロード', en: 'Upload a video' },
  'video.upload.intro': {
    ja: 'MP4 または WebM 形式の動画を、{size} までアップロードできます。公開すると、この大会の参加者全員が視聴できます。',
    en: 'Upload an MP4 or WebM video of up to {size}. Once uploaded, every member of this event can watch it.',
  },
  'video.upload.titleJa': { ja: 'タイトル（日本語）', en: 'Title (Japanese)' },
  'video.upload.titleEn': { ja: 'タイトル（英語）', en: 'Title (English)' },
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
} satisfies MessageTable;

import type { MessageTable } from '../types';

export const common = {
  'app.name': { ja: 'Startline', en: 'Startline' },
  'nav.home': { ja: 'ホーム', en: 'Home' },
  'nav.signIn': { ja: 'ログイン', en: 'Sign in' },
  'nav.signOut': { ja: 'ログアウト', en: 'Sign out' },
  'nav.skipToContent': { ja: '本文へ移動', en: 'Skip to content' },
  'nav.language': { ja: '表示言語', en: 'Language' },
  'nav.mainLabel': { ja: 'メインメニュー', en: 'Main menu' },
  'lang.ja': { ja: '日本語', en: '日本語' },
  'lang.en': { ja: 'English', en: 'English' },
  'home.title': { ja: 'Startline へようこそ', en: 'Welcome to Startline' },
  'home.intro': {
    ja: 'Startline は、大会事務局からのお知らせ、参加者限定の動画、協賛社の特典を参加者に届けるためのコミュニティです。参加は招待メールからご本人が同意した場合のみ。メールアドレスがほかの参加者や協賛社に知られることはありません。',
    en: 'Startline brings race-office announcements, members-only videos and sponsor offers to runners. You join only by your own consent from an invitation, and your email address is never shown to other runners or to sponsors.',
  },
  'home.myCommunities': { ja: '参加中のコミュニティ', en: 'Your communities' },
  'home.noCommunities': {
    ja: '参加中のコミュニティはまだありません。大会事務局からの招待メールに記載のリンクから参加できます。',
    en: 'You have not joined any community yet. Use the link in the invitation email from your race office to join.',
  },
  'home.managedEvents': { ja: '運営している大会', en: 'Events you manage' },
  'home.role.owner': { ja: '管理者', en: 'Owner' },
  'home.role.editor': { ja: '編集者', en: 'Editor' },
  'home.role.viewer': { ja: '閲覧者', en: 'Viewer' },
  'home.sponsorConsoles': { ja: '協賛社の管理画面', en: 'Sponsor consoles' },
  'home.openEvent': { ja: '開く', en: 'Open' },
  // The hub names the event on its button: 「さくらシティマラソン 2027を開く」.
  'home.openNamedEvent': { ja: '{event}を開く', en: 'Open {event}' },
  // Staff and sponsor pages are management screens, not the community itself.
  'home.openConsole': { ja: '管理画面へ', en: 'Manage' },
  'home.signInPrompt': {
    ja: 'すでに参加している方、大会スタッフの方はログインしてください。',
    en: 'Already a member, or on the race staff? Please sign in.',
  },
  'errors.badRequest': {
    ja: '送信内容を読み取れませんでした。もう一度お試しください。',
    en: 'We could not read what was sent. Please try again.',
  },
  'errors.unsupportedContentType': {
    ja: 'この送信形式には対応していません。ページのフォームから送信してください。',
    en: 'This kind of request is not supported. Please use the form on the page.',
  },
  'errors.bodyTooLarge': {
    ja: '送信内容が大きすぎます。',
    en: 'What was sent is too large.',
  },
  'errors.invalidAddress': {
    ja: 'URL に使えない文字が含まれています。URL をお確かめください。',
    en: 'The address contains characters that cannot be used. Please check the address.',
  },
  'errors.invalidCharacters': {
    ja: '送信内容に使えない文字（制御文字や壊れた文字コード）が含まれています。入力内容をお確かめください。',
    en: 'What was sent contains characters that cannot be used (control characters or broken encoding). Please check what you entered.',
  },
  'errors.forbiddenOrigin': {
    ja: 'このリクエストは受け付けられません。ページを開き直してから、もう一度お試しください。',
    en: 'This request was refused. Please reload the page and try again.',
  },
  'errors.notFound.title': { ja: 'ページが見つかりません', en: 'Page not found' },
  'errors.notFound.body': {
    ja: 'お探しのページは見つかりませんでした。URL をお確かめください。',
    en: 'We could not find that page. Please check the address.',
  },
  // Inside an event's staff pages, member pages or a sponsor console: the area's own name.
  'errors.notFound.inPlace': {
    ja: '「{place}」にこのページはありません。URL をお確かめください。',
    en: 'This page does not exist in {place}. Please check the address.',
  },
  'errors.backToEvent': { ja: '大会のページに戻る', en: 'Back to the event page' },
  'errors.backToStaffHome': { ja: '大会運営の概要に戻る', en: 'Back to the event overview' },
  'errors.backToSponsorHome': {
    ja: '協賛社コンソールのトップに戻る',
    en: 'Back to the sponsor console',
  },
  'errors.generic.title': { ja: 'エラーが発生しました', en: 'Something went wrong' },
  'errors.generic.body': {
    ja: '申し訳ありません。時間をおいて、もう一度お試しください。',
    en: 'Sorry about that. Please try again in a moment.',
  },
  'errors.forbidden.title': { ja: 'アクセスできません', en: 'Access denied' },
  'errors.forbidden.body': {
    ja: 'このページを表示する権限がありません。',
    en: 'You do not have permission to view this page.',
  },
  // When staff lack a role: which one the page or action needs (root ErrorBoundary).
  'errors.forbidden.needsRole': {
    ja: 'この操作には『{role}』以上の権限が必要です。権限の変更は大会の管理者にご依頼ください。',
    en: 'This needs the {role} role or higher. An owner of the event can change your role.',
  },
  'errors.forbidden.needsOwner': {
    ja: 'この操作には『{role}』の権限が必要です。権限の変更は大会の管理者にご依頼ください。',
    en: 'This needs the {role} role. An owner of the event can change your role.',
  },

  'errors.databaseUnavailable.title': {
    ja: 'ただいま一時的にご利用いただけません',
    en: 'Temporarily unavailable',
  },
  'errors.databaseUnavailable.body': {
    ja: 'システムの一時的な問題で、このページを表示できませんでした。数秒後にもう一度お試しください。',
    en: 'A temporary problem on our side kept this page from loading. Please try again in a few seconds.',
  },
  'errors.retry': { ja: 'もう一度読み込む', en: 'Try again' },
  'errors.backHome': { ja: 'ホームに戻る', en: 'Back to home' },
  'table.scrollRegion': { ja: '表（横にスクロールできます）', en: 'Table (scrolls sideways)' },
  // Organizer content shown in the other language because none was written in the reader's.
  'content.onlyJapanese': { ja: '日本語のみ', en: 'Japanese only' },
  'content.onlyEnglish': { ja: '英語のみ', en: 'English only' },
  'form.required': { ja: '入力してください。', en: 'This field is required.' },
  'form.email.invalid': {
    ja: 'メールアドレスの形式が正しくありません。',
    en: 'Please enter a valid email address.',
  },
  'form.tooLong': { ja: '長すぎます。', en: 'This is too long.' },
  'form.errorSummary': {
    ja: '入力内容を確認してください。',
    en: 'Please check what you entered.',
  },
} satisfies MessageTable;

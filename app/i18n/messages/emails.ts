import type { MessageTable } from '../types';

// Every email's copy (emails/*.tsx). A template renders in the recipient's language; the
// invitation and its reminder render both, Japanese first (decision 041). Where a parameter is
// text someone typed (a title, a name), it comes last in the call so that a `{…}` inside it is
// never read as a placeholder.
export const emails = {
  // Every email's footer
  'email.layout.footer': {
    ja: 'このメールは Startline から自動送信しています。Startline は、あなたのメールアドレスをほかの参加者や協賛社に見せることはありません。',
    en: 'This email was sent automatically by Startline. Startline never shows your email address to other runners or to sponsors.',
  },
  // Emails in both languages (the invitation and its reminder)
  'email.bilingual.englishFollows': {
    ja: '（このあとに英語の文面が続きます）',
    en: '(English follows Japanese.)',
  },
  'email.bilingual.footer': {
    ja: 'このメールは、大会事務局に代わって Startline から自動送信しています。Startline は、あなたのメールアドレスをほかの参加者や協賛社に見せることはありません。',
    en: 'This email was sent automatically by Startline on behalf of the race office. Startline never shows your email address to other runners or to sponsors.',
  },

  // Sign-in code
  'email.signInCode.subject': {
    ja: 'Startline ログイン確認コード：{code}',
    en: 'Your Startline sign-in code: {code}',
  },
  'email.signInCode.heading': { ja: 'ログイン確認コード', en: 'Your sign-in code' },
  'email.signInCode.intro': {
    ja: 'Startline へのログインが求められました。次の確認コードを画面に入力してください。',
    en: 'Someone asked to sign in to Startline with this address. Enter this code on the page:',
  },
  'email.signInCode.orButton': {
    ja: 'または、下のボタンから開いたページで「ログインする」を押してください。',
    en: 'Or open the page below and press “Sign in”.',
  },
  'email.signInCode.button': { ja: 'ログインページを開く', en: 'Open the sign-in page' },
  'email.signInCode.expires': {
    ja: 'コードの有効期限は{count}分です。一度しか使えません。',
    en: 'The code expires in {count} minutes and works once.',
  },
  'email.signInCode.expiresOne': {
    ja: 'コードの有効期限は{count}分です。一度しか使えません。',
    en: 'The code expires in {count} minute and works once.',
  },
  'email.signInCode.notYou': {
    ja: 'お心当たりがない場合は、このメールを破棄してください。コードを入力しない限り、誰もログインできません。',
    en: 'If this was not you, ignore this email. Nobody can sign in without entering the code.',
  },

  // Sign-in attempt for an address without an account
  'email.signInUnknownAddress.subject': {
    ja: 'Startline へのログインについて',
    en: 'About signing in to Startline',
  },
  'email.signInUnknownAddress.heading': {
    ja: 'このアドレスは登録されていません',
    en: 'This address is not registered',
  },
  'email.signInUnknownAddress.body': {
    ja: 'このメールアドレスで Startline へのログインが求められましたが、このアドレスで参加しているコミュニティはありません。',
    en: 'Someone asked to sign in to Startline with this address, but it is not part of any community.',
  },
  'email.signInUnknownAddress.runner': {
    ja: '大会にエントリーした方は、大会事務局からの招待メールに記載のリンクから参加できます。お心当たりがない場合は、このメールを破棄してください。',
    en: 'If you are a runner, join through the link in the invitation email from your race office. If this was not you, ignore this email.',
  },

  // Staff invitation
  'email.staffInvitation.subject': {
    ja: '【Startline】{event} の運営スタッフへの招待',
    en: 'You are invited to the staff of {event} on Startline',
  },
  'email.staffInvitation.heading': {
    ja: '運営スタッフに招待されました',
    en: 'You are invited to the race staff',
  },
  'email.staffInvitation.intro': {
    ja: '{event} の運営スタッフとして、Startline に「{role}」の権限で招待されました。',
    en: 'You have been invited to join the staff of {event} on Startline as {role}.',
  },
  'email.staffInvitation.role.owner': { ja: '管理者', en: 'an owner' },
  'email.staffInvitation.role.editor': { ja: '編集者', en: 'an editor' },
  'email.staffInvitation.role.viewer': { ja: '閲覧者', en: 'a viewer' },
  'email.staffInvitation.roleHelp.owner': {
    ja: '管理者は、お知らせの送信、スタッフの管理、監査ログの確認ができます。',
    en: 'Owners send announcements, manage the staff and read the audit log.',
  },
  'email.staffInvitation.roleHelp.editor': {
    ja: '編集者は、参加者名簿の取り込みやお知らせの下書きができます。',
    en: 'Editors import the entrant list and draft announcements.',
  },
  'email.staffInvitation.roleHelp.viewer': {
    ja: '閲覧者は、参加者の一覧や集計を見ることができます（変更はできません）。',
    en: 'Viewers can see the member list and the numbers, but cannot change anything.',
  },
  'email.staffInvitation.how': {
    ja: '下のボタンからページを開き、このメールアドレスでログインすると、スタッフとして参加できます。パスワードは不要です。',
    en: 'Open the page below and sign in with this email address to join. No password needed.',
  },
  'email.staffInvitation.button': { ja: '招待を確認する', en: 'Review the invitation' },
  'email.staffInvitation.notYou': {
    ja: 'お心当たりがない場合は、このメールを破棄してください。ログインしない限り、何も起こりません。',
    en: 'If you were not expecting this, ignore this email. Nothing happens unless you sign in.',
  },

  // Invitation to an event's community (both languages in one email)
  'email.invitation.subject': {
    ja: '【{event}】参加者向けコミュニティへのご案内',
    en: 'Invitation: {event} runners’ community',
  },
  'email.invitation.heading': {
    ja: '{event} 参加者向けコミュニティへのご案内',
    en: 'Invitation to the {event} runners’ community',
  },
  'email.invitation.greeting': { ja: '{name} 様', en: 'Dear {name},' },
  /** In place of the greeting when the entrant list gives no name. */
  'email.invitation.greetingAll': { ja: 'ランナーの皆さま', en: 'Dear runner,' },
  'email.invitation.intro': {
    ja: '{event}（{date}開催）にエントリーいただき、ありがとうございます。このメールは、エントリーの際にご登録いただいたメールアドレスにお送りしています。',
    en: 'Thank you for entering {event} ({date}). We are writing to the address you gave when you entered.',
  },
  'email.invitation.who': {
    ja: '{organizer}（大会事務局）は、Startline を使って参加者向けのコミュニティを運営しています。参加された方には、次のものをお届けします。',
    en: '{organizer} (the race office) runs a community for runners on Startline. Members receive:',
  },
  'email.invitation.offer.announcements': {
    ja: '大会事務局からのお知らせ（メールと参加者ページ）',
    en: 'announcements from the race office (by email and on the members’ pages)',
  },
  'email.invitation.offer.videos': { ja: '参加者限定の動画', en: 'members-only videos' },
  'email.invitation.offer.sponsorOffers': { ja: '協賛社からの特典', en: 'offers from sponsors' },
  'email.invitation.sharedHeading': { ja: '共有される情報', en: 'What is shared' },
  'email.invitation.shared.raceOffice': {
    ja: '大会事務局は、あなたの氏名とゼッケン番号を見ることができます。',
    en: 'The race office can see your name and bib number.',
  },
  'email.invitation.shared.sponsors': {
    ja: '協賛社に、あなたに関する情報が伝わることはありません。',
    en: 'Sponsors never learn anything about you.',
  },
  'email.invitation.shared.otherRunners': {
    ja: 'ほかの参加者に、あなたのメールアドレスが見えることはありません。',
    en: 'Other runners never see your email address.',
  },
  'email.invitation.choice': {
    ja: '参加するかどうかは、あなたがお決めください。このメールやリンクを開いただけで登録されることはありません。下のボタンから開くページで内容をご確認のうえ、ご自身で「参加する」を押した場合にのみ参加となります。',
    en: 'Joining is your choice. Opening this email or its links does not sign you up. You join only if you press “Join” yourself on the page the button below opens.',
  },
  'email.invitation.button': { ja: '内容を確認して参加する', en: 'Read more and join' },
  'email.invitation.expires': {
    ja: 'このご案内の有効期限は{date}です。',
    en: 'This invitation expires on {date}.',
  },
  'email.invitation.carrierHeading': {
    ja: '携帯メール（キャリアメール）をお使いの方へ',
    en: 'If you use a Japanese mobile carrier address',
  },
  'email.invitation.carrier': {
    ja: 'docomo・au・SoftBank などの携帯メールをお使いの方は、「{domain}」ドメインからのメールを受信できるよう設定してください（ドメイン指定受信）。設定がないと、大会事務局からのお知らせが届かないことがあります。',
    en: 'If your address is with docomo, au, SoftBank or another mobile carrier, allow mail from the domain “{domain}” in your carrier’s settings (domain-specific reception). Otherwise announcements from the race office may not reach you.',
  },
  'email.invitation.decline': {
    ja: 'この大会のコミュニティへのご案内が今後不要な方は、こちらのページからお知らせください（ページのボタンを押すまで何も変わりません）。',
    en: 'If you do not want invitations for this event, tell us on this page (nothing changes until you press its button):',
  },
  'email.invitation.contact': { ja: 'お問い合わせ：{organizer}', en: 'Questions: {organizer}' },

  // The one reminder of an invitation
  'email.invitationReminder.subject': {
    ja: '【{event}】再送：参加者向けコミュニティへのご案内',
    en: 'Reminder: {event} runners’ community',
  },
  'email.invitationReminder.lead': {
    ja: '先日お送りしたご案内を、念のためもう一度お送りします。リマインダーはこの1回だけで、これ以上ご案内をお送りすることはありません。',
    en: 'This is a reminder of the invitation we sent a few days ago. It is the only reminder: we will not write about this again.',
  },

  // Joining by event code: confirmation, already a member, not on the list
  'email.joinConfirmation.subject': {
    ja: '【{event}】コミュニティ参加のご確認',
    en: 'Confirm joining the {event} community',
  },
  'email.joinConfirmation.heading': {
    ja: 'コミュニティへの参加を確認してください',
    en: 'Please confirm that you want to join',
  },
  'email.joinConfirmation.intro': {
    ja: '{event} のページで、このメールアドレスによる参加者向けコミュニティ（運営：{organizer}）への参加が申し込まれました。',
    en: 'Someone asked on the {event} page to join the runners’ community (run by {organizer}) with this address.',
  },
  'email.joinConfirmation.how': {
    ja: 'ご本人による申し込みの場合は、下のボタンから開くページで内容をご確認のうえ「参加する」を押してください。リンクを開いただけでは参加になりません。',
    en: 'If that was you, open the page below, read what joining means and press “Join”. Opening the link alone does not sign you up.',
  },
  'email.joinConfirmation.button': { ja: '内容を確認して参加する', en: 'Read more and join' },
  'email.joinConfirmation.expires': {
    ja: 'このリンクの有効期限は{count}時間です。',
    en: 'The link works for {count} hours.',
  },
  'email.joinConfirmation.expiresOne': {
    ja: 'このリンクの有効期限は{count}時間です。',
    en: 'The link works for {count} hour.',
  },
  'email.joinConfirmation.notYou': {
    ja: 'お心当たりがない場合は、このメールを破棄してください。何も登録されません。',
    en: 'If this was not you, ignore this email. Nothing will be registered.',
  },
  'email.joinAlreadyMember.subject': {
    ja: '【{event}】すでにコミュニティに参加しています',
    en: 'You are already in the {event} community',
  },
  'email.joinAlreadyMember.heading': { ja: 'すでに参加しています', en: 'You are already a member' },
  'email.joinAlreadyMember.intro': {
    ja: '{event} のページで、このメールアドレスによるコミュニティへの参加が申し込まれましたが、このアドレスはすでに参加済みです。手続きは必要ありません。',
    en: 'Someone asked on the {event} page to join the community with this address, but this address is already a member. Nothing else is needed.',
  },
  'email.joinAlreadyMember.how': {
    ja: '参加者ページは、ログインするとご覧いただけます（パスワードは不要です）。',
    en: 'Sign in to see the members’ pages (no password needed).',
  },
  'email.joinAlreadyMember.button': {
    ja: 'ログインして参加者ページを開く',
    en: 'Sign in and open the members’ page',
  },
  'email.joinAlreadyMember.notYou': {
    ja: 'お心当たりがない場合は、このメールを破棄してください。何も変更されていません。',
    en: 'If this was not you, ignore this email. Nothing has changed.',
  },
  'email.joinNotOnList.subject': {
    ja: '【{event}】コミュニティ参加のお申し込みについて',
    en: 'About your request to join the {event} community',
  },
  'email.joinNotOnList.heading': {
    ja: 'エントリー名簿にこのアドレスが見つかりませんでした',
    en: 'This address is not on the entrant list',
  },
  'email.joinNotOnList.intro': {
    ja: '{event} のページで、このメールアドレスによるコミュニティへの参加が申し込まれましたが、このアドレスは大会のエントリー名簿にありませんでした。コミュニティには、エントリーの際にご登録いただいたメールアドレスで参加できます。',
    en: 'Someone asked on the {event} page to join the community with this address, but it is not on the race’s entrant list. The community is open to the address each runner gave when entering.',
  },
  'email.joinNotOnList.retry': {
    ja: '別のメールアドレスでエントリーされた場合は、そのアドレスでもう一度お申し込みください。ご不明な点は、大会事務局までお問い合わせください。',
    en: 'If you entered with another address, please try again with that one. If anything is unclear, contact the race office.',
  },
  'email.joinNotOnList.contact': { ja: 'お問い合わせ：{organizer}', en: 'Contact: {organizer}' },
  'email.joinNotOnList.notYou': {
    ja: 'お心当たりがない場合は、このメールを破棄してください。何も登録されていません。',
    en: 'If this was not you, ignore this email. Nothing has been registered.',
  },

  // Welcome, right after joining
  'email.welcome.subject': {
    ja: '【{event}】コミュニティへの参加が完了しました',
    en: 'You have joined the {event} community',
  },
  'email.welcome.heading': { ja: 'ご参加ありがとうございます', en: 'Welcome aboard' },
  'email.welcome.intro': {
    ja: '{event} の参加者向けコミュニティへの参加が完了しました。コミュニティ内でのあなたの表示名は「{alias}」です。',
    en: 'You have joined the {event} runners’ community. In the community you are shown as “{alias}”.',
  },
  'email.welcome.button': { ja: '参加者ページを開く', en: 'Open the members’ page' },
  'email.welcome.consentHeading': {
    ja: '同意いただいた内容（版：{version}、日時：{at}）',
    en: 'What you agreed to (version {version}, {at})',
  },
  'email.welcome.settings': {
    ja: 'メールの受け取り設定、退会、データの書き出し、アカウントの削除は、設定ページからいつでもできます。',
    en: 'Email settings, leaving, exporting your data and deleting your account are always on the settings page:',
  },
  'email.welcome.notYou': {
    ja: 'ご自身で参加した覚えがない場合は、上の設定ページから退会してください（ログインが必要です）。',
    en: 'If you did not join yourself, leave from the settings page above (you will need to sign in).',
  },

  // Sponsor invitation
  'email.sponsorInvitation.subject': {
    ja: '【{event}】協賛社コンソールへのご招待（{sponsor} 様）',
    en: '{event}: you are invited to the sponsor console ({sponsor})',
  },
  'email.sponsorInvitation.heading': {
    ja: '協賛社コンソールへのご招待',
    en: 'Your invitation to the sponsor console',
  },
  'email.sponsorInvitation.intro': {
    ja: '{organizer}より、{sponsor} 様のご担当者として、Startline の協賛社コンソールにご招待いたしました。',
    en: '{organizer} has invited you to Startline’s sponsor console on behalf of {sponsor}.',
  },
  'email.sponsorInvitation.what': {
    ja: '協賛社コンソールでは、参加者向けの特典（クーポン）やお知らせの作成、店頭でのコードの確認・使用処理、閲覧数・取得数・利用数の集計の確認ができます。作成した特典とお知らせは、大会事務局が確認・承認してから参加者に公開されます。',
    en: 'In the sponsor console you draft offers (coupons) and notices for runners, check and redeem codes at your till, and see views, claims and redemptions in aggregate. Offers and notices reach runners only after the race office has reviewed and approved them.',
  },
  'email.sponsorInvitation.privacy': {
    ja: '参加者のお名前、メールアドレス、ゼッケン番号など、個人を特定できる情報は協賛社コンソールには表示されません。集計値も、少ない人数（5人未満）は「5未満」と表示されます。',
    en: 'The sponsor console never shows a runner’s name, email address, bib number or anything else that identifies them. Small numbers (under 5) are shown as “<5”.',
  },
  'email.sponsorInvitation.how': {
    ja: 'ご参加いただくには、下のボタンからこのメールアドレスでログインしてください。ログインした時点で協賛社コンソールをご利用いただけるようになります。',
    en: 'To accept, sign in with this email address using the button below. You can use the sponsor console from the moment you sign in.',
  },
  'email.sponsorInvitation.button': {
    ja: 'ログインして協賛社コンソールを開く',
    en: 'Sign in and open the sponsor console',
  },
  'email.sponsorInvitation.expires': {
    ja: 'この招待の有効期限は{count}日間です。',
    en: 'This invitation is valid for {count} days.',
  },
  'email.sponsorInvitation.expiresOne': {
    ja: 'この招待の有効期限は{count}日間です。',
    en: 'This invitation is valid for {count} day.',
  },
  'email.sponsorInvitation.notYou': {
    ja: 'お心当たりがない場合は、このメールを破棄してください。ログインしない限り、何も登録されません。',
    en: 'If you were not expecting this, ignore this email. Nothing is set up unless you sign in.',
  },

  // An organizer's announcement
  'email.announcement.subject': { ja: '【{event}】{title}', en: '[{event}] {title}' },
  'email.announcement.testPrefix': { ja: '【テスト送信】', en: '[Test] ' },
  'email.announcement.testNote': {
    ja: 'これはスタッフ向けのテスト送信です。参加者には送られていません。配信停止リンクはテスト送信では使えません。',
    en: 'This is a test send to staff only; no member received it. The unsubscribe link does not work in a test send.',
  },
  'email.announcement.from': {
    ja: '{organizer}「{channel}」からのお知らせです。',
    en: 'An announcement from {organizer} in “{channel}”.',
  },
  'email.announcement.open': {
    ja: 'Startline でこのお知らせを見る',
    en: 'Read this announcement on Startline',
  },
  'email.announcement.reply': {
    ja: 'このメールに返信すると、大会事務局だけに届きます。ほかの参加者に届くことはなく、あなたのメールアドレスも事務局以外には知られません。',
    en: 'Replying to this email reaches the race office only. It never goes to other runners, and nobody but the office learns your address.',
  },
  'email.announcement.unsubscribe': {
    ja: '「{channel}」のメール配信を停止する',
    en: 'Stop emails from “{channel}”',
  },
  'email.announcement.settings': {
    ja: 'メールの受け取り設定を変更する',
    en: 'Change your email settings',
  },

  // The race office's answer, relayed to a member
  'email.relayReply.subject': {
    ja: '【{event}】大会事務局からの返信',
    en: '[{event}] A reply from the race office',
  },
  'email.relayReply.intro': {
    ja: '{organizer}から、お問い合わせへの返信が届きました。',
    en: '{organizer} has replied to your message.',
  },
  'email.relayReply.button': { ja: 'これまでのやり取りを見る', en: 'See the whole conversation' },
  'email.relayReply.reply': {
    ja: 'このメールに返信すると、大会事務局だけに届きます。ほかの参加者に届くことはなく、あなたのメールアドレスも事務局以外には知られません。',
    en: 'Replying to this email reaches the race office only. It never goes to other runners, and nobody but the office learns your address.',
  },

  // A member's message in the organizer inbox, to staff
  'email.inboxNotification.subject': {
    ja: '【{event}】{alias} さんからメッセージが届きました',
    en: '[{event}] New message from {alias}',
  },
  'email.inboxNotification.intro': {
    ja: '{alias} さんから大会事務局あてにメッセージが届きました。',
    en: '{alias} has written to the race office.',
  },
  'email.inboxNotification.attachments': {
    ja: '添付ファイルが{count}件あります。受信箱で確認してください。',
    en: '{count} attached files: open the inbox to see them.',
  },
  'email.inboxNotification.attachmentsOne': {
    ja: '添付ファイルが{count}件あります。受信箱で確認してください。',
    en: '{count} attached file: open the inbox to see it.',
  },
  'email.inboxNotification.button': { ja: '受信箱で開く', en: 'Open in the inbox' },
  'email.inboxNotification.reply': {
    ja: 'このメールに返信すると、その内容が事務局からの返信としてこの参加者に届きます。あなたのお名前やメールアドレスは相手に伝わりません（本文に書いた場合を除きます）。引用部分、「-- 」の行から後の署名、メールアドレスは自動で取り除かれます。',
    en: 'Replying to this email sends your answer to this member as the race office. Your name and address are not passed on (unless you write them in the text). Quoted text, a signature after a “-- ” line and any email address are removed automatically.',
  },

  // A draft or offer awaiting an owner's approval
  'email.approvalRequest.subject': {
    ja: '【{event}】承認待ち：{kind}「{title}」',
    en: '[{event}] Awaiting your approval: {kind} “{title}”',
  },
  'email.approvalRequest.kind.announcement': { ja: 'お知らせ', en: 'announcement' },
  'email.approvalRequest.kind.offer': { ja: '協賛社の特典', en: 'sponsor offer' },
  'email.approvalRequest.kind.notice': { ja: '協賛社のお知らせ', en: 'sponsor notice' },
  'email.approvalRequest.intro.announcement': {
    ja: '編集者が書いたお知らせ「{title}」が、あなたの承認を待っています。承認されるまで送信できません。',
    en: 'An editor wrote the announcement “{title}”. It awaits your approval and cannot be sent until it is approved.',
  },
  'email.approvalRequest.intro.namedSponsor': {
    ja: '協賛社「{sponsor}」から{kind}「{title}」が届き、あなたの承認を待っています。承認されるまで参加者には公開されません。',
    en: 'The sponsor {sponsor} submitted the {kind} “{title}”. It awaits your approval and is not shown to members until it is approved.',
  },
  'email.approvalRequest.intro.sponsor': {
    ja: '協賛社から{kind}「{title}」が届き、あなたの承認を待っています。承認されるまで参加者には公開されません。',
    en: 'A sponsor submitted the {kind} “{title}”. It awaits your approval and is not shown to members until it is approved.',
  },
  'email.approvalRequest.button': { ja: '内容を確認する', en: 'Review it' },
  'email.approvalRequest.footer': {
    ja: 'このメールは、この大会のオーナーの方にお送りしています。承認待ちの件数は、管理画面のナビゲーションにも表示されます。',
    en: 'You receive this as an owner of this event. The number of items awaiting approval is also shown in the staff navigation.',
  },
} satisfies MessageTable;

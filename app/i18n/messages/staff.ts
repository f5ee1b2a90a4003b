import type { MessageTable } from '../types';

export const staff = {
  'staff.common.cancel': { ja: 'キャンセル', en: 'Cancel' },
  'staff.home.createEvent': { ja: '大会を新しく作成する', en: 'Create an event' },

  // Create an event
  'staff.event.new.title': { ja: '大会を作成する', en: 'Create an event' },
  'staff.event.new.intro': {
    ja: '大会の基本情報を入力してください。作成したあなたが、この大会の管理者になります。お知らせ用のチャンネル（公式のお知らせ・コース情報・協賛社からのお知らせ）も自動で用意されます。',
    en: 'Enter the basic facts about your event. You will be its first owner. The announcement channels (Official announcements, Course info, Sponsor offers) are set up for you.',
  },
  'staff.event.new.submit': { ja: '大会を作成する', en: 'Create the event' },
  'staff.event.nameJa': { ja: '大会名（日本語）', en: 'Event name (Japanese)' },
  'staff.event.nameEn': { ja: '大会名（英語）', en: 'Event name (English)' },
  'staff.event.eventDate': { ja: '開催日', en: 'Race date' },
  'staff.event.slug': { ja: 'URL 用の名前', en: 'Web address name' },
  'staff.event.slug.hint': {
    ja: '半角の英小文字・数字・ハイフンで3〜60文字（例：sakura-city-2027）。大会ページの URL に使われます。',
    en: '3–60 lowercase letters, digits and hyphens (e.g. sakura-city-2027). Used in the event’s web address.',
  },
  'staff.event.slug.invalid': {
    ja: '半角の英小文字・数字・ハイフンで3〜60文字にしてください（先頭と末尾はハイフン以外）。',
    en: 'Use 3–60 lowercase letters, digits and hyphens, not starting or ending with a hyphen.',
  },
  'staff.event.rateLimited': {
    ja: '本日はこれ以上大会を作成できません。明日あらためてお試しいただくか、Startline の運営までご連絡ください。',
    en: 'You cannot create more events today. Please try again tomorrow, or contact the Startline team.',
  },
  'staff.event.slug.taken': {
    ja: 'この名前はすでに使われています。別の名前にしてください。',
    en: 'This name is already taken. Please choose another.',
  },
  'staff.event.organizerNameJa': { ja: '主催者名（日本語）', en: 'Organizer name (Japanese)' },
  'staff.event.organizerNameEn': { ja: '主催者名（英語）', en: 'Organizer name (English)' },
  'staff.event.organizerName.hint': {
    ja: '参加者への招待メールや参加ページに「運営者」として表示されます。',
    en: 'Shown to runners as the community’s operator in invitations and on the join page.',
  },
  'staff.event.contactEmail': {
    ja: '大会事務局の連絡先メールアドレス',
    en: 'Race office contact address',
  },
  'staff.event.contactEmail.hint': {
    ja: '参加者向けのメールに問い合わせ先として記載されます。個人のアドレスではなく、事務局の窓口アドレスをおすすめします。',
    en: 'Printed in emails to runners as the contact. Use the race office’s shared address rather than a personal one.',
  },
  'staff.event.date.invalid': {
    ja: '日付を「2027-03-28」の形で入力してください。',
    en: 'Please enter a date like 2027-03-28.',
  },

  // Event settings (staff.$slug.settings.tsx)
  'staff.settings.title': { ja: '大会の設定', en: 'Event settings' },
  'staff.settings.intro': {
    ja: '大会名・開催日・主催者名・連絡先・大会の説明を変更できます。変更はすべて監査ログに記録されます。',
    en: 'Change the event name, race date, organizer name, contact address and description. Every change is recorded in the audit log.',
  },
  'staff.settings.readOnly': {
    ja: '設定を変更できるのは管理者のみです。変更が必要な場合は管理者にご依頼ください。',
    en: 'Only owners can change these settings. Please ask an owner if something needs changing.',
  },
  'staff.settings.slug': { ja: 'URL 用の名前', en: 'Web address name' },
  'staff.settings.slug.hint': {
    ja: '送信済みのメールのリンクに含まれているため、作成後は変更できません。',
    en: 'It cannot be changed after creation: it is part of the links in emails already sent.',
  },
  'staff.settings.nameEn': { ja: '大会名（英語・任意）', en: 'Event name (English, optional)' },
  'staff.settings.organizerNameEn': {
    ja: '主催者名（英語・任意）',
    en: 'Organizer name (English, optional)',
  },
  'staff.settings.organizerName.hint': {
    ja: 'この大会から送るすべてのメール（招待・お知らせ・返信など）の差出人名として表示されます。参加者が大会からのメールだと分かる名前にしてください。',
    en: 'Shown as the sender (“From”) of every email this event sends — invitations, announcements, answers. Use a name runners recognize as the race’s.',
  },
  'staff.settings.descriptionJa': { ja: '大会の説明（日本語）', en: 'Description (Japanese)' },
  'staff.settings.descriptionEn': {
    ja: '大会の説明（英語・任意）',
    en: 'Description (English, optional)',
  },
  'staff.settings.description.hint': {
    ja: '参加者向けの大会ページに表示されます。',
    en: 'Shown on the event’s page for runners.',
  },
  'staff.settings.english.hint': {
    ja: '空欄の場合、英語で閲覧する方にも日本語で表示されます。',
    en: 'If left empty, English readers see the Japanese.',
  },
  'staff.settings.sameAsJapanese': { ja: '（日本語と同じ）', en: '(same as Japanese)' },
  'staff.settings.notSet': { ja: '（未設定）', en: '(not set)' },
  'staff.settings.submit': { ja: '変更を保存する', en: 'Save changes' },
  'staff.settings.saved': { ja: '設定を保存しました。', en: 'The settings were saved.' },
  'staff.settings.unchanged': {
    ja: '変更された項目はありませんでした。',
    en: 'Nothing was changed.',
  },

  // Navigation
  'staff.nav.label': { ja: '大会運営メニュー', en: 'Event management' },
  'staff.nav.dashboard': { ja: '概要', en: 'Overview' },
  'staff.nav.members': { ja: '参加者', en: 'Members' },
  'staff.nav.invitations': { ja: '招待', en: 'Invitations' },
  'staff.nav.import': { ja: '名簿の取り込み', en: 'Import entrants' },
  'staff.nav.announcements': { ja: 'お知らせ', en: 'Announcements' },
  'staff.nav.channels': { ja: 'チャンネル', en: 'Channels' },
  'staff.nav.videos': { ja: '動画', en: 'Videos' },
  'staff.nav.sponsors': { ja: '協賛社', en: 'Sponsors' },
  'staff.nav.team': { ja: 'スタッフ', en: 'Staff' },
  'staff.nav.audit': { ja: '監査ログ', en: 'Audit log' },
  'staff.nav.settings': { ja: '設定', en: 'Settings' },
  'staff.nav.awaitingApproval': { ja: '承認待ち {count}件', en: '{count} awaiting approval' },
  'staff.pager.label': { ja: 'ページ送り', en: 'Pages' },
  'staff.pager.previous': { ja: '← 前へ', en: '← Previous' },
  'staff.pager.next': { ja: '次へ →', en: 'Next →' },
  'staff.pager.first': { ja: '« 最初', en: '« First' },
  'staff.pager.last': { ja: '最後 »', en: 'Last »' },

  // Dashboard
  'staff.dashboard.kicker': { ja: '大会運営', en: 'Event management' },
  'staff.dashboard.summary': { ja: '大会の概要', en: 'About the event' },
  'staff.dashboard.organizer': { ja: '主催者', en: 'Organizer' },
  'staff.dashboard.eventPage': { ja: '参加者向けページ', en: 'Runners’ page' },
  'staff.dashboard.members': { ja: '参加者', en: 'Members' },
  'staff.dashboard.activeMembers': { ja: '参加中', en: 'Active members' },
  'staff.dashboard.leftMembers': { ja: '退会済み', en: 'Left' },
  'staff.dashboard.openMembers': { ja: '参加者一覧を見る', en: 'Open the member list' },
  'staff.dashboard.funnel': { ja: '招待の状況', en: 'Invitations' },
  'staff.dashboard.funnelHelp': {
    ja: '招待はご本人が参加ページで同意するまで、参加にはなりません。',
    en: 'An invitation becomes a membership only when the runner agrees on the join page themselves.',
  },
  'staff.dashboard.invitationsOpen': {
    ja: '一人ひとりの招待状況を見る（検索・再送信・アドレス訂正）',
    en: 'See each invitee (search, resend, correct an address)',
  },
  'staff.funnel.invited': { ja: '招待済み', en: 'Invited' },
  'staff.funnel.reminded': { ja: 'リマインド送信済み', en: 'Reminded' },
  'staff.funnel.joined': { ja: '参加', en: 'Joined' },
  'staff.funnel.declined': { ja: '辞退', en: 'Declined' },
  'staff.funnel.bounced': { ja: '不達', en: 'Bounced' },
  'staff.dashboard.import': { ja: '参加者名簿を取り込む', en: 'Import the entrant list' },
  'staff.dashboard.administration': { ja: '管理', en: 'Administration' },
  'staff.dashboard.teamHelp': {
    ja: 'スタッフの招待、権限の変更、削除',
    en: 'Invite staff, change roles, remove people',
  },
  'staff.dashboard.auditHelp': {
    ja: 'メールアドレスの表示や権限変更などの操作記録',
    en: 'Who revealed an address, changed a role, and more',
  },

  // Members
  'staff.members.title': { ja: '参加者一覧', en: 'Members' },
  'staff.members.privacyNote': {
    ja: 'メールアドレスは一部を伏せて表示しています。連絡のためにどうしても必要な場合に限り、管理者が理由を記入して表示できます（監査ログに記録されます）。',
    en: 'Email addresses are partly hidden. An owner can reveal one when it is truly needed, by entering a reason (recorded in the audit log).',
  },
  'staff.members.search': { ja: 'ゼッケン番号・氏名で検索', en: 'Search by bib or name' },
  'staff.members.searchPlaceholder': { ja: '例：1024、山田', en: 'e.g. 1024, Yamada' },
  'staff.members.searchSubmit': { ja: '検索', en: 'Search' },
  'staff.members.totalCount': { ja: '参加者 {count} 名', en: '{count} members' },
  'staff.members.totalCountOne': { ja: '参加者 {count} 名', en: '{count} member' },
  'staff.members.resultCount': {
    ja: '「{query}」の検索結果：{count} 名',
    en: '{count} members match “{query}”',
  },
  'staff.members.resultCountOne': {
    ja: '「{query}」の検索結果：{count} 名',
    en: '{count} member matches “{query}”',
  },
  'staff.members.resultCountMore': {
    ja: '「{query}」の検索結果：{count} 名以上',
    en: 'More than {count} members match “{query}”',
  },
  'staff.members.resultCountMoreOne': {
    ja: '「{query}」の検索結果：{count} 名以上',
    en: 'More than {count} member matches “{query}”',
  },
  'staff.members.none': { ja: 'まだ参加者はいません。', en: 'No members yet.' },
  'staff.members.pageEmpty': {
    ja: 'このページに表示する参加者はいません。',
    en: 'There are no members on this page.',
  },
  'staff.members.badCursor': {
    ja: 'ページの指定が正しくありません。一覧を最初から開き直してください。',
    en: 'This page address is not valid. Open the list again from the start.',
  },
  'staff.members.noMatch': { ja: '該当する参加者はいません。', en: 'No member matches.' },
  'staff.members.alias': { ja: '表示名', en: 'Alias' },
  'staff.members.bib': { ja: 'ゼッケン', en: 'Bib' },
  'staff.members.name': { ja: '氏名', en: 'Name' },
  'staff.members.joinedAt': { ja: '参加日', en: 'Joined' },
  'staff.members.email': { ja: 'メールアドレス', en: 'Email' },
  'staff.members.channels': { ja: 'メール受信', en: 'Email by channel' },
  'staff.members.emailOn': { ja: '受信', en: 'on' },
  'staff.members.emailOff': { ja: '停止', en: 'off' },
  'staff.members.reveal': { ja: '表示する', en: 'Reveal' },

  // Reveal
  'staff.reveal.title': {
    ja: '{alias} のメールアドレスを表示',
    en: 'Reveal the address of {alias}',
  },
  'staff.reveal.intro': {
    ja: 'メールアドレスを表示する理由を記入してください。理由と操作した管理者は監査ログに記録され、ほかの管理者も確認できます。',
    en: 'Enter why you need this address. The reason and your name are recorded in the audit log, which other owners can read.',
  },
  'staff.reveal.reason': { ja: '表示する理由', en: 'Reason' },
  'staff.reveal.reason.hint': {
    ja: '例：落とし物の返却について、ご本人に連絡するため',
    en: 'e.g. To contact the runner about lost property',
  },
  'staff.reveal.reason.required': {
    ja: '表示する理由を入力してください。',
    en: 'Please enter a reason.',
  },
  'staff.reveal.submit': { ja: '理由を記録して表示する', en: 'Record the reason and reveal' },
  'staff.reveal.done': {
    ja: '表示しました。この操作は監査ログに記録されています。アドレスは必要な連絡にのみ使い、ほかの人に伝えないでください。',
    en: 'Revealed. This is recorded in the audit log. Use the address only for the contact you need and do not pass it on.',
  },
  'staff.reveal.rateLimited': {
    ja: '短時間に多くのメールアドレスが表示されたため、しばらく表示できません。1時間ほどおいてから、もう一度お試しください。',
    en: 'Too many addresses were revealed in a short time. Please try again in about an hour.',
  },
  'staff.reveal.back': { ja: '参加者一覧に戻る', en: 'Back to the member list' },

  // Team
  'staff.team.title': { ja: 'スタッフ', en: 'Staff' },
  'staff.team.current': { ja: '現在のスタッフ', en: 'Current staff' },
  'staff.team.rolesHelp': {
    ja: '管理者：すべての操作 / 編集者：名簿の取り込みとお知らせの下書き / 閲覧者：閲覧のみ。管理者は少なくとも1名必要です。',
    en: 'Owner: everything. Editor: imports and drafts. Viewer: read only. An event always needs at least one owner.',
  },
  'staff.team.email': { ja: 'メールアドレス', en: 'Email address' },
  'staff.team.role': { ja: '権限', en: 'Role' },
  'staff.team.since': { ja: '追加日', en: 'Since' },
  'staff.team.actions': { ja: '操作', en: 'Actions' },
  'staff.team.you': { ja: '（あなた）', en: '(you)' },
  'staff.team.changeRole': { ja: '変更', en: 'Change' },
  'staff.team.remove': { ja: '削除', en: 'Remove' },
  'staff.team.pending': { ja: '招待中', en: 'Invited, not yet signed in' },
  'staff.team.pendingHelp': {
    ja: '招待した方がこのアドレスでログインすると、スタッフに加わります。',
    en: 'They join the staff when they sign in with this address.',
  },
  'staff.team.revoke': { ja: '招待を取り消す', en: 'Withdraw' },
  'staff.team.invite': { ja: 'スタッフを招待する', en: 'Invite a colleague' },
  'staff.team.inviteHelp': {
    ja: '招待メールが届きます。ご本人がログインした時点でスタッフに加わります。',
    en: 'They receive an email and join the staff when they sign in themselves.',
  },
  'staff.team.inviteSubmit': { ja: '招待メールを送る', en: 'Send the invitation' },
  'staff.team.role.invalid': { ja: '権限を選んでください。', en: 'Please choose a role.' },
  'staff.team.invited': { ja: '招待メールを送りました。', en: 'Invitation sent.' },
  'staff.team.roleChanged': { ja: '権限を変更しました。', en: 'Role changed.' },
  'staff.team.removed': { ja: 'スタッフから削除しました。', en: 'Removed from the staff.' },
  'staff.team.revoked': { ja: '招待を取り消しました。', en: 'Invitation withdrawn.' },
  'staff.team.lastOwner': {
    ja: '管理者が1名だけのため、変更できません。先にほかの方を管理者にしてください。',
    en: 'This is the only owner. Make someone else an owner first.',
  },
  'staff.team.alreadyStaff': {
    ja: 'この方はすでにスタッフです。',
    en: 'This person is already on the staff.',
  },
  'staff.team.alreadyInvited': {
    ja: 'このアドレスはすでに招待中です。',
    en: 'This address has already been invited.',
  },

  // Accepting a staff invitation
  'staff.accept.title': { ja: 'スタッフへの招待', en: 'Staff invitation' },
  'staff.accept.body': {
    ja: '{event} の運営スタッフ（{role}）に招待されています。参加する場合はボタンを押してください。',
    en: 'You are invited to the staff of {event} as {role}. Press the button to join.',
  },
  'staff.accept.submit': { ja: 'スタッフに参加する', en: 'Join the staff' },

  // Audit log
  'staff.audit.title': { ja: '監査ログ', en: 'Audit log' },
  'staff.audit.intro': {
    ja: 'スタッフと参加者による重要な操作の記録です。記録は追加のみで、誰も変更・削除できません。',
    en: 'A record of important actions by staff and members. Entries can only be added; nobody can change or delete them.',
  },
  'staff.audit.empty': { ja: '記録はまだありません。', en: 'Nothing recorded yet.' },
  'staff.audit.when': { ja: '日時', en: 'When' },
  'staff.audit.what': { ja: '内容', en: 'What happened' },
  'staff.audit.newest': { ja: '← 最新の記録', en: '← Newest' },
  'staff.audit.older': { ja: 'さらに前の記録 →', en: 'Older →' },
} satisfies MessageTable;

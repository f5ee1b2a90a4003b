import type { MessageTable } from '../types';

// Sponsor console, owner review, and the members' offers page.
export const sponsors = {
  // Review states
  'sponsors.status.draft': { ja: '下書き', en: 'Draft' },
  'sponsors.status.pending': { ja: '承認待ち', en: 'Awaiting approval' },
  'sponsors.status.approved': { ja: '公開中', en: 'Approved' },
  'sponsors.status.rejected': { ja: '差し戻し', en: 'Returned' },
  'sponsors.status.withdrawn': { ja: '公開停止', en: 'Taken down' },

  // Console frame
  'sponsors.console.label': { ja: '協賛社コンソール', en: 'Sponsor console' },
  'sponsors.console.navLabel': { ja: '協賛社コンソールのメニュー', en: 'Sponsor console menu' },
  'sponsors.console.choose': {
    ja: '協賛社コンソールを選んでください',
    en: 'Choose a sponsor console',
  },
  'sponsors.nav.offers': { ja: '特典', en: 'Offers' },
  'sponsors.nav.notices': { ja: 'お知らせ', en: 'Notices' },
  'sponsors.nav.till': { ja: 'レジでのコード確認', en: 'Till' },
  'sponsors.nav.stats': { ja: '集計', en: 'Statistics' },

  // Offers list
  'sponsors.offers.title': { ja: '特典', en: 'Offers' },
  'sponsors.offers.new': { ja: '特典を作成', en: 'New offer' },
  'sponsors.offers.intro': {
    ja: '作成した特典は、大会事務局の承認後に参加者の特典ページに掲載されます。公開中の特典を編集すると、再び承認されるまで掲載が止まります。',
    en: 'Offers appear on runners’ offers page once the race office approves them. Editing an approved offer takes it down until it is approved again.',
  },
  'sponsors.offers.none': { ja: 'まだ特典はありません。', en: 'No offers yet.' },

  // Offer fields
  'sponsors.offer.title': { ja: '特典名', en: 'Offer' },
  'sponsors.offer.status': { ja: '状態', en: 'Status' },
  'sponsors.offer.period': { ja: '有効期間', en: 'Valid' },
  'sponsors.offer.poolSize': { ja: 'コード数', en: 'Codes' },
  'sponsors.offer.titleJa': { ja: 'タイトル（日本語）', en: 'Title (Japanese)' },
  'sponsors.offer.titleEn': { ja: 'タイトル（英語・任意）', en: 'Title (English, optional)' },
  'sponsors.offer.discountJa': { ja: '割引内容（日本語）', en: 'Discount (Japanese)' },
  'sponsors.offer.discountEn': {
    ja: '割引内容（英語・任意）',
    en: 'Discount (English, optional)',
  },
  'sponsors.offer.discountHint': {
    ja: '例：「定価から20%オフ」',
    en: 'For example “定価から20%オフ”',
  },
  'sponsors.offer.discountHintEn': {
    ja: '例：「20% off the list price」',
    en: 'For example “20% off the list price”',
  },
  'sponsors.offer.bodyJa': { ja: '説明（日本語）', en: 'Description (Japanese)' },
  'sponsors.offer.bodyEn': { ja: '説明（英語・任意）', en: 'Description (English, optional)' },
  'sponsors.offer.termsJa': { ja: 'ご利用条件（日本語）', en: 'Terms (Japanese)' },
  'sponsors.offer.termsEn': { ja: 'ご利用条件（英語・任意）', en: 'Terms (English, optional)' },
  'sponsors.offer.validFrom': { ja: '開始日', en: 'Valid from' },
  'sponsors.offer.validUntil': { ja: '終了日', en: 'Valid until' },
  'sponsors.offer.perMemberLimit': { ja: 'お一人あたりの取得上限', en: 'Codes per runner' },
  'sponsors.offer.image': { ja: '画像（任意）', en: 'Image (optional)' },
  'sponsors.offer.imageHint': {
    ja: 'PNG・JPEG・WebP 形式、2MB までです。',
    en: 'PNG, JPEG or WebP, up to 2 MB.',
  },
  'sponsors.offer.currentImage': { ja: '現在の画像', en: 'Current image' },
  'sponsors.offer.removeImage': { ja: '画像を削除する', en: 'Remove the image' },

  // Editor
  'sponsors.editor.title': { ja: '特典の編集', en: 'Edit offer' },
  'sponsors.editor.intro': {
    ja: '英語の欄は任意です。英語がない場合、英語で表示している参加者には日本語の内容が「日本語のみ」と添えて表示されます。保存後、配布するコードを登録してから承認を申請してください。',
    en: 'The English fields are optional. Without them, runners who read in English see the Japanese text, marked “Japanese only”. After saving, add the codes to hand out, then send the offer for approval.',
  },
  'sponsors.editor.contents': { ja: '内容', en: 'Contents' },
  'sponsors.editor.saveDraft': { ja: '下書きを保存', en: 'Save draft' },
  'sponsors.editor.saveForReview': { ja: '保存して承認を申請', en: 'Save and send for approval' },
  'sponsors.editor.cancel': { ja: 'キャンセル', en: 'Cancel' },
  'sponsors.editor.submit': {
    ja: '大会事務局に承認を申請',
    en: 'Send to the race office for approval',
  },
  'sponsors.editor.withdraw': { ja: '公開を停止する', en: 'Take down' },
  'sponsors.editor.saved': { ja: '保存しました。', en: 'Saved.' },
  'sponsors.editor.savedWithdrawn': {
    ja: '保存しました。内容が変わったため、大会事務局が再度承認するまで、この特典は参加者に表示されません。',
    en: 'Saved. Because the offer changed, runners will not see it until the race office approves it again.',
  },
  'sponsors.editor.submitted': {
    ja: '承認を申請しました。大会事務局の確認をお待ちください。',
    en: 'Sent for approval. The race office will review it.',
  },
  'sponsors.editor.takenDown': {
    ja: '公開を停止しました。すでにコードを取得した参加者は、引き続きコードを利用できます。',
    en: 'Taken down. Runners who already claimed a code can still use it.',
  },
  'sponsors.editor.needsCodes': {
    ja: '承認を申請する前に、配布するコードを登録してください。',
    en: 'Add the codes to hand out before sending the offer for approval.',
  },
  'sponsors.editor.cannotSubmit': {
    ja: 'この特典は現在、申請できる状態ではありません。',
    en: 'This offer cannot be sent for approval in its current state.',
  },
  'sponsors.editor.cannotWithdraw': {
    ja: 'この特典は現在、公開停止できる状態ではありません。',
    en: 'This offer cannot be taken down in its current state.',
  },
  'sponsors.editor.editApprovedWarning': {
    ja: 'この特典は公開中です。内容を保存すると、大会事務局が再度承認するまで掲載が止まります。',
    en: 'This offer is live. Saving a change takes it down until the race office approves it again.',
  },
  'sponsors.editor.state.draft': {
    ja: '下書きです。コードを登録したら、大会事務局に承認を申請してください。',
    en: 'Draft. Once it has codes, send it to the race office for approval.',
  },
  'sponsors.editor.state.pending': {
    ja: '大会事務局の承認待ちです。承認されると参加者に公開されます。',
    en: 'Waiting for the race office. It goes live once approved.',
  },
  'sponsors.editor.state.approved': {
    ja: '承認済みで、有効期間中は参加者の特典ページに掲載されています。',
    en: 'Approved: runners see it on their offers page while it is valid.',
  },
  'sponsors.editor.state.rejected': {
    ja: '大会事務局から差し戻されました。コメントをご確認のうえ、修正して再度申請してください。',
    en: 'The race office returned this offer. Please read the comment, make changes and send it again.',
  },
  'sponsors.editor.state.withdrawn': {
    ja: '公開を停止しています。再度公開するには、承認を申請してください。',
    en: 'Taken down. Send it for approval to publish it again.',
  },
  'sponsors.form.date': { ja: '日付を正しく入力してください。', en: 'Please enter a valid date.' },
  'sponsors.form.dateOrder': {
    ja: '終了日は開始日以降の日付にしてください。',
    en: 'The end date must not be before the start date.',
  },
  'sponsors.form.limit': {
    ja: '1〜10の数字で入力してください。',
    en: 'Enter a number from 1 to 10.',
  },
  'sponsors.form.oneLanguage': {
    ja: 'タイトルを入力してください（英語は任意です）。',
    en: 'Enter a title (in Japanese, English or both).',
  },
  'sponsors.form.requiredJa': {
    ja: '日本語の欄に入力があるため、この項目も日本語で入力してください。',
    en: 'Some Japanese is filled in, so this is needed in Japanese too.',
  },
  'sponsors.form.requiredEn': {
    ja: '英語の欄に入力があるため、この項目も英語で入力してください（英語を載せない場合は、英語の欄をすべて空にしてください）。',
    en: 'Some English is filled in, so this is needed in English too (or leave every English field empty).',
  },
  'sponsors.content.noEnglish': {
    ja: '英語の内容はありません（英語で表示している参加者には日本語が表示されます）。',
    en: 'No English text (runners who read in English see the Japanese).',
  },
  'sponsors.content.noJapanese': {
    ja: '日本語の内容はありません（日本語で表示している参加者には英語が表示されます）。',
    en: 'No Japanese text (runners who read in Japanese see the English).',
  },
  'sponsors.image.invalid': {
    ja: '画像は PNG・JPEG・WebP 形式のファイルを選んでください。',
    en: 'Please choose a PNG, JPEG or WebP image.',
  },
  'sponsors.image.tooLarge': {
    ja: '画像が大きすぎます（2MB まで）。',
    en: 'The image is too large (2 MB at most).',
  },

  // Code pool
  'sponsors.codes.manage': { ja: 'コードの登録・確認', en: 'Codes' },
  'sponsors.codes.title': { ja: '配布するコード', en: 'Codes to hand out' },
  'sponsors.codes.intro': {
    ja: '参加者が特典を取得すると、ここに登録したコードが1人に1つずつ割り当てられます。同じコードが2人に渡ることはありません。',
    en: 'When a runner claims the offer, one of these codes is assigned to them. No code is ever given to two people.',
  },
  'sponsors.codes.poolEmpty': {
    ja: 'まだコードは登録されていません。',
    en: 'No codes have been added yet.',
  },
  'sponsors.codes.poolExact': {
    ja: '{total}件中{handed}件を配布済み、残り{left}件です。',
    en: '{handed} of {total} codes handed out; {left} left.',
  },
  'sponsors.codes.poolRange': {
    ja: '{total}件中、配布済みは{threshold}件未満です（残りは{from}〜{total}件）。',
    en: 'Fewer than {threshold} of {total} codes handed out so far ({from}–{total} left).',
  },
  'sponsors.codes.poolRangeWhy': {
    ja: '配布済みが{threshold}件になるまでは、コードを受け取った参加者が特定されないよう、正確な数ではなく幅で表示しています。コードが足りないわけではありません。',
    en: 'Until {threshold} have been handed out we show a range instead of the exact number, so that no runner who took one can be singled out. No codes are missing.',
  },
  'sponsors.codes.backToOffer': { ja: '特典の画面に戻る', en: 'Back to the offer' },
  'sponsors.codes.added': { ja: '{count}件のコードを登録しました。', en: 'Added {count} codes.' },
  'sponsors.codes.addedOne': { ja: '{count}件のコードを登録しました。', en: 'Added {count} code.' },
  'sponsors.codes.generateTitle': { ja: 'コードを自動で作成', en: 'Generate codes' },
  'sponsors.codes.generateIntro': {
    ja: '推測されにくいランダムな10文字のコードを作成します（見間違えやすい 0・O・1・I は使いません）。',
    en: 'Creates random 10-character codes that cannot be guessed (without the easily confused 0, O, 1 and I).',
  },
  'sponsors.codes.count': { ja: '作成する数', en: 'How many' },
  'sponsors.codes.countInvalid': {
    ja: '1〜10,000の数字で入力してください。',
    en: 'Enter a number from 1 to 10,000.',
  },
  'sponsors.codes.prefix': { ja: '先頭に付ける文字（任意）', en: 'Prefix (optional)' },
  'sponsors.codes.prefixHint': {
    ja: '英数字8文字まで。例：SAKURA',
    en: 'Up to 8 letters or digits, e.g. SAKURA',
  },
  'sponsors.codes.prefixInvalid': {
    ja: '英数字8文字までで入力してください。',
    en: 'Use up to 8 letters or digits.',
  },
  'sponsors.codes.generate': { ja: 'コードを作成', en: 'Generate' },
  'sponsors.codes.uploadTitle': {
    ja: 'お手持ちのコードを登録（CSV）',
    en: 'Upload your own codes (CSV)',
  },
  'sponsors.codes.uploadIntro': {
    ja: '1行に1つのコードを書いたファイルです（1行目の見出し「code」は省略できます）。英数字とハイフンで4〜40文字。1行でも問題があるとファイル全体を登録せず、該当する行をお知らせします。',
    en: 'One code per line (a first line “code” is optional); 4–40 letters, digits or hyphens. If any line has a problem, nothing from the file is added and the lines are listed.',
  },
  'sponsors.codes.file': { ja: 'ファイル', en: 'File' },
  'sponsors.codes.upload': { ja: 'アップロード', en: 'Upload' },
  'sponsors.codes.fileMissing': { ja: 'ファイルを選んでください。', en: 'Please choose a file.' },
  'sponsors.codes.fileTooLarge': {
    ja: 'ファイルが大きすぎます（1MB まで）。',
    en: 'The file is too large (1 MB at most).',
  },
  'sponsors.codes.fileRejected': {
    ja: '{total}行のうち{bad}行に問題があったため、このファイルのコードは1件も登録していません。次の行を修正して、ファイル全体をもう一度アップロードしてください。',
    en: '{bad} of {total} lines have problems, so no code from this file was added. Please fix these lines and upload the whole file again.',
  },
  'sponsors.codes.lineNumber': { ja: '行', en: 'Line' },
  'sponsors.codes.reason': { ja: '内容', en: 'Problem' },
  'sponsors.codes.line.format': {
    ja: '使えない文字が含まれています（英数字とハイフンのみ）。',
    en: 'Contains characters other than letters, digits and hyphens.',
  },
  'sponsors.codes.line.length': {
    ja: '4〜40文字にしてください。',
    en: 'Must be 4–40 characters long.',
  },
  'sponsors.codes.line.columns': {
    ja: '1行に1つのコードだけを書いてください。',
    en: 'Put exactly one code on each line.',
  },
  'sponsors.codes.line.duplicate': {
    ja: '{first}行目と同じコードです。',
    en: 'Same code as line {first}.',
  },
  'sponsors.codes.line.in_pool': {
    ja: 'すでに登録済みのコードです。',
    en: 'This code is already in one of your pools.',
  },
  'sponsors.codes.file.encoding': {
    ja: 'ファイルを読み取れませんでした。UTF-8 のテキストファイル（CSV）で保存してください。',
    en: 'We could not read the file. Please save it as UTF-8 text (CSV).',
  },
  'sponsors.codes.file.empty': {
    ja: 'ファイルにコードがありません。',
    en: 'The file contains no codes.',
  },
  'sponsors.codes.file.too_many': {
    ja: '一度に登録できるのは20,000件までです。ファイルを分けてください。',
    en: 'At most 20,000 codes per file. Please split the file.',
  },
  'sponsors.codes.file.pool_full': {
    ja: '1つの特典に登録できるコードは100,000件までです。',
    en: 'An offer can hold at most 100,000 codes.',
  },

  // Notices
  'sponsors.notices.title': { ja: 'お知らせ', en: 'Notices' },
  'sponsors.notices.intro': {
    ja: '参加者の特典ページに掲載する短いお知らせです。大会事務局の承認後に掲載されます。参加者からの返信は受け付けていません。英語の欄は任意です（英語がない場合、英語で表示している参加者には日本語の内容が「日本語のみ」と添えて表示されます）。',
    en: 'Short notices shown on runners’ offers page once the race office approves them. Runners cannot reply to them. English is optional (without it, runners who read in English see the Japanese text, marked “Japanese only”).',
  },
  'sponsors.notices.none': { ja: 'まだお知らせはありません。', en: 'No notices yet.' },
  'sponsors.notices.new': { ja: 'お知らせを作成', en: 'New notice' },
  'sponsors.notices.edit': { ja: 'お知らせの編集', en: 'Edit notice' },
  'sponsors.notices.bodyJa': {
    ja: '本文（日本語、400文字まで）',
    en: 'Text (Japanese, up to 400 characters)',
  },
  'sponsors.notices.bodyEn': {
    ja: '本文（英語・任意、400文字まで）',
    en: 'Text (English, optional, up to 400 characters)',
  },
  'sponsors.notices.submit': { ja: '保存して承認を申請', en: 'Save and send for approval' },
  'sponsors.notices.withdraw': { ja: '掲載を停止する', en: 'Take down' },
  'sponsors.notices.saved': { ja: '保存しました。', en: 'Saved.' },
  'sponsors.notices.cannotWithdraw': {
    ja: 'このお知らせは現在、掲載を停止できる状態ではありません。',
    en: 'This notice cannot be taken down in its current state.',
  },
  'sponsors.notices.editApprovedWarning': {
    ja: 'このお知らせは掲載中です。内容を保存すると、大会事務局が再度承認するまで掲載が止まります。',
    en: 'This notice is live. Saving a change takes it down until the race office approves it again.',
  },

  // Till
  'sponsors.till.title': { ja: 'レジでのコード確認', en: 'Till: check a code' },
  'sponsors.till.intro': {
    ja: '参加者が提示したコードを入力するか、QRコードをスキャナーで読み取ってください。有効なコードであれば「使用済みにする」を押して処理を完了します。',
    en: 'Type the code the runner shows you, or scan their QR code. If it is valid, press “Redeem” to complete.',
  },
  'sponsors.till.code': { ja: 'コード', en: 'Code' },
  'sponsors.till.check': { ja: '確認する', en: 'Check' },
  'sponsors.till.redeem': { ja: '使用済みにする', en: 'Redeem' },
  'sponsors.till.redeemedNow': {
    ja: '使用済みにしました。割引を適用してください。',
    en: 'Redeemed. Please apply the discount.',
  },
  'sponsors.till.redeemedAt': { ja: '使用日時：{when}', en: 'Redeemed: {when}' },
  'sponsors.till.status.valid': { ja: '有効なコードです。', en: 'Valid code.' },
  'sponsors.till.status.redeemed': {
    ja: 'このコードはすでに使用済みです。割引は適用できません。',
    en: 'This code has already been redeemed. Do not apply the discount.',
  },
  'sponsors.till.status.unknown': {
    ja: 'このコードは見つかりません。入力内容をご確認ください。',
    en: 'Unknown code. Please check what was entered.',
  },
  'sponsors.till.status.expired': {
    ja: 'このコードは有効期限が過ぎています。',
    en: 'This code has expired.',
  },
  'sponsors.till.status.foreign': {
    ja: 'このコードは他の協賛社の特典のものです。貴社では使用できません。',
    en: 'This code belongs to another sponsor’s offer and cannot be redeemed here.',
  },
  'sponsors.till.status.unclaimed': {
    ja: 'このコードはまだ参加者に配布されていないため、使用できません。',
    en: 'This code has not been given to any runner, so it cannot be redeemed.',
  },
  'sponsors.till.codeTooLong': { ja: 'コードが長すぎます。', en: 'That code is too long.' },
  'sponsors.till.rateLimited': {
    ja: '短時間に確認できる回数の上限に達しました。しばらく待ってから、もう一度お試しください。',
    en: 'Too many checks in a short time. Please wait a little and try again.',
  },
  'sponsors.till.camera.start': { ja: 'カメラで読み取る', en: 'Scan with the camera' },
  'sponsors.till.camera.stop': { ja: '読み取りをやめる', en: 'Stop the camera' },
  'sponsors.till.camera.hint': {
    ja: '参加者のQRコードをカメラに映してください。読み取ると自動で確認します。',
    en: 'Hold the runner’s QR code in front of the camera. It is checked as soon as it is read.',
  },
  'sponsors.till.camera.reload': { ja: 'ページを再読み込み', en: 'Reload the page' },
  'sponsors.till.camera.problem.denied': {
    ja: 'カメラの使用が許可されていません。ブラウザの設定でこのサイトのカメラを許可してから、もう一度お試しください。コードを入力して確認することもできます。',
    en: 'The camera is not allowed. Allow this site to use the camera in your browser’s settings and try again, or type the code instead.',
  },
  'sponsors.till.camera.problem.noCamera': {
    ja: 'カメラが見つかりませんでした。コードを入力して確認してください。',
    en: 'No camera was found. Please type the code instead.',
  },
  'sponsors.till.camera.problem.busy': {
    ja: 'カメラを起動できませんでした。ほかのアプリでカメラを使用していないかご確認ください。',
    en: 'The camera could not be started. Check that no other app is using it.',
  },
  'sponsors.till.camera.problem.blocked': {
    ja: 'カメラを使うには、このページを再読み込みしてください。',
    en: 'To use the camera, please reload this page.',
  },
  'sponsors.till.camera.problem.failed': {
    ja: 'カメラでの読み取りに失敗しました。コードを入力して確認してください。',
    en: 'Scanning with the camera failed. Please type the code instead.',
  },
  'sponsors.till.privacy': {
    ja: 'この画面には、コードを提示した方についての情報（お名前・メールアドレス・ゼッケン番号など）は一切表示されません。',
    en: 'This page never shows anything about the person showing the code (no name, email address or bib number).',
  },

  // Stats
  'sponsors.stats.title': { ja: '集計', en: 'Statistics' },
  'sponsors.stats.intro': {
    ja: '特典ごとの閲覧数・取得数・利用数です。個人が特定されないよう、{n}未満の数は「<{n}」と表示し、日別の内訳も{n}以上になる期間（日・週・月）でまとめて表示します。',
    en: 'Views, claims and redemptions per offer. So that no one can be singled out, numbers below {n} show as “<{n}”, and the breakdown uses the shortest period (day, week or month) in which every count is at least {n}.',
  },
  'sponsors.stats.views': { ja: '閲覧数', en: 'Views' },
  'sponsors.stats.claims': { ja: '取得数', en: 'Claims' },
  'sponsors.stats.redemptions': { ja: '利用数', en: 'Redemptions' },
  'sponsors.stats.count': { ja: '件数', en: 'Count' },
  'sponsors.stats.period.day': { ja: '日', en: 'Day' },
  'sponsors.stats.period.week': { ja: '週', en: 'Week' },
  'sponsors.stats.period.month': { ja: '月', en: 'Month' },
  'sponsors.stats.period.total': { ja: '期間', en: 'Period' },
  'sponsors.stats.onlyTotal': {
    ja: '件数が少ないため、内訳は表示していません。',
    en: 'Too few to show a breakdown.',
  },

  // Owner: sponsors and review
  'sponsors.staff.title': { ja: '協賛社', en: 'Sponsors' },
  'sponsors.staff.created': {
    ja: '協賛社を登録し、担当者に招待メールを送りました。',
    en: 'Sponsor added and the invitation sent.',
  },
  'sponsors.staff.reviewQueue': { ja: '承認待ち', en: 'Awaiting approval' },
  'sponsors.staff.reviewIntro': {
    ja: '協賛社の特典とお知らせは、管理者が承認するまで参加者に表示されません。',
    en: 'Sponsor offers and notices reach runners only after an owner approves them.',
  },
  'sponsors.staff.nothingToReview': {
    ja: '承認待ちのものはありません。',
    en: 'Nothing is waiting for approval.',
  },
  'sponsors.staff.kindOffer': { ja: '特典', en: 'Offer' },
  'sponsors.staff.kindNotice': { ja: 'お知らせ', en: 'Notice' },
  'sponsors.staff.review': { ja: '確認する', en: 'Review' },
  'sponsors.staff.sponsors': { ja: '協賛社の一覧', en: 'Sponsors' },
  'sponsors.staff.noSponsors': { ja: 'まだ協賛社は登録されていません。', en: 'No sponsors yet.' },
  'sponsors.staff.sponsorName': { ja: '協賛社名', en: 'Sponsor' },
  'sponsors.staff.staffCount': { ja: '担当者', en: 'Staff' },
  'sponsors.staff.pendingInvitations': { ja: '招待中', en: 'Invited' },
  'sponsors.staff.offerCount': { ja: '特典', en: 'Offers' },
  'sponsors.staff.addSponsor': { ja: '協賛社を追加', en: 'Add a sponsor' },
  'sponsors.staff.addSponsorIntro': {
    ja: '協賛社の担当者に招待メールを送ります。担当者が自分でログインした時点で、協賛社コンソールを利用できるようになります。協賛社コンソールでは、参加者の個人情報は一切見られません。',
    en: 'We email the sponsor’s contact an invitation; they get the sponsor console when they sign in themselves. The sponsor console never shows anything about individual runners.',
  },
  'sponsors.staff.nameJa': { ja: '協賛社名（日本語）', en: 'Sponsor name (Japanese)' },
  'sponsors.staff.nameEn': {
    ja: '協賛社名（英語・任意）',
    en: 'Sponsor name (English, optional)',
  },
  'sponsors.staff.addAndInvite': {
    ja: '追加して招待メールを送る',
    en: 'Add and send the invitation',
  },
  'sponsors.staff.sponsorStaff': { ja: '協賛社の担当者', en: 'Sponsor staff' },
  'sponsors.staff.sponsorStaffIntro': {
    ja: '協賛社コンソールを利用できる方です（協賛社側の担当者で、参加者ではありません）。',
    en: 'People who can use this sponsor’s console (the sponsor’s own staff, not runners).',
  },
  'sponsors.staff.since': { ja: '{date}から', en: 'since {date}' },
  'sponsors.staff.invitedUntil': {
    ja: '招待中（{date}まで有効）',
    en: 'Invited (valid until {date})',
  },
  'sponsors.staff.inviteMore': { ja: '担当者を招待', en: 'Invite a staff member' },
  'sponsors.invite.email': { ja: '担当者のメールアドレス', en: 'Contact’s email address' },
  'sponsors.invite.emailHint': {
    ja: '協賛社の担当者ご本人のアドレスを入力してください。',
    en: 'The sponsor contact’s own address.',
  },
  'sponsors.invite.language': { ja: '招待メールの言語', en: 'Invitation language' },
  'sponsors.invite.send': { ja: '招待メールを送る', en: 'Send the invitation' },
  'sponsors.invite.sent': { ja: '招待メールを送りました。', en: 'Invitation sent.' },
  'sponsors.invite.refused.is_staff': {
    ja: 'このアドレスは大会スタッフとして登録されています。協賛社の担当者には別のアドレスをお使いください。',
    en: 'This address belongs to race staff. Please use a different address for the sponsor.',
  },
  'sponsors.invite.refused.already_sponsor_staff': {
    ja: 'この方はすでにこの協賛社の担当者です。',
    en: 'This person is already on this sponsor’s staff.',
  },
  'sponsors.invite.refused.other_sponsor': {
    ja: 'この方はこの大会の別の協賛社の担当者です。',
    en: 'This person is on another sponsor’s staff for this event.',
  },
  'sponsors.review.offerTitle': { ja: '特典の確認', en: 'Review offer' },
  'sponsors.review.noticeTitle': { ja: 'お知らせの確認', en: 'Review notice' },
  'sponsors.review.version': { ja: '第{n}版', en: 'version {n}' },
  'sponsors.review.decide': { ja: '承認または差し戻し', en: 'Approve or return' },
  'sponsors.review.decideIntro': {
    ja: '承認すると、この内容のまま参加者に公開されます。差し戻す場合は、協賛社に理由をお伝えください。',
    en: 'Approving publishes exactly this version to runners. When returning it, tell the sponsor why.',
  },
  'sponsors.review.comment': { ja: '協賛社へのコメント', en: 'Comment to the sponsor' },
  'sponsors.review.commentHint': {
    ja: '差し戻す場合は必須です。',
    en: 'Required when returning it.',
  },
  'sponsors.review.commentRequired': {
    ja: '差し戻す理由を入力してください。',
    en: 'Please say why you are returning it.',
  },
  'sponsors.review.commentFromOrganizer': {
    ja: '大会事務局からのコメント',
    en: 'Comment from the race office',
  },
  'sponsors.review.approve': { ja: '承認して公開する', en: 'Approve and publish' },
  'sponsors.review.reject': { ja: '差し戻す', en: 'Return to sponsor' },
  'sponsors.review.stale': {
    ja: '確認中に協賛社が内容を変更しました。最新の内容をもう一度ご確認ください。',
    en: 'The sponsor changed this while you were reviewing. Please review the latest version.',
  },
  'sponsors.review.notPending': {
    ja: 'これは現在、承認待ちではありません。',
    en: 'This is not awaiting approval any more.',
  },

  // An approved notice as an announcement draft in the sponsor channel (owner only)
  'sponsors.noticeDraft.heading': {
    ja: '協賛社チャンネルでのお知らせ',
    en: 'Announce it in the sponsor channel',
  },
  'sponsors.noticeDraft.intro': {
    ja: '承認済みのこのお知らせをもとに、「{channel}」チャンネルのお知らせの下書きを作成します。通常のお知らせと同じく、内容を確認・編集し、配信対象のプレビューを確認してから送信してください。メールは、このチャンネルのメールを受け取る設定にしている参加者にだけ届きます。',
    en: 'Creates an announcement draft in the "{channel}" channel from this approved notice. As with any announcement, check and edit the text, look at the audience preview, and then send it. Email goes only to members who get this channel by email.',
  },
  'sponsors.noticeDraft.create': {
    ja: 'この告知からお知らせの下書きを作る',
    en: 'Draft an announcement from this notice',
  },
  'sponsors.noticeDraft.drafted': { ja: '下書き済み', en: 'Drafted' },
  'sponsors.noticeDraft.open': {
    ja: '作成したお知らせを開く',
    en: 'Open the announcement',
  },
  'sponsors.noticeDraft.lead': {
    ja: '協賛社「{sponsor}」からのお知らせです。',
    en: 'A notice from our sponsor {sponsor}.',
  },
  'sponsors.noticeDraft.notApproved': {
    ja: 'このお知らせは現在承認済みではないため、お知らせの下書きは作成できません。',
    en: 'This notice is not approved at the moment, so no announcement can be drafted from it.',
  },
  'sponsors.noticeDraft.noChannel': {
    ja: 'この大会には協賛社用のチャンネル（識別名「sponsors」）がないため、お知らせの下書きは作成できません。チャンネルの画面でご確認ください。',
    en: 'This event has no sponsor channel (identifier "sponsors"), so no announcement can be drafted. Please check the channels page.',
  },

  // Members
  'sponsors.member.title': { ja: '協賛社からの特典', en: 'Sponsor offers' },
  'sponsors.member.intro': {
    ja: '大会事務局が確認した協賛社の特典です。特典を取得しても、あなたのお名前やメールアドレスが協賛社に伝わることはありません。',
    en: 'Offers from our sponsors, reviewed by the race office. Claiming one never tells a sponsor your name or email address.',
  },
  'sponsors.member.available': { ja: '取得できる特典', en: 'Available offers' },
  'sponsors.member.none': {
    ja: '現在、取得できる特典はありません。',
    en: 'There are no offers right now.',
  },
  'sponsors.member.until': { ja: '{date}まで', en: 'Until {date}' },
  'sponsors.member.seeAndClaim': { ja: '詳しく見る・取得する', en: 'See and claim' },
  'sponsors.member.details': { ja: '詳しく見る', en: 'Details' },
  'sponsors.member.showCode': { ja: 'コードを表示', en: 'Show code' },
  'sponsors.member.soldOutBadge': { ja: '配布終了', en: 'All claimed' },
  'sponsors.member.myCodes': { ja: '取得したコード', en: 'Your codes' },
  'sponsors.member.used': { ja: '使用済み', en: 'Used' },
  'sponsors.member.terms': { ja: 'ご利用条件', en: 'Terms' },
  'sponsors.member.claimIntro': {
    ja: '「取得する」を押すと、あなた専用のコードが表示されます。',
    en: 'Press “Claim” to get a code of your own.',
  },
  'sponsors.member.claimAnother': {
    ja: 'お一人{n}つまで取得できます。',
    en: 'You can claim up to {n}.',
  },
  'sponsors.member.claim': { ja: '取得する', en: 'Claim' },
  'sponsors.member.soldOut': {
    ja: '申し訳ありません。この特典は予定数に達したため、配布を終了しました。',
    en: 'Sorry, all codes for this offer have been claimed.',
  },
  'sponsors.member.limitReached': {
    ja: 'この特典は、お一人が取得できる上限に達しています。',
    en: 'You have already claimed as many of these as you can.',
  },
  'sponsors.member.yourCode': { ja: 'あなたのコード', en: 'Your code' },
  'sponsors.member.onlyYou': {
    ja: 'このコードはあなたにだけ表示されています。',
    en: 'Only you can see this code.',
  },
  'sponsors.member.qrLabel': { ja: 'コードのQRコード', en: 'QR code of your code' },
  'sponsors.member.showAtTill': {
    ja: 'お店のレジでこの画面（コードまたはQRコード）をご提示ください。',
    en: 'Show this screen (the code or the QR code) at the till.',
  },
  'sponsors.member.markUsed': { ja: '使用済みにする', en: 'Mark as used' },
  'sponsors.member.markUsedHint': {
    ja: 'オンラインストアなどでご利用になった場合は、こちらを押してください。使用済みにすると、お店では使えなくなります。',
    en: 'For example after using it online. Once marked, it can no longer be used at a till.',
  },
  'sponsors.member.markUsedConfirm': {
    ja: 'このコードを使用済みにします（元に戻せません）',
    en: 'Mark this code as used (this cannot be undone)',
  },
  'sponsors.member.markUsedSubmit': { ja: '使用済みにする（確定）', en: 'Confirm: mark as used' },
  'sponsors.member.markUsedConfirmMissing': {
    ja: '使用済みにするには、確認のチェックを入れてください。コードはまだ使えます。',
    en: 'Tick the box to confirm. The code has not been marked as used.',
  },
  'sponsors.member.cannotMarkUsed': {
    ja: 'このコードは使用済みにできませんでした。',
    en: 'This code could not be marked as used.',
  },
  'sponsors.member.notices': { ja: '協賛社からのお知らせ', en: 'News from our sponsors' },
} satisfies MessageTable;

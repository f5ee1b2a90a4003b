import type { MessageTable } from '../types';

export const invitations = {
  // Entrant list import (staff)
  'invitations.import.title': { ja: 'エントリー名簿の取り込み', en: 'Import the entrant list' },
  'invitations.import.intro': {
    ja: '大会のエントリー名簿（CSV）から、参加者への招待を作成します。取り込んだだけでは、誰も参加者にはなりません。招待メールを受け取ったご本人が、自分で「参加する」を押した場合にのみ参加となります。',
    en: 'Creates invitations from the race’s entrant list (CSV). Importing makes nobody a member: a runner joins only by pressing “Join” themselves after receiving the invitation.',
  },
  'invitations.import.format': {
    ja: '1行目を見出し行にしてください。必要な項目はメールアドレス、氏名（1列、または「姓」と「名」の2列）、ゼッケン（見出しが「ナンバーカード」「ビブス」の列も使えます）で、フリガナと種目は任意です。アップロードすると、どの列を何として使うかを確認する画面が出ます。確定するまで何も取り込まれません。文字コードは UTF-8（BOM あり・なし）と Shift_JIS（Excel の「CSV（コンマ区切り）」）に対応しています。ファイルは 20MB、10万行までです。',
    en: 'The first line must be a header. Needed: email, name (one column, or family and given name in two), bib; optional: reading (kana) and category. After the upload you check which column is used for what; nothing is imported until you confirm. UTF-8 (with or without BOM) and Shift_JIS (Excel’s “CSV (Comma delimited)” on Japanese Windows) are accepted. Up to 20 MB and 100,000 rows.',
  },
  'invitations.import.sending': {
    ja: '招待メールは取り込み後に順番に送信されます。1人につき1通だけで、参加も辞退もしていない方にのみ、3日以上たってから1回だけ再送します。辞退した方には送信しません。',
    en: 'Invitations are sent one by one after the import: one per person, plus a single reminder no earlier than 3 days later to those who have neither joined nor declined. People who declined are never contacted.',
  },
  'invitations.import.file': { ja: 'CSV ファイル', en: 'CSV file' },
  'invitations.import.submit': {
    ja: 'アップロードして列を確認する',
    en: 'Upload and check the columns',
  },
  'invitations.import.result.field': { ja: '項目', en: 'Field' },
  'invitations.import.result.value': { ja: '値', en: 'Value' },

  // The column mapping step
  'invitations.mapping.title': { ja: '列の確認', en: 'Check the columns' },
  'invitations.mapping.intro': {
    ja: 'まだ何も取り込んでいません。それぞれの項目にどの列を使うかを確認して、「この内容で取り込んで招待する」を押してください。選んだ組み合わせはこの大会で覚えておき、次のアップロードで最初から選ばれます。',
    en: 'Nothing has been imported yet. Check which column is used for each field, then press “Import and invite”. The choice is remembered for this event’s next upload.',
  },
  'invitations.mapping.file': {
    ja: 'ファイル：{file}（文字コード：{encoding}、データ {rows} 行）',
    en: 'File: {file} (encoding: {encoding}, {rows} data rows)',
  },
  'invitations.mapping.fieldsHeading': { ja: '項目と列', en: 'Fields and columns' },
  'invitations.mapping.nameHelp': {
    ja: '氏名は1列（「氏名」）か、「姓」と「名」の2列のどちらかを選んでください。2列の場合は「姓 名」のように空白でつなげて保存します。フリガナも同じです。',
    en: 'Choose one name column, or family name and given name (stored as “family given”, with a space). The same for the reading.',
  },
  'invitations.mapping.required': { ja: '{field}（必須）', en: '{field} (required)' },
  'invitations.mapping.notUsed': { ja: '使わない', en: 'Not used' },
  'invitations.mapping.columnOption': {
    ja: '{n}列目「{header}」',
    en: 'Column {n} “{header}”',
  },
  'invitations.mapping.columnsHeading': {
    ja: 'ファイルの列と値の例',
    en: 'Columns of the file, with example values',
  },
  'invitations.mapping.columnsHelp': {
    ja: '各列の最初の3件です。メールアドレスは一部を伏せて表示しています。',
    en: 'The first three values of each column. Email addresses are partly hidden.',
  },
  'invitations.mapping.column': { ja: '列', en: 'Column' },
  'invitations.mapping.header': { ja: '見出し', en: 'Header' },
  'invitations.mapping.samples': { ja: '値の例', en: 'Example values' },
  'invitations.mapping.confirm': {
    ja: 'この内容で取り込んで招待する',
    en: 'Import and invite',
  },
  'invitations.mapping.cancel': {
    ja: '取り込まずにファイルを破棄する',
    en: 'Discard the file without importing',
  },
  'invitations.mapping.error.email_required': {
    ja: '「メールアドレス」に使う列を選んでください。',
    en: 'Choose the column to use for the email address.',
  },
  'invitations.mapping.error.bib_required': {
    ja: '「ゼッケン」に使う列を選んでください。ゼッケンは、大会事務局と参加者がお互いを確認するために必要です。',
    en: 'Choose the column to use for the bib. Staff and runners refer to each other by it.',
  },
  'invitations.mapping.error.name_required': {
    ja: '氏名に使う列（「氏名」、または「姓」）を選んでください。',
    en: 'Choose the column for the name (“full name”, or “family name”).',
  },
  'invitations.mapping.error.name_twice': {
    ja: '氏名（フリガナ）は、1列の「氏名」か、「姓」「名」の2列の、どちらか一方だけを選んでください。',
    en: 'For the name (and its reading), choose either the one-column name or family and given name, not both.',
  },
  'invitations.mapping.error.column_twice': {
    ja: '同じ列が2つの項目に選ばれています。1つの列は1つの項目にだけ使えます。',
    en: 'The same column is chosen for two fields. Each column can be used for one field only.',
  },
  'invitations.mapping.error.unknown_column': {
    ja: 'ファイルにない列が選ばれています。もう一度選び直してください。',
    en: 'A chosen column is not in the file. Please choose again.',
  },
  'invitations.mapping.error.gone': {
    ja: 'このアップロードは見つかりません（取り込み済み、破棄済み、または1日以上たっています）。もう一度ファイルをアップロードしてください。',
    en: 'This upload was not found (already imported, discarded, or older than a day). Please upload the file again.',
  },
  'invitations.field.email': { ja: 'メールアドレス', en: 'Email address' },
  'invitations.field.fullName': { ja: '氏名（1列）', en: 'Name (one column)' },
  'invitations.field.familyName': { ja: '姓', en: 'Family name' },
  'invitations.field.givenName': { ja: '名', en: 'Given name' },
  'invitations.field.kanaFull': { ja: 'フリガナ（1列）', en: 'Reading, kana (one column)' },
  'invitations.field.kanaFamily': { ja: 'セイ（姓のフリガナ）', en: 'Reading of the family name' },
  'invitations.field.kanaGiven': { ja: 'メイ（名のフリガナ）', en: 'Reading of the given name' },
  'invitations.field.bib': { ja: 'ゼッケン', en: 'Bib' },
  'invitations.field.category': { ja: '種目', en: 'Category' },
  'invitations.import.result.title': { ja: '取り込み結果', en: 'Import result' },
  'invitations.import.result.file': {
    ja: 'ファイル：{file}（文字コード：{encoding}、データ {rows} 行）',
    en: 'File: {file} (encoding: {encoding}, {rows} data rows)',
  },
  'invitations.import.result.created': { ja: '新しく招待した人', en: 'Newly invited' },
  'invitations.import.result.alreadyInvited': { ja: '招待済み', en: 'Already invited' },
  'invitations.import.result.alreadyMember': {
    ja: '参加済み（退会を含む）',
    en: 'Already joined (or left)',
  },
  'invitations.import.result.suppressed': {
    ja: '辞退済み（送信しません）',
    en: 'Declined earlier (not contacted)',
  },
  'invitations.import.result.rejected': { ja: '取り込めなかった行', en: 'Rejected lines' },
  'invitations.import.result.rejectedHeading': {
    ja: '取り込めなかった行',
    en: 'Lines that were not imported',
  },
  'invitations.import.result.rejectedHelp': {
    ja: 'ほかの行はすべて取り込み済みです。下の行を直したファイルをもう一度取り込んでも、同じ人が二重に招待されることはありません。',
    en: 'All other lines were imported. You can fix these lines and upload the file again: nobody is invited twice.',
  },
  'invitations.import.result.line': { ja: '行', en: 'Line' },
  'invitations.import.result.reason': { ja: '理由', en: 'Reason' },
  'invitations.import.result.truncated': {
    ja: '最初の {n} 件だけを表示しています。',
    en: 'Only the first {n} are listed.',
  },
  'invitations.import.result.ignoredColumns': {
    ja: '使わなかった列：{columns}（内容は保存していません）',
    en: 'Columns not used: {columns} (their contents were not stored)',
  },
  'invitations.import.result.allImported': {
    ja: 'すべての行を読み取りました。',
    en: 'Every line was read.',
  },
  'invitations.import.another': { ja: '別のファイルを取り込む', en: 'Import another file' },
  'invitations.encoding.utf-8': { ja: 'UTF-8', en: 'UTF-8' },
  'invitations.encoding.utf-8-bom': { ja: 'UTF-8（BOM あり）', en: 'UTF-8 with BOM' },
  'invitations.encoding.shift_jis': { ja: 'Shift_JIS', en: 'Shift_JIS' },

  'invitations.column.email': { ja: 'メールアドレス', en: 'email' },
  'invitations.column.name': { ja: '氏名', en: 'name' },
  'invitations.column.kana': { ja: 'フリガナ', en: 'reading' },
  'invitations.column.bib': { ja: 'ゼッケン', en: 'bib' },
  'invitations.column.category': { ja: '種目', en: 'category' },

  'invitations.reason.missing_column': {
    ja: '「{column}」の列がありません（区切りの数が足りません）',
    en: 'No “{column}” column on this line (too few fields)',
  },
  'invitations.reason.missing_value': { ja: '「{column}」が空欄です', en: '“{column}” is empty' },
  'invitations.reason.invalid_email': {
    ja: 'メールアドレスの形式が正しくありません',
    en: 'Not a valid email address',
  },
  'invitations.reason.too_long': {
    ja: '「{column}」が長すぎます（{limit}文字まで）',
    en: '“{column}” is too long (at most {limit} characters)',
  },
  'invitations.reason.formula': {
    ja: '「{column}」が = + - @ のいずれかで始まっています（表計算ソフトで数式として動くおそれがあるため取り込みません）',
    en: '“{column}” starts with = + - or @ (spreadsheets would run it as a formula, so it was not imported)',
  },
  'invitations.reason.duplicate': {
    ja: '{firstLine}行目と同じメールアドレスです',
    en: 'Same email address as line {firstLine}',
  },
  'invitations.reason.duplicate_bib': {
    ja: '{lines}行目と同じゼッケンで、メールアドレスが違います（どちらが正しいかご確認ください）',
    en: 'Same bib as line {lines} with a different email address (please check which is right)',
  },
  'invitations.reason.bib_taken': {
    ja: 'このゼッケンは、この大会の別の招待者または参加者のものです',
    en: 'This bib already belongs to another invitee or member of this event',
  },
  'invitations.reason.encoding': {
    ja: 'この行の文字コードを読み取れません（ファイル全体を同じ文字コードで保存し直してください）',
    en: 'This line is in a different encoding (save the whole file in one encoding)',
  },
  'invitations.reason.unterminated_quote': {
    ja: '引用符（"）が閉じられていません',
    en: 'A quote (") is never closed',
  },
  'invitations.reason.extra_fields': {
    ja: '見出しより列が多くなっています（氏名などに半角カンマが入っていないかご確認ください）',
    en: 'More fields than the header (is there a comma in a name?)',
  },

  'invitations.file.missing': {
    ja: 'CSV ファイルを選んでください。',
    en: 'Please choose a CSV file.',
  },
  'invitations.file.wrongType': {
    ja: 'CSV ファイル（.csv または .txt）を選んでください。Excel の場合は「名前を付けて保存」で「CSV UTF-8」または「CSV（コンマ区切り）」を選んでください。',
    en: 'Please choose a CSV file (.csv or .txt). In Excel, use “Save As” → “CSV UTF-8” or “CSV (Comma delimited)”.',
  },
  'invitations.file.tooLarge': {
    ja: 'ファイルが大きすぎます（20MB まで）。ファイルを分けて取り込んでください。',
    en: 'The file is too large (20 MB at most). Please split it.',
  },
  'invitations.file.empty': { ja: 'ファイルが空です。', en: 'The file is empty.' },
  'invitations.file.binary': {
    ja: 'CSV ファイルではないようです（Excel ブックや PDF は取り込めません）。Excel の場合は「名前を付けて保存」で「CSV UTF-8」または「CSV（コンマ区切り）」を選んでください。',
    en: 'This does not look like a CSV file (Excel workbooks and PDFs cannot be imported). In Excel, use “Save As” → “CSV UTF-8” or “CSV (Comma delimited)”.',
  },
  'invitations.file.utf16': {
    ja: 'UTF-16（Excel の「Unicode テキスト」）には対応していません。「CSV UTF-8」または「CSV（コンマ区切り）」で保存し直してください。',
    en: 'UTF-16 files (Excel’s “Unicode Text”) are not supported. Please save as “CSV UTF-8” or “CSV (Comma delimited)”.',
  },
  'invitations.file.undecodable': {
    ja: 'ファイルの文字コードを読み取れませんでした。UTF-8 または Shift_JIS で保存し直してください。',
    en: 'We could not read the file’s encoding. Please save it as UTF-8 or Shift_JIS.',
  },
  'invitations.file.no_header': {
    ja: '見出し行（メールアドレス、氏名、ゼッケン）が見つかりません。1行目に見出しを入れてください。',
    en: 'No header row (email, name, bib) was found. Please put the headers on the first line.',
  },
  'invitations.file.missing_columns': {
    ja: '見出し行に必要な列がありません：{columns}',
    en: 'The header row is missing: {columns}',
  },
  'invitations.file.too_many_rows': {
    ja: '行数が多すぎます（1回に10万行まで）。ファイルを分けて取り込んでください。',
    en: 'Too many rows (100,000 at most per file). Please split the file.',
  },
  'invitations.file.malformed': {
    ja: '閉じられていない引用符（"）が多く、CSV として読み取れません。',
    en: 'Too many unclosed quotes (") to read this as a CSV file.',
  },

  // The community, as explained on the join page and the event page
  'invitations.facts.whatHeading': { ja: '参加すると届くもの', en: 'What members receive' },
  'invitations.facts.what1': {
    ja: '大会事務局からのお知らせ（メールと参加者ページ）',
    en: 'Announcements from the race office (by email and on the members’ pages)',
  },
  'invitations.facts.what2': { ja: '参加者限定の動画', en: 'Members-only videos' },
  'invitations.facts.what3': { ja: '協賛社からの特典', en: 'Offers from sponsors' },
  'invitations.facts.sharedHeading': { ja: '誰に何が見えるか', en: 'Who sees what' },
  'invitations.facts.shared1': {
    ja: '大会事務局：あなたの氏名とゼッケン番号。メールアドレスは、理由を記録したうえで必要な場合にだけ表示されます。',
    en: 'The race office: your name and bib number. Your email address only when needed, with the reason recorded.',
  },
  'invitations.facts.shared2': {
    ja: '協賛社：あなたに関する情報は一切伝わりません（伝わるのは人数の合計だけです）。',
    en: 'Sponsors: nothing about you (only total numbers).',
  },
  'invitations.facts.shared3': {
    ja: 'ほかの参加者：あなたのメールアドレスや返信が見えることはありません。お知らせは大会事務局からの一方向で、返信は大会事務局にだけ届きます。',
    en: 'Other runners: never your email address or your replies. Announcements go one way, from the race office; replies reach only the race office.',
  },
  'invitations.facts.leaveHeading': { ja: 'やめたくなったら', en: 'If you change your mind' },
  'invitations.facts.leave': {
    ja: '設定ページから、いつでもメールの停止、退会、データの書き出し、アカウントの削除ができます。',
    en: 'On the settings page you can stop emails, leave, export your data or delete your account at any time.',
  },

  // Join page (from the invitation, and from the event-code confirmation)
  'invitations.join.title': {
    ja: '{event} 参加者向けコミュニティへの参加',
    en: 'Join the {event} runners’ community',
  },
  'invitations.join.lead': {
    ja: '{organizer}（大会事務局）が Startline で運営するコミュニティです。参加するかどうかは、あなたがお決めください。',
    en: 'This community is run on Startline by {organizer} (the race office). Whether you join is up to you.',
  },
  'invitations.join.nothingYet': {
    ja: 'このページを開いただけでは、何も登録されていません。下の内容に同意して「参加する」を押した場合にのみ参加となります。',
    en: 'Opening this page has not registered anything. You join only if you agree below and press “Join”.',
  },
  'invitations.join.consentHeading': { ja: '同意事項', en: 'What you agree to' },
  // The brackets belong to the language: full-width in Japanese.
  'invitations.join.consentVersion': { ja: '（版：{version}）', en: '(version {version})' },
  'invitations.join.transferDetails': {
    ja: '詳しい内容（提供先、提供する情報、米国の制度、提供先の保護措置）',
    en: 'Details (recipient, what is passed on, the US system, the recipient’s safeguards)',
  },
  'invitations.join.checkbox': {
    ja: '上の同意事項を読み、同意のうえでコミュニティに参加します',
    en: 'I have read the above and agree to join the community',
  },
  'invitations.join.submit': { ja: '参加する', en: 'Join' },
  'invitations.join.notTicked': {
    ja: '参加するには、同意のチェックボックスにチェックを入れてください。',
    en: 'To join, please tick the box to agree.',
  },
  'invitations.join.consentChanged': {
    ja: '同意事項が更新されました。お手数ですが、内容をもう一度ご確認ください。',
    en: 'The consent text has been updated. Please read it again.',
  },
  'invitations.join.signInFirst': {
    ja: 'このメールアドレスには、すでに Startline のアカウントがあります。ご本人確認のため、先にログインしてから、このページに戻って「参加する」を押してください。',
    en: 'This address already has a Startline account. To confirm it is you, please sign in first, then come back to this page and press “Join”.',
  },
  'invitations.join.signInButton': { ja: 'ログインして続ける', en: 'Sign in to continue' },
  'invitations.join.switchAccount': {
    ja: '現在、別のアカウントでログインしています。参加すると、このブラウザーは招待されたメールアドレスのアカウントに切り替わります。',
    en: 'You are signed in with another account. Joining switches this browser to the invited address’s account.',
  },
  'invitations.join.declineLink': {
    ja: 'この大会からのご案内が今後不要な方はこちら',
    en: 'Don’t want invitations for this event? Tell us here',
  },
  'invitations.join.contact': { ja: 'お問い合わせ：{organizer}', en: 'Contact: {organizer}' },
  'invitations.join.declined': {
    ja: 'この招待は辞退済みです。この大会からの招待メールは今後お送りしません。お気持ちが変わった場合は、大会のページから参加を申し込めます。',
    en: 'This invitation was declined: this event will not send you invitations again. If you change your mind, you can ask to join on the event’s page.',
  },
  'invitations.join.eventPageLink': { ja: '大会のページへ', en: 'Go to the event page' },

  'invitations.gone.title': { ja: 'このリンクは使えません', en: 'This link no longer works' },
  'invitations.gone.body': {
    ja: 'リンクの有効期限が切れているか、すでに使われたか、無効になっています。すでに参加している方はログインしてください。参加をご希望の方は、大会のページから申し込むか、大会事務局にお問い合わせください。',
    en: 'The link has expired, has already been used, or is not valid. If you have already joined, please sign in. If you want to join, ask on the event’s page or contact the race office.',
  },

  // "Don't invite me again"
  'invitations.decline.title': {
    ja: '今後のご案内を停止する',
    en: 'Stop invitations for this event',
  },
  'invitations.decline.body': {
    ja: '{event} のコミュニティへのご案内を、今後お送りしないようにします。ボタンを押すと、リマインダーを含め、この大会からの招待メールは届かなくなり、招待の記録からお名前とメールアドレスを削除します。',
    en: 'We will stop inviting you to the {event} community. When you press the button, no invitation or reminder for this event will reach you again, and your name and address are removed from the invitation record.',
  },
  'invitations.decline.nothingYet': {
    ja: 'このページを開いただけでは、何も変わっていません。',
    en: 'Opening this page has not changed anything.',
  },
  'invitations.decline.submit': { ja: 'ご案内を停止する', en: 'Stop invitations' },
  'invitations.decline.done': {
    ja: '承知しました。{event} からの招待メールは、今後お送りしません。',
    en: 'Done. {event} will not send you invitations again.',
  },
  'invitations.decline.changeMind': {
    ja: 'お気持ちが変わった場合は、大会のページから参加を申し込めます。',
    en: 'If you change your mind, you can ask to join on the event’s page.',
  },
  'invitations.decline.back': { ja: '参加のページに戻る', en: 'Back to the join page' },

  // Event page: visitors (join by event code) and the member home
  'invitations.event.date': { ja: '開催日', en: 'Race day' },
  'invitations.event.organizer': { ja: '運営', en: 'Run by' },
  'invitations.event.joinHeading': { ja: 'コミュニティに参加する', en: 'Join the community' },
  'invitations.event.joinIntro': {
    ja: '招待メールが見当たらない方は、エントリーの際に登録したメールアドレスを入力してください。参加の確認メールをお送りします。',
    en: 'Can’t find your invitation? Enter the address you gave when you entered the race and we will send you a confirmation email.',
  },
  'invitations.event.email': { ja: 'メールアドレス', en: 'Email address' },
  'invitations.event.submit': { ja: '確認メールを送る', en: 'Send me the email' },
  'invitations.event.sent': {
    ja: '参加できるメールアドレスであれば、確認メールをお送りしました。メールのリンクから開くページで「参加する」を押すと、参加が完了します（リンクの有効期限は24時間です）。',
    en: 'If this address can join, we have sent it a confirmation email. Open the link in it and press “Join” on that page to finish (the link works for 24 hours).',
  },
  'invitations.event.rateLimited': {
    ja: 'お申し込みの回数が上限に達しました。1時間ほど時間をおいてから、もう一度お試しください。',
    en: 'Too many requests. Please wait about an hour and try again.',
  },
  'invitations.event.memberSignIn': { ja: 'すでに参加している方：', en: 'Already a member?' },
  'invitations.home.joined': {
    ja: '参加が完了しました。確認のメールをお送りしました。',
    en: 'You have joined. We have sent you a confirmation email.',
  },
  'invitations.home.welcome': {
    ja: '{event} のコミュニティへようこそ',
    en: 'Welcome to the {event} community',
  },
  'invitations.home.shownAs': { ja: 'コミュニティでの表示名', en: 'You are shown as' },
  'invitations.home.bib': { ja: 'ゼッケン', en: 'Bib' },
  'invitations.home.privacy': {
    ja: 'あなたのメールアドレスは、ほかの参加者にも協賛社にも表示されません。',
    en: 'Your email address is never shown to other runners or to sponsors.',
  },
  'invitations.home.more': { ja: 'コミュニティのコンテンツ', en: 'In this community' },
  'invitations.home.settings': {
    ja: 'メールの受け取り設定・退会・データ',
    en: 'Email settings, leaving and your data',
  },
  'invitations.home.settingsHint': {
    ja: 'チャンネルごとのメールの受け取り、退会、データの書き出し、アカウントの削除はこちらから。',
    en: 'Email per channel, leaving, exporting your data and deleting your account.',
  },
} satisfies MessageTable;

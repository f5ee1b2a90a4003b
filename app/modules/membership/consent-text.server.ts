import { consentTexts } from '~db/schema';
import type { Locale } from '~/i18n/types';
import { db } from '~/modules/database/database.server';

/**
 * The consent a runner gives when joining. Changing the wording means a new version: the
 * exact text shown is stored per version, and each consent record names the version.
 */
export const CURRENT_CONSENT_VERSION = '2026-11-01';

export function consentText(locale: Locale, organizerName: string): string {
  return locale === 'ja'
    ? [
        `${organizerName}(大会事務局)が運営する Startline のコミュニティに参加します。`,
        '・大会事務局からのお知らせをメールと会員ページで受け取ります(チャンネルごとに、いつでもメールを止められます)。',
        '・大会事務局は、私の氏名とゼッケン番号を参加者の確認のために見ることができます。メールアドレスは、理由を記録したうえで必要な場合にのみ表示されます。',
        '・協賛社が私について知ることはありません。協賛社には人数の合計だけが伝えられます。',
        '・ほかの参加者に私のメールアドレスや返信が見えることはありません。',
        '・いつでも退会、データの書き出し、アカウントの削除ができます。',
      ].join('\n')
    : [
        `I am joining the Startline community run by ${organizerName} (the race office).`,
        '- I will receive the race office’s announcements by email and on the members’ pages (I can turn email off per channel at any time).',
        '- The race office can see my name and bib number to recognise me. My email address is shown to them only when needed, with the reason recorded.',
        '- Sponsors learn nothing about me; they see only total numbers.',
        '- Other runners never see my email address or my replies.',
        '- I can leave, export my data, or delete my account at any time.',
      ].join('\n');
}

/** The stored text uses a placeholder for the organizer, exactly as rendered with it filled in. */
export async function ensureConsentTextsStored() {
  for (const locale of ['ja', 'en'] as const) {
    await db
      .insert(consentTexts)
      .values({
        version: CURRENT_CONSENT_VERSION,
        locale,
        body: consentText(locale, '{organizer}'),
      })
      .onConflictDoNothing();
  }
}

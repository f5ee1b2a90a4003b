import { consentTexts } from '~db/schema';
import type { Locale } from '~/i18n/types';
import { db } from '~/modules/database/database.server';

/**
 * The consent a runner gives when joining. Changing the wording means a new version: the
 * exact text shown is stored per version, and each consent record names the version. Every
 * version that was ever shown stays here unchanged, so a record made under it can always be
 * shown with the words the person agreed to (and a fresh database can store them too).
 */
export const CURRENT_CONSENT_VERSION = '2026-12-06';

/**
 * What the join page lays out: an opening sentence, the points agreed to and, from
 * 2026-12-06, the notice on the email provider abroad (APPI Art. 28, 外国にある第三者への提供:
 * the country, that country's system and the provider's measures must be stated before
 * consent). The page shows the transfer's summary and folds its details; the stored text is
 * the same wording flattened (consentText), so the record matches what the page offered.
 */
export interface ConsentWording {
  intro: string;
  points: string[];
  transfer?: { heading: string; summary: string; details: string[] };
}

type Wording = (organizerName: string) => ConsentWording;

/** 個人情報保護委員会's survey of the United States' system, the source Art. 28 points to. */
const PPC_US_SYSTEM_URL =
  'https://www.ppc.go.jp/enforcement/infoprovision/laws/offshore_report_america/';
const RESEND_PRIVACY_URL = 'https://resend.com/legal/privacy-policy';

const WORDINGS: Record<string, Record<Locale, Wording>> = {
  // The first version, kept word for word (half-width brackets included): it is evidence.
  '2026-11-01': {
    ja: (organizer) => ({
      intro: `${organizer}(大会事務局)が運営する Startline のコミュニティに参加します。`,
      points: [
        '大会事務局からのお知らせをメールと会員ページで受け取ります(チャンネルごとに、いつでもメールを止められます)。',
        '大会事務局は、私の氏名とゼッケン番号を参加者の確認のために見ることができます。メールアドレスは、理由を記録したうえで必要な場合にのみ表示されます。',
        '協賛社が私について知ることはありません。協賛社には人数の合計だけが伝えられます。',
        'ほかの参加者に私のメールアドレスや返信が見えることはありません。',
        'いつでも退会、データの書き出し、アカウントの削除ができます。',
      ],
    }),
    en: (organizer) => ({
      intro: `I am joining the Startline community run by ${organizer} (the race office).`,
      points: [
        'I will receive the race office’s announcements by email and on the members’ pages (I can turn email off per channel at any time).',
        'The race office can see my name and bib number to recognise me. My email address is shown to them only when needed, with the reason recorded.',
        'Sponsors learn nothing about me; they see only total numbers.',
        'Other runners never see my email address or my replies.',
        'I can leave, export my data, or delete my account at any time.',
      ],
    }),
  },
  // Names the email provider and where it keeps the data (issue 15).
  '2026-12-06': {
    ja: (organizer) => ({
      intro: `${organizer}（大会事務局）が運営する Startline のコミュニティに参加します。`,
      points: [
        '大会事務局からのお知らせをメールと参加者ページで受け取ります（チャンネルごとに、いつでもメールを止められます）。',
        '大会事務局は、私の氏名とゼッケン番号を参加者の確認のために見ることができます。メールアドレスは、理由を記録したうえで必要な場合にのみ表示されます。',
        '協賛社が私について知ることはありません。協賛社には人数の合計だけが伝えられます。',
        'ほかの参加者に私のメールアドレスや返信が見えることはありません。',
        'メールの送受信には米国の Resend, Inc. のサービスを使い、私のメールアドレスとメールの内容が米国で保存・処理されることに同意します（下の「外国にある第三者への提供」）。',
        'いつでも退会、データの書き出し、アカウントの削除ができます。',
      ],
      transfer: {
        heading: '外国にある第三者への提供（メール配信）',
        summary:
          'メールの送受信は、米国の Resend, Inc. が提供するメール配信サービスを通じて行います。私のメールアドレスと、私との間でやり取りするメールは、そのために米国にある同社のサーバーで保存・処理されます。',
        details: [
          '提供先：Resend, Inc.（アメリカ合衆国）。メールの送信、返信の受け取り、配信状況の確認のためにだけ使われます。',
          '提供する情報：メールアドレス、宛名としての氏名、メールの件名と本文（お知らせ、ログイン用の確認コード、招待・参加確認のメール、大会事務局とのやり取り）、配信の記録（届いた・届かなかったなど）。',
          `アメリカ合衆国の個人情報保護制度：国全体に適用される包括的な個人情報保護法はなく、分野ごとの連邦法と州法（カリフォルニア州消費者プライバシー法など）で保護されています。日本の個人情報保護委員会による調査：${PPC_US_SYSTEM_URL}`,
          `提供先が講じる保護措置：Resend, Inc. の個人情報の取り扱いと安全管理は、同社のプライバシーポリシーに記載されています：${RESEND_PRIVACY_URL}`,
        ],
      },
    }),
    en: (organizer) => ({
      intro: `I am joining the Startline community run by ${organizer} (the race office).`,
      points: [
        'I will receive the race office’s announcements by email and on the members’ pages (I can turn email off per channel at any time).',
        'The race office can see my name and bib number to recognise me. My email address is shown to them only when needed, with the reason recorded.',
        'Sponsors learn nothing about me; they see only total numbers.',
        'Other members never see my email address or my replies.',
        'I agree that email is sent and received through Resend, Inc. in the United States, which stores and processes my email address and the messages in the United States (see “Transfer to a third party abroad” below).',
        'I can leave, export my data, or delete my account at any time.',
      ],
      transfer: {
        heading: 'Transfer to a third party abroad (email delivery)',
        summary:
          'Email is sent and received through the email delivery service of Resend, Inc. in the United States. For that, my email address and the messages between me and the community are stored and processed on the company’s servers in the United States.',
        details: [
          'Recipient: Resend, Inc. (United States of America), used only to send email, receive replies and track delivery.',
          'What is passed on: my email address, my name as the addressee, the subject and body of each email (announcements, sign-in codes, invitation and confirmation emails, messages with the race office) and delivery records (delivered, bounced and so on).',
          `The United States’ data protection system: there is no comprehensive federal privacy law; personal data is protected by sector-specific federal laws and by state laws (such as the California Consumer Privacy Act). Survey by Japan’s Personal Information Protection Commission: ${PPC_US_SYSTEM_URL}`,
          `The recipient’s safeguards: how Resend, Inc. handles and protects personal data is set out in its privacy policy: ${RESEND_PRIVACY_URL}`,
        ],
      },
    }),
  },
};

export const CONSENT_VERSIONS = Object.keys(WORDINGS);

/** The wording of a version (the current one unless named); null for a version never shown. */
export function consentWording(
  locale: Locale,
  organizerName: string,
  version: string = CURRENT_CONSENT_VERSION,
): ConsentWording | null {
  const wording = WORDINGS[version]?.[locale];
  return wording ? wording(organizerName) : null;
}

/** The wording a joining runner is shown now. */
export function currentConsentWording(locale: Locale, organizerName: string): ConsentWording {
  return WORDINGS[CURRENT_CONSENT_VERSION][locale](organizerName);
}

/** The wording as one text, exactly as stored and as copied into the welcome email. */
export function flattenConsent(locale: Locale, wording: ConsentWording): string {
  const bullet = locale === 'ja' ? '・' : '- ';
  const lines = [wording.intro, ...wording.points.map((point) => `${bullet}${point}`)];
  if (wording.transfer) {
    lines.push(
      '',
      wording.transfer.heading,
      wording.transfer.summary,
      ...wording.transfer.details.map((detail) => `${bullet}${detail}`),
    );
  }
  return lines.join('\n');
}

export function consentText(
  locale: Locale,
  organizerName: string,
  version: string = CURRENT_CONSENT_VERSION,
): string {
  const wording = consentWording(locale, organizerName, version);
  if (!wording) throw new Error(`Unknown consent version ${version}`);
  return flattenConsent(locale, wording);
}

/** The stored text uses a placeholder for the organizer, exactly as rendered with it filled in. */
export async function ensureConsentTextsStored() {
  for (const version of CONSENT_VERSIONS) {
    for (const locale of ['ja', 'en'] as const) {
      await db
        .insert(consentTexts)
        .values({ version, locale, body: consentText(locale, '{organizer}', version) })
        .onConflictDoNothing();
    }
  }
}

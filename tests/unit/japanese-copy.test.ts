import { describe, expect, it } from 'vitest';
import { messages } from '~/i18n/messages';
import { translate } from '~/i18n/translate';
import { renderEmail } from '~/modules/mail/render-email.server';
import { consentText, CURRENT_CONSENT_VERSION } from '~/modules/membership/consent-text.server';
import { formatCalendarDate, formatDateTime, timeParts } from '~/utils/date-format';
import { emailTemplates, type EmailProps, type EmailTemplateName } from '~emails/index';

/**
 * House rules for the Japanese copy (issue 15). Japanese text uses full-width brackets
 * （）, 〜 for ranges, one word for the bib (ゼッケン) and one for the people in an event's
 * community (参加者). ランナー stays only inside the member alias 「ランナー #4821」, a name.
 */
const japanese = Object.entries(messages).map(([key, value]) => ({ key, ja: value.ja }));

describe('the copy the rules read', () => {
  // Pages and emails share one table, so the rules below cover every branch of every email
  // (each role, each kind of approval), not only the samples rendered further down.
  it('includes every email template’s copy', () => {
    const prefixes = Object.keys(emailTemplates).map(
      (name) => `email.${name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}.`,
    );
    for (const prefix of prefixes)
      expect(
        japanese.some(({ key }) => key.startsWith(prefix)),
        prefix,
      ).toBe(true);
  });
});

/** Text a rule should not look at: Markdown link syntax and headings quoted as examples. */
function prose(ja: string): string {
  return ja.replace(/\]\([^)]*\)/g, '').replace(/「[^」]*」/g, '「」');
}

describe('Japanese copy', () => {
  it('uses full-width brackets, never half-width ( )', () => {
    const offenders = japanese.filter(({ ja }) => /[()]/.test(prose(ja)));
    expect(offenders).toEqual([]);
  });

  it('writes ranges with 〜, never an en or em dash', () => {
    const offenders = japanese.filter(({ ja }) => /[–—]/.test(ja));
    expect(offenders).toEqual([]);
  });

  it('writes a colon after Japanese text full-width (：)', () => {
    const offenders = japanese.filter(({ ja }) =>
      /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}）」]:/u.test(prose(ja)),
    );
    expect(offenders).toEqual([]);
  });

  it('has one term for the bib: ゼッケン', () => {
    const offenders = japanese.filter(({ ja }) => /ナンバーカード|ビブ|背番号/.test(prose(ja)));
    expect(offenders).toEqual([]);
  });

  it('has one term for the people in a community: 参加者, not 会員', () => {
    const offenders = japanese.filter(({ ja }) => /会員/.test(ja));
    expect(offenders).toEqual([]);
  });

  it('reads versions as 第N版 and opens with 開く', () => {
    expect(translate('ja', 'announcements.overview.revision', { revision: 2 })).toBe('第2版');
    expect(translate('ja', 'home.openEvent')).toBe('開く');
    expect(japanese.filter(({ ja }) => /ひらく|版 \{/.test(ja))).toEqual([]);
  });

  it('writes dates as 2027年3月28日 (and 28 March 2027), in Japan time', () => {
    expect(formatCalendarDate('2027-03-28', 'ja')).toBe('2027年3月28日');
    expect(formatCalendarDate('2027-03-28', 'en')).toBe('28 March 2027');
    // 22:00 UTC on the 27th is already the 28th in Japan.
    const instant = new Date('2027-03-27T22:00:00Z');
    expect(formatDateTime(instant, 'ja')).toBe('2027年3月28日 7:00');
    expect(formatDateTime(instant, 'en')).toBe('28 March 2027, 07:00');
  });

  it('shows a timestamp given as text as the same instant given as a date, kept or not', () => {
    // The feed hands its times over as ISO text, with the offset PostgreSQL wrote or with Z.
    for (const text of ['2027-03-27T22:00:00.000Z', '2027-03-27T22:00:00+00:00']) {
      for (let view = 0; view < 2; view++) {
        expect(timeParts(text, 'ja')).toEqual({
          iso: '2027-03-27T22:00:00.000Z',
          text: '2027年3月28日 7:00',
        });
        expect(timeParts(text, 'en', true)).toEqual({
          iso: '2027-03-27T22:00:00.000Z',
          text: '28 March 2027',
        });
      }
    }
    expect(timeParts(new Date('2027-03-27T22:00:00Z'), 'en')?.text).toBe('28 March 2027, 07:00');
    expect(timeParts('not a date', 'ja')).toBeNull();
  });
});

/**
 * The same rules for every email template, rendered as the recipient reads it (the plain-text
 * part and the subject) in Japanese and in English. A template without a sample here fails the
 * type check below, so a new email cannot skip the rules.
 */
const URL_BASE = 'https://startline.example';
const emailSamples: { [N in EmailTemplateName]: (locale: 'ja' | 'en') => EmailProps<N> } = {
  'sign-in-code': (locale) => ({
    locale,
    code: '12345678',
    signInUrl: `${URL_BASE}/sign-in/code/abc?code=12345678`,
    expiresInMinutes: 15,
  }),
  'sign-in-unknown-address': (locale) => ({ locale }),
  'staff-invitation': (locale) => ({
    locale,
    eventName: eventName(locale),
    role: 'viewer',
    acceptUrl: `${URL_BASE}/staff-invitations/abc`,
  }),
  invitation: () => invitationSample,
  'invitation-reminder': () => invitationSample,
  'join-confirmation': (locale) => ({
    locale,
    eventName: eventName(locale),
    organizerName: organizerName(locale),
    confirmUrl: `${URL_BASE}/e/sakura/confirm/abc`,
    expiresInHours: 24,
  }),
  'join-already-member': (locale) => ({
    locale,
    eventName: eventName(locale),
    signInUrl: `${URL_BASE}/sign-in`,
  }),
  'join-not-on-list': (locale) => ({
    locale,
    eventName: eventName(locale),
    organizerName: organizerName(locale),
    contactEmail: 'office@race.example',
  }),
  welcome: (locale) => ({
    locale,
    eventName: eventName(locale),
    alias: locale === 'ja' ? 'ランナー #4821' : 'Runner #4821',
    memberHomeUrl: `${URL_BASE}/e/sakura`,
    settingsUrl: `${URL_BASE}/e/sakura/settings`,
    consentText: consentText(locale, organizerName(locale)),
    consentVersion: CURRENT_CONSENT_VERSION,
    joinedAt: '2027-03-27T22:00:00.000Z',
  }),
  'sponsor-invitation': (locale) => ({
    locale,
    sponsorName: locale === 'ja' ? 'さくらスポーツ' : 'Sakura Sports',
    eventName: eventName(locale),
    organizerName: organizerName(locale),
    signInUrl: `${URL_BASE}/sign-in`,
    expiresInDays: 14,
  }),
  announcement: (locale) => ({
    locale,
    eventName: eventName(locale),
    organizerName: organizerName(locale),
    channelName: locale === 'ja' ? '公式' : 'Official',
    title: locale === 'ja' ? '給水所のご案内' : 'Water stations',
    bodyHtml: locale === 'ja' ? '<p>給水所が移動します。</p>' : '<p>A water station moves.</p>',
    announcementUrl: `${URL_BASE}/e/sakura/a/abc`,
    unsubscribeUrl: `${URL_BASE}/u/abc`,
    settingsUrl: `${URL_BASE}/e/sakura/settings`,
    test: true,
  }),
  'relay-reply': (locale) => ({
    locale,
    eventName: eventName(locale),
    organizerName: organizerName(locale),
    body: locale === 'ja' ? 'お問い合わせありがとうございます。' : 'Thank you for asking.',
    threadUrl: `${URL_BASE}/e/sakura/messages`,
  }),
  'inbox-notification': (locale) => ({
    locale,
    eventName: eventName(locale),
    memberAlias: locale === 'ja' ? 'ランナー #4821' : 'Runner #4821',
    body: locale === 'ja' ? '給水所の場所を教えてください。' : 'Where is the water station?',
    threadUrl: `${URL_BASE}/staff/sakura/inbox/abc`,
    attachmentCount: 2,
  }),
  'approval-request': (locale) => ({
    locale,
    eventName: eventName(locale),
    kind: 'offer',
    itemTitle: locale === 'ja' ? 'シューズ 20%オフ' : '20% off shoes',
    sponsorName: locale === 'ja' ? 'さくらスポーツ' : 'Sakura Sports',
    reviewUrl: `${URL_BASE}/staff/sakura/sponsors/offers/abc`,
  }),
};

function eventName(locale: 'ja' | 'en') {
  return locale === 'ja' ? 'さくらシティマラソン 2027' : 'Sakura City Marathon 2027';
}
function organizerName(locale: 'ja' | 'en') {
  return locale === 'ja' ? 'さくらシティマラソン実行委員会' : 'Sakura City Marathon Committee';
}
const invitationSample: EmailProps<'invitation'> = {
  eventNameJa: eventName('ja'),
  eventNameEn: eventName('en'),
  eventDate: '2027-03-28',
  organizerNameJa: organizerName('ja'),
  organizerNameEn: organizerName('en'),
  contactEmail: 'office@race.example',
  joinUrl: `${URL_BASE}/join/abc`,
  declineUrl: `${URL_BASE}/join/abc/decline`,
  expiresAt: '2027-02-27T22:00:00.000Z',
  recipientName: '山田 太郎',
  senderDomain: 'mail.race.example',
};

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

/** The lines a Japanese reader reads: links and their addresses left out. */
async function japaneseLinesOf(name: EmailTemplateName, locale: 'ja' | 'en') {
  const props = emailSamples[name](locale) as never;
  const email = await renderEmail(name, props);
  return [email.subject, ...email.text.split('\n')]
    .map((line) =>
      line
        .replace(/\[?https?:\/\/[^\s\]]*\]?/g, '')
        .replace(/ランナー #\d+/g, '')
        // The consent version is an identifier that happens to look like a date.
        .replaceAll(CURRENT_CONSENT_VERSION, ''),
    )
    .filter((line) => JAPANESE.test(line));
}

describe('Japanese copy in emails', () => {
  const names = Object.keys(emailTemplates) as EmailTemplateName[];

  it('has a sample for every template', () => {
    expect(Object.keys(emailSamples).sort()).toEqual([...names].sort());
  });

  it.each(names)('%s follows the house rules in Japanese', async (name) => {
    const lines = await japaneseLinesOf(name, 'ja');
    expect(lines.length).toBeGreaterThan(0);
    const offenders = lines.filter(
      (line) =>
        /[()[\]–—]/.test(line) ||
        // A colon after Japanese text is the full-width ：.
        /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}）」]:/u.test(line) ||
        /会員|ランナー|ナンバーカード|ビブ|背番号/.test(line) ||
        /\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}/.test(line),
    );
    expect(offenders).toEqual([]);
  });

  it.each(names)('%s writes dates as people read them, in both languages', async (name) => {
    for (const locale of ['ja', 'en'] as const) {
      const email = await renderEmail(name, emailSamples[name](locale) as never);
      // The consent version is an identifier that happens to look like a date.
      const text = `${email.subject}\n${email.text}`
        .replace(/https?:\/\/\S*/g, '')
        .replaceAll(CURRENT_CONSENT_VERSION, '');
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{4}\/\d{1,2}\/\d{1,2}/);
    }
  });

  it('dates the invitation and the welcome email like the pages do', async () => {
    const invitation = await renderEmail('invitation', invitationSample);
    const intro = (lang: 'ja' | 'en', date: string) =>
      translate(lang, 'email.invitation.intro', { date, event: eventName(lang) });
    expect(invitation.text).toContain(intro('ja', '2027年3月28日'));
    // The text part wraps English at spaces; the HTML keeps the sentence whole.
    expect(invitation.html).toContain(intro('en', '28 March 2027'));
    expect(invitation.text).toContain(
      translate('ja', 'email.invitation.expires', { date: '2027年2月28日' }),
    );
    const welcome = await renderEmail('welcome', emailSamples.welcome('ja'));
    expect(welcome.text).toContain(
      translate('ja', 'email.welcome.consentHeading', {
        version: CURRENT_CONSENT_VERSION,
        at: '2027年3月28日 7:00',
      }),
    );
    const welcomeEn = await renderEmail('welcome', emailSamples.welcome('en'));
    expect(welcomeEn.text).toContain('28 March 2027, 07:00');
  });
});

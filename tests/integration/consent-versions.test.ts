import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { consentRecords, consentTexts, users } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { consentTextOfRecord } from '~/modules/membership/consent-records.server';
import {
  CONSENT_VERSIONS,
  consentText,
  CURRENT_CONSENT_VERSION,
  ensureConsentTextsStored,
} from '~/modules/membership/consent-text.server';
import { generateId } from '~/modules/security/tokens.server';
import * as joinRoute from '~/routes/join.$token';
import { lastMailTo } from '../support/mail';
import { createDocumentHandler } from '../support/remix-document';
import { callRoute, formRequest, getRequest, testContext } from '../support/requests';
import { createEvent, inviteOne, joinForm, staffOf } from '../fixtures/invitations';

/**
 * Issue 15: the consent names the email provider abroad (APPI Art. 28). The wording is a new
 * version; records made under the first version keep resolving to the words shown then.
 */
const FIRST_VERSION = '2026-11-01';

let event: { id: string; slug: string };
let owner: { userId: string; cookie: string };
let render: Awaited<ReturnType<typeof createDocumentHandler>>;

beforeAll(async () => {
  event = await createEvent('consent-versions');
  owner = await staffOf(event, 'owner@consent-versions.example', 'owner');
  render = await createDocumentHandler(['join.$token.tsx']);
});

const join = (token: string, lang: 'ja' | 'en') =>
  callRoute(
    joinRoute.action,
    formRequest(`/join/${token}`, joinForm({ consent: 'yes', consentLocale: lang }), {
      headers: { 'Accept-Language': lang, 'User-Agent': 'ConsentTest/1.0' },
    }),
    { token },
    testContext({ clientIp: '198.51.100.40' }),
  );

describe('the consent text that names the email provider', () => {
  it('is a new version, and the first version is still known word for word', () => {
    expect(CURRENT_CONSENT_VERSION).not.toBe(FIRST_VERSION);
    expect(CONSENT_VERSIONS).toEqual(
      expect.arrayContaining([FIRST_VERSION, CURRENT_CONSENT_VERSION]),
    );
    for (const locale of ['ja', 'en'] as const) {
      const current = consentText(locale, 'X');
      expect(current).toContain('Resend, Inc.');
      expect(current).toContain('offshore_report_america');
      const first = consentText(locale, 'X', FIRST_VERSION);
      expect(first).not.toContain('Resend');
    }
    expect(consentText('ja', 'X')).toContain('米国');
    expect(consentText('ja', 'X')).toContain('外国にある第三者への提供');
    expect(consentText('en', 'X')).toContain('United States');
    // The first version's text, exactly as it was stored before the change.
    expect(consentText('ja', '{organizer}', FIRST_VERSION)).toBe(
      [
        '{organizer}(大会事務局)が運営する Startline のコミュニティに参加します。',
        '・大会事務局からのお知らせをメールと会員ページで受け取ります(チャンネルごとに、いつでもメールを止められます)。',
        '・大会事務局は、私の氏名とゼッケン番号を参加者の確認のために見ることができます。メールアドレスは、理由を記録したうえで必要な場合にのみ表示されます。',
        '・協賛社が私について知ることはありません。協賛社には人数の合計だけが伝えられます。',
        '・ほかの参加者に私のメールアドレスや返信が見えることはありません。',
        '・いつでも退会、データの書き出し、アカウントの削除ができます。',
      ].join('\n'),
    );
  });

  it('is shown on the join page as a summary with the details folded, in both languages', async () => {
    const { token } = await inviteOne(event, owner.cookie, 'reader@consent-versions.example');
    const ja = await (
      await render(getRequest(`/join/${token}`, { headers: { 'Accept-Language': 'ja' } }))
    ).text();
    expect(ja).toContain(
      translate('ja', 'invitations.join.consentVersion', { version: CURRENT_CONSENT_VERSION }),
    );
    expect(ja).toContain('Resend, Inc.');
    expect(ja).toMatch(
      new RegExp(
        `<details>\\s*<summary>[^<]*${translate('ja', 'invitations.join.transferDetails')}`,
      ),
    );
    expect(ja).toContain(
      'href="https://www.ppc.go.jp/enforcement/infoprovision/laws/offshore_report_america/"',
    );
    const en = await (
      await render(getRequest(`/join/${token}`, { headers: { 'Accept-Language': 'en' } }))
    ).text();
    expect(en).toContain(`(version ${CURRENT_CONSENT_VERSION})`);
    expect(en).toContain('Transfer to a third party abroad');
  });

  it('records the new version when someone joins now, and the welcome email copies its text', async () => {
    const { token } = await inviteOne(event, owner.cookie, 'joins-now@consent-versions.example');
    const response = await join(token, 'ja');
    expect(response.status).toBe(302);
    const [user] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, 'joins-now@consent-versions.example'));
    const [record] = await db
      .select()
      .from(consentRecords)
      .where(eq(consentRecords.userId, user.id));
    expect(record.consentVersion).toBe(CURRENT_CONSENT_VERSION);
    const resolved = await consentTextOfRecord(db, record.id);
    expect(resolved?.version).toBe(CURRENT_CONSENT_VERSION);
    expect(resolved?.text).toContain('Resend, Inc.');
    expect(resolved?.text).toContain('テスト大会実行委員会');
    expect(resolved?.text).not.toContain('{organizer}');

    const welcome = await lastMailTo('joins-now@consent-versions.example');
    expect(welcome.text).toContain('Resend, Inc.');
    expect(welcome.text).toContain(CURRENT_CONSENT_VERSION);
  });

  it('still resolves a record made under the first version to the first text', async () => {
    await ensureConsentTextsStored();
    const stored = await db
      .select({ version: consentTexts.version })
      .from(consentTexts)
      .where(eq(consentTexts.version, FIRST_VERSION));
    expect(stored).toHaveLength(2);

    const id = generateId();
    await db.insert(consentRecords).values({
      id,
      eventId: event.id,
      userId: null,
      action: 'granted',
      method: 'invitation',
      consentVersion: FIRST_VERSION,
      consentLocale: 'en',
    });
    const resolved = await consentTextOfRecord(db, id);
    expect(resolved?.version).toBe(FIRST_VERSION);
    expect(resolved?.text).toContain('Sponsors learn nothing about me');
    expect(resolved?.text).not.toContain('Resend');
    expect(resolved?.text).toBe(consentText('en', 'Test Race Committee', FIRST_VERSION));
  });

  it('resolves an earlier record from the code when the database never stored that text', async () => {
    await db.delete(consentTexts).where(eq(consentTexts.version, FIRST_VERSION));
    const id = generateId();
    await db.insert(consentRecords).values({
      id,
      eventId: event.id,
      userId: null,
      action: 'granted',
      method: 'event_code',
      consentVersion: FIRST_VERSION,
      consentLocale: 'ja',
    });
    const resolved = await consentTextOfRecord(db, id);
    expect(resolved?.text).toContain('会員ページ');
    expect(resolved?.text).not.toContain('Resend');
    expect(await consentTextOfRecord(db, 'no-such-record')).toBeNull();
  });
});

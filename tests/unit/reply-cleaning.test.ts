import { describe, expect, it } from 'vitest';
import { cleanReply } from '~/modules/relay/reply-cleaning.server';

const RELAY = 'reply+abcdefghijklmnopqrstuvwxyz234567@relay.startline.local';
const ANNOUNCEMENT = '5km地点の給水所が変わります。詳しくは大会サイトをご覧ください。';

function clean(text: string, options: { keep?: string | null; locale?: 'ja' | 'en' } = {}) {
  return cleanReply({ text, keepAddress: options.keep ?? null, locale: options.locale ?? 'ja' })
    .body;
}

describe('quoted history is cut', () => {
  it('drops a Gmail (English) quote with its "On … wrote:" line and the quoted announcement', () => {
    const body = clean(
      [
        'Thanks, will the bag drop move too?',
        '',
        `On Mon, Mar 1, 2027 at 10:00 AM Test Marathon Committee <${RELAY}> wrote:`,
        `> ${ANNOUNCEMENT}`,
        '>',
        '> Reply to this email to reach the race office.',
      ].join('\n'),
      { locale: 'en' },
    );
    expect(body).toBe('Thanks, will the bag drop move too?');
  });

  it('drops an "On … wrote:" header that the mail client wrapped over two lines', () => {
    const body = clean(
      [
        'Got it.',
        '',
        'On Mon, Mar 1, 2027 at 10:00 AM Test Marathon Committee <',
        `${RELAY}> wrote:`,
        `> ${ANNOUNCEMENT}`,
      ].join('\n'),
    );
    expect(body).toBe('Got it.');
  });

  it('drops a Japanese Gmail quote (「2027年3月1日(月) 10:00 … <…>:」)', () => {
    const body = clean(
      [
        '給水所の件、承知しました。',
        '',
        `2027年3月1日(月) 10:00 テストマラソン実行委員会 <${RELAY}>:`,
        '',
        `> ${ANNOUNCEMENT}`,
      ].join('\n'),
    );
    expect(body).toBe('給水所の件、承知しました。');
  });

  it('drops 「…のメッセージ:」 and 「…さんは書きました:」 headers', () => {
    expect(
      clean(
        [
          '了解です。',
          `2027/03/01 10:00、事務局 <${RELAY}> のメッセージ:`,
          `> ${ANNOUNCEMENT}`,
        ].join('\n'),
      ),
    ).toBe('了解です。');
    expect(
      clean(
        ['ありがとうございます。', '2027年3月1日 10:00 山田さんは書きました:', ANNOUNCEMENT].join(
          '\n',
        ),
      ),
    ).toBe('ありがとうございます。');
  });

  it('drops an Outlook "-----Original Message-----" block and the Japanese 「元のメッセージ」 one', () => {
    expect(
      clean(
        [
          'See you there.',
          '',
          '-----Original Message-----',
          'From: Office <office@example.com>',
          'Sent: Monday',
          ANNOUNCEMENT,
        ].join('\n'),
      ),
    ).toBe('See you there.');
    expect(
      clean(
        ['承知しました。', '----- 元のメッセージ -----', '差出人: 事務局', ANNOUNCEMENT].join('\n'),
      ),
    ).toBe('承知しました。');
  });

  it('drops an Outlook header block without a separator line (差出人/送信日時/宛先/件名)', () => {
    const body = clean(
      [
        '当日は参加します。',
        '________________________________',
        `差出人: テストマラソン実行委員会 <${RELAY}>`,
        '送信日時: 2027年3月1日 10:00',
        '宛先: yamada@example.jp',
        '件名: 【テストマラソン】コース変更のお知らせ',
        '',
        ANNOUNCEMENT,
      ].join('\n'),
    );
    expect(body).toBe('当日は参加します。');
  });

  it('keeps the answers of an interleaved reply and drops the quoted lines between them', () => {
    const body = clean(
      ['> 給水所が変わります。', '何kmになりますか?', '> 詳しくは大会サイトを', '見ました。'].join(
        '\n',
      ),
    );
    expect(body).toBe('何kmになりますか?\n見ました。');
  });

  it('keeps an ordinary line that merely mentions writing', () => {
    expect(clean('I wrote my bib number on the form.\nThanks')).toBe(
      'I wrote my bib number on the form.\nThanks',
    );
  });

  it('drops a Gmail HTML quote when there is no text part', () => {
    const body = cleanReply({
      text: null,
      html: `<div dir="ltr">雨天の場合も<b>開催</b>されますか?<br></div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">2027年3月1日(月) 10:00 事務局 &lt;${RELAY}&gt;:<br></div><blockquote class="gmail_quote">${ANNOUNCEMENT}</blockquote></div>`,
      locale: 'ja',
    }).body;
    expect(body).toBe('雨天の場合も開催されますか?');
  });
});

describe('signatures are cut', () => {
  it('cuts at the "-- " delimiter and at a bare "--"', () => {
    expect(clean('よろしくお願いします。\n-- \n山田 花子\nyamada@example.jp')).toBe(
      'よろしくお願いします。',
    );
    expect(clean('Thanks\n--\nHanako\n+81 90 0000 0000')).toBe('Thanks');
  });
});

describe('addresses are removed', () => {
  it('replaces every address that is not the sender’s own with a localized note', () => {
    const ja = cleanReply({
      text: '友人の suzuki@example.com と一緒に走ります。連絡は yamada@example.jp へ。',
      keepAddress: 'yamada@example.jp',
      locale: 'ja',
    });
    expect(ja.body).toBe(
      '友人の [メールアドレスを削除しました] と一緒に走ります。連絡は yamada@example.jp へ。',
    );
    expect(ja.removedAddresses).toBe(1);
    const en = cleanReply({ text: 'Ask <coach@club.example>', keepAddress: null, locale: 'en' });
    expect(en.body).toBe('Ask [email address removed]');
  });

  it('removes full-width "＠" addresses, mailto: links and relay addresses', () => {
    const body = clean(`連絡先: tanaka＠example.co.jp / mailto:sato@example.org / ${RELAY}`);
    expect(body).not.toMatch(/[@＠]/);
    expect(body.match(/\[メールアドレスを削除しました\]/g)).toHaveLength(3);
  });

  it('removes the sender’s own address too when told to keep none (staff answers by email)', () => {
    expect(
      clean('ご確認ください。\n━━━━━━\n事務局 田中\ntanaka@office.example', { keep: null }),
    ).not.toContain('tanaka@office.example');
  });
});

describe('what is left', () => {
  it('is trimmed, with runs of blank lines collapsed', () => {
    expect(clean('\n\n一行目\n\n\n\n二行目  \n\n')).toBe('一行目\n\n二行目');
  });

  it('is empty for a reply that only quotes', () => {
    expect(clean(`On Mon, Mar 1, 2027 Office <${RELAY}> wrote:\n> ${ANNOUNCEMENT}`)).toBe('');
  });

  it('is cut at 10,000 characters with a visible note', () => {
    const body = clean('あ'.repeat(12_000));
    expect(body.length).toBeLessThan(10_100);
    expect(body).toContain('省略しました');
  });
});

describe('hostile input', () => {
  it('stays fast on long runs that make naive patterns backtrack', () => {
    const inputs = [
      'a'.repeat(150_000) + '@',
      '<'.repeat(100_000),
      '<style>'.repeat(20_000),
      `x${' '.repeat(100_000)}y`,
      '@'.repeat(100_000),
      `${'a.'.repeat(60_000)}@b`,
    ];
    for (const input of inputs) {
      const started = performance.now();
      cleanReply({ text: input, keepAddress: null, locale: 'en' });
      cleanReply({ text: null, html: input, keepAddress: null, locale: 'en' });
      expect(performance.now() - started).toBeLessThan(1500);
    }
  });
});

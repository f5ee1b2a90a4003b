import { describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { renderEmail } from '~/modules/mail/render-email.server';

describe('rendering an email', () => {
  it('never leaves a NUL in Japanese text (React stream buffer boundary)', async () => {
    // These exact props put a multi-byte character on React's 2 KB chunk boundary.
    const rendered = await renderEmail('invitation', {
      eventNameJa: 'テスト大会 dbg',
      eventNameEn: 'Test Race dbg',
      eventDate: '2027-03-28',
      organizerNameJa: 'テスト大会実行委員会',
      organizerNameEn: 'Test Race Committee',
      contactEmail: 'office@race.example',
      joinUrl: 'http://localhost:3000/join/IfOc-fPX-rifd4973zdLZjm228C55xXgmDf9A278x8I',
      declineUrl: 'http://localhost:3000/join/IfOc-fPX-rifd4973zdLZjm228C55xXgmDf9A278x8I/decline',
      expiresAt: '2026-12-23T06:29:40.000Z',
    });
    expect(rendered.html).not.toContain('\0');
    expect(rendered.text).not.toContain('\0');
    expect(rendered.text).toContain(translate('ja', 'email.invitation.offer.sponsorOffers'));
  });

  it('keeps the case of headings in the plain-text part', async () => {
    const rendered = await renderEmail('invitation', {
      eventNameJa: 'テスト大会 dbg',
      eventNameEn: 'Test Race dbg',
      eventDate: '2027-03-28',
      organizerNameJa: 'テスト大会実行委員会',
      organizerNameEn: 'Test Race Committee',
      contactEmail: 'office@race.example',
      joinUrl: 'http://localhost:3000/join/token',
      declineUrl: 'http://localhost:3000/join/token/decline',
      expiresAt: '2026-12-23T06:29:40.000Z',
    });
    // The HTML's headings carry these names; the text part must not shout them.
    expect(rendered.html).toMatch(/<h1[^>]*>[^<]*テスト大会 dbg/);
    expect(rendered.text).toContain('テスト大会 dbg');
    expect(rendered.text).toContain('Test Race dbg');
    expect(rendered.text).not.toContain('DBG');
  });

  it('never breaks a Japanese sentence in the plain-text part', async () => {
    const rendered = await renderEmail('invitation', {
      eventNameJa: 'テスト大会',
      eventNameEn: 'Test Race',
      eventDate: '2027-03-28',
      organizerNameJa: 'テスト大会実行委員会',
      organizerNameEn: 'Test Race Committee',
      contactEmail: 'office@race.example',
      joinUrl: 'http://localhost:3000/join/token',
      declineUrl: 'http://localhost:3000/join/token/decline',
      expiresAt: '2026-12-23T06:29:40.000Z',
      senderDomain: 'mail.startline.example',
    });
    const sentence = translate('ja', 'email.invitation.carrier', {
      domain: 'mail.startline.example',
    });
    expect(rendered.text).toContain(sentence);
  });
});

/**
 * The edge input guard (app/modules/security/input-guard.server.ts): what counts as a NUL or
 * invalid UTF-8 in a URL, a form body or JSON, the localized 400 it answers with, the cookie
 * reader that ignores what it cannot decode, and readFormData refusing such a body.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '~/i18n/translate';
import { getLocale } from '~/modules/i18n/locale.server';
import {
  badInputCause,
  badInputResponse,
  decodeTextField,
  findUnsafeString,
  formBodyProblem,
  guardRequest,
  guardRequestTarget,
  requestTargetProblem,
} from '~/modules/security/input-guard.server';
import { readCookie } from '~/utils/cookie-header.server';
import { readFormData } from '~/utils/form.server';
import { decodeSingleFetch } from '../support/single-fetch';

const ORIGIN = 'http://localhost:3000';

describe('bad bytes in a request target', () => {
  it.each([
    ['/e/sakura-city-2027', null],
    ['/e/%E3%81%95%E3%81%8F%E3%82%89?q=%F0%9F%8F%83+run&page=2', null],
    ['/sign-in?next=%2Fe%2Fx%3Fa%3D1%26b%3D100%25', null],
    ['/', null],
    ['/e/%00', 'nul'],
    ['/e/a%00b/offers', 'nul'],
    ['/e/x?q=%00', 'nul'],
    ['/e/x?%00=1', 'nul'],
    ['/e/%FF', 'invalid_utf8'],
    ['/e/%E3%81', 'invalid_utf8'],
    ['/e/x?q=%E3%81&r=%82', 'invalid_utf8'],
    ['/e/%C0%80', 'invalid_utf8'], // overlong NUL
    ['/e/%ED%A0%80', 'invalid_utf8'], // a surrogate, CESU-8 style
    ['/e/%F4%90%80%80', 'invalid_utf8'], // beyond U+10FFFF
    ['/e/%zz', 'malformed_escape'],
    ['/e/x?q=%', 'malformed_escape'],
    ['/e/x?q=%4', 'malformed_escape'],
    ['/e/a\0b', 'nul'], // what an in-process caller could pass unescaped
    ['/e/\ud800', 'invalid_utf8'],
  ])('%s → %s', (target, problem) => {
    expect(requestTargetProblem(target)).toBe(problem);
  });

  it('answers in the visitor language, plain and never cached, naming no route', async () => {
    const ja = guardRequestTarget('/e/%00', { acceptLanguage: 'ja,en;q=0.5' });
    expect(ja).toMatchObject({ status: 400 });
    expect(ja!.headers).toMatchObject({
      'Cache-Control': 'no-store',
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Language': 'ja',
    });
    expect(String(ja!.body).trim()).toBe(translator('ja')('errors.invalidAddress'));

    const en = guardRequest(
      new Request(`${ORIGIN}/e/%FF`, { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } }),
    )!;
    expect(en.status).toBe(400);
    expect((await en.text()).trim()).toBe(translator('en')('errors.invalidAddress'));

    // The language switch's cookie wins over Accept-Language.
    const switched = guardRequestTarget('/e/%00', {
      acceptLanguage: 'ja',
      cookie: 'startline_lang=en',
    });
    expect(switched!.headers['Content-Language']).toBe('en');
  });

  it('answers a form’s data request (single fetch) with a thrown 400 its ErrorBoundary shows', async () => {
    const response = guardRequest(
      new Request(`${ORIGIN}/e/%00.data`, { method: 'POST', body: 'x=1' }),
    )!;
    expect(response.status).toBe(400);
    expect(response.headers.get('Content-Type')).toBe('text/x-script');
    expect(await decodeSingleFetch(response)).toEqual({
      thrown: { status: 400, data: { formError: translator('ja')('errors.invalidAddress') } },
    });
  });

  it('answers a navigation’s data request with a reload of the page, which gets the refusal', async () => {
    const response = guardRequest(
      new Request(`${ORIGIN}/e/%00.data?_routes=routes%2Fe.%24slug._index&page=2`),
    )!;
    expect(response.status).toBe(400);
    expect(await decodeSingleFetch(response)).toEqual({
      redirect: { redirect: '/e/%00?page=2', status: 302, revalidate: false, reload: true },
    });
  });

  it('lets a clean request through', () => {
    expect(
      guardRequest(new Request(`${ORIGIN}/e/x/a/y.data?page=2&_routes=routes%2Fx`)),
    ).toBeNull();
    expect(guardRequestTarget('/build/entry.client-ABC.js', {})).toBeNull();
  });
});

describe('bad bytes in a form body', () => {
  const urlencoded = 'application/x-www-form-urlencoded';
  const bytes = (text: string) => new TextEncoder().encode(text);

  it.each([
    ['email=a%40b.example&name=%E5%B1%B1%E7%94%B0+%E8%8A%B1%E5%AD%90', null],
    ['body=100%25+sure&x=', null],
    ['body=a%00b', 'nul'],
    ['a%00b=1', 'nul'],
    ['body=%FF', 'invalid_utf8'],
    ['body=%E3%81', 'invalid_utf8'],
    ['body=%zz', 'malformed_escape'],
  ])('urlencoded %s → %s', (body, problem) => {
    expect(formBodyProblem(`${urlencoded}; charset=UTF-8`, bytes(body))).toBe(problem);
  });

  it('finds a raw invalid byte in an urlencoded body', () => {
    expect(formBodyProblem(urlencoded, new Uint8Array([0x78, 0x3d, 0xff]))).toBe('invalid_utf8');
  });

  const boundary = '----b';
  const multipart = (...parts: Array<Uint8Array | string>) =>
    new Uint8Array(
      Buffer.concat([
        ...parts.map((part) => Buffer.from(part as never)),
        Buffer.from(`--${boundary}--\r\n`),
      ]),
    );
  const textPart = (name: string, value: Uint8Array | string) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`),
      Buffer.from(value as never),
      Buffer.from('\r\n'),
    ]);
  const filePart = (filename: Uint8Array | string, content: Uint8Array) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`),
      Buffer.from(filename as never),
      Buffer.from('"\r\nContent-Type: application/octet-stream\r\n\r\n'),
      Buffer.from(content),
      Buffer.from('\r\n'),
    ]);
  const type = `multipart/form-data; boundary=${boundary}`;
  const binary = new Uint8Array([0x00, 0xff, 0xe3, 0x0d, 0x0a, 0x2d, 0x2d]);

  it('checks multipart text fields and file names, never file contents', () => {
    expect(
      formBodyProblem(type, multipart(textPart('titleJa', 'さくら'), filePart('a.csv', binary))),
    ).toBeNull();
    expect(formBodyProblem(type, multipart(textPart('title', 'a\0b')))).toBe('nul');
    expect(formBodyProblem(type, multipart(textPart('title', new Uint8Array([0xe3]))))).toBe(
      'invalid_utf8',
    );
    expect(formBodyProblem(type, multipart(filePart(new Uint8Array([0xff]), binary)))).toBe(
      'invalid_utf8',
    );
    expect(formBodyProblem(type, multipart(textPart('a\0b', 'x')))).toBe('nul');
    // A quoted boundary, as RFC 2046 allows.
    expect(
      formBodyProblem(
        `multipart/form-data; boundary="${boundary}"`,
        multipart(textPart('t', '\0')),
      ),
    ).toBe('nul');
  });

  it('decodes an upload reader text field, or refuses it', () => {
    expect(decodeTextField(new TextEncoder().encode('東京'))).toBe('東京');
    expect(decodeTextField(new Uint8Array([0x61, 0x00]))).toBeNull();
    expect(decodeTextField(new Uint8Array([0xc3]))).toBeNull();
  });

  it('makes readFormData refuse such a body with a localized 400', async () => {
    const t = translator('en');
    const request = new Request(`${ORIGIN}/e/x/messages`, {
      method: 'POST',
      headers: { 'Content-Type': urlencoded },
      body: 'body=hello%00',
    });
    const refusal = await readFormData(request, t).catch((thrown: unknown) => thrown);
    expect(refusal).toBeInstanceOf(Response);
    expect((refusal as Response).status).toBe(400);
    expect(await (refusal as Response).json()).toEqual({
      formError: t('errors.invalidCharacters'),
    });

    const fine = new Request(`${ORIGIN}/e/x/messages`, {
      method: 'POST',
      headers: { 'Content-Type': urlencoded },
      body: 'body=%E3%81%93%E3%82%93%E3%81%AB%E3%81%A1%E3%81%AF',
    });
    expect((await readFormData(fine, t)).get('body')).toBe('こんにちは');
  });
});

describe('bad strings in parsed JSON', () => {
  it('finds NUL and lone surrogates in values and keys, at any depth', () => {
    expect(findUnsafeString({ data: { to: ['a@b.example'], subject: '東京 🏃' } })).toBeNull();
    expect(findUnsafeString(JSON.parse('{"data":{"subject":"a\\u0000"}}'))).toBe('nul');
    expect(findUnsafeString(JSON.parse('{"data":{"to":["x","\\ud800"]}}'))).toBe('invalid_utf8');
    expect(findUnsafeString(JSON.parse('{"data":{"\\u0000":1}}'))).toBe('nul');
    expect(findUnsafeString(JSON.parse('{"a":"\\udc00\\ud83c"}'))).toBe('invalid_utf8');
    expect(findUnsafeString(JSON.parse('{"a":"\\ud83c\\udfc3"}'))).toBeNull();
  });
});

describe("PostgreSQL's refusal of a value, as the safety net sees it", () => {
  it('recognises the bad-input SQLSTATEs through drizzle’s wrapper, and nothing else', () => {
    const wrapped = (code: string) =>
      Object.assign(new Error('Failed query: …'), {
        cause: Object.assign(new Error('x'), { code }),
      });
    expect(badInputCause(wrapped('22021'))).toEqual({ code: '22021' });
    expect(badInputCause(wrapped('22P05'))).toEqual({ code: '22P05' });
    expect(badInputCause(wrapped('22P02'))).toEqual({ code: '22P02' });
    expect(badInputCause(wrapped('23505'))).toBeUndefined();
    expect(badInputCause(wrapped('57P01'))).toBeUndefined();
    expect(badInputCause(new Error('plain'))).toBeUndefined();
  });

  it('answers 400 in the visitor language instead of the 500 page', async () => {
    const response = badInputResponse(
      new Request(`${ORIGIN}/e/x/messages`, { headers: { 'Accept-Language': 'en' } }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect((await response.text()).trim()).toBe(translator('en')('errors.invalidCharacters'));
  });
});

describe('a malformed cookie', () => {
  it('reads as absent, and does not hide the cookies next to it', () => {
    expect(readCookie('startline_lang=%E0%A4%A', 'startline_lang')).toBeUndefined();
    expect(readCookie('other=%; startline_lang=en', 'startline_lang')).toBe('en');
    expect(readCookie('%zz; startline_lang=en', 'startline_lang')).toBe('en');
    expect(readCookie('a=b=c; x=%E3%81%82', 'x')).toBe('あ');
    expect(readCookie('a=b=c', 'a')).toBe('b=c');
    expect(readCookie(null, 'a')).toBeUndefined();
  });

  it('leaves the language to Accept-Language', () => {
    const request = new Request(ORIGIN, {
      headers: { Cookie: 'startline_lang=%zz', 'Accept-Language': 'en' },
    });
    expect(getLocale(request)).toBe('en');
  });
});

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  checkMapping,
  entrantRows,
  guessMapping,
  mappingByHeader,
  parseCsv,
  parseEntrantList,
  readEntrantFile,
  type EntrantListResult,
} from '~/modules/invitations/entrant-csv.server';

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const withBom = (text: string) =>
  new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
const sjis = (text: string) => new Uint8Array(iconv.encode(text, 'cp932'));

function ok(result: EntrantListResult) {
  if (!result.ok) throw new Error(`expected a parsed list, got ${result.problem}`);
  return result;
}

describe('reading the entrant CSV', () => {
  it('reads a UTF-8 file with a BOM and Japanese headers, normalizing full-width input', () => {
    const result = ok(
      parseEntrantList(
        withBom(
          'メールアドレス,氏名,ゼッケン,種目\r\nＹＡＭＡＤＡ＠ＥＸＡＭＰＬＥ．ＣＯＭ,山田　花子,１０２４,フル\r\n',
        ),
      ),
    );
    expect(result.encoding).toBe('utf-8-bom');
    expect(result.rows).toEqual([
      {
        line: 2,
        email: 'yamada@example.com',
        name: '山田 花子',
        nameKana: '',
        bib: '1024',
        category: 'フル',
      },
    ]);
    expect(result.rejected).toEqual([]);
  });

  it('reads a Shift_JIS (CP932) file as Excel on Japanese Windows saves it, including ① and 髙', () => {
    const result = ok(
      parseEntrantList(sjis('メールアドレス,名前,ナンバー\r\ntaka@example.com,髙橋 ① ﾊﾅｺ,77\r\n')),
    );
    expect(result.encoding).toBe('shift_jis');
    // NFKC: ① → 1, half-width katakana → full-width.
    expect(result.rows).toEqual([
      {
        line: 2,
        email: 'taka@example.com',
        name: '髙橋 1 ハナコ',
        nameKana: '',
        bib: '77',
        category: null,
      },
    ]);
  });

  it('reads English headers in any case, and tab-separated files', () => {
    const result = ok(
      parseEntrantList(utf8('E-Mail\tFull Name\tBib Number\nann@example.com\tAnn Lee\t5\n')),
    );
    expect(result.rows.map((r) => [r.email, r.name, r.bib])).toEqual([
      ['ann@example.com', 'Ann Lee', '5'],
    ]);
  });

  it('reports each bad line by its physical line number and keeps every valid row', () => {
    const csv = [
      'email,name,bib', // 1
      'good1@example.com,"Multi\nLine Name",1', // 2-3
      'not-an-email,Bad Email,2', // 4
      'short@example.com,Short', // 5 (no bib column)
      `long@example.com,${'x'.repeat(10_001)},3`, // 6
      'formula@example.com,"=HYPERLINK(""http://evil.example"",""click"")",4', // 7
      'good2@example.com,Good Two,5', // 8
      'GOOD1@example.com,Again,6', // 9 duplicate of line 2
      ',No Address,7', // 10
      'plus@example.com,Plus,+81', // 11 formula-looking bib
      'extra@example.com,Extra,8,surprise', // 12
      '', // 13 blank: skipped
      'good3@example.com,Good Three,9', // 14
    ].join('\n');
    const result = ok(parseEntrantList(utf8(csv)));
    expect(result.rows.map((r) => [r.line, r.email, r.name])).toEqual([
      [2, 'good1@example.com', 'Multi Line Name'],
      [8, 'good2@example.com', 'Good Two'],
      [14, 'good3@example.com', 'Good Three'],
    ]);
    // Each with the failing value: addresses masked, long values cut.
    expect(result.rejected).toEqual([
      { line: 4, problems: [{ reason: 'invalid_email', column: 'email', value: '***' }] },
      { line: 5, problems: [{ reason: 'missing_column', column: 'bib' }] },
      {
        line: 6,
        problems: [{ reason: 'too_long', column: 'name', limit: 200, value: `${'x'.repeat(60)}…` }],
      },
      {
        line: 7,
        problems: [
          {
            reason: 'formula',
            column: 'name',
            value: '=HYPERLINK("http://evil.example","click")',
          },
        ],
      },
      {
        line: 9,
        problems: [{ reason: 'duplicate', column: 'email', firstLine: 2, value: 'g***@e***.com' }],
      },
      { line: 10, problems: [{ reason: 'missing_value', column: 'email', value: '' }] },
      { line: 11, problems: [{ reason: 'formula', column: 'bib', value: '+81' }] },
      { line: 12, problems: [{ reason: 'extra_fields' }] },
    ]);
    expect(result.dataRecords).toBe(11);
  });

  it('catches full-width formula signs and formulas in every stored column', () => {
    const result = ok(
      parseEntrantList(
        utf8(
          'email,name,bib,category\na@example.com,＝1+1,1,x\nb@example.com,B,@SUM(A1),x\nc@example.com,C,3,-cmd\n',
        ),
      ),
    );
    expect(result.rows).toEqual([]);
    expect(result.rejected.map((r) => r.problems)).toEqual([
      [{ reason: 'formula', column: 'name', value: '=1+1' }],
      // A value with an "@" is masked like an address, wherever it is.
      [{ reason: 'formula', column: 'bib', value: '***' }],
      [{ reason: 'formula', column: 'category', value: '-cmd' }],
    ]);
  });

  it('reports a Shift_JIS line pasted into a UTF-8 file instead of importing mojibake', () => {
    const bytes = Buffer.concat([
      Buffer.from(
        'email,name,bib\nhanako@example.com,山田 花子,1\nken2@example.com,佐藤 健二,9\n',
        'utf8',
      ),
      iconv.encode('ken@example.com,佐藤 健,2\n', 'cp932'),
      Buffer.from('emi@example.com,鈴木 恵美 😀,3\n', 'utf8'),
      Buffer.from([...Buffer.from('over@example.com,A'), 0xc0, 0xaf, ...Buffer.from(',4\n')]), // overlong "/"
      Buffer.from([...Buffer.from('surr@example.com,B'), 0xed, 0xa0, 0x80, ...Buffer.from(',5\n')]), // a surrogate
    ]);
    const result = ok(parseEntrantList(new Uint8Array(bytes)));
    expect(result.encoding).toBe('utf-8');
    expect(result.rows.map((r) => r.name)).toEqual(['山田 花子', '佐藤 健二', '鈴木 恵美 😀']);
    expect(result.rejected).toEqual([
      { line: 4, problems: [{ reason: 'encoding' }] },
      { line: 6, problems: [{ reason: 'encoding' }] },
      { line: 7, problems: [{ reason: 'encoding' }] },
    ]);
  });

  it('reports a UTF-8 line inside a Shift_JIS file the same way', () => {
    const bytes = Buffer.concat([
      iconv.encode(
        'メールアドレス,氏名,ゼッケン\nhanako@example.com,山田 花子,1\nemi@example.com,鈴木 恵美,3\n',
        'cp932',
      ),
      Buffer.from('ken@example.com,佐藤 健,2\n', 'utf8'),
    ]);
    const result = ok(parseEntrantList(new Uint8Array(bytes)));
    expect(result.encoding).toBe('shift_jis');
    expect(result.rows.map((r) => r.name)).toEqual(['山田 花子', '鈴木 恵美']);
    expect(result.rejected).toEqual([{ line: 4, problems: [{ reason: 'encoding' }] }]);
  });

  it('keeps line numbers when a Shift_JIS line ends in half a character', () => {
    const bytes = Buffer.concat([
      iconv.encode(
        'メールアドレス,氏名,ゼッケン\na@sj.example,山田 花子,1\nb@sj.example,佐藤,2',
        'cp932',
      ),
      Buffer.from([0x82, 0x0a]), // a lead byte with no trail byte, then the line break
      iconv.encode('c@sj.example,鈴木 恵美,3\n', 'cp932'),
    ]);
    const result = ok(parseEntrantList(new Uint8Array(bytes)));
    expect(result.rows.map((r) => [r.line, r.name])).toEqual([
      [2, '山田 花子'],
      [4, '鈴木 恵美'],
    ]);
    expect(result.rejected).toEqual([{ line: 3, problems: [{ reason: 'encoding' }] }]);
  });

  it('refuses a file that is neither UTF-8 nor CP932, and binary files', () => {
    // Latin-1 (a European export): invalid UTF-8, and garbage or gaiji as CP932.
    const latin1 = Buffer.from(
      'email,name,bib\nzoe@example.com,Zoé Müller,1\nana@example.com,Ana Peña,2\n',
      'latin1',
    );
    expect(parseEntrantList(new Uint8Array(latin1))).toEqual({ ok: false, problem: 'undecodable' });
    expect(parseEntrantList(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toEqual({
      ok: false,
      problem: 'binary',
    });
    expect(parseEntrantList(new Uint8Array(Buffer.from('\ufeffemail', 'utf16le')))).toEqual({
      ok: false,
      problem: 'utf16',
    });
    expect(parseEntrantList(new Uint8Array())).toEqual({ ok: false, problem: 'empty' });
  });

  it('refuses a file whose header lacks a required column, naming it', () => {
    expect(parseEntrantList(utf8('email,name\na@example.com,A\n'))).toEqual({
      ok: false,
      problem: 'missing_columns',
      missingColumns: ['bib'],
    });
    expect(parseEntrantList(utf8('a@example.com,A,1\n'))).toEqual({
      ok: false,
      problem: 'no_header',
    });
  });

  it('does not let one stray quote swallow the rows after it', () => {
    const result = ok(
      parseEntrantList(
        utf8('email,name,bib\na@example.com,"Broken,1\nb@example.com,B,2\nc@example.com,C,3\n'),
      ),
    );
    expect(result.rejected).toEqual([{ line: 2, problems: [{ reason: 'unterminated_quote' }] }]);
    expect(result.rows.map((r) => r.line)).toEqual([3, 4]);
  });

  it('counts physical lines across CRLF, CR-only and quoted line breaks', () => {
    expect(
      parseCsv('a,"x\r\ny"\r\nb,c\r\n').records.map((r) => [r.line, r.endLine, r.fields]),
    ).toEqual([
      [1, 2, ['a', 'x\r\ny']],
      [3, 3, ['b', 'c']],
    ]);
    const mac = ok(parseEntrantList(utf8('email,name,bib\ra@example.com,A,1\rb@example.com,B,2')));
    expect(mac.rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it('drops control and bidi-override characters from names', () => {
    const result = ok(
      parseEntrantList(utf8('email,name,bib\na@example.com,Ann\u202Egnp.exe\u0007,1\n')),
    );
    expect(result.rows[0].name).toBe('Anngnp.exe');
  });
});

function headerOf(bytes: Uint8Array) {
  const read = readEntrantFile(bytes);
  if (!read.ok) throw new Error(`expected a readable file, got ${read.problem}`);
  return read.file;
}

describe('guessing the column mapping from the header', () => {
  for (const [encoding, encode] of [
    ['UTF-8', utf8],
    ['Shift_JIS', sjis],
  ] as const) {
    it(`recognises entry-system headers (${encoding}): 姓/名, セイ/メイ, アスリートビブス, 種目`, () => {
      const file = headerOf(
        encode(
          '姓,名,セイ,メイ,PCメール,携帯メール,アスリートビブス,種目,性別\n山田,花子,ヤマダ,ハナコ,a@x.example,b@x.example,1,フル,女\n',
        ),
      );
      // Two address columns: the first (PC) is taken; the uploader may change it.
      expect(guessMapping(file.header)).toEqual({
        familyName: 0,
        givenName: 1,
        kanaFamily: 2,
        kanaGiven: 3,
        email: 4,
        bib: 6,
        category: 7,
      });
    });
  }

  it('knows the other names of each field, with full-width and bracketed notes', () => {
    const guess = (header: string) => guessMapping(header.split(','));
    expect(guess('Ｅメール,お名前,フリガナ,ナンバーカード,部門')).toEqual({
      email: 0,
      fullName: 1,
      kanaFull: 2,
      bib: 3,
      category: 4,
    });
    expect(
      guess(
        '名前（姓）,名前（名）,フリガナ（セイ）,フリガナ（メイ）,携帯メール,ナンバー,カテゴリー',
      ),
    ).toEqual({
      familyName: 0,
      givenName: 1,
      kanaFamily: 2,
      kanaGiven: 3,
      email: 4,
      bib: 5,
      category: 6,
    });
    expect(guess('E-mail,Last Name,First Name,Bib,Category')).toEqual({
      email: 0,
      familyName: 1,
      givenName: 2,
      bib: 3,
      category: 4,
    });
    // One name column wins over 姓/名 when the file has both.
    expect(guess('氏名,姓,名,メールアドレス(必須),ゼッケン番号')).toEqual({
      fullName: 0,
      email: 3,
      bib: 4,
    });
  });

  it('prefers the mapping the event confirmed last time, where its headers are present', () => {
    const header = ['PCメール', '携帯メール', '氏名', 'No.'];
    const remembered = mappingByHeader({ email: 1, fullName: 2, bib: 3 }, header);
    expect(remembered).toMatchObject({ email: '携帯メール', bib: 'No.', category: '' });
    expect(guessMapping(header, remembered)).toEqual({ email: 1, fullName: 2, bib: 3 });
    // Columns moved: found by header text, not position.
    expect(guessMapping(['No.', '氏名', '携帯メール', 'PCメール'], remembered)).toEqual({
      email: 2,
      fullName: 1,
      bib: 0,
    });
    // "No." missing: the remembered choices that apply, guesses for the rest.
    expect(guessMapping(['携帯メール', '姓', '名', 'ゼッケン'], remembered)).toEqual({
      email: 0,
      familyName: 1,
      givenName: 2,
      bib: 3,
    });
  });
});

describe('checking a mapping', () => {
  const ok = { email: 0, fullName: 1, bib: 2 };
  it('needs an address, a bib and a name, each column once, and columns of the file', () => {
    expect(checkMapping(ok, 3)).toBeNull();
    expect(checkMapping({ email: 0, familyName: 1, givenName: 3, bib: 2 }, 4)).toBeNull();
    expect(checkMapping({ fullName: 1, bib: 2 }, 3)).toBe('email_required');
    expect(checkMapping({ email: 0, fullName: 1 }, 3)).toBe('bib_required');
    expect(checkMapping({ email: 0, givenName: 1, bib: 2 }, 3)).toBe('name_required');
    expect(checkMapping({ ...ok, familyName: 3 }, 4)).toBe('name_twice');
    expect(checkMapping({ ...ok, kanaFull: 3, kanaGiven: 4 }, 5)).toBe('name_twice');
    expect(checkMapping({ ...ok, category: 2 }, 3)).toBe('column_twice');
    expect(checkMapping({ ...ok, category: 3 }, 3)).toBe('unknown_column');
    expect(checkMapping({ ...ok, category: -1 }, 3)).toBe('unknown_column');
    expect(checkMapping({ ...ok, category: 1.5 }, 3)).toBe('unknown_column');
  });
});

describe('row checks with a mapping', () => {
  it('joins 姓 and 名 (and セイ and メイ) with a space and reads a Shift_JIS file alike', () => {
    for (const encode of [utf8, sjis]) {
      const file = headerOf(
        encode(
          'メール,姓,名,セイ,メイ,ビブス\na@x.example,山田,花子,ﾔﾏﾀﾞ,ﾊﾅｺ,1\nb@x.example,佐藤,,サトウ,,2\n',
        ),
      );
      const result = entrantRows(file, guessMapping(file.header));
      expect(result.rows.map((r) => [r.name, r.nameKana])).toEqual([
        ['山田 花子', 'ヤマダ ハナコ'],
        ['佐藤', 'サトウ'],
      ]);
    }
  });

  it('rejects an empty bib, and every row of a bib claimed by two addresses, naming the other lines', () => {
    const result = ok(
      parseEntrantList(
        utf8(
          [
            'email,name,bib', // 1
            'a@x.example,A,5000', // 2
            'b@x.example,B,5000', // 3
            'c@x.example,C,', // 4
            'd@x.example,D,5001', // 5
            'a@x.example,A again,5000', // 6 the same address again: the address rule
            'e@x.example,E,  ', // 7 blank is empty
          ].join('\n'),
        ),
      ),
    );
    expect(result.rows.map((r) => r.line)).toEqual([5]);
    expect(result.rejected).toEqual([
      {
        line: 2,
        problems: [{ reason: 'duplicate_bib', column: 'bib', otherLines: [3], value: '5000' }],
      },
      {
        line: 3,
        problems: [{ reason: 'duplicate_bib', column: 'bib', otherLines: [2], value: '5000' }],
      },
      { line: 4, problems: [{ reason: 'missing_value', column: 'bib', value: '' }] },
      {
        line: 6,
        problems: [
          { reason: 'duplicate', column: 'email', firstLine: 2, value: 'a***@x***.example' },
        ],
      },
      { line: 7, problems: [{ reason: 'missing_value', column: 'bib', value: '' }] },
    ]);
  });
});

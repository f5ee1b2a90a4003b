import { describe, expect, it } from 'vitest';
import {
  browserTableImports,
  checkGenerated,
  checkMessages,
  checkTable,
  graphKeys,
  scanSource,
} from '../../scripts/check-messages';
import { roleLabel } from '~/i18n/key-families';
import { messages } from '~/i18n/messages';

const keys = Object.keys(messages);
const describeProblem = (p: { kind: string; key?: string; where?: string; detail: string }) =>
  [p.kind, p.key, p.where, p.detail].filter(Boolean).join(' ');

describe('message keys', () => {
  it('every key the code uses is in the table, every key in the table is used, and each has both languages', () => {
    const result = checkMessages();
    expect(result.problems.map(describeProblem)).toEqual([]);
    // The check read the code at all: the families it found and the keys it saw.
    expect(result.families.map((f) => f.prefix)).toContain('home.role.');
    expect(result.used).toBe(result.keys);
  });

  it('reports a key the code uses that the table lacks, from a call or from a family', () => {
    const { 'form.required': _required, 'home.role.viewer': _viewer, ...rest } = messages;
    const problems = checkMessages(rest).problems.filter((p) => p.kind === 'missing');
    expect(problems.map((p) => p.key)).toEqual(
      expect.arrayContaining(['form.required', 'home.role.viewer']),
    );
    expect(problems.find((p) => p.key === 'home.role.viewer')?.where).toMatch(
      /^app\/i18n\/key-families\.ts:\d+$/,
    );
  });

  it('reports a key nothing uses', () => {
    const table = {
      ...messages,
      'sponsors.codes.remaining': { ja: '未配布のコード', en: 'Codes left' },
    };
    const unused = checkMessages(table).problems.filter((p) => p.kind === 'unused');
    expect(unused.map((p) => p.key)).toContain('sponsors.codes.remaining');
  });

  it('counts a …One twin as used when its key is, since translate() picks it', () => {
    const table = { ...messages, 'home.titleOne': { ja: 'x', en: 'x' } };
    expect(checkMessages(table).problems.map(describeProblem)).not.toContainEqual(
      expect.stringContaining('home.titleOne'),
    );
  });

  it('reports a key without text in one language, or with different parameters in each', () => {
    const problems = checkTable({
      'a.ok': { ja: '{count}件', en: '{count} items' },
      'a.noEnglish': { ja: 'はい', en: ' ' },
      'a.noJapanese': { en: 'Yes' },
      'a.params': { ja: '{name}さん', en: 'Dear {person}' },
    });
    expect(problems.map((p) => `${p.kind} ${p.key}`)).toEqual([
      'untranslated a.noEnglish',
      'untranslated a.noJapanese',
      'placeholders a.params',
    ]);
  });
});

describe('reading the code', () => {
  const scan = (code: string) => scanSource('app/example.tsx', code, keys);

  it('counts string literals that are keys as used', () => {
    const result = scan(`const a = t('home.title'); const b = cond ? 'nav.home' : 'nav.signIn';`);
    expect([...result.used].sort()).toEqual(['home.title', 'nav.home', 'nav.signIn']);
    expect(result.problems).toEqual([]);
  });

  it('reports a key built from a template or by concatenation, which no check can follow', () => {
    const result = scan(
      ['const a = t(`home.role.${role}`);', "const b = t('invitees.status.' + status);"].join('\n'),
    );
    expect(result.problems.map((p) => `${p.kind} ${p.where}`)).toEqual([
      'dynamic app/example.tsx:1',
      'dynamic app/example.tsx:2',
    ]);
  });

  it('leaves templates and dotted strings that are not keys alone', () => {
    const result = scan(
      [
        'const token = `v1.${expiresAt}.${sig}`;',
        'const url = `${base}/invitations`;',
        "logger.info('relay.inbound', { status });",
        "const host = z.string().default('relay.startline.local');",
      ].join('\n'),
    );
    expect(result.problems).toEqual([]);
  });

  it('reports a dotted string in a key position that is not a key', () => {
    const result = scan(
      [
        "const a = t('home.titel');",
        "const s = z.string().min(1, 'form.requird');",
        "const e = z.enum(['a'], { error: 'form.missing' });",
      ].join('\n'),
    );
    expect(result.problems.map((p) => `${p.kind} ${p.key}`)).toEqual([
      'missing home.titel',
      'missing form.requird',
      'missing form.missing',
    ]);
  });

  it('reads the members of a declared family, and refuses one it cannot read', () => {
    const result = scan(
      [
        "const role = keyFamily('home.role.', ['owner', 'boss'] as const);",
        "const other = keyFamily('home.role.', ROLES);",
      ].join('\n'),
    );
    expect([...result.used]).toEqual(['home.role.owner']);
    expect(result.families).toEqual([
      {
        prefix: 'home.role.',
        members: ['owner', 'boss'],
        where: 'app/example.tsx:1',
        name: 'role',
      },
    ]);
    expect(result.problems.map((p) => `${p.kind} ${p.key ?? ''}`.trim())).toEqual([
      'missing home.role.boss',
      'family',
    ]);
  });
});

describe('strings per route', () => {
  // A small app: a route, a component, a server module, the families file and the table.
  const app = (files: Record<string, string>) =>
    new Map(Object.entries(files).map(([file, code]) => [file, scanSource(file, code, keys)]));

  it('counts the keys of every module a route imports, server modules included', () => {
    const scans = app({
      'app/routes/page.tsx': [
        "import { Header } from '~/components/header';",
        "import { load } from '~/modules/page.server';",
        "import type { Other } from '~/components/other';",
        "export default function Page() { return t('home.title'); }",
      ].join('\n'),
      'app/components/header.tsx': "export const Header = () => t('nav.home');",
      'app/modules/page.server.ts': "export const load = () => ({ error: 'form.required' });",
      'app/components/other.tsx': "export const Other = () => t('nav.signOut');",
    });
    expect([...graphKeys('app/routes/page.tsx', scans)].sort()).toEqual([
      'form.required',
      'home.title',
      'nav.home',
    ]);
    expect([...graphKeys('app/routes/page.tsx', scans, { skipServer: true })].sort()).toEqual([
      'home.title',
      'nav.home',
    ]);
  });

  it('takes from key-families.ts only the families a module imports', () => {
    const scans = app({
      'app/routes/team.tsx': "import { roleLabel } from '~/i18n/key-families';",
      'app/i18n/key-families.ts': [
        "export const roleLabel = keyFamily('home.role.', ['owner', 'editor']);",
        "export const funnelLabel = keyFamily('staff.funnel.', ['invited']);",
      ].join('\n'),
    });
    expect([...graphKeys('app/routes/team.tsx', scans)].sort()).toEqual([
      'home.role.editor',
      'home.role.owner',
    ]);
  });

  it('reports a module the browser loads that imports the whole table', () => {
    const scans = app({
      'app/routes/page.tsx': [
        "import { errorText } from '~/utils/forms';",
        "import { getTranslator } from '~/modules/i18n/locale.server';",
        "import type { MessageKey } from '~/i18n/messages';",
      ].join('\n'),
      'app/utils/forms.ts': "import { isMessageKey } from '~/i18n/translate';",
      'app/modules/i18n/locale.server.ts': "import { translator } from '~/i18n/translate';",
      'app/i18n/translate.ts': "import { messages } from './messages';",
    });
    expect(
      browserTableImports(scans, ['app/routes/page.tsx']).map((p) => `${p.kind} ${p.where}`),
    ).toEqual(['browser-table app/utils/forms.ts']);
  });

  // Reads every module and the route tree again: seconds on a busy machine.
  it(
    'finds the generated lists up to date with the routes’ code',
    { timeout: 120_000 },
    async () => {
      expect(await checkGenerated()).toEqual([]);
    },
  );
});

describe('keyFamily', () => {
  it('builds the key for a member and tells a member from any other value', () => {
    expect(roleLabel('editor')).toBe('home.role.editor');
    expect(roleLabel.has('viewer')).toBe(true);
    expect(roleLabel.has('admin')).toBe(false);
    expect(roleLabel.has(undefined)).toBe(false);
  });
});

/**
 * Finds message keys that are missing, unused or half-translated (issue 16).
 *
 * The table in app/i18n/messages is read as data; the code in app/, emails/ and server.ts is
 * read as syntax (the TypeScript parser without type checking, so it takes a second or two).
 * A key counts as used when it appears in the code as a string literal, or as a member of a
 * family declared with `keyFamily('prefix.', ['a', 'b'])` (app/i18n/key-families.ts) — the
 * one way to build a key from a value. A key built any other way (`t(\`staff.event.${name}\`)`,
 * `'audit.' + action`) is reported, since no static check can see which keys it reaches.
 *
 *   npm run check:messages      lists the problems and exits 1 if there are any
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { messages } from '../app/i18n/messages';
import { locales } from '../app/i18n/types';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Where keys are used. The table itself is skipped: its property names are not uses. */
const SOURCES = ['app', 'emails'];
const TABLE_DIR = join('app', 'i18n', 'messages');

/** What a key looks like: dotted words, e.g. `sponsors.codes.file.too_many`. */
const KEY_SHAPE = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_-]+)+$/;

/** Calls whose string arguments are keys: t(key), translate(locale, key), isMessageKey(key). */
const KEY_CALLEES = new Set(['t', 'translate', 'isMessageKey']);

/** zod checks whose message parseForm() translates as a key: `.min(1, 'form.required')`. */
const ZOD_CHECKS = new Set([
  'min',
  'max',
  'length',
  'regex',
  'int',
  'email',
  'url',
  'refine',
  'gte',
  'lte',
  'gt',
  'lt',
  'positive',
  'nonnegative',
  'startsWith',
  'endsWith',
  'includes',
  'literal',
  'enum',
]);

/** Object properties whose string value is a key: zod's `{ message }`/`{ error }`, a plan's `{ key }`. */
const KEY_PROPERTIES = new Set(['message', 'error', 'key']);

export type ProblemKind =
  | 'missing' // the code uses a key the table lacks
  | 'unused' // the table has a key nothing uses
  | 'untranslated' // a key without text in one language
  | 'placeholders' // ja and en name different {params}
  | 'dynamic' // a key built from a template or by concatenation
  | 'family'; // a keyFamily() call the check cannot read

export interface Problem {
  kind: ProblemKind;
  key?: string;
  where?: string;
  detail: string;
}

export interface Family {
  prefix: string;
  members: string[];
  where: string;
}

export interface SourceScan {
  used: Set<string>;
  families: Family[];
  problems: Problem[];
}

export interface MessageCheck {
  keys: number;
  used: number;
  files: number;
  families: Family[];
  problems: Problem[];
}

type Table = Record<string, Partial<Record<string, unknown>>>;

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return null;
}

/** `[…] as const`, `(…)` and `… satisfies T` say the same thing as what they wrap. */
function unwrap(node: ts.Expression): ts.Expression {
  while (
    ts.isAsExpression(node) ||
    ts.isParenthesizedExpression(node) ||
    ts.isSatisfiesExpression(node)
  )
    node = node.expression;
  return node;
}

function calleeName(call: ts.CallExpression): string | null {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return null;
}

/** The keys one source file uses, the families it declares, and the keys it builds unseen. */
export function scanSource(file: string, text: string, keys: readonly string[]): SourceScan {
  const keySet = new Set(keys);
  // Only a template or sum whose fixed start begins some key is taken for a key: `v1.${sig}`
  // and `${base}/invitations` are not.
  const startsAKey = (prefix: string) =>
    prefix.includes('.') && keys.some((k) => k.startsWith(prefix));
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const where = (node: ts.Node) =>
    `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
  const scan: SourceScan = { used: new Set(), families: [], problems: [] };

  // A string that reaches t()/translate()/isMessageKey(), or is a zod message, must be a key;
  // elsewhere a dotted string may be anything (a log event, an audit action, a host name).
  const isKeyPosition = (node: ts.Node): boolean => {
    const parent = node.parent;
    if (ts.isCallExpression(parent) && parent.arguments.some((a) => a === node)) {
      const name = calleeName(parent);
      if (name === null) return false;
      if (KEY_CALLEES.has(name)) return true;
      return ts.isPropertyAccessExpression(parent.expression) && ZOD_CHECKS.has(name);
    }
    if (ts.isPropertyAssignment(parent) && parent.initializer === node)
      return KEY_PROPERTIES.has(parent.name.getText(source));
    return false;
  };

  const readFamily = (call: ts.CallExpression): void => {
    const [prefixArg, membersArg] = call.arguments;
    const prefix = prefixArg ? literalText(prefixArg) : null;
    const list = membersArg ? unwrap(membersArg) : null;
    const members =
      list && ts.isArrayLiteralExpression(list) ? list.elements.map((e) => literalText(e)) : null;
    if (prefix === null || members === null || members.some((m) => m === null)) {
      scan.problems.push({
        kind: 'family',
        where: where(call),
        detail: 'keyFamily() needs a string literal prefix and an array of string literal members',
      });
      return;
    }
    scan.families.push({ prefix, members: members as string[], where: where(call) });
    for (const member of members as string[]) {
      const key = prefix + member;
      if (keySet.has(key)) scan.used.add(key);
      else
        scan.problems.push({
          kind: 'missing',
          key,
          where: where(call),
          detail: `member of keyFamily('${prefix}') but not in the table`,
        });
    }
  };

  const visit = (node: ts.Node): void => {
    const literal = literalText(node);
    if (literal !== null) {
      if (keySet.has(literal)) scan.used.add(literal);
      else if (KEY_SHAPE.test(literal) && isKeyPosition(node))
        scan.problems.push({
          kind: 'missing',
          key: literal,
          where: where(node),
          detail: 'used as a message key but not in the table',
        });
    } else if (ts.isCallExpression(node) && calleeName(node) === 'keyFamily') {
      readFamily(node);
    } else if (ts.isTemplateExpression(node) && startsAKey(node.head.text)) {
      scan.problems.push({
        kind: 'dynamic',
        where: where(node),
        detail: `key built from a template, ${node.getText(source).slice(0, 70)}: declare its members with keyFamily()`,
      });
    } else if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.PlusToken &&
      startsAKey(literalText(node.left) ?? '')
    ) {
      scan.problems.push({
        kind: 'dynamic',
        where: where(node),
        detail: `key built by concatenation, ${node.getText(source).slice(0, 70)}: declare its members with keyFamily()`,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return scan;
}

/** Problems in the table itself: a language missing, or the two languages' {params} differing. */
export function checkTable(table: Table): Problem[] {
  const problems: Problem[] = [];
  const params = (text: string) =>
    [...new Set(Array.from(text.matchAll(/\{(\w+)\}/g), (m) => m[1]))].sort().join(', ');
  for (const [key, entry] of Object.entries(table)) {
    const texts: string[] = [];
    for (const locale of locales) {
      const value = entry[locale];
      if (typeof value === 'string' && value.trim() !== '') texts.push(value);
      else problems.push({ kind: 'untranslated', key, detail: `no ${locale} text` });
    }
    if (texts.length === locales.length && new Set(texts.map(params)).size > 1)
      problems.push({
        kind: 'placeholders',
        key,
        detail: `the languages name different parameters: ${texts.map((t) => `{${params(t)}}`).join(' vs ')}`,
      });
  }
  return problems;
}

function sourceFiles(path: string): string[] {
  if (/\.tsx?$/.test(path)) return [path];
  const out: string[] = [];
  for (const entry of readdirSync(join(root, path), { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) {
      if (child !== TABLE_DIR) out.push(...sourceFiles(child));
    } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(child);
    }
  }
  return out;
}

export function checkMessages(table: Table = messages): MessageCheck {
  const keys = Object.keys(table);
  const used = new Set<string>();
  const families: Family[] = [];
  const problems: Problem[] = [];
  const files = SOURCES.flatMap(sourceFiles);
  for (const file of files) {
    const scan = scanSource(file, readFileSync(join(root, file), 'utf8'), keys);
    for (const key of scan.used) used.add(key);
    families.push(...scan.families);
    problems.push(...scan.problems);
  }
  // translate() reads a key's `…One` twin by itself when the count is one.
  for (const key of [...used]) if (`${key}One` in table) used.add(`${key}One`);
  for (const key of keys)
    if (!used.has(key))
      problems.push({ kind: 'unused', key, detail: 'in the table, but nothing uses it' });
  problems.push(...checkTable(table));
  return { keys: keys.length, used: used.size, files: files.length, families, problems };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = checkMessages();
  for (const p of result.problems)
    console.log(
      [p.kind.padEnd(12), p.key, p.where && `(${p.where})`, p.detail].filter(Boolean).join(' '),
    );
  console.log(
    `${result.keys} keys, ${result.used} used, ${result.families.length} key families, ` +
      `${result.files} files read: ${result.problems.length} problem(s)`,
  );
  process.exitCode = result.problems.length > 0 ? 1 : 0;
}

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
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// The module, not the package root: the root loads Vite, seconds of start-up for nothing here.
import { flatRoutes } from '@remix-run/dev/dist/config/flat-routes.js';
import * as prettier from 'prettier';
import ts from 'typescript';
import { messages } from '../app/i18n/messages';
import type { RouteShape } from '../app/i18n/route-strings';
import { looksLikeMessageKey } from '../app/i18n/translator';
import { defaultLocale, locales } from '../app/i18n/types';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Where keys are used. The table itself is skipped: its property names are not uses. */
const SOURCES = ['app', 'emails'];
const TABLE_DIR = join('app', 'i18n', 'messages');

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
  | 'family' // a keyFamily() call the check cannot read
  | 'stale' // a generated list of a route's keys no longer matches its code
  | 'browser-table'; // a module the browser loads imports the whole table

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
  /** The constant it is assigned to (`export const roleLabel = keyFamily(…)`), if any. */
  name?: string;
}

/** An import or re-export that runs code: `import type` and all-type imports are left out. */
export interface ImportEdge {
  specifier: string;
  /** The names taken, or 'all' for a namespace import, a side-effect import or `export *`. */
  names: string[] | 'all';
}

export interface SourceScan {
  used: Set<string>;
  families: Family[];
  problems: Problem[];
  imports: ImportEdge[];
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
  const scan: SourceScan = { used: new Set(), families: [], problems: [], imports: [] };

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
    const declared =
      ts.isVariableDeclaration(call.parent) && ts.isIdentifier(call.parent.name)
        ? { name: call.parent.name.text }
        : {};
    scan.families.push({ prefix, members: members as string[], where: where(call), ...declared });
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

  const readImport = (node: ts.ImportDeclaration | ts.ExportDeclaration): void => {
    if (!node.moduleSpecifier || !ts.isStringLiteral(node.moduleSpecifier)) return;
    if (ts.isImportDeclaration(node) ? node.importClause?.isTypeOnly : node.isTypeOnly) return;
    const specifier = node.moduleSpecifier.text;
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      if (!clause || (bindings && ts.isNamespaceImport(bindings))) {
        scan.imports.push({ specifier, names: 'all' });
        return;
      }
      const names = clause.name ? ['default'] : [];
      if (bindings && ts.isNamedImports(bindings))
        for (const e of bindings.elements)
          if (!e.isTypeOnly) names.push((e.propertyName ?? e.name).text);
      if (names.length > 0) scan.imports.push({ specifier, names });
      return;
    }
    const clause = node.exportClause;
    if (!clause || !ts.isNamedExports(clause)) {
      scan.imports.push({ specifier, names: 'all' });
      return;
    }
    const names = clause.elements
      .filter((e) => !e.isTypeOnly)
      .map((e) => (e.propertyName ?? e.name).text);
    if (names.length > 0) scan.imports.push({ specifier, names });
  };

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) readImport(node);
    const literal = literalText(node);
    if (literal !== null) {
      if (keySet.has(literal)) scan.used.add(literal);
      else if (looksLikeMessageKey(literal) && isKeyPosition(node))
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
    } else if (
      /\.tsx?$/.test(entry.name) &&
      !/\.(d|generated(\.server)?)\.tsx?$/.test(entry.name)
    ) {
      // A generated list repeats keys; only the code that uses them counts.
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
  const scans = scanSources(keys);
  for (const scan of scans.values()) {
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
  problems.push(...browserTableImports(scans));
  return { keys: keys.length, used: used.size, files: scans.size, families, problems };
}

function scanSources(keys: readonly string[]): Map<string, SourceScan> {
  const scans = new Map<string, SourceScan>();
  for (const file of SOURCES.flatMap(sourceFiles))
    scans.set(file, scanSource(file, readFileSync(join(root, file), 'utf8'), keys));
  return scans;
}

/*
 * Strings per route (decision 105). A page gets, in the reader's language only, the keys that
 * the modules of its matched routes use: each route file and everything it imports within
 * app/, server modules included — a loader may hand a key to the component (`t(data.reason)`),
 * and what it imports says which keys those can be. The lists are generated from the code,
 * never kept by hand; `npm run check:messages -- --write` rewrites them and the check reports
 * a route whose list no longer matches its code.
 */

export interface RouteStrings {
  tree: RouteShape[];
  /** Per route, the keys its modules use that its parent routes' modules do not. */
  keys: Record<string, string[]>;
  /** What the root's error page needs when the root loader itself failed. */
  boundary: string[];
}

const KEY_FAMILIES_FILE = join('app', 'i18n', 'key-families.ts');
const TRANSLATE_FILE = join('app', 'i18n', 'translate.ts');
export const GENERATED = {
  tree: join('app', 'i18n', 'route-tree.generated.ts'),
  keys: join('app', 'i18n', 'route-keys.generated.server.ts'),
  boundary: join('app', 'i18n', 'boundary-strings.generated.ts'),
};

/** The file an import names, if it is a module of the app (not a package, not db/ or emails/). */
function resolveImport(from: string, specifier: string, files: ReadonlySet<string>): string | null {
  let base: string;
  if (specifier.startsWith('~/')) base = join('app', specifier.slice(2));
  else if (specifier.startsWith('.')) base = join(dirname(from), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')])
    if (files.has(candidate)) return candidate;
  return null;
}

/**
 * The keys a module graph uses, from its entry file. key-families.ts declares every family, so
 * a module takes from it only the families it imports by name.
 */
export function graphKeys(
  entry: string,
  scans: ReadonlyMap<string, SourceScan>,
  options: { skipServer?: boolean } = {},
): Set<string> {
  const files = new Set(scans.keys());
  const keys = new Set<string>();
  const familyNames = new Set<string>();
  let allFamilies = false;
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const scan = scans.get(file);
    if (!scan) return;
    if (file !== KEY_FAMILIES_FILE) for (const key of scan.used) keys.add(key);
    for (const edge of scan.imports) {
      const target = resolveImport(file, edge.specifier, files);
      if (!target || target === TRANSLATE_FILE) continue;
      if (options.skipServer && /\.server\.tsx?$/.test(target)) continue;
      if (target === KEY_FAMILIES_FILE) {
        if (edge.names === 'all') allFamilies = true;
        else for (const name of edge.names) familyNames.add(name);
      }
      walk(target);
    }
  };
  walk(entry);
  for (const family of scans.get(KEY_FAMILIES_FILE)?.families ?? [])
    if (allFamilies || (family.name && familyNames.has(family.name)))
      for (const member of family.members) keys.add(family.prefix + member);
  return keys;
}

/**
 * Modules the browser loads (a route's imports, server modules left out) that import the table
 * or translate.ts at run time: they would put both languages of every key in the page's
 * JavaScript. Types may be imported; `~/i18n/translator` has what a page needs.
 */
export function browserTableImports(
  scans: ReadonlyMap<string, SourceScan>,
  entries: readonly string[] = readRoutes().map((r) => r.file),
): Problem[] {
  const files = new Set(scans.keys());
  const problems = new Map<string, Problem>();
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const edge of scans.get(file)?.imports ?? []) {
      const target = resolveImport(file, edge.specifier, files);
      const table = edge.specifier.endsWith('i18n/messages') || target?.startsWith(TABLE_DIR);
      if (table || target === TRANSLATE_FILE)
        problems.set(`${file} ${edge.specifier}`, {
          kind: 'browser-table',
          where: file,
          detail: `imports ${edge.specifier} (${edge.names === 'all' ? '*' : edge.names.join(', ')}), which puts the whole table in the browser: use ~/i18n/translator or useT()`,
        });
      else if (target && !/\.server\.tsx?$/.test(target)) walk(target);
    }
  };
  for (const entry of entries) walk(entry);
  return [...problems.values()];
}

/** The app's routes as Remix reads them (remix.config.js keeps the flat-routes defaults). */
export function readRoutes(): (RouteShape & { file: string })[] {
  const manifest = flatRoutes(join(root, 'app'), ['**/.*', '**/*.test.*']);
  const routes = Object.values(manifest).map((r) => ({
    id: r.id,
    file: join('app', r.file),
    ...(r.parentId ? { parentId: r.parentId } : {}),
    ...(r.path !== undefined ? { path: r.path } : {}),
    ...(r.index ? { index: true as const } : {}),
  }));
  return [{ id: 'root', file: join('app', 'root.tsx') }, ...routes].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

export function routeStrings(table: Table = messages): RouteStrings {
  const keys = Object.keys(table);
  const scans = scanSources(keys);
  const routes = readRoutes();
  const byId = new Map(routes.map((r) => [r.id, r]));
  const withTwins = (set: Set<string>) => {
    for (const key of [...set]) if (`${key}One` in table) set.add(`${key}One`);
    return set;
  };
  const full = new Map(routes.map((r) => [r.id, withTwins(graphKeys(r.file, scans))]));
  const perRoute: Record<string, string[]> = {};
  for (const route of routes) {
    const inherited = new Set<string>();
    for (let p = route.parentId; p; p = byId.get(p)?.parentId)
      for (const key of full.get(p) ?? []) inherited.add(key);
    perRoute[route.id] = [...full.get(route.id)!].filter((k) => !inherited.has(k)).sort();
  }
  const boundary = [...withTwins(graphKeys(byId.get('root')!.file, scans, { skipServer: true }))];
  return {
    tree: routes.map(({ file: _file, ...shape }) => shape),
    keys: perRoute,
    boundary: boundary.sort(),
  };
}

const HEADER =
  '// Generated by `npm run check:messages -- --write` (scripts/check-messages.ts). Do not edit.';

/** The generated files' text, formatted as prettier would leave it. */
export async function generatedFiles(
  strings: RouteStrings = routeStrings(),
  table: Table = messages,
): Promise<Record<string, string>> {
  const options = {
    ...(await prettier.resolveConfig(join(root, GENERATED.tree))),
    parser: 'typescript',
  };
  const boundaryText = Object.fromEntries(
    strings.boundary.map((key) => [key, table[key]?.[defaultLocale]]),
  );
  const sources: Record<string, string> = {
    [GENERATED.tree]: `${HEADER}
// The route tree, so that a URL can be matched to its routes on both sides (decision 105).
import type { RouteShape } from './route-strings';

export const routeTree: readonly RouteShape[] = ${JSON.stringify(strings.tree)};
`,
    [GENERATED.keys]: `${HEADER}
// Per route, the message keys its modules use beyond its parent routes' (decision 105).
import type { MessageKey } from './messages';

export const routeKeys: Readonly<Record<string, readonly MessageKey[]>> = ${JSON.stringify(strings.keys)};
`,
    [GENERATED.boundary]: `${HEADER}
// The root error page's strings in the default language, for when the root loader failed and
// no strings came with the page (decision 105).
import type { PageStrings } from './translator';

export const boundaryStrings: PageStrings = ${JSON.stringify(boundaryText)};
`,
  };
  const out: Record<string, string> = {};
  for (const [file, text] of Object.entries(sources))
    out[file] = await prettier.format(text, options);
  return out;
}

/**
 * A generated file that no longer matches the code or the table; for the keys list, which
 * route lacks which key (a page would show that key instead of its text).
 */
export async function checkGenerated(strings: RouteStrings = routeStrings()): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const [file, text] of Object.entries(await generatedFiles(strings))) {
    const current = existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : null;
    if (current === text) continue;
    const listed = file === GENERATED.keys && current !== null ? listedKeys(current) : null;
    for (const [route, keys] of Object.entries(listed ? strings.keys : {}))
      for (const key of keys)
        if (!listed?.get(route)?.has(key))
          problems.push({
            kind: 'stale',
            key,
            where: file,
            detail: `used by ${route}'s modules but not sent with it`,
          });
    problems.push({
      kind: 'stale',
      where: file,
      detail: 'does not match the routes’ code: run `npm run check:messages -- --write`',
    });
  }
  return problems;
}

/** The keys per route as the generated file lists them (read as text: it may not compile). */
function listedKeys(text: string): Map<string, Set<string>> {
  const listed = new Map<string, Set<string>>();
  let route: Set<string> | undefined;
  for (const line of text.split('\n')) {
    const opens = /^ {2}'?([^':]+)'?: \[/.exec(line);
    if (opens) listed.set(opens[1], (route = new Set()));
    for (const m of line.matchAll(/'([^']+)'/g))
      if (route && !(opens && m[1] === opens[1])) route.add(m[1]);
  }
  return listed;
}

async function main() {
  if (process.argv.includes('--write')) {
    for (const [file, text] of Object.entries(await generatedFiles()))
      writeFileSync(join(root, file), text);
  }
  const result = checkMessages();
  const problems = [...result.problems, ...(await checkGenerated())];
  for (const p of problems)
    console.log(
      [p.kind.padEnd(12), p.key, p.where && `(${p.where})`, p.detail].filter(Boolean).join(' '),
    );
  console.log(
    `${result.keys} keys, ${result.used} used, ${result.families.length} key families, ` +
      `${result.files} files read: ${problems.length} problem(s)`,
  );
  process.exitCode = problems.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

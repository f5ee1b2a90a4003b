/**
 * Pieces of the input fuzzer (tests/integration/input-fuzz.test.ts): the route manifest as
 * Remix builds it from app/routes (so a new route joins the fuzz without anyone listing it),
 * the POST forms a rendered page offers, request bodies built byte by byte (so that a NUL or an
 * invalid UTF-8 byte reaches the server exactly as a hostile client sends it), and a row count
 * of every table.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { flatRoutes } from '@remix-run/dev/dist/config/flat-routes.js';
import { sql } from 'drizzle-orm';
import { db } from '~/modules/database/database.server';

const appDirectory = fileURLToPath(new URL('../../app', import.meta.url));

export interface FuzzRoute {
  id: string;
  /** The route module's file name in app/routes. */
  file: string;
  /** `/e/:slug/a/:announcementId`, or `/` */
  pattern: string;
  index: boolean;
  hasLoader: boolean;
  hasAction: boolean;
}

interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  file: string;
}

/** Every route module in app/routes, with its full URL pattern and what it exports. */
export async function routeManifest(): Promise<FuzzRoute[]> {
  const manifest = flatRoutes(appDirectory, ['**/.*', '**/*.test.*']) as Record<
    string,
    ManifestRoute
  >;
  const routes: FuzzRoute[] = [];
  for (const route of Object.values(manifest)) {
    const segments: string[] = [];
    for (let id: string | undefined = route.id; id && id !== 'root'; id = manifest[id]?.parentId)
      if (manifest[id].path) segments.unshift(manifest[id].path!);
    const module = (await import(/* @vite-ignore */ path.join(appDirectory, route.file))) as {
      loader?: unknown;
      action?: unknown;
    };
    routes.push({
      id: route.id,
      file: path.basename(route.file),
      pattern: `/${segments.join('/')}`.replace(/\/+/g, '/'),
      index: Boolean(route.index),
      hasLoader: typeof module.loader === 'function',
      hasAction: typeof module.action === 'function',
    });
  }
  return routes.sort((a, b) => a.id.localeCompare(b.id));
}

/** A pattern with its params filled in; `raw` values go in as they are (already escaped). */
export function fillPattern(
  pattern: string,
  values: Record<string, string>,
  raw: Record<string, string> = {},
): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) =>
    name in raw ? raw[name] : encodeURIComponent(values[name] ?? 'unknown-id'),
  );
}

export interface FormField {
  name: string;
  value: string;
  file: boolean;
}

export interface FoundForm {
  /** Path and query the form posts to. */
  action: string;
  multipart: boolean;
  fields: FormField[];
}

const entities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#x27;': "'",
  '&#39;': "'",
};
const decodeEntities = (text: string) =>
  text.replace(/&(?:amp|lt|gt|quot|#x27|#39);/g, (entity) => entities[entity]);

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    found[match[1].toLowerCase()] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return found;
}

/**
 * The POST forms in a page, with every named control (hidden intents and submit buttons
 * included) and the value it would be sent with.
 */
export function postFormsIn(html: string, pageUrl: string): FoundForm[] {
  const forms: FoundForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = attributes(match[1]);
    if ((attrs.method ?? 'get').toLowerCase() !== 'post') continue;
    const target = new URL(attrs.action ?? '', pageUrl);
    const fields: FormField[] = [];
    let submitter = false;
    const controls = /<(input|textarea|select|button)\b([^>]*)>/gi;
    for (const control of match[2].matchAll(controls)) {
      const tag = control[1].toLowerCase();
      const a = attributes(control[2]);
      const type = (a.type ?? '').toLowerCase();
      // As a browser submits it: only the button pressed (the first), no unticked box (a ticked
      // "yes, delete my account" would really delete it).
      const isSubmit = tag === 'button' ? type !== 'button' && type !== 'reset' : type === 'submit';
      if (isSubmit && submitter) continue;
      submitter ||= isSubmit;
      if (!a.name) continue;
      if ((type === 'checkbox' || type === 'radio') && !('checked' in a)) continue;
      fields.push({
        name: a.name,
        value: a.value ?? (type === 'checkbox' || type === 'radio' ? 'on' : 'x'),
        file: tag === 'input' && type === 'file',
      });
    }
    forms.push({
      action: `${target.pathname}${target.search}`,
      multipart: (attrs.enctype ?? '').toLowerCase() === 'multipart/form-data',
      fields,
    });
  }
  return forms;
}

/** A field's value as raw bytes; a string is sent as UTF-8. */
export type FieldValue = string | Uint8Array;

export interface Body {
  contentType: string;
  bytes: Uint8Array;
}

const bytesOf = (value: FieldValue) =>
  typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);

/**
 * An urlencoded body. Each value's bytes are percent-escaped one by one, so `[0xff]` arrives as
 * `%FF` and `'\0'` as `%00`; `rawTail` is appended unescaped (a bare `%`, a raw 0xFF).
 */
export function urlencodedBody(fields: Array<[string, FieldValue]>, rawTail?: Uint8Array): Body {
  const escape = (value: FieldValue) =>
    [...bytesOf(value)]
      .map((byte) =>
        /[A-Za-z0-9*\-._]/.test(String.fromCharCode(byte))
          ? String.fromCharCode(byte)
          : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
      )
      .join('');
  const text = fields.map(([name, value]) => `${escape(name)}=${escape(value)}`).join('&');
  const bytes = rawTail ? Buffer.concat([Buffer.from(text), Buffer.from(rawTail)]) : text;
  return {
    contentType: 'application/x-www-form-urlencoded',
    bytes: typeof bytes === 'string' ? Buffer.from(bytes) : bytes,
  };
}

export interface MultipartField {
  name: FieldValue;
  value: FieldValue;
  /** Present for a file part. */
  filename?: FieldValue;
}

/** A multipart/form-data body, headers and contents written byte for byte. */
export function multipartBody(fields: MultipartField[]): Body {
  const boundary = '----StartlineFuzzBoundary0123456789';
  const chunks: Buffer[] = [];
  for (const field of fields) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="`));
    chunks.push(bytesOf(field.name));
    if (field.filename !== undefined) {
      chunks.push(Buffer.from('"; filename="'), bytesOf(field.filename));
      chunks.push(Buffer.from('"\r\nContent-Type: application/octet-stream\r\n\r\n'));
    } else {
      chunks.push(Buffer.from('"\r\n\r\n'));
    }
    chunks.push(bytesOf(field.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    bytes: Buffer.concat(chunks),
  };
}

/**
 * Row counts of every table in the database (pg-boss's included), in one query. Rate-limit
 * counters are left out on purpose: a limiter must count a refused attempt too, or garbage
 * would be a free way to probe (sign-in counts the attempt before it reads the form).
 */
export async function tableCounter(): Promise<() => Promise<Record<string, number>>> {
  const tables = rowsOf<{ schema: string; name: string }>(
    await db.execute(sql`
      SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE'
        AND table_schema NOT IN ('pg_catalog', 'information_schema', 'drizzle')
        AND table_name <> 'rate_limits'
      ORDER BY 1, 2`),
  );
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const query = `SELECT ${tables
    .map((t, i) => `(SELECT count(*) FROM ${quote(t.schema)}.${quote(t.name)})::int AS c${i}`)
    .join(', ')}`;
  return async () => {
    const [row] = rowsOf<Record<string, number>>(await db.execute(sql.raw(query)));
    return Object.fromEntries(
      tables.map((t, i) => [`${t.schema}.${t.name}`, Number(row[`c${i}`])]),
    );
  };
}

/** Tables whose counts differ between two snapshots. */
export function changedTables(before: Record<string, number>, after: Record<string, number>) {
  return Object.keys(after)
    .filter((table) => before[table] !== after[table])
    .map((table) => `${table} ${before[table]}→${after[table]}`);
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

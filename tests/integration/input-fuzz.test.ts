/**
 * The input fuzzer (issue #11): every route module in app/routes — read from the route manifest,
 * so a new route joins without anyone listing it — as signed-out, member, staff (owner) and
 * sponsor, against the demo event: NUL bytes and invalid UTF-8 in every path segment, query
 * value, form field, field name and file name; malformed cookies; wrong content types; oversize
 * and duplicated fields. Never a 500; no bad byte ever reaches PostgreSQL (the safety net in
 * handleError must not be what saved the request); and wherever a request was refused (4xx),
 * the row count of every table is unchanged.
 *
 * Runs in-process through Remix's request handler, composed as server.ts composes it: the edge
 * guard (guardRequest) first, then Remix. The forms filled in are the ones the rendered pages
 * offer each role. Most posts are Remix data requests (`?_data=`, as the browser's <Form>
 * sends them: the action alone, no page render), one per form a full document request. The bad
 * values rotate over routes and fields, so every kind meets every route without multiplying.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppLoadContext } from '@remix-run/node';
import { and, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  announcements,
  audienceSnapshots,
  events,
  memberships,
  offers,
  relayAttachments,
  relayThreads,
  sponsorNotices,
  sponsors,
  users,
  videos,
} from '~db/schema';
import { db } from '~/modules/database/database.server';
import { DEMO_ACCOUNTS, DEMO_EVENT_SLUG, seedDemo } from '~/modules/demo/demo-seed.server';
import { guardRequest } from '~/modules/security/input-guard.server';
import { DEMO_SPONSOR_EMAIL } from '~/modules/sponsors/demo-sponsor.server';
import { sessionCookieFor } from '../support/auth';
import { createDocumentHandler } from '../support/remix-document';
import { APP_ORIGIN, singleFetchPath, testContext } from '../support/requests';
import {
  changedTables,
  fillPattern,
  multipartBody,
  postFormsIn,
  routeManifest,
  tableCounter,
  urlencodedBody,
  type Body,
  type FieldValue,
  type FoundForm,
  type FuzzRoute,
  type MultipartField,
} from '../support/route-fuzz';

// Each test crawls every route with many requests: seconds alone, several times that when
// CI runs the PostgreSQL and browser passes side by side on two cores.
vi.setConfig({ testTimeout: 120_000 });

const ROLES = ['signedOut', 'member', 'staff', 'sponsor'] as const;
type Role = (typeof ROLES)[number];

/** Bad values as they travel in a URL: escapes of bad bytes, and `%` that starts no escape. */
const BAD_ESCAPES = ['%00', 'a%00b', '%FF', '%E3%81', '%C0%80', '%ED%A0%80', '%zz', '%'];

const NUL_BYTES = [new Uint8Array([0x61, 0x00, 0x62]), new Uint8Array([0x00])];
/** A lone invalid byte, a cut-off sequence, an overlong NUL, a surrogate (CESU-8). */
const INVALID_UTF8 = [
  new Uint8Array([0xff]),
  new Uint8Array([0xe3, 0x81]),
  new Uint8Array([0xc0, 0x80]),
  new Uint8Array([0xed, 0xa0, 0x80]),
];
/** Urlencoded bodies broken after the form's own fields. */
const BAD_TAILS = [
  Buffer.from('&x=%zz'),
  Buffer.from('&x=%'),
  Buffer.from([0x26, 0x78, 0x3d, 0xff]),
  Buffer.from('&x=%F0%9F%98'),
];

const SESSION_COOKIE = 'startline_session';

let handle: (request: Request, context: AppLoadContext) => Promise<Response>;
let routes: FuzzRoute[];
let paramValues: Record<string, string>;
let userIds: Record<Exclude<Role, 'signedOut'>, string>;
let countRows: () => Promise<Record<string, number>>;
/** The query parameters each route module reads (searchParams.get('…')), plus `q`. */
const queryNamesOf = new Map<string, string[]>();
/** Every POST form a page showed, with the roles it was shown to. */
const formsByKey = new Map<string, { form: FoundForm; seenBy: Set<Role> }>();
/** Status of each route's page per role, with valid params and a clean session. */
const baseline = new Map<string, number>();

/** What went wrong in the current test (and, separately, while rendering every page). */
const failures: string[] = [];
const baselineFailures: string[] = [];
let requestCount = 0;
let turn = 0;
/** The next of `values`, in turn: over a run each value meets every route and field. */
const rotate = <T>(values: readonly T[]): T => values[turn++ % values.length];

interface Outcome {
  status: number;
  /** handleError saw PostgreSQL refuse a value: the guard let bad bytes through. */
  reachedDatabase: boolean;
}

/** One request through the stack as server.ts composes it: the edge guard, then Remix. */
async function send(request: Request): Promise<Outcome> {
  requestCount += 1;
  const refused = guardRequest(request);
  if (refused) {
    await refused.arrayBuffer();
    return { status: refused.status, reachedDatabase: false };
  }
  const context = testContext();
  const response = await handle(request, context);
  // Read to the end: an error while streaming the page still counts.
  await response.arrayBuffer();
  // A form refusal answers the page's data request 200 with its real status alongside
  // (entry.server.tsx, asQuietRefusal); the refusal is what the fuzzer checks.
  const status = Number(response.headers.get('X-Form-Status') ?? response.status);
  return { status, reachedDatabase: Boolean(context.badInput) };
}

function record(label: string, outcome: Outcome) {
  if (outcome.status >= 500) failures.push(`${outcome.status} ${label}`);
  if (outcome.reachedDatabase) failures.push(`bad bytes reached PostgreSQL: ${label}`);
}

const cookies = new Map<Role, string>();
/** A session for the role; `fresh` after a batch that may have signed it out. */
async function cookieFor(role: Role, fresh = false): Promise<string | null> {
  if (role === 'signedOut') return null;
  if (fresh || !cookies.has(role)) cookies.set(role, await sessionCookieFor(userIds[role]));
  return cookies.get(role)!;
}

function get(path: string, cookie: string | null, headers: Record<string, string> = {}) {
  return new Request(`${APP_ORIGIN}${path}`, {
    headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers },
  });
}

function post(path: string, cookie: string | null, body: Body | null, contentType?: string) {
  // Remix compares Origin with Host before any action runs (a browser always sends both).
  const headers: Record<string, string> = { Origin: APP_ORIGIN, Host: new URL(APP_ORIGIN).host };
  if (cookie) headers.Cookie = cookie;
  const type = contentType ?? body?.contentType;
  if (type !== undefined) headers['Content-Type'] = type;
  return new Request(`${APP_ORIGIN}${path}`, {
    method: 'POST',
    headers,
    body: body ? (body.bytes as BodyInit) : null,
  });
}

/** A path as Remix's browser router fetches it (single fetch): only the route's loader runs. */
function asData(path: string, routeId: string) {
  return singleFetchPath(path, routeId);
}

type Planned = [label: string, request: () => Request | Promise<Request>];

/**
 * Requests of which every refused one (4xx) must leave every table as it was. Counted around
 * the whole batch; only when something changed and some request was accepted is the batch
 * sent again one request at a time, to tell whose write it was.
 */
async function noWriteWhenRefused(planned: Planned[]) {
  const before = await countRows();
  const outcomes: Outcome[] = [];
  for (const [label, make] of planned) {
    const outcome = await send(await make());
    record(label, outcome);
    outcomes.push(outcome);
  }
  const changed = changedTables(before, await countRows());
  if (changed.length === 0) return;
  if (outcomes.every((outcome) => outcome.status >= 400)) {
    failures.push(`refused, yet wrote ${changed.join(', ')}: ${planned.map((p) => p[0])}`);
    return;
  }
  for (const [label, make] of planned) {
    const each = await countRows();
    const outcome = await send(await make());
    const wrote = changedTables(each, await countRows());
    if (outcome.status >= 400 && wrote.length > 0)
      failures.push(`${outcome.status}, yet wrote ${wrote.join(', ')}: ${label}`);
  }
}

/** Requests that the edge guard must refuse, every one with a 400, writing nothing. */
async function refusedAtTheEdge(planned: Planned[]) {
  const before = await countRows();
  for (const [label, make] of planned) {
    const outcome = await send(await make());
    record(label, outcome);
    if (outcome.status !== 400) failures.push(`${outcome.status}, not 400: ${label}`);
  }
  const changed = changedTables(before, await countRows());
  if (changed.length > 0) failures.push(`wrote ${changed.join(', ')}: ${planned[0]?.[0]} …`);
}

function routeUrl(route: FuzzRoute) {
  return fillPattern(route.pattern, paramValues);
}

function formsFor(route: FuzzRoute): Array<{ form: FoundForm; seenBy: Set<Role> }> {
  const path = routeUrl(route);
  const found = [...formsByKey.values()].filter(
    ({ form }) =>
      form.action.split('?')[0] === path &&
      route.index === new URLSearchParams(form.action.split('?')[1] ?? '').has('index'),
  );
  if (found.length > 0) return found;
  // An action no page here shows anyone: fuzz it with a field any action might read.
  const action = `${path}${route.index ? '?index' : ''}`;
  const fields = [{ name: 'intent', value: 'x', file: false }];
  return [{ form: { action, multipart: false, fields }, seenBy: new Set() }];
}

/** The form's body with `replace` applied to each field (name, value or file name). */
function formBody(
  form: FoundForm,
  replace: (index: number, field: MultipartField) => MultipartField | MultipartField[] = (
    _,
    field,
  ) => field,
): Body {
  const fields = form.fields.flatMap((field, index) => {
    const base: MultipartField = field.file
      ? { name: field.name, value: '', filename: '' }
      : { name: field.name, value: field.value };
    const replaced = replace(index, base);
    return Array.isArray(replaced) ? replaced : [replaced];
  });
  if (form.multipart) return multipartBody(fields);
  return urlencodedBody(fields.map((f) => [f.name as string, f.filename ?? f.value]));
}

/** `field` carrying `bad` where a person's input goes: the file name for a file input. */
const withBad = (field: MultipartField, bad: FieldValue): MultipartField =>
  field.filename !== undefined ? { ...field, filename: bad } : { ...field, value: bad };

beforeAll(async () => {
  await seedDemo();
  const idOf = async (address: string) =>
    (await db.select({ id: users.id }).from(users).where(eq(users.email, address)))[0].id;
  userIds = {
    member: await idOf(DEMO_ACCOUNTS.runners[0].email),
    staff: await idOf(DEMO_ACCOUNTS.owner),
    sponsor: await idOf(DEMO_SPONSOR_EMAIL),
  };
  routes = await routeManifest();
  handle = await createDocumentHandler(routes.map((route) => route.file));

  // A conversation with the race office, through the real route, so the inbox has a thread.
  const [event] = await db.select().from(events).where(eq(events.slug, DEMO_EVENT_SLUG));
  const message = urlencodedBody([['body', 'When are the bibs posted?']]);
  const posted = await send(
    post(`/e/${DEMO_EVENT_SLUG}/messages`, await cookieFor('member'), message),
  );
  expect(posted.status).toBeLessThan(400);

  const first = async (query: Promise<Array<{ id: string | number }>>) =>
    String((await query)[0]?.id ?? 'unknown-id');
  const [membership] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.eventId, event.id), eq(memberships.userId, userIds.member)));
  paramValues = {
    slug: DEMO_EVENT_SLUG,
    announcementId: await first(db.select({ id: announcements.id }).from(announcements)),
    snapshotId: await first(db.select({ id: audienceSnapshots.id }).from(audienceSnapshots)),
    offerId: await first(db.select({ id: offers.id }).from(offers)),
    videoId: await first(db.select({ id: videos.id }).from(videos)),
    sponsorId: await first(db.select({ id: sponsors.id }).from(sponsors)),
    noticeId: await first(db.select({ id: sponsorNotices.id }).from(sponsorNotices)),
    threadId: await first(db.select({ id: relayThreads.id }).from(relayThreads)),
    attachmentId: await first(db.select({ id: relayAttachments.id }).from(relayAttachments)),
    membershipId: membership.id,
  };

  const routesDirectory = fileURLToPath(new URL('../../app/routes', import.meta.url));
  for (const route of routes) {
    const source = readFileSync(`${routesDirectory}/${route.file}`, 'utf8');
    const names = new Set(['q']);
    for (const match of source.matchAll(/searchParams\.get\('(\w+)'\)/g)) names.add(match[1]);
    queryNamesOf.set(route.id, [...names]);
  }

  // Every page as every role: the status to compare with, and the forms each role is offered.
  for (const role of ROLES) {
    const cookie = await cookieFor(role);
    for (const route of routes) {
      const path = routeUrl(route);
      const response = await handle(get(path, cookie), testContext());
      const html = await response.text();
      baseline.set(`${role} ${route.id}`, response.status);
      if (response.status >= 500) baselineFailures.push(`${response.status} ${role} GET ${path}`);
      if (!(response.headers.get('Content-Type') ?? '').startsWith('text/html')) continue;
      for (const form of postFormsIn(html, `${APP_ORIGIN}${path}`)) {
        const key = `${form.action} ${form.fields.map((f) => f.name).join(',')}`;
        const entry = formsByKey.get(key) ?? { form, seenBy: new Set<Role>() };
        entry.seenBy.add(role);
        formsByKey.set(key, entry);
      }
    }
  }
  countRows = await tableCounter();
}, 180_000);

beforeEach(() => {
  failures.length = 0;
});

describe('the input fuzzer', () => {
  it('walks every route module and finds the forms the pages offer each role', () => {
    const files = readdirSync(fileURLToPath(new URL('../../app/routes', import.meta.url)));
    expect(routes.map((route) => route.file).sort()).toEqual(files.sort());
    expect(routes.filter((route) => route.hasAction).length).toBeGreaterThan(20);
    const seen = new Set([...formsByKey.values()].flatMap(({ seenBy }) => [...seenBy]));
    expect([...seen].sort()).toEqual([...ROLES].sort());
    expect(baselineFailures).toEqual([]);
  });

  it('refuses bad bytes in any path segment with a 400 before any route runs', async () => {
    for (const route of routes) {
      const segments = route.pattern.split('/').filter(Boolean);
      const planned: Planned[] = [];
      for (const role of ROLES) {
        const cookie = await cookieFor(role);
        segments.forEach((segment, index) => {
          const valid = fillPattern(segment, paramValues);
          // Any segment with a bad value appended; a dynamic one also as nothing but that value.
          const variants = [`${valid}${rotate(BAD_ESCAPES)}`];
          if (segment.startsWith(':')) variants.push(rotate(BAD_ESCAPES));
          for (const variant of variants) {
            const path = `/${segments.map((s, i) => (i === index ? variant : fillPattern(s, paramValues))).join('/')}`;
            planned.push([`${role} GET ${path}`, () => get(path, cookie)]);
            if (!route.hasAction) continue;
            const form = formsFor(route)[0].form;
            const target = `${path}${route.index ? '?index' : ''}`;
            planned.push([`${role} POST ${target}`, () => post(target, cookie, formBody(form))]);
          }
        });
      }
      await refusedAtTheEdge(planned);
    }
    expect(failures).toEqual([]);
  });

  it('refuses bad bytes in any query name or value with a 400 before any route runs', async () => {
    for (const route of routes) {
      const path = routeUrl(route);
      const planned: Planned[] = [];
      for (const role of ROLES) {
        const cookie = await cookieFor(role);
        const queries = [
          ...queryNamesOf.get(route.id)!.map((name) => `${name}=${rotate(BAD_ESCAPES)}`),
          `${rotate(BAD_ESCAPES)}=1`,
        ];
        for (const query of queries)
          planned.push([`${role} GET ${path}?${query}`, () => get(`${path}?${query}`, cookie)]);
        const data = `${asData(path, route.id)}&q=${rotate(BAD_ESCAPES)}`;
        planned.push([`${role} GET ${data}`, () => get(data, cookie)]);
        if (route.hasAction) {
          const form = formsFor(route)[0].form;
          const target = `${path}?${route.index ? 'index&' : ''}next=${rotate(BAD_ESCAPES)}`;
          planned.push([`${role} POST ${target}`, () => post(target, cookie, formBody(form))]);
        }
      }
      await refusedAtTheEdge(planned);
    }
    expect(failures).toEqual([]);
  });

  it('answers odd, oversize and repeated query values without a 500 or a write', async () => {
    const odd = ['-1', '1e309', 'x'.repeat(8192)];
    for (const route of routes) {
      const path = routeUrl(route);
      const planned: Planned[] = [];
      for (const role of ROLES) {
        // A page the role cannot open turns it away before it reads the query.
        if (baseline.get(`${role} ${route.id}`) !== 200) continue;
        const cookie = await cookieFor(role);
        for (const name of queryNamesOf.get(route.id)!) {
          for (const value of [...odd, `1&${name}=2`]) {
            const url = asData(`${path}?${name}=${value}`, route.id);
            planned.push([`${role} GET ${url.slice(0, 120)}`, () => get(url, cookie)]);
          }
        }
      }
      await noWriteWhenRefused(planned);
    }
    expect(failures).toEqual([]);
  });

  it('refuses bad bytes in any form field, field name or file name, writing nothing', async () => {
    for (const route of routes.filter((r) => r.hasAction)) {
      for (const { form, seenBy } of formsFor(route)) {
        const planned: Planned[] = [];
        const target = asData(form.action, route.id);
        for (const role of ROLES) {
          const cookie = await cookieFor(role, true);
          const label = `${role} POST ${form.action}`;
          if (seenBy.has(role) || seenBy.size === 0) {
            // The form as this role's page offers it, one field at a time: NUL, invalid UTF-8.
            form.fields.forEach((field, index) => {
              for (const bad of [rotate(NUL_BYTES), rotate(INVALID_UTF8)]) {
                const body = formBody(form, (i, f) => (i === index ? withBad(f, bad) : f));
                planned.push([
                  `${label} ${field.name}=${hex(bad)}`,
                  () => post(target, cookie, body),
                ]);
              }
            });
            const badName = formBody(form, (i, f) => (i === 0 ? { ...f, name: 'a\0b' } : f));
            planned.push([`${label} NUL in a name`, () => post(target, cookie, badName)]);
            if (!form.multipart) {
              const tail = rotate(BAD_TAILS);
              const body = urlencodedBody(
                form.fields.map((f) => [f.name, f.value]),
                tail,
              );
              planned.push([
                `${label} + ${tail.toString('latin1')}`,
                () => post(target, cookie, body),
              ]);
            }
          }
          // Every field bad at once, as a page (not a data request) would post it.
          const bad = rotate([...NUL_BYTES, ...INVALID_UTF8]);
          const body = formBody(form, (_, f) => withBad(f, bad));
          planned.push([`${label} every field ${hex(bad)}`, () => post(form.action, cookie, body)]);
        }
        await noWriteWhenRefused(planned);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses wrong content types and oversize bodies without a 500, writing nothing', async () => {
    for (const route of routes.filter((r) => r.hasAction)) {
      for (const { form, seenBy } of formsFor(route)) {
        const planned: Planned[] = [];
        const target = asData(form.action, route.id);
        const valid = formBody(form);
        for (const role of ROLES) {
          const cookie = await cookieFor(role, true);
          const label = `${role} POST ${form.action}`;
          const json = Buffer.from('{"intent":"\\u0000"}');
          const wrong: Array<[string, () => Request]> = [
            ['as text/plain', () => post(target, cookie, valid, 'text/plain')],
            [
              'JSON with \\u0000',
              () => post(target, cookie, { contentType: 'application/json', bytes: json }),
            ],
            ['without a content type', () => post(target, cookie, valid, '')],
            ['without a body', () => post(target, cookie, null, valid.contentType)],
            [
              'multipart without a boundary',
              () => post(target, cookie, valid, 'multipart/form-data'),
            ],
            [
              'multipart garbage',
              () =>
                post(target, cookie, {
                  contentType: 'multipart/form-data; boundary=zz',
                  bytes: Buffer.from('--zz\r\ngarbage'),
                }),
            ],
            [
              'Shift_JIS bytes',
              () =>
                post(target, cookie, {
                  contentType: 'application/x-www-form-urlencoded; charset=shift_jis',
                  bytes: Buffer.from([0x78, 0x3d, 0x82, 0xa0]),
                }),
            ],
          ];
          // Roles the form is not for are turned away before the body: one kind is enough.
          const kinds = seenBy.has(role) || seenBy.size === 0 ? wrong : [rotate(wrong)];
          for (const [what, make] of kinds) planned.push([`${label} ${what}`, make]);
          if (seenBy.has(role) || seenBy.size === 0) {
            // 70 KB in one field: over every form limit.
            form.fields.forEach((field, index) => {
              const body = formBody(form, (i, f) =>
                i !== index ? f : { ...f, value: 'x'.repeat(70_000) },
              );
              planned.push([`${label} ${field.name} of 70 KB`, () => post(target, cookie, body)]);
            });
          }
        }
        await noWriteWhenRefused(planned);
      }
    }
    expect(failures).toEqual([]);
  });

  it('reads a malformed cookie as absent: never a 500, the rest of the header still counts', async () => {
    for (const route of routes) {
      const url = asData(routeUrl(route), route.id);
      const signedOut = (await send(get(url, null))).status;
      // A session cookie that cannot be read is no session: as signed out, writing nothing.
      const unreadable = [
        `${SESSION_COOKIE}=%E0%A4%A`,
        rotate([
          `${SESSION_COOKIE}=%00`,
          `${SESSION_COOKIE}=${'a'.repeat(6000)}`,
          `startline_lang=%zz; ${SESSION_COOKIE}=%`,
        ]),
      ];
      const before = await countRows();
      for (const cookie of unreadable) {
        const label = `GET ${url} Cookie: ${cookie.slice(0, 40)}`;
        const outcome = await send(get(url, null, { Cookie: cookie }));
        record(label, outcome);
        if (outcome.status !== signedOut)
          failures.push(`${outcome.status}, not ${signedOut}: ${label}`);
      }
      const changed = changedTables(before, await countRows());
      if (changed.length > 0) failures.push(`wrote ${changed.join(', ')}: GET ${url}`);
      // Someone else's broken cookie costs the visitor neither their session nor the page.
      for (const role of ROLES) {
        const session = await cookieFor(role);
        if (!session) continue;
        const asRole = (await send(get(url, session))).status;
        for (const cookie of [`other=%; ${session}`, `startline_lang=%E0; %zz; ${session}`]) {
          const label = `${role} GET ${url} Cookie: ${cookie.slice(0, 30)}`;
          const outcome = await send(get(url, null, { Cookie: cookie }));
          record(label, outcome);
          if (outcome.status !== asRole)
            failures.push(`${outcome.status}, not ${asRole}: ${label}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  // Last: a form with repeated fields may be accepted, and then the action really runs.
  it('answers repeated fields without a 500', async () => {
    for (const route of routes.filter((r) => r.hasAction)) {
      for (const { form, seenBy } of formsFor(route)) {
        for (const role of ROLES) {
          if (!seenBy.has(role) && seenBy.size > 0) continue;
          const cookie = await cookieFor(role, true);
          const label = `${role} POST ${form.action}`;
          const target = asData(form.action, route.id);
          const twice = formBody(form, (_, f) => [f, f]);
          const thenEmpty = formBody(form, (_, f) => [f, { ...f, value: '' }]);
          await noWriteWhenRefused([
            [`${label} every field twice`, () => post(target, cookie, twice)],
            [`${label} every field again, empty`, () => post(target, cookie, thenEmpty)],
          ]);
        }
      }
    }
    expect(failures).toEqual([]);
    // The fuzzer really ran at scale.
    expect(requestCount).toBeGreaterThan(3000);
  });
});

function hex(bytes: Uint8Array) {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

/**
 * The member feed at race-week load (issue #12, decision 090): an announcement's body is
 * rendered when it is written and sent, and the feed and the announcement page serve what was
 * stored — the same content as rendering on every view gave, for old rows too — in one query
 * per page, the session lookup the root needs included (decision 116).
 */
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { announcements, audienceSnapshotMembers, sessions } from '~db/schema';
import { renderStaleBodies } from '~/modules/announcements/announcement-body.server';
import { contentFor } from '~/modules/announcements/announcement-email.server';
import { findEventHome, type FeedItem } from '~/modules/announcements/member-feed.server';
import { getSessionUser } from '~/modules/auth/session.server';
import { db } from '~/modules/database/database.server';
import { sessionIdOf } from '../support/auth';
import { generateId } from '~/modules/security/tokens.server';
import { addMember, addStaff, seedEvent, type TestEvent } from '../support/announcement-fixtures';
import {
  createDraft,
  draftFields,
  editDraft,
  freeze,
  overviewAction,
  sendAsShown,
} from '../support/announcement-flow';
import { recordQueries } from '../support/query-log';
import { createDocumentHandler } from '../support/remix-document';
import { APP_ORIGIN } from '../support/requests';

let event: TestEvent;
let owner: { cookie: string };
let editor: { cookie: string };
let member: { cookie: string };
let render: Awaited<ReturnType<typeof createDocumentHandler>>;

beforeAll(async () => {
  event = await seedEvent();
  owner = await addStaff(event, 'owner-feed@office.example', 'owner');
  editor = await addStaff(event, 'editor-feed@office.example', 'editor');
  member = await addMember(event, { email: 'runner-feed@runner.example', bib: '4821' });
  render = await createDocumentHandler(['e.$slug._index.tsx', 'e.$slug.a.$announcementId.tsx']);
});

async function stored(id: string) {
  const [row] = await db
    .select({
      revision: announcements.revision,
      renderedRevision: announcements.renderedRevision,
      bodyHtmlJa: announcements.bodyHtmlJa,
      bodyHtmlEn: announcements.bodyHtmlEn,
      excerptJa: announcements.excerptJa,
      excerptEn: announcements.excerptEn,
    })
    .from(announcements)
    .where(eq(announcements.id, id));
  return row;
}

async function approve(id: string, revision: number) {
  const response = await overviewAction(owner.cookie, event.slug, id, {
    intent: 'approve',
    revision: String(revision),
  });
  expect(response.status).toBe(200);
}

async function send(id: string) {
  const snapshotId = await freeze(owner.cookie, event.slug, id);
  const response = await sendAsShown(owner.cookie, event.slug, id, snapshotId);
  expect(response.status).toBe(302);
}

/** An editor's draft, approved by the owner and sent to everyone; returns its id. */
async function publish(fields: Record<string, string>) {
  const id = await createDraft(
    editor.cookie,
    event.slug,
    draftFields(event.channelIds.official, fields),
  );
  await approve(id, 1);
  await send(id);
  return id;
}

function page(path: string, language: 'ja' | 'en' = 'ja') {
  return render(
    new Request(`${APP_ORIGIN}${path}`, {
      headers: { Cookie: member.cookie, 'Accept-Language': language },
    }),
  );
}

/** As React writes text into HTML. */
function escaped(text: string) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function textOf(html: string) {
  return html.replace(/<!--.*?-->/g, '');
}

describe('the stored rendering of an announcement', () => {
  it('changes when an announcement is edited and approved again, and is what the feed shows', async () => {
    const id = await createDraft(
      editor.cookie,
      event.slug,
      draftFields(event.channelIds.official, {
        bodyJa: '**旧コース**の案内です。',
        bodyEn: 'The **old course**.',
      }),
    );
    const first = await stored(id);
    expect(first).toMatchObject({ revision: 1, renderedRevision: 1 });
    expect(first.bodyHtmlJa).toBe('<p><strong>旧コース</strong>の案内です。</p>');
    expect(first.excerptJa).toBe('旧コースの案内です。');
    expect(first.excerptEn).toBe('The old course.');
    await approve(id, 1);

    const edited = await editDraft(
      editor.cookie,
      event.slug,
      id,
      draftFields(event.channelIds.official, {
        bodyJa: '**新コース**は [こちら](https://example.com/new) です。<script>x</script>',
        bodyEn: 'The **new course** is [here](https://example.com/new).',
      }),
    );
    expect(edited.status).toBe(302);
    const second = await stored(id);
    expect(second).toMatchObject({ revision: 2, renderedRevision: 2 });
    expect(second.excerptJa).toBe('新コースは こちら です。<script>x</script>');
    expect(second.excerptEn).toBe('The new course is here.');
    // Stored sanitized, exactly as rendering on read produced it.
    expect(second.bodyHtmlJa).toBe(
      contentFor(
        {
          id,
          titleJa: 'x',
          titleEn: '',
          bodyJa: '**新コース**は [こちら](https://example.com/new) です。<script>x</script>',
          bodyEn: '',
        },
        'ja',
      ).bodyHtml,
    );
    expect(second.bodyHtmlJa).not.toContain('<script>');

    await approve(id, 2);
    await send(id);
    const sent = await stored(id);
    expect(sent).toMatchObject({ revision: 2, renderedRevision: 2, excerptJa: second.excerptJa });

    const feed = textOf(await (await page(`/e/${event.slug}`)).text());
    expect(feed).toContain('新コースは こちら です。&lt;script&gt;x&lt;/script&gt;');
    expect(feed).not.toContain('旧コース');
    const english = textOf(await (await page(`/e/${event.slug}`, 'en')).text());
    expect(english).toContain('The new course is here.');
    const article = await (await page(`/e/${event.slug}/a/${id}`)).text();
    expect(article).toContain(second.bodyHtmlJa!);
  });

  it('shows rows rendered before the columns existed exactly as before, and renders them once at start', async () => {
    const body = '## 給水所\n\n- 5km\n- 10km & **15km**\n\n> 雨天決行 <b>です</b>';
    const id = await publish({ titleJa: '給水所の案内', bodyJa: body });
    const fresh = await stored(id);
    const feedBefore = textOf(await (await page(`/e/${event.slug}`)).text());
    const articleBefore = await (await page(`/e/${event.slug}/a/${id}`)).text();
    expect(feedBefore).toContain(escaped(fresh.excerptJa!));

    // As a row written before migration 0012: nothing stored.
    await db
      .update(announcements)
      .set({
        bodyHtmlJa: null,
        bodyHtmlEn: null,
        excerptJa: null,
        excerptEn: null,
        renderedRevision: null,
      })
      .where(eq(announcements.id, id));
    expect(textOf(await (await page(`/e/${event.slug}`)).text())).toBe(feedBefore);
    expect(await (await page(`/e/${event.slug}/a/${id}`)).text()).toBe(articleBefore);

    // A stored rendering of another revision is never shown.
    await db
      .update(announcements)
      .set({ bodyHtmlJa: '<p>stale</p>', excerptJa: 'stale', renderedRevision: 0 })
      .where(eq(announcements.id, id));
    expect(await (await page(`/e/${event.slug}/a/${id}`)).text()).toBe(articleBefore);
    expect(textOf(await (await page(`/e/${event.slug}`)).text())).not.toContain('stale');

    expect(await renderStaleBodies()).toBeGreaterThanOrEqual(1);
    expect(await stored(id)).toEqual(fresh);
    expect(await renderStaleBodies()).toBe(0);
  });
});

describe('the cost of a feed view', () => {
  it('runs one query for a member: the session (for the root too), the event, the membership and the feed', async () => {
    await publish({ titleJa: '前日受付' });
    const recording = recordQueries();
    const response = await page(`/e/${event.slug}`);
    const html = await response.text();
    recording.stop();
    expect(response.status).toBe(200);
    expect(html).toContain('前日受付');
    // The root's header knows who is signed in from the page's query.
    expect(html).toContain('runner-feed@runner.example');
    expect(recording.queries).toHaveLength(1);
    expect(recording.queries[0]).toMatch(/"sessions"/);
  });

  it('answers a visitor and a signed-in non-member from the same single query', async () => {
    const visitorRecording = recordQueries();
    const visitor = await render(new Request(`${APP_ORIGIN}/e/${event.slug}`));
    visitorRecording.stop();
    expect(visitor.status).toBe(200);
    expect(await visitor.text()).not.toContain('前日受付');
    expect(visitorRecording.queries).toHaveLength(1);

    const outsider = await addStaff(await seedEvent(), 'someone-else@office.example', 'owner');
    const recording = recordQueries();
    const response = await render(
      new Request(`${APP_ORIGIN}/e/${event.slug}`, { headers: { Cookie: outsider.cookie } }),
    );
    const html = await response.text();
    recording.stop();
    expect(response.status).toBe(200);
    expect(html).not.toContain('前日受付');
    expect(html).toContain('someone-else@office.example');
    expect(recording.queries).toHaveLength(1);

    expect((await render(new Request(`${APP_ORIGIN}/e/no-such-race`))).status).toBe(404);
  });

  it('shows a member whose session expired the page of a visitor, signed out', async () => {
    const lapsed = await addMember(event, { email: 'lapsed-feed@runner.example', bib: '4822' });
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, sessionIdOf(lapsed.cookie)));
    const response = await render(
      new Request(`${APP_ORIGIN}/e/${event.slug}`, { headers: { Cookie: lapsed.cookie } }),
    );
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).not.toContain('前日受付');
    expect(html).not.toContain('4822');
    expect(html).not.toContain('lapsed-feed@runner.example');
    expect(html).toContain('href="/sign-in');
    expect(
      await db
        .select()
        .from(sessions)
        .where(eq(sessions.id, sessionIdOf(lapsed.cookie))),
    ).toEqual([]);
  });

  it("runs two queries on an announcement's page: the membership with the session (for the root too), and the announcement", async () => {
    const id = await publish({ titleJa: 'コース変更のお知らせ' });
    const recording = recordQueries();
    const response = await page(`/e/${event.slug}/a/${id}`);
    const html = await response.text();
    recording.stop();
    expect(response.status).toBe(200);
    expect(html).toContain('コース変更のお知らせ');
    expect(html).toContain('runner-feed@runner.example');
    expect(recording.queries).toHaveLength(2);
    expect(recording.queries.filter((q) => /"sessions"/.test(q))).toHaveLength(1);
  });

  it("sends a member whose session expired from an announcement's page to sign in, and a non-member to a 404", async () => {
    const id = await publish({ titleJa: '給水所のお知らせ' });
    const lapsed = await addMember(event, { email: 'lapsed-page@runner.example' });
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, sessionIdOf(lapsed.cookie)));
    const expired = await render(
      new Request(`${APP_ORIGIN}/e/${event.slug}/a/${id}`, { headers: { Cookie: lapsed.cookie } }),
    );
    expect(expired.status).toBe(302);
    expect(expired.headers.get('Location')).toBe(
      `/sign-in?next=${encodeURIComponent(`/e/${event.slug}/a/${id}`)}`,
    );
    expect(
      await db
        .select()
        .from(sessions)
        .where(eq(sessions.id, sessionIdOf(lapsed.cookie))),
    ).toEqual([]);

    const outsider = await addStaff(await seedEvent(), 'outsider-page@office.example', 'owner');
    const notMember = await render(
      new Request(`${APP_ORIGIN}/e/${event.slug}/a/${id}`, {
        headers: { Cookie: outsider.cookie },
      }),
    );
    expect(notMember.status).toBe(404);
    expect(await notMember.text()).not.toContain('給水所のお知らせ');
  });

  it('still shows who is signed in on the 404 of an event that does not exist', async () => {
    const response = await page('/e/no-such-race');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('runner-feed@runner.example');
  });

  it('looks the session up again for the loaders that follow an action', async () => {
    // After an action (which may sign someone in or out) Remix runs the loaders with the same
    // load context and the action's method: nothing looked up before is reused then.
    const scope = {};
    const sessionLookups = async (request: Request) => {
      const recording = recordQueries();
      const users = await Promise.all([
        getSessionUser(request, scope),
        getSessionUser(new Request(request), scope),
      ]);
      recording.stop();
      expect(users.map((user) => user?.email)).toEqual([
        'runner-feed@runner.example',
        'runner-feed@runner.example',
      ]);
      return recording.queries.length;
    };
    const headers = { Cookie: member.cookie };
    expect(
      await sessionLookups(new Request(`${APP_ORIGIN}/e/x`, { method: 'POST', headers })),
    ).toBe(2);
    expect(await sessionLookups(new Request(`${APP_ORIGIN}/e/x`, { headers }))).toBe(1);
    expect(await sessionLookups(new Request(`${APP_ORIGIN}/e/x`, { headers }))).toBe(0);
  });
});

describe('paging through the feed', () => {
  it('shows every announcement the member may read exactly once, newest first, and nothing else', async () => {
    const race = await seedEvent();
    const staff = await addStaff(race, 'owner-pages@office.example', 'owner');
    const reader = await addMember(race, { email: 'reader-pages@runner.example' });
    const other = await addMember(race, { email: 'other-pages@runner.example' });
    const staffId = staff.userId;
    const base = Date.UTC(2027, 2, 1);
    const row = (n: number, fields: Partial<typeof announcements.$inferInsert> = {}) => ({
      id: generateId(),
      eventId: race.id,
      channelId: race.channelIds.official,
      titleJa: `お知らせ ${n}`,
      titleEn: `Notice ${n}`,
      bodyJa: `本文 ${n}`,
      audienceMode: 'everyone_on_channel' as const,
      status: 'sent' as const,
      editedByRole: 'owner' as const,
      createdBy: staffId,
      publishedAt: new Date(base + n * 60_000),
      ...fields,
    });
    const everyone = Array.from({ length: 23 }, (_, i) => row(i + 1));
    // Sent to the other runner only, between the others in time; and a draft, never published.
    const snapshotId = generateId();
    const forOther = row(100, {
      audienceMode: 'filter',
      sentSnapshotId: snapshotId,
      publishedAt: new Date(base + 12.5 * 60_000),
    });
    const draft = row(200, { status: 'draft', publishedAt: null });
    await db.insert(announcements).values([...everyone, forOther, draft]);
    await db
      .insert(audienceSnapshotMembers)
      .values({ snapshotId, membershipId: other.membershipId });
    // At the first page's boundary, two published at the same moment (scheduled ones published
    // by one claim share its now()); at the second's, two within one millisecond, apart by
    // microseconds, which a JavaScript Date cannot tell apart.
    const micros = new Map(everyone.map((r) => [r.id, BigInt(r.publishedAt!.getTime()) * 1000n]));
    const publishAt = async (r: { id: string }, at: bigint) => {
      micros.set(r.id, at);
      await db.execute(sql`UPDATE ${announcements}
        SET ${sql.identifier('published_at')} = to_timestamp(0) + ${`${at} microseconds`}::interval
        WHERE ${announcements.id} = ${r.id}`);
    };
    await publishAt(everyone[12], micros.get(everyone[13].id)!);
    await publishAt(everyone[3], micros.get(everyone[3].id)! + 500n);
    await publishAt(everyone[2], micros.get(everyone[3].id)! - 500n + 200n);
    // Newest first; of two published at the same moment, the greater id first.
    const byPublication = (a: { id: string }, b: { id: string }) => {
      const [ma, mb] = [micros.get(a.id)!, micros.get(b.id)!];
      if (ma !== mb) return ma > mb ? -1 : 1;
      return a.id > b.id ? -1 : 1;
    };

    const feedPage = async (m: { cookie: string }, locale: 'ja' | 'en', before: string | null) =>
      (await findEventHome(race.slug, sessionIdOf(m.cookie), { locale, before }))!.member!.feed;
    async function allPages(m: { cookie: string }, locale: 'ja' | 'en') {
      const seen: FeedItem[] = [];
      const sizes: number[] = [];
      let before: string | null = null;
      do {
        const page = await feedPage(m, locale, before);
        seen.push(...page.items);
        sizes.push(page.items.length);
        before = page.nextBefore;
      } while (before && sizes.length < 10);
      return { seen, sizes };
    }

    const newestFirst = [...everyone].sort(byPublication);
    const ja = await allPages(reader, 'ja');
    expect(ja.sizes).toEqual([10, 10, 3]);
    // The boundaries fell where they were meant to: between the two of each pair.
    expect(new Set(ja.seen.slice(9, 11).map((item) => item.id))).toEqual(
      new Set([everyone[13].id, everyone[12].id]),
    );
    expect(ja.seen.slice(19, 21).map((item) => item.id)).toEqual([everyone[3].id, everyone[2].id]);
    expect(ja.seen.map((item) => item.id)).toEqual(newestFirst.map((r) => r.id));
    expect(ja.seen[0]).toMatchObject({ title: 'お知らせ 23', channelName: '公式のお知らせ' });
    const en = await allPages(reader, 'en');
    expect(en.seen.map((item) => item.id)).toEqual(newestFirst.map((r) => r.id));
    expect(en.seen[0]).toMatchObject({ title: 'Notice 23' });
    expect(en.seen[0].channelName).not.toBe(ja.seen[0].channelName);

    // The runner it was sent to reads it in its place; the draft reaches nobody.
    const theirs = await allPages(other, 'ja');
    micros.set(forOther.id, BigInt(forOther.publishedAt!.getTime()) * 1000n);
    expect(theirs.seen.map((item) => item.id)).toEqual(
      [...everyone, forOther].sort(byPublication).map((r) => r.id),
    );
    expect(theirs.seen.map((item) => item.id)).not.toContain(draft.id);

    // A cursor that is no date shows the first page, not an error.
    for (const garbled of [
      'yesterday-ish',
      '99999999999999999.x',
      '1.a.b',
      '2027-13-45T00:00:00Z',
    ]) {
      const page = await feedPage(reader, 'ja', garbled);
      expect(page.items.map((item) => item.id)).toEqual(ja.seen.slice(0, 10).map((i) => i.id));
    }
    // A link made before cursors carried ids (an ISO time) still pages: published before then.
    const legacy = await feedPage(reader, 'ja', new Date(base + 10.5 * 60_000).toISOString());
    expect(legacy.items.map((item) => item.id)).toEqual(
      newestFirst
        .filter((r) => micros.get(r.id)! < BigInt(base + 10.5 * 60_000) * 1000n)
        .slice(0, 10)
        .map((r) => r.id),
    );
  });
});

import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { auditLog, memberships, users } from '~db/schema';
import * as membersRoute from '~/routes/staff.$slug.members._index';
import * as revealRoute from '~/routes/staff.$slug.members.$membershipId.reveal';
import { db } from '~/modules/database/database.server';
import { generateId } from '~/modules/security/tokens.server';
import { addMember, addStaff, createTestEvent } from '../support/events';
import { callRoute, formRequest, getRequest, jsonOf } from '../support/requests';
import { submissionErrors, submittedValues } from '../support/submission';

type MembersPage = {
  count: { value: number; isLowerBound: boolean };
  previous: { before: number } | { last: true } | null;
  next: { after: number } | null;
  members: {
    id: string;
    aliasNumber: number;
    bib: string;
    name: string;
    maskedEmail: string;
    emailByChannel: Record<string, boolean>;
  }[];
};

let slug: string;
let eventId: string;
let owner: { cookie: string; userId: string };
let editor: { cookie: string };
let viewer: { cookie: string };
let yamada: Awaited<ReturnType<typeof addMember>>;
const memberEmails: string[] = [];

beforeAll(async () => {
  const event = await createTestEvent('members-list');
  ({ slug, eventId, owner } = event);
  editor = await addStaff(eventId, 'list-editor@example.com', 'editor');
  viewer = await addStaff(eventId, 'list-viewer@example.com', 'viewer');
  yamada = await addMember(eventId, 'yamada.hanako@gmail.com', {
    name: '山田 花子',
    bib: '1024',
    aliasNumber: 4821,
  });
  memberEmails.push(yamada.email);
  // 120 more members, inserted in one statement (the list must page, not load everything).
  const rows = Array.from({ length: 120 }, (_, i) => ({
    id: generateId(),
    email: `bulk${i}@example.org`,
    i,
  }));
  await db.insert(users).values(rows.map((r) => ({ id: r.id, email: r.email })));
  await db.insert(memberships).values(
    rows.map((r) => ({
      id: generateId(),
      eventId,
      userId: r.id,
      aliasNumber: 6000 + r.i,
      name: `Bulk Runner ${r.i}`,
      bib: `B${r.i}`,
    })),
  );
  memberEmails.push(...rows.map((r) => r.email));
});

async function membersPage(query: string, cookie: string) {
  const response = await callRoute(
    membersRoute.loader,
    getRequest(`/staff/${slug}/members${query}`, { cookie }),
    { slug },
  );
  expect(response.status).toBe(200);
  return response;
}

function reveal(membershipId: string, fields: Record<string, string>, cookie: string, lang = 'ja') {
  return callRoute(
    revealRoute.action,
    formRequest(`/staff/${slug}/members/${membershipId}/reveal`, fields, {
      cookie,
      headers: { 'Accept-Language': lang },
    }),
    { slug, membershipId },
  );
}

async function revealEntries() {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.eventId, eventId), eq(auditLog.action, 'member.reveal_email')));
}

describe('the staff member list', () => {
  it('shows alias, bib, name, join date and channel settings, with every address masked', async () => {
    for (const cookie of [owner.cookie, editor.cookie, viewer.cookie]) {
      const response = await membersPage('', cookie);
      const text = await response.clone().text();
      for (const email of memberEmails) expect(text).not.toContain(email);
      const page = await jsonOf<MembersPage>(response);
      const first = page.members[0];
      expect(first).toMatchObject({
        aliasNumber: 4821,
        bib: '1024',
        name: '山田 花子',
        maskedEmail: 'y***@g***.com',
      });
      expect(Object.values(first.emailByChannel)).toEqual([true, true, true]);
      expect(response.headers.get('Cache-Control')).toContain('no-store');
    }
  });

  it('pages through the members 50 at a time', async () => {
    const first = await jsonOf<MembersPage>(await membersPage('', viewer.cookie));
    expect(first.count).toEqual({ value: 121, isLowerBound: false });
    expect(first.members).toHaveLength(50);
    expect(first.previous).toBeNull();
    expect(first.next).toEqual({ after: first.members[49].aliasNumber });
    // The last page is read from the end (keyset, decision 092): the last 50 members.
    const last = await jsonOf<MembersPage>(await membersPage('?last=1', viewer.cookie));
    expect(last.members).toHaveLength(50);
    expect(last.next).toBeNull();
    const seen = new Set([...first.members, ...last.members].map((m) => m.id));
    expect(seen.size).toBe(100);
    // Links from before keyset paging (`?page=`) open the first page.
    const old = await jsonOf<MembersPage>(await membersPage('?page=3', viewer.cookie));
    expect(old.members.map((m) => m.id)).toEqual(first.members.map((m) => m.id));
  });

  it('finds members by bib, by name with or without the space, and by alias', async () => {
    const find = async (q: string) =>
      (
        await jsonOf<MembersPage>(await membersPage(`?q=${encodeURIComponent(q)}`, viewer.cookie))
      ).members.map((m) => m.aliasNumber);
    expect(await find('1024')).toEqual([4821]);
    expect(await find('１０２４')).toEqual([4821]);
    expect(await find('山田花子')).toEqual([4821]);
    expect(await find('花子')).toEqual([4821]);
    expect(await find('#4821')).toEqual([4821]);
    expect(await find('bulk runner 11')).toEqual([
      6011, 6110, 6111, 6112, 6113, 6114, 6115, 6116, 6117, 6118, 6119,
    ]);
    expect(await find('%')).toEqual([]);
    expect(await find('nobody')).toEqual([]);
    // Searching by address is not offered: it would let anyone confirm who is a member.
    expect(await find('yamada.hanako@gmail.com')).toEqual([]);
  });
});

describe('revealing a member’s address', () => {
  it('is refused to editors and viewers (403), with nothing logged', async () => {
    for (const person of [editor, viewer]) {
      const page = await callRoute(
        revealRoute.loader,
        getRequest(`/staff/${slug}/members/${yamada.membershipId}/reveal`, {
          cookie: person.cookie,
        }),
        { slug, membershipId: yamada.membershipId },
      );
      expect(page.status).toBe(403);
      const post = await reveal(yamada.membershipId, { reason: 'curious' }, person.cookie);
      expect(post.status).toBe(403);
      expect(await post.text()).not.toContain(yamada.email);
    }
    expect(await revealEntries()).toHaveLength(0);
  });

  it('needs a reason: without one, a localized 400 and no address, nothing logged', async () => {
    const page = await callRoute(
      revealRoute.loader,
      getRequest(`/staff/${slug}/members/${yamada.membershipId}/reveal`, { cookie: owner.cookie }),
      { slug, membershipId: yamada.membershipId },
    );
    expect(page.status).toBe(200);
    expect(await page.clone().text()).not.toContain(yamada.email);
    expect((await jsonOf<{ member: { maskedEmail: string } }>(page)).member.maskedEmail).toBe(
      'y***@g***.com',
    );

    for (const [fields, lang, message] of [
      [{}, 'ja', '表示する理由を入力してください。'],
      [{ reason: '   　 ' }, 'en', 'Please enter a reason.'],
      [{ reason: 'x'.repeat(501) }, 'en', 'This is too long.'],
    ] as const) {
      const response = await reveal(yamada.membershipId, fields, owner.cookie, lang);
      expect(response.status).toBe(400);
      const text = await response.clone().text();
      expect(text).not.toContain(yamada.email);
      expect((await submissionErrors(response, lang)).reason).toBe(message);
    }
    expect(await revealEntries()).toHaveLength(0);
  });

  it('shows an owner that one address only after writing who, when and why into the audit log', async () => {
    const response = await reveal(
      yamada.membershipId,
      { reason: '落とし物の返却のため。本人の別アドレス other@example.net に連絡済み' },
      owner.cookie,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toContain('no-store');
    const body = await jsonOf<{ revealedEmail: string }>(response);
    expect(body.revealedEmail).toBe(yamada.email);
    const text = await response.clone().text();
    for (const email of memberEmails.filter((e) => e !== yamada.email))
      expect(text).not.toContain(email);

    const [entry] = await revealEntries();
    expect(entry).toMatchObject({
      actorUserId: owner.userId,
      target: `membership:${yamada.membershipId}`,
    });
    expect(entry.detail).toMatchObject({ alias: 4821 });
    expect(String(entry.detail.reason)).toContain('落とし物の返却のため');
    // The log itself holds no address — not the member's, not one typed into the reason.
    expect(JSON.stringify(entry)).not.toContain(yamada.email);
    expect(JSON.stringify(entry)).not.toContain('other@example.net');

    // The list afterwards is still masked: a reveal is one answer, not a setting.
    const after = await membersPage('', owner.cookie);
    expect(await after.text()).not.toContain(yamada.email);
  });

  it('stops an owner after 30 reveals an hour, with a localized 429 and nothing more logged', async () => {
    const other = await createTestEvent('members-burst');
    const burst = await addMember(other.eventId, 'burst@example.com');
    const call = () =>
      callRoute(
        revealRoute.action,
        formRequest(
          `/staff/${other.slug}/members/${burst.membershipId}/reveal`,
          { reason: '確認' },
          { cookie: other.owner.cookie },
        ),
        { slug: other.slug, membershipId: burst.membershipId },
      );
    for (let i = 0; i < 30; i += 1) expect((await call()).status).toBe(200);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(await refused.clone().text()).not.toContain(burst.email);
    expect((await submissionErrors(refused))['']).toBe(translate('ja', 'staff.reveal.rateLimited'));
    // What was typed stays in the form.
    expect((await submittedValues(refused)).reason).toBe('確認');
    const logged = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.eventId, other.eventId), eq(auditLog.action, 'member.reveal_email')));
    expect(logged).toHaveLength(30);
  });

  it('answers 404 for a member of another event or a member who left', async () => {
    const other = await createTestEvent('members-other');
    const outsider = await addMember(other.eventId, 'outsider@example.com');
    expect((await reveal(outsider.membershipId, { reason: 'x' }, owner.cookie)).status).toBe(404);
    const leaver = await addMember(eventId, 'leaver@example.com');
    await db
      .update(memberships)
      .set({ status: 'left', leftAt: new Date() })
      .where(eq(memberships.id, leaver.membershipId));
    const response = await reveal(leaver.membershipId, { reason: 'x' }, owner.cookie);
    expect(response.status).toBe(404);
    expect(await revealEntries()).toHaveLength(1);
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { desc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  announcements,
  auditLog,
  channels,
  sponsorInvitations,
  sponsorNotices,
  sponsorStaff,
  sponsors,
  staffInvitations,
  videos,
} from '~db/schema';
import { translate } from '~/i18n/translate';
import type { Locale } from '~/i18n/types';
import { maskEmail } from '~/modules/membership/mask-email';
import { memberAlias } from '~/modules/membership/member-alias';
import { generateId } from '~/modules/security/tokens.server';
import { createOffer } from '~/modules/sponsors/offers.server';
import * as auditRoute from '~/routes/staff.$slug.audit';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { addMember, addStaff, createTestEvent } from '../support/events';
import { signedInUser } from '../support/auth';
import { createDocumentHandler } from '../support/remix-document';
import { callRoute, formRequest, getRequest, jsonOf } from '../support/requests';
import { parsedOffer } from '../support/sponsors';
import * as teamRoute from '~/routes/staff.$slug.team';
import * as revealRoute from '~/routes/staff.$slug.members.$membershipId.reveal';

type AuditPage = {
  rows: { id: number; createdAt: string; sentence: { ja: string; en: string } }[];
  olderBefore: number | null;
};

let slug: string;
let eventId: string;
let owner: { cookie: string; userId: string; email: string };

beforeAll(async () => {
  ({ slug, eventId, owner } = await createTestEvent('audit-page'));
});

async function page(query = '', cookie = owner.cookie) {
  const response = await callRoute(
    auditRoute.loader,
    getRequest(`/staff/${slug}/audit${query}`, { cookie }),
    { slug },
  );
  expect(response.status).toBe(200);
  return response;
}

describe('the audit log is append-only', () => {
  it('rejects UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    await appendAudit({
      eventId,
      actorUserId: owner.userId,
      action: 'test.entry',
      detail: { n: 1 },
    });
    const before = (await db.select().from(auditLog)).length;
    await expect(db.execute(sql`update audit_log set action = 'rewritten'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_log`)).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_log`)).rejects.toThrow();
    await expect(db.update(auditLog).set({ detail: {} })).rejects.toThrow();
    await expect(db.delete(auditLog)).rejects.toThrow();
    const rows = await db.select().from(auditLog);
    expect(rows.some((r) => r.action === 'rewritten')).toBe(false);
    expect(rows.find((r) => r.action === 'test.entry')?.detail).toEqual({ n: 1 });
    expect(rows).toHaveLength(before);
  });

  it('has no route or module that writes anything but an insert to it', () => {
    expect('action' in auditRoute).toBe(false);
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(ts|tsx)$/.test(name)) {
          const source = readFileSync(full, 'utf8');
          if (
            /\.(update|delete)\(\s*auditLog\b/.test(source) ||
            /(update|delete\s+from|truncate)\s+"?audit_log/i.test(source)
          ) {
            offenders.push(full);
          }
        }
      }
    };
    walk(path.resolve('app'));
    expect(offenders).toEqual([]);
  });
});

const staffPhrase = (locale: Locale, email: string, role: 'owner' | 'editor' | 'viewer') =>
  translate(locale, 'audit.person.staff', {
    email: maskEmail(email),
    role: translate(locale, `home.role.${role}`),
  });

describe('the audit log page', () => {
  it('tells owners who did what and when, naming staff by masked address and role, members by alias', async () => {
    const editor = await addStaff(eventId, 'audit-editor@example.com', 'editor');
    const runner = await addMember(eventId, 'audit-runner@example.com', { aliasNumber: 7001 });
    // A runner who is also on the staff, then removed from it: from then on only an alias.
    const formerStaff = await addMember(eventId, 'former-staff-runner@example.com', {
      aliasNumber: 7002,
    });
    await addStaff(eventId, formerStaff.email, 'viewer');
    const team = (fields: Record<string, string>) =>
      callRoute(
        teamRoute.action,
        formRequest(`/staff/${slug}/team`, fields, { cookie: owner.cookie }),
        { slug },
      );
    expect((await team({ intent: 'role', userId: editor.userId, role: 'viewer' })).status).toBe(
      200,
    );
    expect((await team({ intent: 'remove', userId: formerStaff.userId })).status).toBe(200);
    await callRoute(
      revealRoute.action,
      formRequest(
        `/staff/${slug}/members/${runner.membershipId}/reveal`,
        { reason: '表彰式のご案内' },
        { cookie: owner.cookie },
      ),
      { slug, membershipId: runner.membershipId },
    );
    await appendAudit({
      eventId,
      actorUserId: runner.userId,
      action: 'member.leave',
      target: `membership:${runner.membershipId}`,
    });

    const response = await page();
    const text = await response.clone().text();
    for (const email of [runner.email, formerStaff.email, editor.email, owner.email])
      expect(text).not.toContain(email);
    const { rows } = await jsonOf<AuditPage>(response);
    const [leave, revealed, removed, changed] = rows.map((r) => r.sentence);
    for (const locale of ['ja', 'en'] as const) {
      expect(leave[locale]).toBe(
        translate(locale, 'audit.sentence.member.leave', { subject: memberAlias(7001, locale) }),
      );
      expect(revealed[locale]).toBe(
        translate(locale, 'audit.sentence.member.reveal_email', {
          actor: staffPhrase(locale, owner.email, 'owner'),
          target: memberAlias(7001, locale),
          reason: '表彰式のご案内',
        }),
      );
      expect(removed[locale]).toBe(
        translate(locale, 'audit.sentence.staff.remove', {
          actor: staffPhrase(locale, owner.email, 'owner'),
          target: memberAlias(7002, locale),
          role: translate(locale, 'home.role.viewer'),
        }),
      );
      // The editor is a viewer now: the log names the role people hold today.
      expect(changed[locale]).toBe(
        translate(locale, 'audit.sentence.staff.role_change', {
          actor: staffPhrase(locale, owner.email, 'owner'),
          target: staffPhrase(locale, editor.email, 'viewer'),
          from: translate(locale, 'home.role.editor'),
          to: translate(locale, 'home.role.viewer'),
        }),
      );
    }
    expect(response.headers.get('Cache-Control')).toContain('no-store');
  });

  it('masks anything that looks like an address in entries written by other code', async () => {
    await appendAudit({
      eventId,
      action: 'test.careless',
      target: 'mail:leak@example.com',
      detail: { note: 'sent to leak@example.com' },
    });
    const response = await page();
    const text = await response.clone().text();
    expect(text).not.toContain('leak@example.com');
    expect(text).not.toContain('test.careless');
    const { rows } = await jsonOf<AuditPage>(response);
    // An action this code does not know reads as a generic sentence, not as its key.
    expect(rows[0].sentence.en).toBe(
      translate('en', 'audit.sentence.fallback', { actor: 'Startline' }),
    );
  });

  it('pages through older entries 50 at a time, newest first', async () => {
    const other = await createTestEvent('audit-paging');
    for (let i = 0; i < 120; i += 1)
      await appendAudit({ eventId: other.eventId, action: 'test.bulk', detail: { i } });
    const ids = (
      await db
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(eq(auditLog.eventId, other.eventId))
        .orderBy(desc(auditLog.id))
    ).map((r) => r.id);
    expect(ids).toHaveLength(121);
    const load = async (query: string) => {
      const response = await callRoute(
        auditRoute.loader,
        getRequest(`/staff/${other.slug}/audit${query}`, { cookie: other.owner.cookie }),
        { slug: other.slug },
      );
      return jsonOf<AuditPage>(response);
    };
    const first = await load('');
    const second = await load(`?before=${first.olderBefore}`);
    const third = await load(`?before=${second.olderBefore}`);
    // Exactly this event's entries, each once, newest first (other events' never appear).
    expect([...first.rows, ...second.rows, ...third.rows].map((r) => r.id)).toEqual(ids);
    expect([first.rows.length, second.rows.length, third.rows.length]).toEqual([50, 50, 21]);
    expect(third.olderBefore).toBeNull();
    expect(third.rows.at(-1)?.sentence.en).toBe(
      translate('en', 'audit.sentence.event.create', {
        actor: staffPhrase('en', other.owner.email, 'owner'),
        event: 'Test race audit-paging',
      }),
    );
    expect((await load('?before=abc')).rows[0].id).toBe(ids[0]);
  });
});

/**
 * Every action the code can write, found the way a reviewer would: `action: '…'` literals
 * next to appendAudit calls, plus the review actions built from a template.
 */
function auditActionsInSource(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (!full.endsWith(path.join('app', 'i18n'))) walk(full);
      } else if (/\.(ts|tsx)$/.test(name) && !full.includes(path.join('modules', 'audit'))) {
        const source = readFileSync(full, 'utf8');
        if (!/appendAudit|auditEachMembership/.test(source)) continue;
        for (const match of source.matchAll(/action: '([a-z_]+(?:\.[a-z_]+)+)'/g))
          found.add(match[1]);
        if (source.includes('action: `sponsor.${kind}.${input.decision}`'))
          for (const kind of ['offer', 'notice'])
            for (const decision of ['approve', 'reject']) found.add(`sponsor.${kind}.${decision}`);
      }
    }
  };
  walk(path.resolve('app'));
  return found;
}

const renderAuditPage = await createDocumentHandler(['staff.$slug.audit.tsx']);

/** The sentences in the rendered table, newest first, as a reader sees them. */
async function renderedSentences(slugOf: string, cookie: string, locale: Locale) {
  const response = await renderAuditPage(
    getRequest(`/staff/${slugOf}/audit`, { cookie: `${cookie}; startline_lang=${locale}` }),
  );
  expect(response.status).toBe(200);
  const html = await response.text();
  // React 18.3 leaves zero bytes at 2 KB block ends in Japanese pages; the document stream
  // removes them (strip-nul-bytes.server.ts), so a page never carries one.
  expect(html.includes('\u0000')).toBe(false);
  const table = /<table[^>]*data-audit-log[^>]*>([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  const decode = (s: string) =>
    s
      .replace(/<[^>]+>/g, '')
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .trim();
  const sentences = [
    ...table.matchAll(/<tr>\s*<td[^>]*>[\s\S]*?<\/td>\s*<td>([\s\S]*?)<\/td>/g),
  ].map((m) => decode(m[1]));
  return { html, sentences };
}

describe('every audit action reads as a sentence', () => {
  it('shows no raw key, id or JSON to owners in either language, naming actors, roles and sponsors', async () => {
    const audit = await createTestEvent('audit-every-action', 'owner@audit-every.example');
    const e = audit.eventId;
    const editor = await addStaff(e, 'editor@audit-every.example', 'editor');
    const former = await addStaff(e, 'former@audit-every.example', 'viewer');
    const runner = await addMember(e, 'runner@audit-every.example', { aliasNumber: 4821 });
    const sponsorUser = await signedInUser('sakura@sponsor.example');
    const sponsorId = generateId();
    await db.insert(sponsors).values({
      id: sponsorId,
      eventId: e,
      nameJa: 'さくらスポーツ',
      nameEn: 'Sakura Sports',
    });
    await db.insert(sponsorStaff).values({ sponsorId, userId: sponsorUser.userId });
    const sponsorInvitationId = generateId();
    await db.insert(sponsorInvitations).values({
      id: sponsorInvitationId,
      sponsorId,
      email: 'sakura@sponsor.example',
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const offerId = await createOffer({
      sponsorId,
      eventId: e,
      userId: sponsorUser.userId,
      data: parsedOffer({ titleJa: 'シューズ割引', titleEn: 'Shoe discount' }),
      image: null,
    });
    const noticeId = generateId();
    await db.insert(sponsorNotices).values({
      id: noticeId,
      sponsorId,
      eventId: e,
      titleJa: '春のセール',
      titleEn: 'Spring sale',
      bodyJa: '本文',
      bodyEn: 'Body',
    });
    const [course] = await db
      .select({ id: channels.id, nameJa: channels.nameJa, nameEn: channels.nameEn })
      .from(channels)
      .where(eq(channels.eventId, e))
      .limit(1);
    const announcementId = generateId();
    await db.insert(announcements).values({
      id: announcementId,
      eventId: e,
      channelId: course.id,
      titleJa: '給水所のご案内',
      titleEn: 'Water stations',
      audienceMode: 'everyone_on_channel',
      editedByRole: 'editor',
    });
    const videoId = generateId();
    await db.insert(videos).values({
      id: videoId,
      eventId: e,
      titleJa: 'コース紹介',
      titleEn: 'Course tour',
      storageKey: generateId(),
      contentType: 'video/webm',
      sizeBytes: 1000,
    });
    const staffInvitationId = generateId();
    await db.insert(staffInvitations).values({
      id: staffInvitationId,
      eventId: e,
      email: 'new-colleague@audit-every.example',
      role: 'editor',
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const invitationId = generateId();
    const membership = `membership:${runner.membershipId}`;
    const offer = `offer:${offerId}`;
    const notice = `sponsor-notice:${noticeId}`;
    const importId = generateId();
    const snapshotId = generateId();

    type Fixture = {
      actor: string | null;
      target?: string;
      detail?: Record<string, unknown>;
      names?: (locale: Locale) => string[];
    };
    const ownerNamed = (l: Locale) => [staffPhrase(l, audit.owner.email, 'owner')];
    const editorNamed = (l: Locale) => [staffPhrase(l, editor.email, 'editor')];
    const sponsorName = { ja: 'さくらスポーツ', en: 'Sakura Sports' };
    const sponsorNamed = (l: Locale) => [sponsorName[l]];
    const runnerNamed = (l: Locale) => [memberAlias(4821, l)];
    const withSponsor = (l: Locale) => [...ownerNamed(l), sponsorName[l]];
    const o = audit.owner.userId;
    const fixtures: Record<string, Fixture> = {
      'auth.sign_in': { actor: o, names: ownerNamed },
      'event.create': { actor: o, target: `event:${e}`, detail: { slug: audit.slug } },
      'event.update': {
        actor: o,
        target: `event:${e}`,
        detail: {
          fields: ['nameJa', 'eventDate', 'contactEmail'],
          eventDate: '2027-04-04',
          contactEmail: maskEmail('new-office@audit-every.example'),
        },
        names: (l) => [
          ...ownerNamed(l),
          maskEmail('new-office@audit-every.example'),
          l === 'ja' ? '2027年4月4日' : '4 April 2027',
        ],
      },
      'staff.invite': {
        actor: o,
        target: `staff-invitation:${staffInvitationId}`,
        detail: { role: 'editor' },
        names: (l) => [...ownerNamed(l), maskEmail('new-colleague@audit-every.example')],
      },
      'staff.invitation_revoke': {
        actor: o,
        target: `staff-invitation:${staffInvitationId}`,
        detail: { role: 'editor' },
        names: ownerNamed,
      },
      'staff.accept': {
        actor: editor.userId,
        target: `staff-invitation:${generateId()}`,
        detail: { role: 'editor' },
        names: editorNamed,
      },
      'staff.role_change': {
        actor: o,
        target: `user:${editor.userId}`,
        detail: { from: 'viewer', to: 'editor' },
        names: (l) => [...ownerNamed(l), ...editorNamed(l)],
      },
      'staff.remove': {
        actor: o,
        target: `user:${former.userId}`,
        detail: { role: 'viewer' },
        names: ownerNamed,
      },
      'entrants.import': {
        actor: o,
        target: `import:${importId}`,
        detail: { created: 3, alreadyInvited: 1, alreadyMember: 0, suppressed: 0, rejected: 2 },
        names: ownerNamed,
      },
      'invitation.resend': {
        actor: editor.userId,
        target: `invitation:${invitationId}`,
        detail: { bib: '1234', resendCount: 2 },
        names: (l) => [...editorNamed(l), '1234'],
      },
      'invitation.correct_address': {
        actor: editor.userId,
        target: `invitation:${invitationId}`,
        detail: { bib: '1234', newAddress: maskEmail('fixed@runner.example'), reason: '入力ミス' },
        names: (l) => [...editorNamed(l), '1234', maskEmail('fixed@runner.example')],
      },
      'invitation.revoke': {
        actor: o,
        target: `invitation:${invitationId}`,
        detail: { bib: '1234' },
        names: ownerNamed,
      },
      'invitations.export': {
        actor: o,
        detail: { status: null, category: null, search: false },
        names: ownerNamed,
      },
      'member.reveal_email': {
        actor: o,
        target: membership,
        detail: { alias: 4821, reason: '表彰式のご案内' },
        names: (l) => [...ownerNamed(l), ...runnerNamed(l)],
      },
      'member.export': { actor: runner.userId, target: membership, detail: { alias: 4821 } },
      'member.leave': { actor: runner.userId, target: membership, detail: { alias: 4821 } },
      'member.delete': { actor: null, target: membership, detail: { alias: 4821 } },
      'relay.answer': {
        actor: editor.userId,
        target: membership,
        detail: { alias: 4821, source: 'web' },
        names: (l) => [...editorNamed(l), ...runnerNamed(l)],
      },
      'relay.release': {
        actor: o,
        target: membership,
        detail: { alias: 4821, direction: 'member_to_staff' },
      },
      'relay.discard': {
        actor: o,
        target: membership,
        detail: { alias: 4821, direction: 'staff_to_member' },
      },
      'announcement.create': { actor: editor.userId, target: announcementId },
      'announcement.edit': {
        actor: editor.userId,
        target: announcementId,
        detail: { revision: 2 },
      },
      'announcement.approve': { actor: o, target: announcementId, detail: { revision: 2 } },
      'announcement.approve_broadcast': {
        actor: o,
        target: announcementId,
        detail: { snapshotId, recipientCount: 1 },
      },
      'announcement.send': {
        actor: o,
        target: announcementId,
        detail: {
          snapshotId,
          recipientCount: 3,
          audienceMode: 'everyone_on_channel',
          audienceFilter: {},
          channelId: course.id,
          approvedBy: null,
        },
        names: (l) => [...ownerNamed(l), l === 'ja' ? course.nameJa : course.nameEn],
      },
      'announcement.test_send': { actor: editor.userId, target: announcementId },
      'announcement.schedule_cancel': {
        actor: o,
        target: announcementId,
        detail: { scheduledAt: '2027-03-27T22:00:00.000Z' },
      },
      'channel.create': { actor: o, target: course.id, detail: { slug: 'course' } },
      'sponsor.create': { actor: o, target: `sponsor:${sponsorId}`, names: withSponsor },
      'sponsor.invite': {
        actor: o,
        target: `sponsor-invitation:${sponsorInvitationId}`,
        detail: { sponsorId },
        names: withSponsor,
      },
      'sponsor.accept': {
        actor: sponsorUser.userId,
        target: `sponsor-invitation:${sponsorInvitationId}`,
        detail: { sponsorId },
        names: sponsorNamed,
      },
      'sponsor.offer.submit': {
        actor: sponsorUser.userId,
        target: offer,
        detail: { sponsorId },
        names: sponsorNamed,
      },
      'sponsor.offer.withdraw': {
        actor: sponsorUser.userId,
        target: offer,
        detail: { sponsorId },
        names: sponsorNamed,
      },
      'sponsor.offer.edit_withdrawn': {
        actor: sponsorUser.userId,
        target: offer,
        detail: { sponsorId },
        names: sponsorNamed,
      },
      'sponsor.offer.approve': {
        actor: o,
        target: offer,
        detail: { sponsorId, version: 1 },
        names: withSponsor,
      },
      'sponsor.offer.reject': {
        actor: o,
        target: offer,
        detail: { sponsorId, version: 2 },
        names: withSponsor,
      },
      'sponsor.notice.approve': {
        actor: o,
        target: notice,
        detail: { sponsorId, version: 1 },
        names: withSponsor,
      },
      'sponsor.notice.reject': {
        actor: o,
        target: notice,
        detail: { sponsorId, version: 1 },
        names: withSponsor,
      },
      'sponsor.notice.edit_withdrawn': {
        actor: sponsorUser.userId,
        target: notice,
        detail: { sponsorId },
        names: sponsorNamed,
      },
      'sponsor.notice.drafted': {
        actor: o,
        target: notice,
        detail: { sponsorId, noticeVersion: 1, announcementId, channelId: course.id },
        names: withSponsor,
      },
      'sponsor.codes.upload': {
        actor: sponsorUser.userId,
        target: offer,
        detail: { sponsorId, count: 1 },
        names: sponsorNamed,
      },
      'sponsor.codes.generate': {
        actor: sponsorUser.userId,
        target: offer,
        detail: { sponsorId, count: 20 },
        names: sponsorNamed,
      },
      'video.upload': {
        actor: editor.userId,
        target: `video:${videoId}`,
        detail: { contentType: 'video/webm', sizeBytes: 1000, poster: false },
      },
      'video.delete': { actor: o, target: `video:${videoId}` },
      'video.edit': {
        actor: editor.userId,
        target: `video:${videoId}`,
        detail: { fields: ['titleEn'] },
        names: (l) => [l === 'ja' ? 'コース紹介' : 'Course tour'],
      },
      'video.unpublish': { actor: o, target: `video:${videoId}`, names: ownerNamed },
      'video.publish': { actor: o, target: `video:${videoId}`, names: ownerNamed },
      'video.replace': {
        actor: editor.userId,
        target: `video:${videoId}`,
        detail: { contentType: 'video/mp4', sizeBytes: 2000, poster: false },
        names: (l) => [l === 'ja' ? 'コース紹介' : 'Course tour'],
      },
    };

    // A new action in the code needs a sentence and a line here.
    expect(Object.keys(fixtures).sort()).toEqual([...auditActionsInSource()].sort());

    // createTestEvent's own event.create is the oldest entry; the fixtures follow in order.
    for (const [action, f] of Object.entries(fixtures))
      await appendAudit({
        eventId: e,
        actorUserId: f.actor,
        action,
        target: f.target ?? null,
        detail: f.detail,
      });
    const actions = ['event.create', ...Object.keys(fixtures)].reverse();
    const everyId = [
      e,
      o,
      editor.userId,
      former.userId,
      runner.userId,
      runner.membershipId,
      sponsorUser.userId,
      sponsorId,
      sponsorInvitationId,
      offerId,
      noticeId,
      course.id,
      announcementId,
      videoId,
      staffInvitationId,
      invitationId,
      importId,
      snapshotId,
    ];

    for (const locale of ['ja', 'en'] as const) {
      const { html, sentences } = await renderedSentences(audit.slug, audit.owner.cookie, locale);
      expect(sentences).toHaveLength(actions.length);
      // Nobody else's address, anywhere in the page (loader data included); the header
      // shows the signed-in owner their own.
      for (const email of [runner.email, editor.email, former.email, 'sakura@sponsor.example'])
        expect(html).not.toContain(email);
      const fallback = translate(locale, 'audit.sentence.fallback', { actor: '' });
      sentences.forEach((sentence, i) => {
        const action = actions[i];
        const where = `${locale} ${action}: ${sentence}`;
        expect(sentence.length, where).toBeGreaterThan(0);
        for (const key of actions) expect(sentence, where).not.toContain(key);
        for (const id of everyId) expect(sentence, where).not.toContain(id);
        expect(sentence, where).not.toMatch(/\b[a-z][a-z-]*:[A-Za-z0-9_-]{6,}/);
        expect(sentence, where).not.toMatch(/[{}[\]]|\bnull\b|\bundefined\b|NaN|\[object/);
        expect(sentence, where).not.toContain(fallback);
        expect(sentence, where).not.toContain(translate(locale, 'audit.deleted'));
        for (const name of fixtures[action]?.names?.(locale) ?? [])
          expect(sentence, where).toContain(name);
      });
      // The issue's own example, in its shape: who, in which role, which channel, how many.
      const sent = sentences[actions.indexOf('announcement.send')];
      expect(sent).toBe(
        translate(locale, 'audit.sentence.announcement.send', {
          actor: staffPhrase(locale, audit.owner.email, 'owner'),
          channel: locale === 'ja' ? course.nameJa : course.nameEn,
          count: 3,
          title: locale === 'ja' ? '給水所のご案内' : 'Water stations',
        }),
      );
      // English counts agree with their number.
      if (locale === 'en') {
        expect(sentences[actions.indexOf('announcement.approve_broadcast')]).toContain(
          'to 1 member',
        );
        expect(sentences[actions.indexOf('sponsor.codes.upload')]).toContain('1 coupon code ');
      }
    }
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '~db/schema';
import * as auditRoute from '~/routes/staff.$slug.audit';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { addMember, addStaff, createTestEvent } from '../support/events';
import { callRoute, formRequest, getRequest, jsonOf } from '../support/requests';
import * as teamRoute from '~/routes/staff.$slug.team';
import * as revealRoute from '~/routes/staff.$slug.members.$membershipId.reveal';

type AuditPage = {
  rows: {
    id: number;
    action: string;
    actor: { kind: string; email?: string; aliasNumber?: number };
    target: { kind: string; email?: string; aliasNumber?: number } | null;
    detail: Record<string, string>;
  }[];
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

describe('the audit log page', () => {
  it('tells owners who did what and when, naming staff by address and members by alias only', async () => {
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
    expect(text).not.toContain(runner.email);
    expect(text).not.toContain(formerStaff.email);
    const { rows } = await jsonOf<AuditPage>(response);
    const [leave, revealed, removed, changed] = rows;
    expect(leave).toMatchObject({
      action: 'member.leave',
      actor: { kind: 'member', aliasNumber: 7001 },
    });
    expect(revealed).toMatchObject({
      action: 'member.reveal_email',
      actor: { kind: 'staff', email: owner.email },
      target: { kind: 'member', aliasNumber: 7001 },
      detail: { reason: '表彰式のご案内' },
    });
    expect(removed).toMatchObject({
      action: 'staff.remove',
      target: { kind: 'member', aliasNumber: 7002 },
    });
    expect(changed).toMatchObject({
      action: 'staff.role_change',
      target: { kind: 'staff', email: editor.email },
      detail: { from: 'editor', to: 'viewer' },
    });
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
    expect(await response.clone().text()).not.toContain('leak@example.com');
    const { rows } = await jsonOf<AuditPage>(response);
    expect(rows[0]).toMatchObject({
      actor: { kind: 'system' },
      target: { kind: 'text' },
      detail: { note: 'sent to l***@e***.com' },
    });
  });

  it('pages through older entries 50 at a time, newest first', async () => {
    const other = await createTestEvent('audit-paging');
    for (let i = 0; i < 120; i += 1)
      await appendAudit({ eventId: other.eventId, action: 'test.bulk', detail: { i } });
    const load = async (query: string) => {
      const response = await callRoute(
        auditRoute.loader,
        getRequest(`/staff/${other.slug}/audit${query}`, { cookie: other.owner.cookie }),
        { slug: other.slug },
      );
      return jsonOf<AuditPage>(response);
    };
    const first = await load('');
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0].detail.i).toBe('119');
    const second = await load(`?before=${first.olderBefore}`);
    expect(second.rows[0].detail.i).toBe('69');
    const third = await load(`?before=${second.olderBefore}`);
    expect(third.rows).toHaveLength(21);
    expect(third.olderBefore).toBeNull();
    expect(third.rows.at(-1)?.action).toBe('event.create');
    // Other events' entries never appear.
    expect(
      [...first.rows, ...second.rows, ...third.rows].every(
        (r) => r.action !== 'member.reveal_email',
      ),
    ).toBe(true);
    expect((await load('?before=abc')).rows[0].detail.i).toBe('119');
  });
});

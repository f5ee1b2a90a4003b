import { and, count, eq, sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import {
  auditLog,
  entrantImports,
  invitations,
  mailStreams,
  memberships,
  outboundEmails,
  users,
} from '~db/schema';
import { db } from '~/modules/database/database.server';
import { dispatchInvitationsQueue } from '~/modules/invitations/invitation-delivery.server';
import { suppressAddress } from '~/modules/invitations/suppression.server';
import type { ImportSummary } from '~/modules/invitations/entrant-import.server';
import * as importRoute from '~/routes/staff.$slug.import';
import { createUser, signedInUser } from '../support/auth';
import { mailTo } from '../support/mail';
import { APP_ORIGIN, callRoute, getRequest, jsonOf } from '../support/requests';
import { createEvent, importResult, staffOf, upload, uploadRequest } from '../fixtures/invitations';

async function countOf(table: typeof users | typeof memberships) {
  return (await db.select({ n: count() }).from(table))[0].n;
}

async function invitationEmailsTo(address: string) {
  return (await mailTo(address)).filter((m) => m.subject.includes('ご案内'));
}

describe('importing the entrant list', () => {
  it('creates invitations only — zero users, zero memberships — and one invitation email per address', async () => {
    const event = await createEvent('import-basic');
    const owner = await staffOf(event, 'owner@import-basic.example', 'owner');
    const usersBefore = await countOf(users);

    const csv =
      'メールアドレス,氏名,ゼッケン\nhana@basic.example,山田 花子,1024\nken@basic.example,佐藤 健,2048\n';
    const summary = await importResult(
      event.slug,
      await upload(event.slug, csv, owner.cookie),
      owner.cookie,
    );
    expect(summary).toMatchObject({
      created: 2,
      alreadyInvited: 0,
      alreadyMember: 0,
      suppressed: 0,
      rejected: 0,
    });
    expect(await countOf(users)).toBe(usersBefore);
    expect(await countOf(memberships)).toBe(0);

    // The send job, then the same job again (a retry): still one email each.
    const hana = await invitationEmailsTo('hana@basic.example');
    expect(hana).toHaveLength(1);
    expect(hana[0].subject).toContain('テスト大会 import-basic');
    expect(hana[0].subject).toContain('Test Race import-basic');
    const text = hana[0].text;
    // Who runs it, what for, what is shared with whom, nothing happens unless they join.
    for (const phrase of [
      'テスト大会実行委員会',
      'お知らせ',
      '動画',
      '協賛社からの特典',
      'ゼッケン番号を見ることができます',
      '協賛社に、あなたに関する情報が伝わることはありません',
      'ほかの参加者に、あなたのメールアドレスが見えることはありません',
      '登録されることはありません',
      'Test Race Committee',
      'Sponsors never learn anything about you',
      'Other runners never see your email address',
      'does not sign you up',
    ]) {
      expect(text).toContain(phrase);
    }
    expect(text.indexOf('テスト大会実行委員会')).toBeLessThan(text.indexOf('Test Race Committee'));
    expect(text).toMatch(/\/join\/[\w-]{43}\b/);
    expect(text).toMatch(/\/join\/[\w-]{43}\/decline/);
    expect(hana[0].headers['List-Unsubscribe']).toMatch(/\/u\/invitation\/[\w-]{43}>$/);
    expect(hana[0].headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    // The email greets the invitee by the name on the entrant list (issue 15: a Japanese race
    // office writes 「〇〇 様」), and nothing more of their entry: no bib, no category. A
    // mistyped address therefore shows a stranger at most a name; staff correct it on the
    // invitations page, which kills the link at once (decision 093).
    expect(text).toContain('山田 花子 様');
    expect(text).not.toContain('1024');

    // Starting the import's wave again (a retried job) queues nothing twice.
    const { startInvitationWave } =
      await import('~/modules/invitations/invitation-delivery.server');
    const [{ importId }] = await db
      .select({ importId: invitations.importId })
      .from(invitations)
      .where(eq(invitations.eventId, event.id));
    expect(await startInvitationWave(importId!)).toEqual([]);
    expect(await invitationEmailsTo('hana@basic.example')).toHaveLength(1);
  });

  it('answers a re-upload of the same file with "already invited" and creates nothing', async () => {
    const event = await createEvent('import-twice');
    const editor = await staffOf(event, 'editor@import-twice.example', 'editor');
    const csv = 'email,name,bib\na@twice.example,A,1\nb@twice.example,B,2\n';
    await importResult(event.slug, await upload(event.slug, csv, editor.cookie), editor.cookie);
    await mailTo('a@twice.example');
    const again = await importResult(
      event.slug,
      await upload(event.slug, csv, editor.cookie),
      editor.cookie,
    );
    expect(again).toMatchObject({ created: 0, alreadyInvited: 2 });
    const [{ n }] = await db
      .select({ n: count() })
      .from(invitations)
      .where(eq(invitations.eventId, event.id));
    expect(n).toBe(2);
    expect(await invitationEmailsTo('a@twice.example')).toHaveLength(1);
  });

  it('sends nothing to suppressed addresses and never invites a member again', async () => {
    const event = await createEvent('import-suppressed');
    const owner = await staffOf(event, 'owner@import-suppressed.example', 'owner');
    await suppressAddress({
      eventId: event.id,
      email: 'no@suppressed.example',
      reason: 'declined',
    });
    const memberId = await createUser('member@suppressed.example');
    await db
      .insert(memberships)
      .values({ id: 'm-sup', eventId: event.id, userId: memberId, aliasNumber: 5555 });

    const csv =
      'email,name,bib\nNO@suppressed.example,No,1\nmember@suppressed.example,Member,2\nyes@suppressed.example,Yes,3\n';
    const summary = await importResult(
      event.slug,
      await upload(event.slug, csv, owner.cookie),
      owner.cookie,
    );
    expect(summary).toMatchObject({ created: 1, suppressed: 1, alreadyMember: 1 });
    expect(await mailTo('no@suppressed.example')).toHaveLength(0);
    expect(await mailTo('member@suppressed.example')).toHaveLength(0);
    expect(await invitationEmailsTo('yes@suppressed.example')).toHaveLength(1);
    const stored = await db
      .select({ email: invitations.email })
      .from(invitations)
      .where(eq(invitations.eventId, event.id));
    expect(stored.map((r) => r.email)).toEqual(['yes@suppressed.example']);
  });

  it('reports every bad line with its number and reason, imports every valid row, and writes nothing else', async () => {
    const event = await createEvent('import-bad');
    const owner = await staffOf(event, 'owner@import-bad.example', 'owner');
    const bytes = Buffer.concat([
      Buffer.from(
        [
          'email,name,bib',
          'ok1@bad.example,"Okay, One",1', // 2
          'not-an-email,Bad,2', // 3
          'short@bad.example,Short', // 4 missing column
          `long@bad.example,${'x'.repeat(10_001)},4`, // 5
          'formula@bad.example,"=HYPERLINK(""http://evil.example"",""x"")",5', // 6
          'ok2@bad.example,鈴木 恵美,6', // 7
          '',
        ].join('\n'),
        'utf8',
      ),
      iconv.encode('sjis@bad.example,佐藤 健,7\n', 'cp932'), // 8: a Shift_JIS line in a UTF-8 file
      Buffer.from('ok3@bad.example,Okay Three,8\n', 'utf8'), // 9
    ]);
    const auditBefore = (await db.select({ n: count() }).from(auditLog))[0].n;
    const summary = await importResult(
      event.slug,
      await upload(event.slug, new Uint8Array(bytes), owner.cookie),
      owner.cookie,
    );
    expect(summary.created).toBe(3);
    expect(summary.rejected).toBe(5);
    expect(summary.rejectedLines.map((l) => [l.line, l.problems.map((p) => p.reason)])).toEqual([
      [3, ['invalid_email']],
      [4, ['missing_column']],
      [5, ['too_long']],
      [6, ['formula']],
      [8, ['encoding']],
    ]);
    const stored = await db
      .select({ email: invitations.email, name: invitations.name })
      .from(invitations)
      .where(eq(invitations.eventId, event.id))
      .orderBy(invitations.email);
    expect(stored).toEqual([
      { email: 'ok1@bad.example', name: 'Okay, One' },
      { email: 'ok2@bad.example', name: '鈴木 恵美' },
      { email: 'ok3@bad.example', name: 'Okay Three' },
    ]);
    // One import record and one audit entry with counts only: no address, no name.
    const [importRow] = await db
      .select()
      .from(entrantImports)
      .where(eq(entrantImports.eventId, event.id));
    // The report shows each failing value, cut short, so the office can find it — but never
    // an address (every editor sees it), and nothing of the valid rows.
    expect(JSON.stringify(importRow.summary)).not.toMatch(/@bad\.example|not-an-email|鈴木/);
    expect(
      (importRow.summary as unknown as ImportSummary).rejectedLines.map((l) =>
        l.problems.map((p) => [('column' in p && p.column) || null, p.value ?? null]),
      ),
    ).toEqual([
      [['email', '***']],
      [['bib', null]],
      [['name', `${'x'.repeat(60)}…`]],
      [['name', '=HYPERLINK("http://evil.example","x")']],
      [[null, null]],
    ]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.eventId, event.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'entrants.import', actorUserId: owner.userId });
    expect(audit[0].detail).toEqual({
      created: 3,
      alreadyInvited: 0,
      alreadyMember: 0,
      suppressed: 0,
      rejected: 5,
    });
    expect((await db.select({ n: count() }).from(auditLog))[0].n).toBe(auditBefore + 1);

    // The result page shows the reasons in the staff member's language.
    const page = await callRoute(
      importRoute.loader,
      new Request(`${APP_ORIGIN}/staff/${event.slug}/import?result=${importRow.id}`, {
        headers: { Cookie: owner.cookie, 'Accept-Language': 'ja' },
      }),
      { slug: event.slug },
    );
    expect(page.status).toBe(200);
  });

  it('reads a UTF-8 file with BOM and a Shift_JIS file exported from Excel alike', async () => {
    const event = await createEvent('import-encodings');
    const owner = await staffOf(event, 'owner@import-encodings.example', 'owner');
    const text =
      'メールアドレス,氏名,ゼッケン,種目\r\nＵＴＦ８＠enc.example,山田　花子,０１,フル\r\n';
    const bom = new Uint8Array(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
    );
    const sjis = new Uint8Array(
      iconv.encode(
        text.replace('ＵＴＦ８', 'ＳＪＩＳ').replace('山田', '髙橋').replace('０１', '０２'),
        'cp932',
      ),
    );
    expect(
      (await importResult(event.slug, await upload(event.slug, bom, owner.cookie), owner.cookie))
        .encoding,
    ).toBe('utf-8-bom');
    expect(
      (await importResult(event.slug, await upload(event.slug, sjis, owner.cookie), owner.cookie))
        .encoding,
    ).toBe('shift_jis');
    const stored = await db
      .select({
        email: invitations.email,
        name: invitations.name,
        bib: invitations.bib,
        category: invitations.category,
      })
      .from(invitations)
      .where(eq(invitations.eventId, event.id))
      .orderBy(invitations.email);
    expect(stored).toEqual([
      { email: 'sjis@enc.example', name: '髙橋 花子', bib: '02', category: 'フル' },
      { email: 'utf8@enc.example', name: '山田 花子', bib: '01', category: 'フル' },
    ]);
  });

  it('lets owners and editors import; a viewer gets 403 and a stranger or member 404, and nothing is written', async () => {
    const event = await createEvent('import-roles');
    const viewer = await staffOf(event, 'viewer@import-roles.example', 'viewer');
    const stranger = await signedInUser('stranger@import-roles.example');
    const csv = 'email,name,bib\nx@roles.example,X,1\n';
    for (const [who, status] of [
      [viewer, 403],
      [stranger, 404],
    ] as const) {
      expect((await upload(event.slug, csv, who.cookie)).status).toBe(status);
      const page = await callRoute(
        importRoute.loader,
        getRequest(`/staff/${event.slug}/import`, { cookie: who.cookie }),
        {
          slug: event.slug,
        },
      );
      expect(page.status).toBe(status);
    }
    const anonymous = await callRoute(
      importRoute.action,
      uploadRequest(event.slug, { bytes: csv }, null),
      { slug: event.slug },
    );
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('Location')).toMatch(/^\/sign-in/);
    expect(
      (
        await db.select({ n: count() }).from(invitations).where(eq(invitations.eventId, event.id))
      )[0].n,
    ).toBe(0);
  });

  it('refuses oversized, non-CSV and malformed uploads with a localized 4xx, never a 500, writing nothing', async () => {
    const event = await createEvent('import-refuse');
    const owner = await staffOf(event, 'owner@import-refuse.example', 'owner');
    const send = (file: Parameters<typeof uploadRequest>[1], lang = 'ja') =>
      callRoute(
        importRoute.action,
        uploadRequest(event.slug, file, owner.cookie, { 'Accept-Language': lang }),
        {
          slug: event.slug,
        },
      );

    const huge = 'email,name,bib\n' + 'x'.repeat(20 * 1024 * 1024 + 10);
    const tooLarge = await send({ bytes: huge });
    expect(tooLarge.status).toBe(413);
    expect((await jsonOf<{ formError: string }>(tooLarge)).formError).toContain('20MB');

    const xlsx = await send({ bytes: 'email,name,bib\n', name: 'entrants.xlsx' }, 'en');
    expect(xlsx.status).toBe(400);
    expect((await jsonOf<{ formError: string }>(xlsx)).formError).toContain('CSV');

    const zip = await send({
      bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]),
      name: 'entrants.csv',
    });
    expect(zip.status).toBe(400);
    expect((await jsonOf<{ formError: string }>(zip)).formError).toBe(
      translate('ja', 'invitations.file.binary'),
    );

    const noColumns = await send({ bytes: 'email,name\na@x.example,A\n' }, 'en');
    expect(noColumns.status).toBe(400);
    expect((await jsonOf<{ formError: string }>(noColumns)).formError).toBe(
      'The header row is missing: bib',
    );

    const empty = await send({ bytes: '' });
    expect(empty.status).toBe(400);

    // A form that is neither the file nor a mapping step.
    const notMultipart = await callRoute(
      importRoute.action,
      new Request(`${APP_ORIGIN}/staff/${event.slug}/import`, {
        method: 'POST',
        headers: {
          Origin: APP_ORIGIN,
          Cookie: owner.cookie,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: 'file=abc',
      }),
      { slug: event.slug },
    );
    expect(notMultipart.status).toBe(400);
    const plainText = await callRoute(
      importRoute.action,
      new Request(`${APP_ORIGIN}/staff/${event.slug}/import`, {
        method: 'POST',
        headers: { Origin: APP_ORIGIN, Cookie: owner.cookie, 'Content-Type': 'text/csv' },
        body: 'email,name,bib\n',
      }),
      { slug: event.slug },
    );
    expect(plainText.status).toBe(415);

    const garbled = await callRoute(
      importRoute.action,
      new Request(`${APP_ORIGIN}/staff/${event.slug}/import`, {
        method: 'POST',
        headers: {
          Origin: APP_ORIGIN,
          Cookie: owner.cookie,
          'Content-Type': 'multipart/form-data; boundary=zzz',
        },
        body: 'this is not multipart at all',
      }),
      { slug: event.slug },
    );
    expect(garbled.status).toBeGreaterThanOrEqual(400);
    expect(garbled.status).toBeLessThan(500);

    expect(
      (
        await db.select({ n: count() }).from(invitations).where(eq(invitations.eventId, event.id))
      )[0].n,
    ).toBe(0);
    expect(
      (
        await db
          .select({ n: count() })
          .from(entrantImports)
          .where(eq(entrantImports.eventId, event.id))
      )[0].n,
    ).toBe(0);
  });

  it('imports 2,000 rows with one job, which queues them as one invitation wave', async () => {
    const event = await createEvent('import-chunks');
    const owner = await staffOf(event, 'owner@import-chunks.example', 'owner');
    const lines = ['email,name,bib'];
    for (let i = 0; i < 2000; i += 1) lines.push(`runner${i}@chunks.example,Runner ${i},${i}`);
    const response = await upload(event.slug, lines.join('\n'), owner.cookie);
    const summary = await importResult(event.slug, response, owner.cookie);
    expect(summary.created).toBe(2000);
    const importId = new URL(response.headers.get('Location')!, APP_ORIGIN).searchParams.get(
      'result',
    )!;
    const jobsOf = async (name: string) => {
      const result = await db.execute(sql`SELECT data FROM pgboss.job WHERE name = ${name}`);
      return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
        data: Record<string, unknown>;
      }[];
    };
    expect(
      (await jobsOf('invitations.dispatch')).filter((j) => j.data.importId === importId),
    ).toHaveLength(1);
    const [{ n }] = await db
      .select({ n: count() })
      .from(outboundEmails)
      .where(sql`${outboundEmails.toAddress} LIKE '%@chunks.example'`);
    expect(n).toBe(0); // nothing is rendered or sent until the jobs run

    await dispatchInvitationsQueue.handler({ importId });
    const [wave] = await db
      .select({ id: mailStreams.id, total: mailStreams.total, kind: mailStreams.kind })
      .from(mailStreams)
      .where(eq(mailStreams.subjectId, importId));
    expect(wave).toMatchObject({ total: 2000, kind: 'invitation_wave' });
    const [{ queued }] = await db
      .select({ queued: count() })
      .from(outboundEmails)
      .where(and(eq(outboundEmails.streamId, wave.id), eq(outboundEmails.lane, 'bulk')));
    expect(queued).toBe(2000);
    // A retried dispatch job queues no second wave.
    await dispatchInvitationsQueue.handler({ importId });
    expect(
      await db
        .select({ id: mailStreams.id })
        .from(mailStreams)
        .where(eq(mailStreams.subjectId, importId)),
    ).toHaveLength(1);
  });
});

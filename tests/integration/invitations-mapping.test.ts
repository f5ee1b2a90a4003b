/**
 * The column mapping step of the entrant import: an upload is only staged; the uploader sees
 * which column is used for what (guessed, or as confirmed last time) with masked examples, and
 * nothing reaches invitations until they confirm. Row checks on bibs: repeated in the file,
 * empty, or someone else's in the event.
 */
import { and, count, eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  entrantColumnMappings,
  entrantImports,
  entrantUploads,
  eventCategories,
  invitations,
  memberships,
} from '~db/schema';
import { common } from '~/i18n/messages/common';
import { invitations as invitationMessages } from '~/i18n/messages/invitations';
import { db } from '~/modules/database/database.server';
import { createUser } from '../support/auth';
import { submissionErrors } from '../support/submission';
import {
  createEvent,
  importResult,
  mappingFields,
  mappingOf,
  mappingPage,
  postMapping,
  stagedUploadId,
  stageUpload,
  staffOf,
  upload,
} from '../fixtures/invitations';

const RUNNET_CSV = [
  'メールアドレス,姓,名,セイ,メイ,アスリートビブス,種目,性別',
  'hanako@runnet.example,山田,花子,ヤマダ,ハナコ,1001,フルマラソン,女',
  'ken@runnet.example,佐藤,健,サトウ,ケン,1002,10km,男',
  'emi@runnet.example,鈴木,恵美,ｽｽﾞｷ,ｴﾐ,1003,フルマラソン,女',
].join('\r\n');

async function countWhere(table: typeof invitations | typeof entrantImports, eventId: string) {
  return (await db.select({ n: count() }).from(table).where(eq(table.eventId, eventId)))[0].n;
}

async function stagedCount(eventId: string) {
  return (
    await db.select({ n: count() }).from(entrantUploads).where(eq(entrantUploads.eventId, eventId))
  )[0].n;
}

const en = (key: keyof typeof invitationMessages) => invitationMessages[key].en;

describe('the column mapping step', () => {
  for (const [encoding, encode] of [
    ['utf-8', (text: string) => new Uint8Array(Buffer.from(text, 'utf8'))],
    ['shift_jis', (text: string) => new Uint8Array(iconv.encode(text, 'cp932'))],
  ] as const) {
    it(`imports a 姓/名/セイ/メイ/アスリートビブス/種目 file (${encoding}) only once the mapping is confirmed`, async () => {
      const slug = `map-runnet-${encoding.replace('_', '-')}`;
      const event = await createEvent(slug);
      const owner = await staffOf(event, `owner@${slug}.example`, 'owner');

      const staged = await stageUpload(slug, encode(RUNNET_CSV), owner.cookie);
      expect(staged.status).toBe(302);
      const uploadId = stagedUploadId(staged);
      // Uploading wrote nothing but the staged file.
      expect(await countWhere(invitations, event.id)).toBe(0);
      expect(await countWhere(entrantImports, event.id)).toBe(0);
      expect(await stagedCount(event.id)).toBe(1);

      const page = await mappingPage(slug, uploadId, owner.cookie);
      const body = await page.text();
      // Nothing on the mapping page shows an address.
      expect(body).not.toMatch(/hanako@|ken@|emi@|runnet\.example/);
      const view = JSON.parse(body).upload as Awaited<ReturnType<typeof mappingOf>>;
      expect(view.encoding).toBe(encoding);
      expect(view.dataRecords).toBe(3);
      expect(view.mapping).toEqual({
        email: 0,
        familyName: 1,
        givenName: 2,
        kanaFamily: 3,
        kanaGiven: 4,
        bib: 5,
        category: 6,
      });
      expect(view.columns[0].samples).toEqual([
        'h***@r***.example',
        'k***@r***.example',
        'e***@r***.example',
      ]);
      expect(view.columns[1]).toEqual({
        index: 1,
        header: '姓',
        samples: ['山田', '佐藤', '鈴木'],
      });

      const confirmed = await postMapping(
        slug,
        mappingFields(uploadId, view.mapping),
        owner.cookie,
      );
      const summary = await importResult(slug, confirmed, owner.cookie);
      expect(summary).toMatchObject({
        created: 3,
        rejected: 0,
        encoding,
        ignoredColumns: ['性別'],
      });
      const stored = await db
        .select({
          email: invitations.email,
          name: invitations.name,
          nameKana: invitations.nameKana,
          bib: invitations.bib,
          category: invitations.category,
        })
        .from(invitations)
        .where(eq(invitations.eventId, event.id))
        .orderBy(invitations.bib);
      expect(stored).toEqual([
        {
          email: 'hanako@runnet.example',
          name: '山田 花子',
          nameKana: 'ヤマダ ハナコ',
          bib: '1001',
          category: 'フルマラソン',
        },
        {
          email: 'ken@runnet.example',
          name: '佐藤 健',
          nameKana: 'サトウ ケン',
          bib: '1002',
          category: '10km',
        },
        {
          email: 'emi@runnet.example',
          name: '鈴木 恵美',
          nameKana: 'スズキ エミ',
          bib: '1003',
          category: 'フルマラソン',
        },
      ]);
      const categories = await db
        .select({ name: eventCategories.name })
        .from(eventCategories)
        .where(eq(eventCategories.eventId, event.id))
        .orderBy(eventCategories.name);
      expect(categories.map((c) => c.name)).toEqual(['10km', 'フルマラソン']);
      // The staged file is gone with the import; the mapping is remembered as header texts.
      expect(await stagedCount(event.id)).toBe(0);
      const [remembered] = await db
        .select({ mapping: entrantColumnMappings.mapping })
        .from(entrantColumnMappings)
        .where(eq(entrantColumnMappings.eventId, event.id));
      expect(remembered.mapping).toMatchObject({
        email: 'メールアドレス',
        familyName: '姓',
        bib: 'アスリートビブス',
        fullName: '',
      });

      // A second confirm of the same upload (a double click, a reload) imports nothing again.
      const again = await postMapping(slug, mappingFields(uploadId, view.mapping), owner.cookie);
      expect(again.status).toBe(302);
      expect(again.headers.get('Location')).toBe(confirmed.headers.get('Location'));
      expect(await countWhere(entrantImports, event.id)).toBe(1);
      expect(await countWhere(invitations, event.id)).toBe(3);
    });
  }

  it('refuses a mapping without email or bib, a column used twice, or an unknown column or upload, with a localized 400/404 and nothing written', async () => {
    const event = await createEvent('map-bad');
    const owner = await staffOf(event, 'owner@map-bad.example', 'owner');
    const uploadId = stagedUploadId(
      await stageUpload(event.slug, 'email,name,bib\na@bad-map.example,A,1\n', owner.cookie),
    );
    const good = { intent: 'confirm', uploadId, email: '0', fullName: '1', bib: '2' };
    const post = (fields: Record<string, string>) =>
      postMapping(event.slug, fields, owner.cookie, { 'Accept-Language': 'en' });

    for (const [fields, status, message] of [
      [{ ...good, email: '' }, 400, en('invitations.mapping.error.email_required')],
      [{ ...good, bib: '' }, 400, en('invitations.mapping.error.bib_required')],
      [{ ...good, fullName: '' }, 400, en('invitations.mapping.error.name_required')],
      [{ ...good, category: '2' }, 400, en('invitations.mapping.error.column_twice')],
      [
        { ...good, familyName: '1', fullName: '', givenName: '1' },
        400,
        en('invitations.mapping.error.column_twice'),
      ],
      [
        { ...good, fullName: '1', familyName: '', category: '', kanaFull: '9' },
        400,
        en('invitations.mapping.error.unknown_column'),
      ],
      [{ ...good, bib: 'x' }, 400, common['errors.badRequest'].en],
      [{ ...good, uploadId: 'no-such-upload' }, 404, en('invitations.mapping.error.gone')],
    ] as const) {
      const response = await post(fields);
      expect(response.status, JSON.stringify(fields)).toBe(status);
      expect((await submissionErrors(response, 'en'))['']).toBe(message);
    }
    expect(await countWhere(invitations, event.id)).toBe(0);
    expect(await countWhere(entrantImports, event.id)).toBe(0);
    // The file stays staged: the uploader fixes the mapping and confirms.
    expect(await stagedCount(event.id)).toBe(1);
    expect((await post(good)).status).toBe(302);
    expect(await countWhere(invitations, event.id)).toBe(1);
  });

  it('preselects the mapping confirmed last time for the next upload with the same headers', async () => {
    const event = await createEvent('map-remember');
    const owner = await staffOf(event, 'owner@map-remember.example', 'owner');
    const csv = (n: number) =>
      `PCメール,携帯メール,お名前,No.,メモ\npc${n}@remember.example,m${n}@remember.example,走者 ${n},${n},\n`;

    const first = stagedUploadId(await stageUpload(event.slug, csv(1), owner.cookie));
    const guessed = await mappingOf(event.slug, first, owner.cookie);
    // Two address columns: the first is guessed; "No." is not recognised as the bib.
    expect(guessed.mapping).toEqual({ email: 0, fullName: 2 });
    expect(guessed.columns[1].samples).toEqual(['m***@r***.example']);
    // The office wants the mobile address and "No." as the bib.
    const chosen = { email: 1, fullName: 2, bib: 3 };
    const confirmed = await postMapping(event.slug, mappingFields(first, chosen), owner.cookie);
    expect((await importResult(event.slug, confirmed, owner.cookie)).created).toBe(1);

    const second = stagedUploadId(await stageUpload(event.slug, csv(2), owner.cookie));
    expect((await mappingOf(event.slug, second, owner.cookie)).mapping).toEqual(chosen);
    // Another export with one remembered header missing: what still applies, guesses for the rest.
    const other = stagedUploadId(
      await stageUpload(
        event.slug,
        'お名前,メールアドレス,No.,種目\n走者,x@remember.example,9,10km\n',
        owner.cookie,
      ),
    );
    expect((await mappingOf(event.slug, other, owner.cookie)).mapping).toEqual({
      fullName: 0,
      email: 1,
      bib: 2,
      category: 3,
    });
  });

  it('rejects repeated and empty bibs and bibs of other people of the event, with line numbers and values; re-uploading creates no duplicates', async () => {
    const event = await createEvent('map-bibs');
    const owner = await staffOf(event, 'owner@map-bibs.example', 'owner');
    // Someone already invited with bib 7000, and a member with bib 8000.
    await upload(event.slug, 'email,name,bib\nearlier@bibs.example,Earlier,7000\n', owner.cookie);
    const memberId = await createUser('member@bibs.example');
    await db
      .insert(memberships)
      .values({ id: 'm-bibs', eventId: event.id, userId: memberId, aliasNumber: 81, bib: '8000' });

    const csv = [
      'メールアドレス,氏名,ゼッケン', // 1
      'a@bibs.example,A,5000', // 2
      'b@bibs.example,B,5000', // 3 same bib, another address
      'c@bibs.example,C,', // 4 empty bib
      'd@bibs.example,D,5001', // 5
      'e@bibs.example,E,7000', // 6 the earlier invitee's bib
      'f@bibs.example,F,8000', // 7 the member's bib
      'g@bibs.example,G,5000', // 8 a third claim on 5000
    ].join('\n');
    const summary = await importResult(
      event.slug,
      await upload(event.slug, csv, owner.cookie),
      owner.cookie,
    );
    expect(summary).toMatchObject({ created: 1, alreadyInvited: 0, rejected: 6 });
    expect(summary.rejectedLines).toEqual([
      {
        line: 2,
        problems: [{ reason: 'duplicate_bib', column: 'bib', otherLines: [3, 8], value: '5000' }],
      },
      {
        line: 3,
        problems: [{ reason: 'duplicate_bib', column: 'bib', otherLines: [2, 8], value: '5000' }],
      },
      { line: 4, problems: [{ reason: 'missing_value', column: 'bib', value: '' }] },
      { line: 6, problems: [{ reason: 'bib_taken', column: 'bib', value: '7000' }] },
      { line: 7, problems: [{ reason: 'bib_taken', column: 'bib', value: '8000' }] },
      {
        line: 8,
        problems: [{ reason: 'duplicate_bib', column: 'bib', otherLines: [2, 3], value: '5000' }],
      },
    ]);
    const emails = async () =>
      (
        await db
          .select({ email: invitations.email })
          .from(invitations)
          .where(eq(invitations.eventId, event.id))
          .orderBy(invitations.email)
      ).map((r) => r.email);
    expect(await emails()).toEqual(['d@bibs.example', 'earlier@bibs.example']);

    // The same file again: the same rejections, nothing new, no duplicate rows; line 5's bib
    // is its own address's, so it is "already invited", not a conflict.
    const again = await importResult(
      event.slug,
      await upload(event.slug, csv, owner.cookie),
      owner.cookie,
    );
    expect(again).toMatchObject({ created: 0, alreadyInvited: 1, rejected: 6 });
    expect(await emails()).toEqual(['d@bibs.example', 'earlier@bibs.example']);

    // The report shows the rejected values; the bib's other holder is never named.
    expect(JSON.stringify(again)).not.toMatch(/earlier|member@|@bibs/);
  });

  it('cancel deletes the staged file; a confirm afterwards is a 404 that writes nothing', async () => {
    const event = await createEvent('map-cancel');
    const owner = await staffOf(event, 'owner@map-cancel.example', 'owner');
    const uploadId = stagedUploadId(
      await stageUpload(event.slug, 'email,name,bib\na@cancel.example,A,1\n', owner.cookie),
    );
    const cancelled = await postMapping(event.slug, { intent: 'cancel', uploadId }, owner.cookie);
    expect(cancelled.status).toBe(302);
    expect(cancelled.headers.get('Location')).toBe(`/staff/${event.slug}/import`);
    expect(await stagedCount(event.id)).toBe(0);
    const gone = await mappingPage(event.slug, uploadId, owner.cookie);
    expect(gone.status).toBe(404);
    // The page says so and offers the upload form again.
    expect(await gone.json()).toMatchObject({ upload: null, uploadGone: true });
    const late = await postMapping(
      event.slug,
      { intent: 'confirm', uploadId, email: '0', fullName: '1', bib: '2' },
      owner.cookie,
    );
    expect(late.status).toBe(404);
    expect(await countWhere(invitations, event.id)).toBe(0);
  });

  it('keeps one staged file per uploader: a new upload replaces the one left unconfirmed', async () => {
    const event = await createEvent('map-replace');
    const owner = await staffOf(event, 'owner@map-replace.example', 'owner');
    const editor = await staffOf(event, 'editor@map-replace.example', 'editor');
    const csv = 'email,name,bib\na@replace.example,A,1\n';
    const first = stagedUploadId(await stageUpload(event.slug, csv, owner.cookie));
    const editors = stagedUploadId(await stageUpload(event.slug, csv, editor.cookie));
    const second = stagedUploadId(await stageUpload(event.slug, csv, owner.cookie));
    const ids = (
      await db
        .select({ id: entrantUploads.id })
        .from(entrantUploads)
        .where(eq(entrantUploads.eventId, event.id))
    ).map((r) => r.id);
    expect(ids.sort()).toEqual([editors, second].sort());
    expect(ids).not.toContain(first);
  });

  it("answers 404 to another event's staff for the upload, and 403 to a viewer's confirm; the file stays", async () => {
    const event = await createEvent('map-owner');
    const other = await createEvent('map-other');
    const owner = await staffOf(event, 'owner@map-owner.example', 'owner');
    const viewer = await staffOf(event, 'viewer@map-owner.example', 'viewer');
    const otherOwner = await staffOf(other, 'owner@map-other.example', 'owner');
    const uploadId = stagedUploadId(
      await stageUpload(event.slug, 'email,name,bib\na@owner.example,A,1\n', owner.cookie),
    );
    const fields = { intent: 'confirm', uploadId, email: '0', fullName: '1', bib: '2' };

    expect((await mappingPage(other.slug, uploadId, otherOwner.cookie)).status).toBe(404);
    expect((await postMapping(other.slug, fields, otherOwner.cookie)).status).toBe(404);
    expect(
      (await postMapping(other.slug, { intent: 'cancel', uploadId }, otherOwner.cookie)).status,
    ).toBe(302);
    expect((await mappingPage(event.slug, uploadId, viewer.cookie)).status).toBe(403);
    expect((await postMapping(event.slug, fields, viewer.cookie)).status).toBe(403);

    expect(await stagedCount(event.id)).toBe(1);
    expect(await countWhere(invitations, other.id)).toBe(0);
    expect(await countWhere(invitations, event.id)).toBe(0);
    expect(
      (
        await db
          .select({ n: count() })
          .from(entrantImports)
          .where(and(eq(entrantImports.id, uploadId)))
      )[0].n,
    ).toBe(0);
  });
});

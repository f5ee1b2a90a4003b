/**
 * The event settings page (issue 15): owners change what they typed at creation; every
 * change is audit-logged with the contact address masked; editors and viewers read only.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, events } from '~db/schema';
import { translate } from '~/i18n/translate';
import { db } from '~/modules/database/database.server';
import { mailFromAddress } from '~/modules/mail/event-sender.server';
import { maskEmail } from '~/modules/membership/mask-email';
import * as auditRoute from '~/routes/staff.$slug.audit';
import * as settingsRoute from '~/routes/staff.$slug.settings';
import * as teamRoute from '~/routes/staff.$slug.team';
import { signedInUser } from '../support/auth';
import { addMember, addStaff, createTestEvent } from '../support/events';
import { lastMailTo } from '../support/mail';
import { createDocumentHandler } from '../support/remix-document';
import { callRoute, formRequest, getRequest, jsonOf } from '../support/requests';
import { submissionErrors, submittedValues } from '../support/submission';

type Settings = Record<string, string>;
type FormAnswer = { notice?: string };

let slug: string;
let eventId: string;
let owner: { cookie: string; userId: string; email: string };

beforeAll(async () => {
  ({ slug, eventId, owner } = await createTestEvent('settings-race'));
});

const valid: Settings = {
  nameJa: '第10回 湖畔マラソン',
  nameEn: 'Lakeside Marathon 2027',
  eventDate: '2027-04-04',
  organizerNameJa: '湖畔マラソン実行委員会',
  organizerNameEn: '',
  contactEmail: 'Info@Lakeside-Office.example',
  descriptionJa: '湖を一周するコースです。\r\n（制限時間6時間）',
  descriptionEn: '',
};

function save(fields: Settings, cookie = owner.cookie, locale: 'ja' | 'en' = 'ja') {
  return callRoute(
    settingsRoute.action,
    formRequest(`/staff/${slug}/settings`, fields, {
      cookie,
      headers: { 'Accept-Language': locale },
    }),
    { slug },
  );
}

async function storedEvent() {
  const [row] = await db.select().from(events).where(eq(events.id, eventId));
  return row;
}

async function entries() {
  return db.select().from(auditLog).where(eq(auditLog.eventId, eventId)).orderBy(auditLog.id);
}

describe('an owner changes the event settings', () => {
  it('stores the new values, records which fields changed and shows them again', async () => {
    const before = (await entries()).length;
    const response = await save(valid);
    expect(response.status).toBe(200);
    expect((await jsonOf<FormAnswer>(response)).notice).toBe(
      translate('ja', 'staff.settings.saved'),
    );

    const row = await storedEvent();
    expect(row).toMatchObject({
      slug: 'settings-race',
      nameJa: '第10回 湖畔マラソン',
      nameEn: 'Lakeside Marathon 2027',
      eventDate: '2027-04-04',
      organizerNameJa: '湖畔マラソン実行委員会',
      // English left empty: English readers see the Japanese.
      organizerNameEn: '湖畔マラソン実行委員会',
      contactEmail: 'info@lakeside-office.example',
      // Prose keeps its full-width brackets; line endings are tidied.
      descriptionJa: '湖を一周するコースです。\n（制限時間6時間）',
      descriptionEn: '湖を一周するコースです。\n（制限時間6時間）',
    });

    const added = (await entries()).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      action: 'event.update',
      actorUserId: owner.userId,
      target: `event:${eventId}`,
    });
    expect(added[0].detail).toEqual({
      fields: [
        'nameJa',
        'nameEn',
        'eventDate',
        'organizerNameJa',
        'organizerNameEn',
        'contactEmail',
        'descriptionJa',
        'descriptionEn',
      ],
      eventDate: '2027-04-04',
      contactEmail: maskEmail('info@lakeside-office.example'),
    });
    // Neither the new nor the old contact address in full.
    expect(JSON.stringify(added[0])).not.toContain('lakeside-office.example');
    expect(JSON.stringify(added[0])).not.toContain('office@settings-race.example');

    // The page shows the stored values, an English copy of the Japanese as empty.
    const page = await jsonOf<{ settings: Settings }>(
      await callRoute(
        settingsRoute.loader,
        getRequest(`/staff/${slug}/settings`, { cookie: owner.cookie }),
        { slug },
      ),
    );
    expect(page.settings).toEqual({
      ...valid,
      contactEmail: 'info@lakeside-office.example',
      descriptionJa: '湖を一周するコースです。\n（制限時間6時間）',
    });
  });

  it('records nothing when nothing changed', async () => {
    await save(valid);
    const before = (await entries()).length;
    const response = await save(valid, owner.cookie, 'en');
    expect(response.status).toBe(200);
    expect((await jsonOf<FormAnswer>(response)).notice).toBe('Nothing was changed.');
    expect(await entries()).toHaveLength(before);
  });

  it('names only the changed fields, and the next email carries the new organizer name', async () => {
    await save(valid);
    const before = (await entries()).length;
    expect((await save({ ...valid, organizerNameJa: '湖畔マラソン事務局' })).status).toBe(200);
    const added = (await entries()).slice(before);
    // The English copy follows the Japanese, so both columns changed.
    expect(added.map((e) => e.detail)).toEqual([
      { fields: ['organizerNameJa', 'organizerNameEn'] },
    ]);

    // Inviting a colleague (in English) sends an email for the event: From is the new name,
    // the Japanese one because no English was given.
    const invite = await callRoute(
      teamRoute.action,
      formRequest(
        `/staff/${slug}/team`,
        { intent: 'invite', email: 'colleague@settings-race.example', role: 'viewer' },
        { cookie: owner.cookie, headers: { 'Accept-Language': 'en' } },
      ),
      { slug },
    );
    expect(invite.status).toBe(200);
    const mail = await lastMailTo('colleague@settings-race.example');
    expect(mail.fromAddress).toBe(`"湖畔マラソン事務局" <${mailFromAddress()}>`);
  });
});

describe('refusals', () => {
  it('refuses an editor (403 naming the owner role) and changes nothing', async () => {
    const editor = await addStaff(eventId, 'editor@settings-race.example', 'editor');
    const before = await storedEvent();
    const count = (await entries()).length;
    const response = await save({ ...valid, nameJa: '書き換え' }, editor.cookie);
    expect(response.status).toBe(403);
    expect(await jsonOf(response)).toEqual({ requiredRole: 'owner' });
    expect(await storedEvent()).toEqual(before);
    expect(await entries()).toHaveLength(count);
  });

  it('answers bad input with a localized 400 that keeps what was typed, writing nothing', async () => {
    await save(valid);
    const before = await storedEvent();
    const count = (await entries()).length;
    const bad = {
      ...valid,
      nameJa: '   ',
      eventDate: '2027-02-30',
      contactEmail: 'not-an-address',
      organizerNameEn: 'x'.repeat(121),
      descriptionEn: 'Around the lake',
    };
    for (const [locale, required] of [
      ['ja', '入力してください。'],
      ['en', 'This field is required.'],
    ] as const) {
      const response = await save(bad, owner.cookie, locale);
      expect(response.status).toBe(400);
      // Errors travel as message keys; the page shows them in the reader's language.
      const errors = await submissionErrors(response, locale);
      expect(errors.nameJa).toBe(required);
      expect(errors.eventDate).toBe(translate(locale, 'staff.event.date.invalid'));
      expect(errors.contactEmail).toBe(translate(locale, 'form.email.invalid'));
      expect(errors.organizerNameEn).toBe(translate(locale, 'form.tooLong'));
      expect(Object.keys(errors).sort()).toEqual(
        ['contactEmail', 'eventDate', 'nameJa', 'organizerNameEn'].sort(),
      );
      expect(await submittedValues(response)).toMatchObject({
        contactEmail: 'not-an-address',
        descriptionEn: 'Around the lake',
      });
    }
    expect(await storedEvent()).toEqual(before);
    expect(await entries()).toHaveLength(count);
  });

  it('ignores a slug sent with the form: links in sent mail keep working', async () => {
    expect((await save({ ...valid, slug: 'another-name' })).status).toBe(200);
    expect((await storedEvent()).slug).toBe('settings-race');
  });

  it('lets every staff role read and only owners save; others get 404, the signed-out sign in', async () => {
    const cookies = {
      owner: owner.cookie,
      editor: (await addStaff(eventId, 'matrix-editor@settings-race.example', 'editor')).cookie,
      viewer: (await addStaff(eventId, 'matrix-viewer@settings-race.example', 'viewer')).cookie,
      member: (await addMember(eventId, 'runner@settings-race.example')).cookie,
      otherStaff: (await createTestEvent('settings-elsewhere')).owner.cookie,
      stranger: (await signedInUser('stranger@settings-race.example')).cookie,
      signedOut: null,
    };
    const expected = {
      owner: [200, 200],
      editor: [200, 403],
      viewer: [200, 403],
      member: [404, 404],
      otherStaff: [404, 404],
      stranger: [404, 404],
      signedOut: [302, 302],
    };
    for (const [who, cookie] of Object.entries(cookies)) {
      const read = await callRoute(
        settingsRoute.loader,
        getRequest(`/staff/${slug}/settings`, { cookie }),
        { slug },
      );
      const write = await save(valid, cookie ?? '');
      expect({ who, statuses: [read.status, write.status] }).toEqual({
        who,
        statuses: expected[who as keyof typeof expected],
      });
    }
  });
});

const renderPage = await createDocumentHandler(['staff.$slug.settings.tsx']);

describe('the page', () => {
  it('shows viewers the settings read-only, with no form', async () => {
    await save(valid);
    const viewer = await addStaff(eventId, 'viewer@settings-race.example', 'viewer');
    for (const locale of ['ja', 'en'] as const) {
      const response = await renderPage(
        getRequest(`/staff/${slug}/settings`, {
          cookie: `${viewer.cookie}; startline_lang=${locale}`,
        }),
      );
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(translate(locale, 'staff.settings.readOnly'));
      expect(html).toContain('第10回 湖畔マラソン');
      expect(html).toContain(locale === 'ja' ? '2027年4月4日' : '4 April 2027');
      const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
      expect(main).toContain('<section');
      expect(main).not.toContain('<form');
      expect(html).toContain(`href="/staff/${slug}/settings"`);
    }
  });

  it('shows owners the form with the organizer-name hint about the emails’ sender', async () => {
    const response = await renderPage(
      getRequest(`/staff/${slug}/settings`, { cookie: `${owner.cookie}; startline_lang=en` }),
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
    expect(main).toMatch(/<form[^>]*method="post"/i);
    expect(html).toContain('Lakeside Marathon 2027');
    expect(html).toContain('Shown as the sender');
  });
});

describe('the audit log', () => {
  it('reads the change as a sentence in both languages, with no raw key and the address masked', async () => {
    await save(valid);
    expect((await save({ ...valid, contactEmail: 'desk@lakeside-office.example' })).status).toBe(
      200,
    );
    const response = await callRoute(
      auditRoute.loader,
      getRequest(`/staff/${slug}/audit`, { cookie: owner.cookie }),
      { slug },
    );
    const text = await response.clone().text();
    expect(text).not.toContain('desk@lakeside-office.example');
    expect(text).not.toContain('event.update');
    const { rows } = await jsonOf<{ rows: { sentence: { ja: string; en: string } }[] }>(response);
    const masked = maskEmail('desk@lakeside-office.example');
    expect(rows[0].sentence.ja).toBe(
      `${maskEmail(owner.email)}（管理者）が大会の設定を変更：連絡先メールアドレス（変更後：${masked}）`,
    );
    expect(rows[0].sentence.en).toBe(
      `${maskEmail(owner.email)} (Owner) changed the event settings: contact address (now ${masked})`,
    );
    for (const locale of ['ja', 'en'] as const) {
      expect(rows[0].sentence[locale]).not.toMatch(/audit\.|[{}]|contactEmail/);
      expect(rows[0].sentence[locale]).not.toContain(
        translate(locale, 'audit.sentence.fallback', { actor: '' }),
      );
    }
  });
});

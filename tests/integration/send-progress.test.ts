/**
 * The staff's send-progress figures (GET /staff/:slug/sending.json): counts of one event's
 * bulk sends, never who; the provider's failure reasons without addresses; refused to anyone
 * who is not staff of that event.
 */
import { describe, expect, it } from 'vitest';
import { channelPreferences, mailStreams, outboundEmails } from '~db/schema';
import { translate } from '~/i18n/translate';
import { db } from '~/modules/database/database.server';
import type { SendProgress } from '~/modules/mail/send-progress.server';
import { generateId } from '~/modules/security/tokens.server';
import * as sendingRoute from '~/routes/staff.$slug.sending[.json]';
import { addMember, addStaff, seedEvent, type TestEvent } from '../support/announcement-fixtures';
import { signedInUser } from '../support/auth';
import { createDraft, draftFields, freeze, sendAsShown } from '../support/announcement-flow';
import { deliverQueuedMail } from '../support/mail';
import { createDocumentHandler } from '../support/remix-document';
import { upload } from '../fixtures/invitations';
import { callRoute, getRequest, jsonOf } from '../support/requests';

function progressOf(event: TestEvent, cookie: string, query = '') {
  return callRoute(
    sendingRoute.loader,
    getRequest(`/staff/${event.slug}/sending.json${query}`, { cookie }),
    { slug: event.slug },
  );
}

async function progressJson(event: TestEvent, cookie: string, query = '') {
  const response = await progressOf(event, cookie, query);
  expect(response.status).toBe(200);
  return jsonOf<SendProgress>(response);
}

/** A stream as the pipeline leaves it, with messages in the given states. */
async function seedStream(
  event: TestEvent,
  input: {
    kind: 'announcement' | 'invitation_wave' | 'reminder_wave';
    subjectId: string;
    status: 'scheduled' | 'sending' | 'done' | 'cancelled';
    messages: { status: 'queued' | 'sent' | 'failed' | 'skipped'; lastError?: string }[];
  },
) {
  const streamId = generateId();
  await db.insert(mailStreams).values({
    id: streamId,
    eventId: event.id,
    kind: input.kind,
    subjectId: input.subjectId,
    status: input.status,
    total: input.messages.length,
    startedAt: new Date(),
    finishedAt: input.status === 'done' ? new Date() : null,
  });
  await db.insert(outboundEmails).values(
    input.messages.map((m) => ({
      id: generateId(),
      lane: 'bulk' as const,
      kind: 'invitation' as const,
      streamId,
      eventId: event.id,
      template: 'invitation',
      status: m.status,
      lastError: m.lastError ?? null,
      // Never due: no sender in this file picks these up.
      notBefore: new Date(Date.now() + 365 * 86_400_000),
    })),
  );
  return streamId;
}

describe('send progress', () => {
  it('counts an announcement send from queued to finished, without naming anyone', async () => {
    const event = await seedEvent();
    const owner = await addStaff(event, 'owner-sp1@office.example', 'owner');
    const viewer = await addStaff(event, 'viewer-sp1@office.example', 'viewer');
    await addMember(event, { email: 'a-sp1@runner.example' });
    await addMember(event, { email: 'b-sp1@runner.example' });
    const quiet = await addMember(event, { email: 'c-sp1@runner.example' });
    const id = await createDraft(owner.cookie, event.slug, draftFields(event.channelIds.official));
    const sent = await sendAsShown(
      owner.cookie,
      event.slug,
      id,
      await freeze(owner.cookie, event.slug, id),
    );
    expect(sent.status).toBe(302);

    const before = await progressOf(event, viewer.cookie, `?subject=${id}`);
    expect(before.headers.get('Cache-Control')).toBe('private, no-store');
    const queued = (await jsonOf<SendProgress>(before)).streams;
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({
      kind: 'announcement',
      subjectId: id,
      status: 'sending',
      urgent: false,
      total: 3,
      sent: 0,
      pending: 3,
      failed: 0,
      skipped: 0,
      finishedAt: null,
      announcementTitle: { ja: 'コース変更のお知らせ', en: 'Course change' },
    });
    expect(Date.parse(queued[0].estimatedFinishAt ?? '')).toBeGreaterThan(Date.now() - 1000);

    // Turned the channel's email off after the preview: skipped when their turn comes.
    await db.insert(channelPreferences).values({
      membershipId: quiet.membershipId,
      channelId: event.channelIds.official,
      emailEnabled: false,
    });
    await deliverQueuedMail();

    const after = await progressJson(event, viewer.cookie, `?subject=${id}`);
    expect(after.streams[0]).toMatchObject({
      status: 'done',
      total: 3,
      sent: 2,
      skipped: 1,
      failed: 0,
      pending: 0,
      estimatedFinishAt: null,
      topFailures: [],
    });
    expect(after.streams[0].finishedAt).not.toBeNull();
    expect(JSON.stringify(after)).not.toMatch(/@runner\.example|@office\.example/);
  });

  it('ranks the provider’s failure reasons, at most three, with any address masked', async () => {
    const event = await seedEvent();
    const owner = await addStaff(event, 'owner-sp2@office.example', 'owner');
    const importId = generateId();
    await seedStream(event, {
      kind: 'invitation_wave',
      subjectId: importId,
      status: 'sending',
      messages: [
        { status: 'sent' },
        { status: 'sent' },
        { status: 'skipped' },
        { status: 'queued' },
        ...Array.from({ length: 3 }, () => ({
          status: 'failed' as const,
          lastError: 'gave up: 503 Service Unavailable',
        })),
        ...Array.from({ length: 2 }, () => ({
          status: 'failed' as const,
          lastError: 'The to address runner-sp2@example.com is invalid',
        })),
        { status: 'failed', lastError: 'validation_error' },
        { status: 'failed', lastError: 'another reason' },
      ],
    });

    const progress = await progressJson(event, owner.cookie, `?subject=${importId}`);
    expect(progress.streams).toHaveLength(1);
    const wave = progress.streams[0];
    expect(wave).toMatchObject({
      kind: 'invitation_wave',
      total: 11,
      sent: 2,
      skipped: 1,
      pending: 1,
      failed: 7,
    });
    expect(wave.topFailures).toEqual([
      { reason: 'gave up: 503 Service Unavailable', count: 3 },
      { reason: 'The to address r***@e***.com is invalid', count: 2 },
      { reason: 'another reason', count: 1 },
    ]);
    expect(JSON.stringify(progress)).not.toContain('runner-sp2@example.com');
  });

  it('shows only the asking event’s sends, running ones and the last finished ones', async () => {
    const event = await seedEvent();
    const other = await seedEvent();
    const editor = await addStaff(event, 'editor-sp3@office.example', 'editor');
    const subject = generateId();
    const running = await seedStream(event, {
      kind: 'reminder_wave',
      subjectId: `remind-${subject}`,
      status: 'sending',
      messages: [{ status: 'queued' }, { status: 'sent' }],
    });
    const finished: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      finished.push(
        await seedStream(event, {
          kind: 'invitation_wave',
          subjectId: generateId(),
          status: 'done',
          messages: [{ status: 'sent' }],
        }),
      );
    }
    // Another event's send of the same subject id stays out of this event's figures.
    await seedStream(other, {
      kind: 'reminder_wave',
      subjectId: `remind-${subject}`,
      status: 'sending',
      messages: [{ status: 'queued' }],
    });

    const all = await progressJson(event, editor.cookie);
    expect(all.streams[0].id).toBe(running);
    expect(all.streams).toHaveLength(4);
    expect(all.streams.slice(1).every((s) => finished.includes(s.id))).toBe(true);

    const one = await progressJson(event, editor.cookie, `?subject=remind-${subject}`);
    expect(one.streams.map((s) => s.id)).toEqual([running]);
    expect(one.streams[0]).toMatchObject({ total: 2, sent: 1, pending: 1 });
  });

  it('refuses members and people who are not staff of the event', async () => {
    const event = await seedEvent();
    const other = await seedEvent();
    const otherOwner = await addStaff(other, 'owner-sp4@office.example', 'owner');
    const member = await addMember(event, { email: 'member-sp4@runner.example' });
    const stranger = await signedInUser('stranger-sp4@example.net');

    expect((await progressOf(event, member.cookie)).status).toBe(404);
    expect((await progressOf(event, stranger.cookie)).status).toBe(404);
    expect((await progressOf(event, otherOwner.cookie)).status).toBe(404);
    const anonymous = await callRoute(
      sendingRoute.loader,
      getRequest(`/staff/${event.slug}/sending.json`),
      { slug: event.slug },
    );
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('Location')).toMatch(/^\/sign-in/);
  });

  it('answers a malformed subject with 400', async () => {
    const event = await seedEvent();
    const viewer = await addStaff(event, 'viewer-sp5@office.example', 'viewer');
    for (const query of [
      '?subject=',
      '?subject=%3Cscript%3E',
      `?subject=${'x'.repeat(101)}`,
      '?subject=a%20b',
    ]) {
      const response = await progressOf(event, viewer.cookie, query);
      expect(response.status, query).toBe(400);
    }
    expect((await progressOf(event, viewer.cookie, '?subject=unknown-id')).status).toBe(200);
  });

  it('shows a live progress bar on the staff pages, fed by /staff/:slug/sending.json', async () => {
    const render = await createDocumentHandler([
      'staff.$slug._index.tsx',
      'staff.$slug.announcements.$announcementId._index.tsx',
      'staff.$slug.sending[.json].tsx',
    ]);
    const event = await seedEvent();
    const owner = await addStaff(event, 'owner-sp6@office.example', 'owner');
    await addMember(event, { email: 'a-sp6@runner.example' });
    const id = await createDraft(owner.cookie, event.slug, draftFields(event.channelIds.official));
    await sendAsShown(owner.cookie, event.slug, id, await freeze(owner.cookie, event.slug, id));
    const page = (path: string) => render(getRequest(path, { cookie: owner.cookie }));
    const label = translate('ja', 'sending.progressLabel', {
      label: `${translate('ja', 'sending.kind.announcement')}「コース変更のお知らせ」`,
    });

    for (const path of [`/staff/${event.slug}`, `/staff/${event.slug}/announcements/${id}`]) {
      const response = await page(path);
      expect(response.status, path).toBe(200);
      const html = await response.text();
      expect(html).toContain(translate('ja', 'sending.heading'));
      expect(html).toMatch(/<progress[^>]*max="1"[^>]*value="0"/);
      expect(html).toContain(`aria-label="${label}"`);
      expect(html).toContain('aria-live="polite"');
      expect(html).not.toContain('a-sp6@runner.example');
    }

    const figures = await page(`/staff/${event.slug}/sending.json?subject=${id}`);
    expect(figures.status).toBe(200);
    expect(figures.headers.get('Cache-Control')).toBe('private, no-store');
    expect((await figures.json()).streams).toMatchObject([{ subjectId: id, total: 1 }]);
  });

  it('follows an import’s invitation wave on the import report, from preparing to finished', async () => {
    const render = await createDocumentHandler(['staff.$slug.import.tsx']);
    const event = await seedEvent();
    const editor = await addStaff(event, 'editor-sp7@office.example', 'editor');
    const uploaded = await upload(
      event.slug,
      'メールアドレス,氏名,ゼッケン\nhana-sp7@runner.example,山田 花子,1024\nken-sp7@runner.example,佐藤 健,2048\n',
      editor.cookie,
    );
    expect(uploaded.status).toBe(302);
    const report = uploaded.headers.get('Location')!;
    const importId = new URL(report, 'http://x').searchParams.get('result')!;
    const page = async () => {
      const response = await render(getRequest(report, { cookie: editor.cookie }));
      expect(response.status).toBe(200);
      return response.text();
    };

    // The wave is queued by a job a moment after the upload: the report says it is coming.
    const before = await page();
    expect(before).toContain(translate('ja', 'sending.kind.invitation_wave'));
    expect(before).toContain(translate('ja', 'sending.waiting'));

    await deliverQueuedMail();
    const after = await page();
    expect(after).toMatch(/<progress[^>]*max="2"[^>]*value="2"/);
    expect(after).toContain(translate('ja', 'sending.status.done'));
    expect(after).not.toMatch(/sp7@runner\.example/);
    const figures = await progressJson(event, editor.cookie, `?subject=${importId}`);
    expect(figures.streams).toMatchObject([
      { kind: 'invitation_wave', status: 'done', total: 2, sent: 2, pending: 0 },
    ]);
    expect(figures.streams[0].importedAt).not.toBeNull();
  });
});

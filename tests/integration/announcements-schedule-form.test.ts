/**
 * 予約配信 through the pages: the preview's send form takes a Japan-time schedule and an
 * "urgent" flag; a time it cannot read or one in the past changes nothing; the announcement
 * page cancels a scheduled send (owners only) until its first email goes out.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  announcements,
  audienceSnapshots,
  deliveries,
  mailStreams,
  outboundEmails,
} from '~db/schema';
import { translate } from '~/i18n/translate';
import { db } from '~/modules/database/database.server';
import * as overviewRoute from '~/routes/staff.$slug.announcements.$announcementId._index';
import { toJapanDateTimeInput } from '~/utils/japan-time';
import { addMember, addStaff, seedEvent } from '../support/announcement-fixtures';
import {
  createDraft,
  draftFields,
  freeze,
  overviewAction,
  postSend,
  previewOf,
} from '../support/announcement-flow';
import { deliverQueuedMail, mailTo } from '../support/mail';
import { createDocumentHandler } from '../support/remix-document';
import { callRoute, getRequest, jsonOf } from '../support/requests';
import { submissionErrors, submittedValues } from '../support/submission';

/** An event with an owner, an editor, a viewer and two members, and a draft ready to send. */
async function readyToSend(tag: string) {
  const event = await seedEvent();
  const owner = await addStaff(event, `owner-${tag}@office.example`, 'owner');
  const editor = await addStaff(event, `editor-${tag}@office.example`, 'editor');
  const viewer = await addStaff(event, `viewer-${tag}@office.example`, 'viewer');
  const runners = [`a-${tag}@runner.example`, `b-${tag}@runner.example`];
  for (const email of runners) await addMember(event, { email });
  const id = await createDraft(owner.cookie, event.slug, draftFields(event.channelIds.official));
  const snapshotId = await freeze(owner.cookie, event.slug, id);
  const preview = await previewOf(owner.cookie, event.slug, id, snapshotId);
  const send = (fields: Record<string, string>) =>
    postSend(owner.cookie, event.slug, id, snapshotId, {
      intent: 'send',
      snapshotId,
      expectedCount: String(preview.snapshot.count),
      expectedChannelId: preview.snapshot.channelId,
      ...fields,
    });
  const cancel = (cookie: string) =>
    overviewAction(cookie, event.slug, id, { intent: 'cancel_schedule' });
  return { event, owner, editor, viewer, runners, id, snapshotId, send, cancel };
}

const renderPage = await createDocumentHandler([
  'staff.$slug.announcements.$announcementId._index.tsx',
  'staff.$slug.announcements.$announcementId.preview.$snapshotId.tsx',
]);

async function htmlOf(path: string, cookie: string) {
  const response = await renderPage(getRequest(path, { cookie }));
  expect(response.status, path).toBe(200);
  return response.text();
}

async function stateOf(announcementId: string, snapshotId: string) {
  const [a] = await db
    .select({
      status: announcements.status,
      scheduledAt: announcements.scheduledAt,
      urgent: announcements.urgent,
    })
    .from(announcements)
    .where(eq(announcements.id, announcementId));
  const [snapshot] = await db
    .select({ usedAt: audienceSnapshots.usedAt })
    .from(audienceSnapshots)
    .where(eq(audienceSnapshots.id, snapshotId));
  const streams = await db
    .select({
      status: mailStreams.status,
      urgent: mailStreams.urgent,
      notBefore: mailStreams.notBefore,
    })
    .from(mailStreams)
    .where(eq(mailStreams.subjectId, announcementId));
  const ledger = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(eq(deliveries.announcementId, announcementId));
  return { ...a, snapshotUsed: Boolean(snapshot.usedAt), streams, deliveries: ledger.length };
}

const untouched = {
  status: 'draft',
  scheduledAt: null,
  urgent: false,
  snapshotUsed: false,
  streams: [],
  deliveries: 0,
};

/** A time a year ahead, as typed into the form (Japan time), and the instant it means. */
function nextYear() {
  const year = new Date().getUTCFullYear() + 1;
  return { typed: `${year}-06-01T09:30`, instant: `${year}-06-01T00:30:00.000Z` };
}

describe('scheduling an announcement', () => {
  it('refuses a time it cannot read with 400, keeps what was typed, and changes nothing', async () => {
    const { event, owner, id, snapshotId, send } = await readyToSend('sf1');

    // The form: "now" chosen until the person picks a time, said to be Japan time.
    const form = await htmlOf(
      `/staff/${event.slug}/announcements/${id}/preview/${snapshotId}`,
      owner.cookie,
    );
    expect(form).toMatch(/<input type="radio" name="when" checked="" value="now"\/>/);
    expect(form).toMatch(
      /<input[^>]*name="scheduledAt" type="datetime-local" min="\d{4}-\d\d-\d\dT\d\d:\d\d"/,
    );
    expect(form).toContain(translate('ja', 'announcements.schedule.at'));
    expect(form).toContain(translate('ja', 'announcements.schedule.atHint'));
    expect(form).toMatch(/<input type="checkbox" name="urgent"[^>]*value="on"\/>/);

    for (const typed of ['2027-02-30T07:00', '2027-03-28T25:00', 'next tuesday']) {
      const response = await send({ when: 'schedule', scheduledAt: typed, urgent: 'on' });
      expect(response.status, typed).toBe(400);
      const errors = await submissionErrors(response);
      expect(errors.scheduledAt).toBe(translate('ja', 'announcements.schedule.invalidTime'));
      expect(errors['']).toBe(translate('ja', 'announcements.schedule.checkForm'));
      expect(await submittedValues(response)).toMatchObject({
        when: 'schedule',
        scheduledAt: typed,
        urgent: 'on',
      });
    }

    const empty = await send({ when: 'schedule', scheduledAt: '' });
    expect(empty.status).toBe(400);
    expect((await submissionErrors(empty)).scheduledAt).toBe(
      translate('ja', 'announcements.schedule.timeRequired'),
    );

    // A time without the choice: the form lost its state. Not sent now, not scheduled.
    const noChoice = await send({ scheduledAt: nextYear().typed });
    expect(noChoice.status).toBe(400);
    expect((await submissionErrors(noChoice)).when).toBe(
      translate('ja', 'announcements.schedule.whenMissing'),
    );

    expect(await stateOf(id, snapshotId)).toEqual(untouched);
  });

  it('refuses a time in the past with 409 and changes nothing', async () => {
    const { id, snapshotId, send } = await readyToSend('sf2');
    const typed = toJapanDateTimeInput(new Date(Date.now() - 60 * 60 * 1000));

    const response = await send({ when: 'schedule', scheduledAt: typed });
    expect(response.status).toBe(409);
    expect((await submissionErrors(response))['']).toBe(
      translate('ja', 'announcements.send.schedule_in_past'),
    );
    expect((await submittedValues(response)).scheduledAt).toBe(typed);

    expect(await stateOf(id, snapshotId)).toEqual(untouched);
  });

  it('schedules in Japan time, sends nothing early, and an owner can cancel it back to a draft', async () => {
    const { event, owner, editor, viewer, runners, id, snapshotId, send, cancel } =
      await readyToSend('sf3');
    const when = nextYear();

    const response = await send({ when: 'schedule', scheduledAt: when.typed, urgent: 'on' });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(
      `/staff/${event.slug}/announcements/${id}?scheduled=1`,
    );
    const scheduled = await stateOf(id, snapshotId);
    expect(scheduled).toMatchObject({ status: 'scheduled', urgent: true, snapshotUsed: true });
    expect(scheduled.scheduledAt?.toISOString()).toBe(when.instant);
    expect(scheduled.streams).toHaveLength(1);
    expect(scheduled.streams[0]).toMatchObject({ status: 'scheduled', urgent: true });
    expect(scheduled.streams[0].notBefore.toISOString()).toBe(when.instant);

    // Nothing goes out before its time.
    await deliverQueuedMail();
    for (const address of runners) expect(await mailTo(address)).toEqual([]);

    const page = await callRoute(
      overviewRoute.loader,
      getRequest(`/staff/${event.slug}/announcements/${id}?scheduled=1`, { cookie: owner.cookie }),
      { slug: event.slug, announcementId: id },
    );
    expect(page.status).toBe(200);
    const data = await jsonOf<{
      announcement: { status: string; scheduledAt: string | null; urgent: boolean };
      can: { cancelSchedule: boolean };
      progress: { streams: { status: string; total: number; pending: number }[] };
    }>(page);
    expect(data.announcement).toMatchObject({
      status: 'scheduled',
      scheduledAt: when.instant,
      urgent: true,
    });
    expect(data.can.cancelSchedule).toBe(true);
    expect(data.progress.streams).toMatchObject([{ status: 'scheduled', total: 2, pending: 2 }]);
    const cancelButton = translate('ja', 'announcements.schedule.cancel');
    const pagePath = `/staff/${event.slug}/announcements/${id}?scheduled=1`;
    const ownerPage = await htmlOf(pagePath, owner.cookie);
    expect(ownerPage).toContain(translate('ja', 'announcements.schedule.scheduledOk'));
    expect(ownerPage).toContain('name="intent" value="cancel_schedule"');
    expect(ownerPage).toContain(cancelButton);
    expect(await htmlOf(pagePath, editor.cookie)).not.toContain('cancel_schedule');

    // Only an owner cancels.
    expect((await cancel(editor.cookie)).status).toBe(403);
    expect((await cancel(viewer.cookie)).status).toBe(403);
    expect((await stateOf(id, snapshotId)).status).toBe('scheduled');

    const cancelled = await cancel(owner.cookie);
    expect(cancelled.status).toBe(302);
    expect(cancelled.headers.get('Location')).toBe(
      `/staff/${event.slug}/announcements/${id}?cancelled=1`,
    );
    expect(await stateOf(id, snapshotId)).toMatchObject({
      status: 'draft',
      scheduledAt: null,
      urgent: false,
      streams: [],
      deliveries: 0,
    });
    const outbound = await db.select({ id: outboundEmails.id }).from(outboundEmails);
    expect(outbound.filter((o) => o.id.startsWith('announcement-'))).toEqual([]);

    const again = await cancel(owner.cookie);
    expect(again.status).toBe(409);
    expect((await submissionErrors(again))['']).toBe(
      translate('ja', 'announcements.schedule.not_scheduled'),
    );
  });

  it('cannot cancel once the first emails have gone out', async () => {
    const { runners, id, snapshotId, send, cancel, owner } = await readyToSend('sf4');
    expect((await send({ when: 'schedule', scheduledAt: nextYear().typed })).status).toBe(302);

    // Its time comes: the pipeline starts it.
    const past = new Date(Date.now() - 1000);
    await db.update(mailStreams).set({ notBefore: past }).where(eq(mailStreams.subjectId, id));
    await db
      .update(outboundEmails)
      .set({ notBefore: past })
      .where(eq(outboundEmails.streamId, `announcement-${id}`));
    await deliverQueuedMail();
    for (const address of runners) expect(await mailTo(address)).toHaveLength(1);

    const response = await cancel(owner.cookie);
    expect(response.status).toBe(409);
    expect((await submissionErrors(response))['']).toBe(
      translate('ja', 'announcements.schedule.already_started'),
    );
    expect((await stateOf(id, snapshotId)).status).not.toBe('draft');
  });
});

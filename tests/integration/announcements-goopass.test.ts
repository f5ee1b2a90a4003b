/**
 * GooPass 2020 (../shared/incidents): an operator filtered the audience down to one person,
 * the connection dropped, the tool silently reset the filter to "everyone" while the screen
 * still said one, and "send" delivered a private message to every customer. Here the server
 * freezes the audience at preview and "send" can only ever commit that frozen audience.
 */
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { announcements, audienceSnapshots, deliveries, outboundEmails } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { addMember, addStaff, seedEvent, type TestEvent } from '../support/announcement-fixtures';
import {
  createDraft,
  draftFields,
  editDraft,
  freeze,
  postDraft,
  postSend,
  previewOf,
  sendAsShown,
} from '../support/announcement-flow';
import { deliverQueuedMail, mailTo } from '../support/mail';
import { submissionErrors } from '../support/submission';

async function raceWithThreeRunners(tag: string) {
  const event = await seedEvent();
  const owner = await addStaff(event, `owner-${tag}@office.example`, 'owner');
  const one = await addMember(event, { email: `one-${tag}@runner.example`, bib: '1024' });
  const two = await addMember(event, { email: `two-${tag}@runner.example`, bib: '2048' });
  const three = await addMember(event, {
    email: `three-${tag}@runner.example`,
    bib: '3001',
    locale: 'en',
  });
  return { event, owner, members: [one, two, three] };
}

async function deliveriesOf(announcementId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(deliveries)
    .where(eq(deliveries.announcementId, announcementId));
  return row.n;
}

function privateDraft(event: TestEvent) {
  return draftFields(event.channelIds.official, {
    titleJa: '審査結果のお知らせ',
    bodyJa: 'あなたの審査結果は次のとおりです。',
    titleEn: '',
    bodyEn: '',
    audienceMode: 'filter',
    bibFrom: '1024',
    bibTo: '1024',
  });
}

describe('the GooPass scenario: an audience of one stays one', () => {
  it('previews one recipient, refuses incomplete or altered sends, and sends once to that one only', async () => {
    const { event, owner, members } = await raceWithThreeRunners('gp1');
    const id = await createDraft(owner.cookie, event.slug, privateDraft(event));
    const snapshotId = await freeze(owner.cookie, event.slug, id);

    const preview = await previewOf(owner.cookie, event.slug, id, snapshotId);
    expect(preview.snapshot.count).toBe(1);
    expect(preview.sample).toEqual([members[0].aliasNumber]);
    expect(JSON.stringify(preview)).not.toContain('@runner.example');

    // The client lost its state: no snapshot, no count, nothing — a clear 400, nothing sent.
    const bare = await postSend(owner.cookie, event.slug, id, snapshotId, { intent: 'send' });
    expect(bare.status).toBe(400);
    expect((await submissionErrors(bare))['']).toBe(
      translate('ja', 'announcements.send.snapshot_missing'),
    );

    const noCount = await postSend(owner.cookie, event.slug, id, snapshotId, {
      intent: 'send',
      snapshotId,
      expectedChannelId: preview.snapshot.channelId,
    });
    expect(noCount.status).toBe(400);

    // The client believes it is sending to everyone (3): refused, the count does not match.
    const widened = await postSend(owner.cookie, event.slug, id, snapshotId, {
      intent: 'send',
      snapshotId,
      expectedCount: '3',
      expectedChannelId: preview.snapshot.channelId,
      audienceMode: 'everyone_on_channel',
    });
    expect(widened.status).toBe(409);
    expect((await submissionErrors(widened))['']).toBe(
      translate('ja', 'announcements.send.count_mismatch'),
    );

    // A snapshot id that is not the one on the page is refused too.
    const foreign = await postSend(owner.cookie, event.slug, id, snapshotId, {
      intent: 'send',
      snapshotId: 'not-a-snapshot',
      expectedCount: '1',
      expectedChannelId: preview.snapshot.channelId,
    });
    expect(foreign.status).toBe(409);
    expect(await deliveriesOf(id)).toBe(0);

    // Extra fields describing another audience are ignored: the snapshot decides.
    const sent = await postSend(owner.cookie, event.slug, id, snapshotId, {
      intent: 'send',
      snapshotId,
      expectedCount: '1',
      expectedChannelId: preview.snapshot.channelId,
      audienceMode: 'everyone_on_channel',
      bibFrom: '',
      bibTo: '',
    });
    expect(sent.status).toBe(302);

    // The double click, the retry after a reconnect: nothing more is sent.
    const retry = await postSend(owner.cookie, event.slug, id, snapshotId, {
      intent: 'send',
      snapshotId,
      expectedCount: '1',
      expectedChannelId: preview.snapshot.channelId,
    });
    expect(retry.status).toBe(409);
    expect((await submissionErrors(retry))['']).toBe(
      translate('ja', 'announcements.send.already_sent'),
    );

    await deliverQueuedMail();
    expect(await deliveriesOf(id)).toBe(1);
    expect(await mailTo('one-gp1@runner.example')).toHaveLength(1);
    expect(await mailTo('two-gp1@runner.example')).toHaveLength(0);
    expect(await mailTo('three-gp1@runner.example')).toHaveLength(0);
  });

  it('refuses a snapshot taken before the filter changed, and never reads the new filter into it', async () => {
    const { event, owner } = await raceWithThreeRunners('gp2');
    const id = await createDraft(owner.cookie, event.slug, privateDraft(event));
    const snapshotId = await freeze(owner.cookie, event.slug, id);
    const preview = await previewOf(owner.cookie, event.slug, id, snapshotId);

    // Someone widens the draft to everyone after the preview was opened.
    const edited = await editDraft(owner.cookie, event.slug, id, {
      ...privateDraft(event),
      audienceMode: 'everyone_on_channel',
    });
    expect(edited.status).toBe(302);

    const stale = await postSend(owner.cookie, event.slug, id, snapshotId, {
      intent: 'send',
      snapshotId,
      expectedCount: String(preview.snapshot.count),
      expectedChannelId: preview.snapshot.channelId,
    });
    expect(stale.status).toBe(409);
    expect((await submissionErrors(stale))['']).toBe(
      translate('ja', 'announcements.send.draft_changed'),
    );

    // A fresh preview shows 3; posting the old count of 1 against it is refused as well.
    const fresh = await freeze(owner.cookie, event.slug, id);
    expect((await previewOf(owner.cookie, event.slug, id, fresh)).snapshot.count).toBe(3);
    const mismatch = await postSend(owner.cookie, event.slug, id, fresh, {
      intent: 'send',
      snapshotId: fresh,
      expectedCount: '1',
      expectedChannelId: preview.snapshot.channelId,
    });
    expect(mismatch.status).toBe(409);
    expect(await deliveriesOf(id)).toBe(0);
  });

  it('never saves an empty filter or a missing audience choice as "everyone"', async () => {
    const { event, owner } = await raceWithThreeRunners('gp3');
    const emptyFilter = await postDraft(
      owner.cookie,
      event.slug,
      draftFields(event.channelIds.official, {
        audienceMode: 'filter',
        bibFrom: '',
        bibTo: '',
        category: '',
      }),
    );
    expect(emptyFilter.status).toBe(400);
    expect((await submissionErrors(emptyFilter)).audienceMode).toContain('全員に送る場合');
    const fields = draftFields(event.channelIds.official);
    delete fields.audienceMode;
    const noChoice = await postDraft(owner.cookie, event.slug, fields);
    expect(noChoice.status).toBe(400);
  });

  it('commits two simultaneous sends of one snapshot once', async () => {
    const { event, owner } = await raceWithThreeRunners('gp4');
    const id = await createDraft(owner.cookie, event.slug, draftFields(event.channelIds.official));
    const snapshotId = await freeze(owner.cookie, event.slug, id);
    const results = await Promise.all([
      sendAsShown(owner.cookie, event.slug, id, snapshotId),
      sendAsShown(owner.cookie, event.slug, id, snapshotId),
      sendAsShown(owner.cookie, event.slug, id, snapshotId),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 409, 409]);
    expect(await deliveriesOf(id)).toBe(3);
    await deliverQueuedMail();
    expect(await mailTo('two-gp4@runner.example')).toHaveLength(1);
  });

  it('refuses an expired snapshot and an empty audience', async () => {
    const { event, owner } = await raceWithThreeRunners('gp5');
    const id = await createDraft(owner.cookie, event.slug, draftFields(event.channelIds.official));
    const snapshotId = await freeze(owner.cookie, event.slug, id);
    await db
      .update(audienceSnapshots)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(audienceSnapshots.id, snapshotId));
    const expired = await sendAsShown(owner.cookie, event.slug, id, snapshotId);
    expect(expired.status).toBe(409);
    expect((await submissionErrors(expired))['']).toBe(
      translate('ja', 'announcements.send.snapshot_expired'),
    );

    const nobody = await createDraft(
      owner.cookie,
      event.slug,
      // A bib range nobody holds (a category must be one of the event's, so cannot be a typo).
      draftFields(event.channelIds.official, {
        audienceMode: 'filter',
        bibFrom: '9000',
        bibTo: '9001',
      }),
    );
    const empty = await freeze(owner.cookie, event.slug, nobody);
    const refused = await sendAsShown(owner.cookie, event.slug, nobody, empty);
    expect(refused.status).toBe(409);
    expect((await submissionErrors(refused))['']).toBe(
      translate('ja', 'announcements.send.empty_audience'),
    );
    expect(await deliveriesOf(id)).toBe(0);
    // Nothing of the empty send was written: no deliveries, no mail, still a draft.
    expect(await deliveriesOf(nobody)).toBe(0);
    const [queued] = await db
      .select({ n: count() })
      .from(outboundEmails)
      .where(eq(outboundEmails.contentId, nobody));
    expect(queued.n).toBe(0);
    const [draft] = await db
      .select({ status: announcements.status })
      .from(announcements)
      .where(eq(announcements.id, nobody));
    expect(draft.status).toBe('draft');
    // The preview says so before the click: its count is 0 (the page disables the button).
    const preview = await previewOf(owner.cookie, event.slug, nobody, empty);
    expect(preview.snapshot.count).toBe(0);
  });
});

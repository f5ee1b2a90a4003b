/**
 * Who may broadcast (SPEC roles, P9, P10): editors draft, an owner approves an editor's text,
 * only owners send, a large audience needs a second owner, viewers read, a test send goes to
 * the sender alone, and every approval and send is in the audit log.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '~db/schema';
import { env } from '~/env.server';
import { translate } from '~/i18n/translate';
import { db } from '~/modules/database/database.server';
import { addMember, addStaff, seedEvent } from '../support/announcement-fixtures';
import {
  createDraft,
  draftFields,
  editDraft,
  freeze,
  overviewAction,
  postDraft,
  postSend,
  previewOf,
  sendAsShown,
} from '../support/announcement-flow';
import { allOutbound, deliverQueuedMail, mailTo } from '../support/mail';
import { submissionErrors } from '../support/submission';

async function auditActions(eventId: string) {
  const rows = await db
    .select({ action: auditLog.action, actor: auditLog.actorUserId, detail: auditLog.detail })
    .from(auditLog)
    .where(eq(auditLog.eventId, eventId));
  return rows;
}

describe('who may write, approve and send announcements', () => {
  it("needs an owner's approval of the editor's exact revision before an owner can send it", async () => {
    const event = await seedEvent();
    const owner = await addStaff(event, 'owner-r1@office.example', 'owner');
    const editor = await addStaff(event, 'editor-r1@office.example', 'editor');
    await addMember(event, { email: 'runner-r1@runner.example', bib: '10' });
    const id = await createDraft(editor.cookie, event.slug, draftFields(event.channelIds.official));

    // The editor may look at the frozen audience but cannot send.
    const editorSnapshot = await freeze(editor.cookie, event.slug, id);
    const byEditor = await sendAsShown(editor.cookie, event.slug, id, editorSnapshot);
    expect(byEditor.status).toBe(403);

    const unapproved = await sendAsShown(
      owner.cookie,
      event.slug,
      id,
      await freeze(owner.cookie, event.slug, id),
    );
    expect(unapproved.status).toBe(409);
    expect((await submissionErrors(unapproved))['']).toBe(
      translate('ja', 'announcements.send.content_not_approved'),
    );

    // Editors cannot approve; an owner approves revision 1 …
    expect(
      (await overviewAction(editor.cookie, event.slug, id, { intent: 'approve', revision: '1' }))
        .status,
    ).toBe(403);
    expect(
      (await overviewAction(owner.cookie, event.slug, id, { intent: 'approve', revision: '1' }))
        .status,
    ).toBe(200);
    // … and the editor's later change needs approving again.
    await editDraft(
      editor.cookie,
      event.slug,
      id,
      draftFields(event.channelIds.official, { titleJa: '差し替え' }),
    );
    const afterEdit = await sendAsShown(
      owner.cookie,
      event.slug,
      id,
      await freeze(owner.cookie, event.slug, id),
    );
    expect((await submissionErrors(afterEdit))['']).toBe(
      translate('ja', 'announcements.send.content_not_approved'),
    );
    // Approving a revision you were not shown does nothing.
    expect(
      (await overviewAction(owner.cookie, event.slug, id, { intent: 'approve', revision: '1' }))
        .status,
    ).toBe(409);
    expect(
      (await overviewAction(owner.cookie, event.slug, id, { intent: 'approve', revision: '2' }))
        .status,
    ).toBe(200);

    const sent = await sendAsShown(
      owner.cookie,
      event.slug,
      id,
      await freeze(owner.cookie, event.slug, id),
    );
    expect(sent.status).toBe(302);
    await deliverQueuedMail();
    expect(await mailTo('runner-r1@runner.example')).toHaveLength(1);

    const audit = await auditActions(event.id);
    expect(audit.filter((a) => a.action === 'announcement.approve')).toHaveLength(2);
    const send = audit.find((a) => a.action === 'announcement.send');
    expect(send?.actor).toBe(owner.userId);
    expect(send?.detail).toMatchObject({ recipientCount: 1, audienceMode: 'everyone_on_channel' });
    expect(JSON.stringify(audit)).not.toContain('@');
  });

  it('lets viewers read but not draft, preview or send', async () => {
    const event = await seedEvent();
    const owner = await addStaff(event, 'owner-r2@office.example', 'owner');
    const viewer = await addStaff(event, 'viewer-r2@office.example', 'viewer');
    await addMember(event, { email: 'runner-r2@runner.example' });
    expect(
      (await postDraft(viewer.cookie, event.slug, draftFields(event.channelIds.official))).status,
    ).toBe(403);
    const id = await createDraft(owner.cookie, event.slug, draftFields(event.channelIds.official));
    expect(
      (await overviewAction(viewer.cookie, event.slug, id, { intent: 'preview' })).status,
    ).toBe(403);
    const snapshotId = await freeze(owner.cookie, event.slug, id);
    const byViewer = await postSend(viewer.cookie, event.slug, id, snapshotId, {
      intent: 'send',
      snapshotId,
      expectedCount: '1',
      expectedChannelId: event.channelIds.official,
    });
    expect(byViewer.status).toBe(403);
  });

  it('needs a second, different owner to approve an audience above the threshold', async () => {
    const previous = env.BROADCAST_APPROVAL_THRESHOLD;
    env.BROADCAST_APPROVAL_THRESHOLD = 2;
    try {
      const event = await seedEvent();
      const first = await addStaff(event, 'owner-a-r3@office.example', 'owner');
      const second = await addStaff(event, 'owner-b-r3@office.example', 'owner');
      for (const n of [1, 2, 3]) await addMember(event, { email: `runner${n}-r3@runner.example` });
      const id = await createDraft(
        first.cookie,
        event.slug,
        draftFields(event.channelIds.official),
      );
      const snapshotId = await freeze(first.cookie, event.slug, id);

      const alone = await sendAsShown(first.cookie, event.slug, id, snapshotId);
      expect((await submissionErrors(alone))['']).toBe(
        translate('ja', 'announcements.send.second_approval_missing'),
      );
      // The owner who froze the audience cannot be their own second pair of eyes.
      expect((await previewOf(first.cookie, event.slug, id, snapshotId)).canApproveBroadcast).toBe(
        false,
      );
      const selfApproval = await postSend(first.cookie, event.slug, id, snapshotId, {
        intent: 'approve_broadcast',
        snapshotId,
      });
      expect(selfApproval.status).toBe(409);

      const approval = await postSend(second.cookie, event.slug, id, snapshotId, {
        intent: 'approve_broadcast',
        snapshotId,
      });
      expect(approval.status).toBe(302);
      // The approver does not send it themselves.
      const byApprover = await sendAsShown(second.cookie, event.slug, id, snapshotId);
      expect((await submissionErrors(byApprover))['']).toBe(
        translate('ja', 'announcements.send.approver_is_sender'),
      );

      expect((await sendAsShown(first.cookie, event.slug, id, snapshotId)).status).toBe(302);
      const audit = await auditActions(event.id);
      expect(audit.find((a) => a.action === 'announcement.approve_broadcast')?.actor).toBe(
        second.userId,
      );
      expect(audit.find((a) => a.action === 'announcement.send')?.detail).toMatchObject({
        approvedBy: second.userId,
        recipientCount: 3,
      });
    } finally {
      env.BROADCAST_APPROVAL_THRESHOLD = previous;
    }
  });

  it("sends a test only to the sender's own address, whatever the form says", async () => {
    const event = await seedEvent();
    const editor = await addStaff(event, 'editor-r4@office.example', 'editor', 'en');
    await addMember(event, { email: 'runner-r4@runner.example' });
    const id = await createDraft(editor.cookie, event.slug, draftFields(event.channelIds.official));
    const before = new Set((await allOutbound()).map((m) => m.id));
    const response = await overviewAction(editor.cookie, event.slug, id, {
      intent: 'test',
      to: 'runner-r4@runner.example',
      email: 'someone-else@example.com',
    });
    expect(response.status).toBe(200);
    await deliverQueuedMail();
    // Sending updates rows, so the table's order is not the order of creation.
    const outbound = (await allOutbound()).filter((m) => !before.has(m.id));
    expect(outbound.map((m) => m.toAddress)).toEqual(['editor-r4@office.example']);
    expect(outbound[0].subject).toMatch(/^\[Test\]/);
    expect(await mailTo('runner-r4@runner.example')).toHaveLength(0);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.eventId, event.id), eq(auditLog.action, 'announcement.test_send')));
    expect(audit).toHaveLength(1);
  });
});

/**
 * Issue 15: the announcement page's owner-only actions refuse an editor with a 403 that names
 * the role needed (forbiddenBelow), so the error page can say 「管理者」 instead of a bare
 * refusal — and nothing changes.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { announcements } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { addStaff, seedEvent } from '../support/announcement-fixtures';
import { createDraft, draftFields, overviewAction } from '../support/announcement-flow';
import { jsonOf } from '../support/requests';

describe('the announcement page’s 403s', () => {
  it('tell an editor that approving and calling off a scheduled send need an owner', async () => {
    const event = await seedEvent();
    await addStaff(event, 'owner-f1@office.example', 'owner');
    const editor = await addStaff(event, 'editor-f1@office.example', 'editor');
    const id = await createDraft(editor.cookie, event.slug, draftFields(event.channelIds.official));

    const ownerOnly: Record<string, string>[] = [
      { intent: 'approve', revision: '1' },
      { intent: 'cancel_schedule' },
    ];
    for (const fields of ownerOnly) {
      const refused = await overviewAction(editor.cookie, event.slug, id, fields);
      expect(refused.status).toBe(403);
      expect(await jsonOf<{ requiredRole: string }>(refused)).toEqual({ requiredRole: 'owner' });
    }
    const [row] = await db
      .select({ status: announcements.status })
      .from(announcements)
      .where(eq(announcements.id, id));
    expect(row.status).toBe('draft');
  });
});

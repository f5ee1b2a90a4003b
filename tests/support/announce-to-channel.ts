/**
 * Drafts, freezes and sends an announcement to everyone on a channel through the domain
 * functions (no routes), for the pipeline tests and the crash test's worker. Import it after the
 * environment is set: it loads app modules.
 */
import { freezeAudience } from '~/modules/announcements/audience-snapshot.server';
import { createDraft } from '~/modules/announcements/drafts.server';
import { sendAnnouncement } from '~/modules/announcements/send-announcement.server';
import type { StaffContext } from '~/modules/events/staff-access.server';

export async function announceToChannel(
  staff: StaffContext,
  channelId: string,
  options: { scheduledAt?: Date; urgent?: boolean; titleEn?: string; bodyEn?: string } = {},
): Promise<string> {
  const draft = await createDraft(staff, {
    channelId,
    titleJa: '当日のご案内',
    bodyJa: '受付は7時からです。',
    titleEn: options.titleEn ?? '',
    bodyEn: options.bodyEn ?? '',
    audienceMode: 'everyone_on_channel',
    bibFrom: null,
    bibTo: null,
    category: '',
  });
  if (!draft.ok) throw new Error('draft');
  const frozen = await freezeAudience(staff, draft.id);
  if (!frozen.ok) throw new Error('freeze');
  const sent = await sendAnnouncement(staff, {
    announcementId: draft.id,
    snapshotId: frozen.snapshotId,
    expectedCount: frozen.count,
    expectedChannelId: channelId,
    scheduledAt: options.scheduledAt,
    urgent: options.urgent,
  });
  if (!sent.ok) throw new Error(sent.reason);
  return draft.id;
}

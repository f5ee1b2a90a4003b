import { and, eq } from 'drizzle-orm';
import { channels, events, eventStaff, users } from '~db/schema';
import { createDraft } from '~/modules/announcements/drafts.server';
import { freezeAudience } from '~/modules/announcements/audience-snapshot.server';
import { sendAnnouncement } from '~/modules/announcements/send-announcement.server';
import { db } from '~/modules/database/database.server';
import type { StaffContext } from '~/modules/events/staff-access.server';
import { guessEntrantMapping, importEntrants } from '~/modules/invitations/entrant-import.server';
import { logger } from '~/utils/logger.server';

/** Entrants who have not joined yet: the demo's invitation funnel starts with them. */
export const DEMO_INVITEES = [
  { email: 'runner4@example.com', name: '鈴木 美咲', bib: '4002', category: 'フルマラソン' },
  { email: 'runner5@example.com', name: '高橋 大輔', bib: '5120', category: '10km' },
  { email: 'runner6@example.com', name: 'Liam Walker', bib: '6007', category: 'ファンラン' },
];

/**
 * What a race office has done a few weeks before the race, through the same code paths the
 * pages use: one announcement sent to everyone on the official channel (draft → frozen
 * audience → send, so the feed, the mailbox and the delivery figures all have something to
 * show) and a small entrant list imported (invitations sent, nobody joined yet).
 */
export async function seedDemoActivity(eventId: string, ownerEmail: string) {
  const [event] = await db
    .select({ id: events.id, slug: events.slug, nameJa: events.nameJa, nameEn: events.nameEn })
    .from(events)
    .where(eq(events.id, eventId));
  const [owner] = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .innerJoin(eventStaff, eq(eventStaff.userId, users.id))
    .where(and(eq(eventStaff.eventId, eventId), eq(users.email, ownerEmail)));
  const [official] = await db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.eventId, eventId), eq(channels.slug, 'official')));
  if (!event || !owner || !official) return;
  const staff: StaffContext = {
    user: { id: owner.id, email: owner.email, locale: 'ja' },
    event,
    role: 'owner',
  };

  const draft = await createDraft(staff, {
    channelId: official.id,
    titleJa: 'エントリーありがとうございます',
    bodyJa: [
      'さくらシティマラソン 2027 にエントリーいただき、ありがとうございます。',
      '',
      '大会までの準備に役立つ情報を、このコミュニティでお届けします。',
      '',
      '- **ゼッケンの発送**：3月上旬を予定しています',
      '- **コース紹介動画**：「参加者限定動画」からご覧いただけます',
      '- **協賛社からの特典**：「協賛社からの特典」にまとめています',
      '',
      'ご不明な点は、このお知らせに返信してください。大会事務局にだけ届きます。',
    ].join('\n'),
    titleEn: 'Thank you for entering',
    bodyEn: [
      'Thank you for entering the Sakura City Marathon 2027.',
      '',
      'We will share what you need to get ready for race day here.',
      '',
      '- **Race bibs** will be posted in early March',
      '- **Course preview video**: see “Members-only videos”',
      '- **Sponsor offers** are collected under “Sponsor offers”',
      '',
      'Questions? Reply to this announcement; only the race office will see it.',
    ].join('\n'),
    audienceMode: 'everyone_on_channel',
    bibFrom: null,
    bibTo: null,
    category: '',
  });
  if (draft.ok) {
    const frozen = await freezeAudience(staff, draft.id);
    if (frozen.ok) {
      const sent = await sendAnnouncement(staff, {
        announcementId: draft.id,
        snapshotId: frozen.snapshotId,
        expectedCount: frozen.count,
        expectedChannelId: official.id,
      });
      if (!sent.ok) logger.warn('demo.announcement_not_sent', { reason: sent.reason });
    }
  }

  // With a category column, so the demo has categories (種目) to show and to address.
  const csv = [
    'email,name,bib,category',
    ...DEMO_INVITEES.map((i) => `${i.email},${i.name},${i.bib},${i.category}`),
  ].join('\n');
  const bytes = new TextEncoder().encode(csv);
  const imported = await importEntrants({
    eventId,
    actorUserId: owner.id,
    fileName: 'demo-entrants.csv',
    bytes,
    mapping: guessEntrantMapping(bytes),
  });
  if (!imported.ok) logger.warn('demo.invitations_not_imported', {});
}

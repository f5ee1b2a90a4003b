import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events, memberships, videos, videoViews } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { deleteMyAccount } from '~/modules/membership/member-rights.server';
import { generateId } from '~/modules/security/tokens.server';
import {
  recordPlay,
  recordProgress,
  statsForEventVideos,
} from '~/modules/video/video-stats.server';
import { createUser } from '../support/auth';

async function eventWithVideo() {
  const eventId = generateId();
  await db.insert(events).values({
    id: eventId,
    slug: `stats-${eventId.slice(0, 8).toLowerCase()}`,
    nameJa: '統計テスト大会',
    nameEn: 'Stats test race',
    eventDate: '2027-04-01',
    organizerNameJa: '実行委員会',
    organizerNameEn: 'Committee',
    contactEmail: 'office@stats.example',
  });
  const videoId = generateId();
  await db.insert(videos).values({
    id: videoId,
    eventId,
    titleJa: 'コース紹介',
    titleEn: 'Course tour',
    storageKey: generateId(),
    contentType: 'video/webm',
    sizeBytes: 1000,
  });
  return { eventId, videoId };
}

describe('video statistics and account deletion', () => {
  it('keeps a deleted member’s plays in the totals without pointing at anyone (SPEC P11)', async () => {
    const { eventId, videoId } = await eventWithVideo();
    const viewers: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const userId = await createUser(`viewer${i}@stats.example`);
      const membershipId = generateId();
      await db
        .insert(memberships)
        .values({ id: membershipId, eventId, userId, aliasNumber: 7000 + i });
      await recordPlay(videoId, membershipId);
      await recordProgress(videoId, membershipId, 100);
      viewers.push(userId);
    }
    const before = (await statsForEventVideos(eventId))[videoId];
    expect(before.uniqueViewers).toBe('6');

    const deleted = await deleteMyAccount(viewers[0]);
    expect(deleted).toMatchObject({ ok: true });

    const after = (await statsForEventVideos(eventId))[videoId];
    expect(after).toEqual(before);
    const rows = await db.select().from(videoViews).where(eq(videoViews.videoId, videoId));
    expect(rows).toHaveLength(6);
    expect(rows.filter((row) => row.membershipId === null)).toHaveLength(1);
  });
});

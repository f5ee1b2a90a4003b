import { relayAttachments, videos } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { defineQueue } from '~/modules/jobs/queue.server';
import { attachmentStorage } from '~/modules/relay/relay-attachments.server';
import { mediaStorage, type LocalDiskStorage } from '~/modules/video/media-storage.server';
import { logger } from '~/utils/logger.server';

/**
 * Files on disk that no row points at any more: an upload whose process died between writing
 * the file and committing its row, a removal interrupted half-way, a partial upload left by a
 * crash. Each is a member's or an organizer's data kept for nobody, so a daily sweep removes
 * them. Only files older than a day are touched: a file written a moment ago may belong to
 * an upload whose row is about to commit.
 */
export const SWEEP_GRACE_MS = 24 * 60 * 60 * 1000;

export interface SweepResult {
  media: { orphans: number; partials: number };
  attachments: { orphans: number; partials: number };
}

export async function sweepStorage(now = new Date()): Promise<SweepResult> {
  const before = new Date(now.getTime() - SWEEP_GRACE_MS);
  const videoRows = await db
    .select({ storageKey: videos.storageKey, posterKey: videos.posterKey })
    .from(videos);
  const mediaKeys = new Set(videoRows.flatMap((v) => [v.storageKey, v.posterKey ?? '']));
  const attachmentRows = await db
    .select({ storageKey: relayAttachments.storageKey })
    .from(relayAttachments);
  const attachmentKeys = new Set(attachmentRows.map((a) => a.storageKey));
  const result = {
    media: await sweepOne(mediaStorage, mediaKeys, before),
    attachments: await sweepOne(attachmentStorage, attachmentKeys, before),
  };
  logger.info('maintenance.storage_swept', { ...result });
  return result;
}

async function sweepOne(storage: LocalDiskStorage, referenced: Set<string>, before: Date) {
  let orphans = 0;
  for (const { key, modifiedAt } of await storage.listWithTimes()) {
    if (referenced.has(key) || modifiedAt >= before) continue;
    await storage.remove(key);
    orphans += 1;
  }
  return { orphans, partials: await storage.removeStalePartials(before) };
}

export const storageSweepQueue = await defineQueue<Record<string, never>>({
  name: 'maintenance.storage-sweep',
  cron: '30 4 * * *',
  retryLimit: 2,
  handler: async () => {
    await sweepStorage();
  },
});

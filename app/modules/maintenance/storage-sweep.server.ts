import { relayAttachments, offers, videos } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { defineQueue } from '~/modules/jobs/queue.server';
import type { ObjectStorage } from '~/modules/storage/object-storage';
import {
  attachmentStorage,
  mediaStorage,
  offerImageStorage,
} from '~/modules/storage/storages.server';
import { logger } from '~/utils/logger.server';

/**
 * Stored files that no row points at any more: an upload whose process died between writing
 * the file and committing its row, a removal interrupted half-way, a partial upload left by a
 * crash. Each is a member's or an organizer's data kept for nobody, so a daily sweep removes
 * them, on the local disk or in the bucket alike (decision 095). Only files older than a day
 * are touched: a file written a moment ago may belong to an upload whose row is about to
 * commit.
 */
export const SWEEP_GRACE_MS = 24 * 60 * 60 * 1000;

export interface SweepResult {
  media: { orphans: number; partials: number };
  attachments: { orphans: number; partials: number };
  offerImages: { orphans: number; partials: number };
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
  // An offer's image is used by its working copy and, until replaced, by its published copy.
  const offerRows = await db
    .select({ imageFile: offers.imageFile, published: offers.published })
    .from(offers);
  const offerImageKeys = new Set(
    offerRows.flatMap((o) => [o.imageFile ?? '', o.published?.imageFile ?? '']),
  );
  const result = {
    media: await sweepOne(mediaStorage, mediaKeys, before),
    attachments: await sweepOne(attachmentStorage, attachmentKeys, before),
    offerImages: await sweepOne(offerImageStorage, offerImageKeys, before),
  };
  logger.info('maintenance.storage_swept', { ...result });
  return result;
}

async function sweepOne(storage: ObjectStorage, referenced: Set<string>, before: Date) {
  let orphans = 0;
  for (const { key, modifiedAt } of await storage.listWithTimes()) {
    if (referenced.has(key) || modifiedAt >= before) continue;
    await storage.remove(key);
    orphans += 1;
  }
  return { orphans, partials: await storage.removeStalePartials(before) };
}

export const storageSweepQueue = defineQueue<Record<string, never>>({
  name: 'maintenance.storage-sweep',
  cron: '30 4 * * *',
  retryLimit: 2,
  handler: async () => {
    await sweepStorage();
  },
});

/**
 * The daily storage sweep removes files no row points at (older than a day) and partial
 * uploads left by a crash, and never a file a video or a relay attachment still uses, nor one
 * written a moment ago (its row may be about to commit).
 */
import { rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { database } from '~/modules/database/database.server';
import { registerSchedules } from '~/modules/jobs/queue.server';
import { SWEEP_GRACE_MS, sweepStorage } from '~/modules/maintenance/storage-sweep.server';
import { offerImageStorage } from '~/modules/storage/storages.server';
import { attachmentStorage as storedAttachments } from '~/modules/relay/relay-attachments.server';
import {
  mediaStorage as storedMedia,
  type LocalDiskStorage,
} from '~/modules/video/media-storage.server';

// The default backend: local disk, whose files the test ages by hand.
const mediaStorage = storedMedia as LocalDiskStorage;
const attachmentStorage = storedAttachments as LocalDiskStorage;
const imageStorage = offerImageStorage as LocalDiskStorage;
import { createTestEvent } from '../support/events';
import { pdfBytes, pngBytes, storeTestVideo, webmBytes } from '../support/video';

async function writeObject(storage: typeof mediaStorage, bytes: Uint8Array) {
  const { key } = await storage.write(
    (async function* () {
      yield bytes;
    })(),
  );
  return key;
}

async function age(file: string, ms: number) {
  const then = new Date(Date.now() - ms);
  await utimes(file, then, then);
}

describe('the storage sweep', () => {
  it('removes old orphans and stale partial uploads, and keeps what rows use and what is new', async () => {
    const { eventId } = await createTestEvent('sweep-race');
    const video = await storeTestVideo(eventId, { poster: true });
    const orphan = await writeObject(mediaStorage, webmBytes(1024));
    const young = await writeObject(mediaStorage, webmBytes(1024));
    const orphanAttachment = await writeObject(attachmentStorage, pdfBytes());
    // An offer image no offer uses (its offer was deleted, or its save failed after the write).
    const orphanImage = await writeObject(imageStorage, pngBytes());
    const partial = path.join(mediaStorage.root, '.incoming', 'crashed.part');
    await writeFile(partial, 'half a video');
    const livePartial = path.join(mediaStorage.root, '.incoming', 'uploading.part');
    await writeFile(livePartial, 'still arriving');
    const twoDays = 2 * SWEEP_GRACE_MS;
    for (const key of [video.storageKey, video.posterKey!, orphan])
      await age(path.join(mediaStorage.root, key), twoDays);
    await age(path.join(attachmentStorage.root, orphanAttachment), twoDays);
    await age(path.join(imageStorage.root, orphanImage), twoDays);
    await age(partial, twoDays);

    const result = await sweepStorage();
    expect(result).toEqual({
      media: { orphans: 1, partials: 1 },
      attachments: { orphans: 1, partials: 0 },
      offerImages: { orphans: 1, partials: 0 },
    });
    expect(await imageStorage.list()).not.toContain(orphanImage);
    const media = await mediaStorage.list();
    expect(media).toEqual(expect.arrayContaining([video.storageKey, video.posterKey, young]));
    expect(media).not.toContain(orphan);
    expect(await attachmentStorage.list()).not.toContain(orphanAttachment);
    expect(await mediaStorage.listIncoming()).toEqual(['uploading.part']);
    await rm(livePartial);

    // Nothing left to do on a second run.
    expect(await sweepStorage()).toEqual({
      media: { orphans: 0, partials: 0 },
      attachments: { orphans: 0, partials: 0 },
      offerImages: { orphans: 0, partials: 0 },
    });
  });

  it('is scheduled daily in the database, so one run happens however many workers there are', async () => {
    await registerSchedules();
    const rows = await database.executeSql(
      `SELECT name, cron, timezone FROM pgboss.schedule WHERE name = 'maintenance.storage-sweep'`,
    );
    expect(rows.rows).toEqual([
      { name: 'maintenance.storage-sweep', cron: '30 4 * * *', timezone: 'Asia/Tokyo' },
    ]);
  });
});

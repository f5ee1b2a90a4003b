/**
 * Object storage shared by every process (decision 095): two web processes (A, B) and one job
 * worker (W), all `node build/index.js` on one PostgreSQL and one S3-protocol server (s3rver,
 * started here). A file stored through one process is served by another, byte for byte:
 * a video uploaded through A plays through B with correct Range answers; a reply's attachment
 * posted to A and stored by the worker opens through B; an offer image uploaded through A
 * shows through B. Deleting the video removes its objects from the bucket, and the worker's
 * daily sweep removes an orphaned object while keeping every one a row uses.
 *
 * Also, without PostgreSQL: a server refuses to start on missing S3 settings or on a bucket
 * that refuses its credentials, with one line naming the variables and no stack.
 */
import { utimes } from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeResend } from '../support/fake-resend';
import {
  newWebhookSecret,
  PNG_BYTES,
  receive,
  signedWebhookRequest,
} from '../support/relay-webhooks';
import { startS3Server } from '../support/s3-server';
import {
  runServerExpectingFailure,
  startAppServer,
  waitFor,
  type AppServer,
} from './support/app-server';

const s3 = await startS3Server();
const fake = await startFakeResend();
const SECRET = newWebhookSecret();
// This test process is a fourth process on the same bucket (fixtures, deletion, checks).
Object.assign(process.env, s3.env, {
  RESEND_API_KEY: 're_test_fake_key',
  RESEND_BASE_URL: fake.url,
  RESEND_WEBHOOK_SECRET: SECRET,
});

const servers: AppServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.dispose()));
  await fake.close();
  await s3.dispose();
});

/** The object files s3rver keeps for a namespace ("videos", "attachments", "offer-images"). */
function objectFile(namespace: string, key: string) {
  return path.join(s3.directory, s3.bucket, namespace, `${key}._S3rver_object`);
}

describe('storage shared by several processes', () => {
  it.runIf(process.env.DATABASE_URL)(
    'serves through B what was stored through A or the worker, deletes and sweeps in the bucket',
    async () => {
      const schema = await import('~db/schema');
      const { db } = await import('~/modules/database/database.server');
      const { getCurrentSession } = await import('~/modules/auth/session.server');
      const { createMediaToken } = await import('~/modules/video/media-token.server');
      const { deleteVideo } = await import('~/modules/video/video-removal.server');
      const { mediaStorage } = await import('~/modules/storage/storages.server');
      const { enqueue } = await import('~/modules/jobs/queue.server');
      const { storageSweepQueue, SWEEP_GRACE_MS } =
        await import('~/modules/maintenance/storage-sweep.server');
      const { ensureRelayAddresses } = await import('~/modules/relay/relay-address.server');
      const fixtures = await import('../support/announcement-fixtures');
      const { createTestSponsor, offerForm } = await import('../support/sponsors');
      const { multipartBody, pngBytes, webmBytes } = await import('../support/video');

      const event = await fixtures.seedEvent('storage-cluster');
      const owner = await fixtures.addStaff(event, 'owner@storage-cluster.example', 'owner');
      const runner = await fixtures.addMember(event, { email: 'runner@storage-cluster.example' });
      const sponsor = await createTestSponsor(event.id, 'shop@storage-cluster.example');

      const common = {
        DATABASE_URL: process.env.DATABASE_URL!,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'info',
        RESEND_API_KEY: 're_test_fake_key',
        RESEND_BASE_URL: fake.url,
        RESEND_WEBHOOK_SECRET: SECRET,
        ...s3.env,
      };
      const [a, b, worker] = await Promise.all([
        startAppServer({ env: { ...common, JOB_WORKER: 'false' } }),
        startAppServer({ env: { ...common, JOB_WORKER: 'false' } }),
        startAppServer({ env: { ...common, JOB_WORKER: 'true' } }),
      ]);
      servers.push(a, b, worker);

      // --- a video (12 MiB: a multipart upload of two parts) uploaded through A ------------
      const videoBytes = Buffer.from(webmBytes(12 * 1024 * 1024 + 321));
      const poster = Buffer.from(pngBytes());
      const form = multipartBody([
        { name: 'titleJa', value: 'コース紹介' },
        { name: 'titleEn', value: 'Course preview' },
        { name: 'video', filename: 'course.webm', type: 'video/webm', bytes: videoBytes },
        { name: 'poster', filename: 'poster.png', type: 'image/png', bytes: poster },
      ]);
      const uploaded = await fetch(`${a.url}/staff/${event.slug}/videos/new`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Origin: a.url, Cookie: owner.cookie, 'Content-Type': form.contentType },
        body: form.body,
      });
      expect(uploaded.status).toBe(302);
      const [video] = await db
        .select()
        .from(schema.videos)
        .where(eq(schema.videos.eventId, event.id));
      expect(video.sizeBytes).toBe(videoBytes.byteLength);

      // --- … plays through B, with Range answers that match the bytes --------------------
      const session = await getCurrentSession(
        new Request(a.url, { headers: { Cookie: owner.cookie } }),
      );
      const token = (purpose: 'video' | 'poster') =>
        createMediaToken({ videoId: video.id, sessionId: session!.sessionId, purpose }).token;
      const play = (range?: string) =>
        fetch(`${b.url}/media/${video.id}?token=${encodeURIComponent(token('video'))}`, {
          headers: { Cookie: owner.cookie, ...(range ? { Range: range } : {}) },
        });
      const size = videoBytes.byteLength;
      const crossingParts = [8 * 1024 * 1024 - 1000, 8 * 1024 * 1024 + 999];
      for (const [range, start, end] of [
        ['bytes=0-', 0, size - 1],
        [`bytes=${crossingParts[0]}-${crossingParts[1]}`, crossingParts[0], crossingParts[1]],
        ['bytes=-500', size - 500, size - 1],
      ] as const) {
        const answer = await play(range);
        expect(answer.status).toBe(206);
        expect(answer.headers.get('Content-Range')).toBe(`bytes ${start}-${end}/${size}`);
        const body = Buffer.from(await answer.arrayBuffer());
        expect(body.equals(videoBytes.subarray(start, end + 1))).toBe(true);
      }
      const whole = await play();
      expect(whole.status).toBe(200);
      expect(Buffer.from(await whole.arrayBuffer()).equals(videoBytes)).toBe(true);
      expect((await play(`bytes=${size}-`)).status).toBe(416);
      const posterAnswer = await fetch(
        `${b.url}/media/${video.id}/poster?token=${encodeURIComponent(token('poster'))}`,
        { headers: { Cookie: owner.cookie } },
      );
      expect(posterAnswer.status).toBe(200);
      expect(Buffer.from(await posterAnswer.arrayBuffer()).equals(poster)).toBe(true);

      // --- an attachment: the reply is posted to A, the worker stores it, B serves it ------
      const relay = (await ensureRelayAddresses([runner.membershipId])).get(runner.membershipId)!;
      const { event: webhook } = receive(fake, {
        from: 'runner@storage-cluster.example',
        to: relay,
        text: '写真を送ります',
        attachments: [{ filename: 'bib.png', content_type: 'image/png', bytes: PNG_BYTES }],
      });
      const signed = signedWebhookRequest(webhook, { secret: SECRET });
      const posted = await fetch(`${a.url}/webhooks/resend`, {
        method: 'POST',
        headers: signed.headers,
        body: await signed.text(),
      });
      expect(posted.status).toBe(200);
      const attachment = await waitFor(
        async () => {
          const [row] = await db
            .select({
              id: schema.relayAttachments.id,
              key: schema.relayAttachments.storageKey,
              threadId: schema.relayMessages.threadId,
            })
            .from(schema.relayAttachments)
            .innerJoin(
              schema.relayMessages,
              eq(schema.relayMessages.id, schema.relayAttachments.messageId),
            );
          return row;
        },
        30_000,
        'the worker to store the attachment',
      );
      const file = await fetch(
        `${b.url}/staff/${event.slug}/inbox/${attachment.threadId}/files/${attachment.id}`,
        { headers: { Cookie: owner.cookie } },
      );
      expect(file.status).toBe(200);
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG_BYTES);

      // --- an offer image uploaded through A by the sponsor, shown through B -------------
      const offerBody = new FormData();
      for (const [key, value] of Object.entries(offerForm())) offerBody.append(key, value);
      offerBody.append('image', new Blob([poster], { type: 'image/png' }), 'offer.png');
      const offerPosted = await fetch(`${a.url}/sponsor/${sponsor.sponsorId}/offers/new`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Origin: a.url, Cookie: sponsor.cookie },
        body: offerBody,
      });
      expect(offerPosted.status).toBe(302);
      const [offer] = await db
        .select({ id: schema.offers.id, imageFile: schema.offers.imageFile })
        .from(schema.offers)
        .where(eq(schema.offers.sponsorId, sponsor.sponsorId));
      const image = await fetch(`${b.url}/staff/${event.slug}/sponsors/offers/${offer.id}/image`, {
        headers: { Cookie: owner.cookie },
      });
      expect(image.status).toBe(200);
      expect(Buffer.from(await image.arrayBuffer()).equals(poster)).toBe(true);

      // --- deleting the video removes its objects from the bucket --------------------------
      expect(await mediaStorage.list()).toEqual(
        expect.arrayContaining([video.storageKey, video.posterKey]),
      );
      expect(
        await deleteVideo({ eventId: event.id, videoId: video.id, actorUserId: owner.userId }),
      ).toBe(true);
      expect(await mediaStorage.list()).not.toContain(video.storageKey);
      expect(await mediaStorage.list()).not.toContain(video.posterKey);
      expect((await play('bytes=0-9')).status).toBe(403);

      // --- the worker's sweep removes an orphan and keeps what rows use ------------------
      const orphan = await mediaStorage.write(
        (async function* () {
          yield new Uint8Array([1, 2, 3]);
        })(),
      );
      const longAgo = new Date(Date.now() - 2 * SWEEP_GRACE_MS);
      for (const [namespace, key] of [
        ['videos', orphan.key],
        ['attachments', attachment.key],
        ['offer-images', offer.imageFile!],
      ]) {
        await utimes(objectFile(namespace, key), longAgo, longAgo);
      }
      await enqueue(storageSweepQueue, {});
      await waitFor(
        async () => ((await mediaStorage.list()).includes(orphan.key) ? undefined : true),
        60_000,
        'the worker to sweep the orphan',
      );
      const swept = await waitFor(
        async () => worker.logs.find((line) => line.message === 'maintenance.storage_swept'),
        10_000,
        'the sweep to finish',
      );
      expect(swept).toMatchObject({ media: { orphans: 1 }, attachments: { orphans: 0 } });
      const [stillThere] = await db
        .select({ key: schema.relayAttachments.storageKey })
        .from(schema.relayAttachments)
        .where(and(eq(schema.relayAttachments.id, attachment.id)));
      expect(stillThere.key).toBe(attachment.key);
      expect(
        (
          await fetch(
            `${b.url}/staff/${event.slug}/inbox/${attachment.threadId}/files/${attachment.id}`,
            { headers: { Cookie: owner.cookie } },
          )
        ).status,
      ).toBe(200);
      expect(
        (
          await fetch(`${b.url}/staff/${event.slug}/sponsors/offers/${offer.id}/image`, {
            headers: { Cookie: owner.cookie },
          })
        ).status,
      ).toBe(200);

      for (const server of servers) {
        expect(server.logs.filter((line) => line.level === 'error')).toEqual([]);
      }
    },
    120_000,
  );

  it('refuses to start on missing or refused S3 settings, naming the variables', async () => {
    const missing = await runServerExpectingFailure({ STORAGE_BACKEND: 's3' });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('Invalid environment configuration');
    expect(missing.stderr).toMatch(/\bS3_BUCKET\b/);
    expect(missing.stderr).toMatch(/\bS3_ACCESS_KEY_ID\b/);

    // On PostgreSQL when the run has it: it boots faster than a fresh embedded database.
    const database = { DATABASE_URL: process.env.DATABASE_URL };
    const refused = await runServerExpectingFailure({
      ...database,
      ...s3.env,
      S3_ACCESS_KEY_ID: 'NOT-A-KEY-OF-THIS-STORE',
    });
    expect(refused.code).toBe(1);
    // One line (beside any runtime warning Node prints), and no stack trace.
    expect(refused.stderr).toMatch(/^Storage unavailable at start: .*S3_ACCESS_KEY_ID.*$/m);
    expect(refused.stderr).not.toMatch(/^\s+at /m);
    expect(refused.stdout).not.toContain('server.listening');

    const unreachable = await runServerExpectingFailure({
      ...database,
      ...s3.env,
      S3_ENDPOINT: 'http://127.0.0.1:9',
    });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/^Storage unavailable at start: .*S3_ENDPOINT.*$/m);
    expect(unreachable.stderr).not.toMatch(/^\s+at /m);
  }, 120_000);
});

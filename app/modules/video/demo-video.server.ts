import { execFile } from 'node:child_process';
import { accessSync, constants, createReadStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { videos } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { generateId } from '~/modules/security/tokens.server';
import { logger } from '~/utils/logger.server';
import { sniffPoster, sniffVideo } from './file-signature.server';
import { mediaStorage } from './media-storage.server';

const run = promisify(execFile);

export const DEMO_VIDEO_SECONDS = 12;

// Fonts Debian installs with Chromium; without one the sample is drawn without text.
const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
];

/**
 * The ffmpeg binary shipped inside the @ffmpeg-installer npm packages (an optional
 * dependency: the platform's package carries the binary itself, nothing is downloaded at
 * install). Null when it is not installed for this platform.
 */
export function findFfmpeg(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const { path: binary } = require('@ffmpeg-installer/ffmpeg') as { path: string };
    accessSync(binary, constants.X_OK);
    return binary;
  } catch {
    return null;
  }
}

function ffmpegArguments(output: string): string[] {
  const font = FONT_CANDIDATES.find((candidate) => existsSync(candidate));
  // A red card with a white bar running across it and a clock, so that playback is visible
  // at a glance; VP8 in WebM, which every browser (Debian's Chromium included) plays.
  const filters = [
    `drawbox=x='mod(t*160\\,iw+160)-160':y=ih*0.66:w=160:h=22:color=white@0.9:t=fill`,
    ...(font
      ? [
          `drawtext=fontfile=${font}:text='Startline':fontcolor=white:fontsize=64:x=(w-text_w)/2:y=h*0.3`,
          `drawtext=fontfile=${font}:text='%{pts\\:hms}':fontcolor=white@0.85:fontsize=24:x=(w-text_w)/2:y=h*0.5`,
        ]
      : []),
  ].join(',');
  return [
    ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'],
    ['-f', 'lavfi', '-i', `color=c=0xb91c1c:s=640x360:r=25:d=${DEMO_VIDEO_SECONDS}`],
    ['-vf', filters],
    [
      '-c:v',
      'libvpx',
      '-b:v',
      '500k',
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-auto-alt-ref',
      '0',
    ],
    ['-pix_fmt', 'yuv420p', '-an', output],
  ].flat();
}

/** The poster: the sample's frame at 2 s, as PNG. */
function posterArguments(video: string, poster: string): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-y',
    '-ss',
    '2',
    '-i',
    video,
    '-frames:v',
    '1',
    poster,
  ];
}

/**
 * Generates a short sample video (and its poster) for the demo event at seed time, so that no
 * binary is committed. When ffmpeg is not available the demo simply has no video.
 */
export async function seedDemoVideo(eventId: string): Promise<{ videoId: string } | null> {
  const ffmpeg = findFfmpeg();
  if (!ffmpeg) {
    logger.info('demo.video_skipped', {
      reason: 'ffmpeg from @ffmpeg-installer/ffmpeg is not installed',
    });
    return null;
  }
  const work = await mkdtemp(path.join(os.tmpdir(), 'startline-demo-video-'));
  const stored: string[] = [];
  try {
    const videoFile = path.join(work, 'sample.webm');
    const posterFile = path.join(work, 'poster.png');
    await run(ffmpeg, ffmpegArguments(videoFile), { timeout: 120_000 });
    await run(ffmpeg, posterArguments(videoFile, posterFile), { timeout: 60_000 });
    const video = await mediaStorage.write(createReadStream(videoFile));
    stored.push(video.key);
    const poster = await mediaStorage.write(createReadStream(posterFile));
    stored.push(poster.key);
    if (sniffVideo(await mediaStorage.readHead(video.key, 64)) !== 'video/webm')
      throw new Error('not WebM');
    if (!sniffPoster(await mediaStorage.readHead(poster.key, 16)))
      throw new Error('poster not PNG');
    const videoId = generateId();
    await db.insert(videos).values({
      id: videoId,
      eventId,
      titleJa: 'コース紹介（サンプル動画）',
      titleEn: 'Course preview (sample video)',
      descriptionJa:
        'デモ用に自動で作成した短い動画です。実際の大会では、コース紹介や当日の様子などの動画を参加者の皆さまだけに公開できます。',
      descriptionEn:
        'A short video generated for the demo. For a real race, the office can share course previews and race-day videos with members only.',
      storageKey: video.key,
      posterKey: poster.key,
      contentType: 'video/webm',
      sizeBytes: video.sizeBytes,
      durationSeconds: DEMO_VIDEO_SECONDS,
    });
    logger.info('demo.video_seeded', { videoId, sizeBytes: video.sizeBytes });
    return { videoId };
  } catch (error) {
    await Promise.all(stored.map((key) => mediaStorage.remove(key)));
    logger.warn('demo.video_skipped', {
      reason: error instanceof Error ? error.message : String(error),
    });
    return null;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

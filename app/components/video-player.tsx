import { useCallback, useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { useT } from '~/i18n/use-t';

/** Refresh the media URL this long before its token expires. */
const REFRESH_MARGIN_MS = 90_000;
const WATERMARK_MOVE_MS = 4_000;
const PROGRESS_MARKS = [25, 50, 75, 95, 100];

export interface VideoPlayerProps {
  title: string;
  src: string;
  /** How long `src` stays valid, in seconds from when the server made it. */
  ttlSeconds: number;
  posterSrc: string | null;
  /** The viewer's alias (or the staff preview label), drawn over the picture. */
  watermark: string;
  /** GET: a fresh media URL; POST: play/progress reports. */
  playbackUrl: string;
  countViews: boolean;
}

/**
 * The members-only player (SPEC P7): no download control, no context menu, no picture-in-
 * picture or casting, and a watermark with the viewer's alias that moves every few seconds
 * (full screen is the frame's, so the watermark stays on top there too). Media URLs live ten
 * minutes; the player fetches a fresh one before that and swaps it in at the same position.
 */
export function VideoPlayer(props: VideoPlayerProps) {
  const t = useT();
  const videoRef = useRef<HTMLVideoElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  // The first URL is the page's; later ones are set on the element directly, so a page
  // revalidation (which brings a new URL) never restarts a video that is playing.
  const [initialSrc] = useState(props.src);
  // Measured on this browser's clock from when the page arrived (a little early, never late).
  const expiresAt = useRef(Date.now() + props.ttlSeconds * 1000);
  const refreshing = useRef<Promise<void> | null>(null);
  const playReported = useRef(false);
  const progressReported = useRef(0);
  const [failed, setFailed] = useState(false);
  const [fullscreen, setFullscreen] = useState(false);
  const [mark, setMark] = useState({ top: 8, left: 6 });

  const refreshSource = useCallback(
    (resume?: { time: number; playing: boolean }) => {
      if (refreshing.current) return refreshing.current;
      const video = videoRef.current;
      if (!video) return Promise.resolve();
      const state = resume ?? { time: video.currentTime, playing: !video.paused && !video.ended };
      refreshing.current = (async () => {
        try {
          const response = await fetch(props.playbackUrl, {
            headers: { Accept: 'application/json' },
            credentials: 'same-origin',
            cache: 'no-store',
          });
          if (!response.ok) throw new Error(`refresh ${response.status}`);
          const next = (await response.json()) as { src: string; ttlSeconds: number };
          expiresAt.current = Date.now() + next.ttlSeconds * 1000;
          const rate = video.playbackRate;
          video.addEventListener(
            'loadedmetadata',
            () => {
              video.currentTime = state.time;
              video.playbackRate = rate;
              if (state.playing) void video.play().catch(() => {});
            },
            { once: true },
          );
          video.src = next.src;
          video.load();
          setFailed(false);
        } catch {
          setFailed(true);
        } finally {
          refreshing.current = null;
        }
      })();
      return refreshing.current;
    },
    [props.playbackUrl],
  );

  // While playing, swap in a fresh URL before the current one expires.
  useEffect(() => {
    const timer = window.setInterval(() => {
      const video = videoRef.current;
      if (!video || video.paused || video.ended) return;
      if (expiresAt.current - Date.now() < REFRESH_MARGIN_MS) void refreshSource();
    }, 10_000);
    return () => window.clearInterval(timer);
  }, [refreshSource]);

  useEffect(() => {
    const timer = window.setInterval(() => {
      setMark({ top: 6 + Math.random() * 78, left: 4 + Math.random() * 62 });
    }, WATERMARK_MOVE_MS);
    return () => window.clearInterval(timer);
  }, []);

  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement === frameRef.current);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const report = useCallback(
    (fields: Record<string, string>) => {
      if (!props.countViews) return;
      void fetch(props.playbackUrl, {
        method: 'POST',
        body: new URLSearchParams(fields),
        credentials: 'same-origin',
        keepalive: true,
      }).catch(() => {});
    },
    [props.countViews, props.playbackUrl],
  );

  const onPlay = (event: SyntheticEvent<HTMLVideoElement>) => {
    // Resuming after a long pause: the URL may be about to expire (or has); renew it first.
    if (expiresAt.current - Date.now() < REFRESH_MARGIN_MS) {
      const video = event.currentTarget;
      void refreshSource({ time: video.currentTime, playing: true });
    }
  };

  const onPlaying = () => {
    if (playReported.current) return;
    playReported.current = true;
    report({ event: 'play' });
  };

  const onTimeUpdate = (event: SyntheticEvent<HTMLVideoElement>) => {
    const video = event.currentTarget;
    if (!video.duration || !Number.isFinite(video.duration)) return;
    const percent = (video.currentTime / video.duration) * 100;
    const reached = PROGRESS_MARKS.filter((markPercent) => percent >= markPercent).pop();
    if (reached && reached > progressReported.current) {
      progressReported.current = reached;
      report({ event: 'progress', percent: String(reached) });
    }
  };

  const onEnded = () => {
    if (progressReported.current < 100) {
      progressReported.current = 100;
      report({ event: 'progress', percent: '100' });
    }
  };

  const onError = () => {
    const video = videoRef.current;
    // An expired or refused URL: one fresh try at the same position, else a clear message.
    if (!video || refreshing.current) return;
    if (expiresAt.current - Date.now() < REFRESH_MARGIN_MS) void refreshSource();
    else setFailed(true);
  };

  const toggleFullscreen = () => {
    const frame = frameRef.current;
    if (!frame) return;
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    else void frame.requestFullscreen?.().catch(() => {});
  };

  const blockContextMenu = (event: SyntheticEvent) => event.preventDefault();

  return (
    <div className="video-player">
      <div
        className="video-frame"
        ref={frameRef}
        onContextMenu={blockContextMenu}
        onDoubleClick={(event) => {
          event.preventDefault();
          toggleFullscreen();
        }}
      >
        <video
          ref={videoRef}
          className="video-frame__video"
          src={initialSrc}
          poster={props.posterSrc ?? undefined}
          controls
          controlsList="nodownload nofullscreen noremoteplayback noplaybackrate"
          disablePictureInPicture
          disableRemotePlayback
          playsInline
          preload="metadata"
          aria-label={t('video.player.label', { title: props.title })}
          onContextMenu={blockContextMenu}
          onPlay={onPlay}
          onPlaying={onPlaying}
          onTimeUpdate={onTimeUpdate}
          onEnded={onEnded}
          onError={onError}
        >
          {t('video.player.unsupported')}
        </video>
        <div
          className="video-watermark"
          data-testid="video-watermark"
          aria-hidden="true"
          style={{ top: `${mark.top}%`, left: `${mark.left}%` }}
        >
          {props.watermark}
        </div>
      </div>
      <div className="video-player__bar">
        <p className="muted">{t('video.player.notice')}</p>
        <button type="button" className="button button--quiet" onClick={toggleFullscreen}>
          {fullscreen ? t('video.player.exitFullscreen') : t('video.player.fullscreen')}
        </button>
      </div>
      {failed ? (
        <p className="alert alert--error" role="alert">
          {t('video.player.loadError')}
        </p>
      ) : null}
    </div>
  );
}

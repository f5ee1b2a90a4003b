import { Link } from '@remix-run/react';
import { useEffect, useId, useRef, useState } from 'react';
import { sendingKind, sendingStatus } from '~/i18n/key-families';
import type { Translate } from '~/i18n/translate';
import type { Locale } from '~/i18n/types';
import { useLocale, useT } from '~/i18n/use-t';
import type { SendProgress, StreamProgress } from '~/modules/mail/send-progress.server';
import { LocalTime } from './local-time';

/** A running send is polled every 2 s; one scheduled for later only now and then. */
const FAST_POLL_MS = 2_000;
const SLOW_POLL_MS = 30_000;
/** How long a page waits for a send that is about to be queued (an import's wave). */
const MAX_WAIT_POLLS = 30;

type Mode = 'fast' | 'slow' | 'waiting' | null;

function pollMode(progress: SendProgress, awaitStream: boolean): Mode {
  if (progress.streams.length === 0) return awaitStream ? 'waiting' : null;
  const running = progress.streams.filter(
    (s) => s.status === 'sending' || s.status === 'scheduled',
  );
  if (running.length === 0) return null;
  const soon = Date.now() + 60_000;
  return running.some((s) => s.status === 'sending' || Date.parse(s.notBefore) <= soon)
    ? 'fast'
    : 'slow';
}

/**
 * How far the event's bulk sends have got — counts only. It keeps itself current while the
 * page is open (polling `src`, the sending.json resource route) and stops once every send
 * shown is finished.
 */
export function SendProgressPanel(props: {
  initial: SendProgress;
  /** e.g. `/staff/<slug>/sending.json?subject=<announcement id>` */
  src: string;
  /** Name each send (the dashboard); a page about one send leaves it out. */
  labelled?: boolean;
  /** Wait a while for a send that is about to start (an import's invitation wave). */
  awaitStream?: boolean;
  /** Where an announcement's page is, to link its name (the dashboard). */
  announcementsHref?: string;
  showInteractive?: boolean;
}) {
  const t = useT();
  // A plain fetch, not a fetcher: a poll that fails (a 503 while the database restarts, a
  // dropped connection) must leave the page as it is and simply try again at the next tick.
  const [polled, setPolled] = useState<SendProgress | null>(null);
  // The page's own data is newer after it revalidates (e.g. after cancelling a schedule).
  const progress =
    polled && polled.generatedAt > props.initial.generatedAt ? polled : props.initial;
  const [gaveUp, setGaveUp] = useState(false);
  const mode = pollMode(progress, Boolean(props.awaitStream) && !gaveUp);

  const latest = useRef({ src: props.src, polls: 0, busy: false });
  latest.current.src = props.src;
  useEffect(() => {
    if (mode === null) return;
    const timer = window.setInterval(
      () => {
        const current = latest.current;
        if (document.visibilityState === 'hidden' || current.busy) return;
        if (mode === 'waiting') {
          current.polls += 1;
          if (current.polls > MAX_WAIT_POLLS) {
            setGaveUp(true);
            return;
          }
        }
        current.busy = true;
        fetch(current.src, { headers: { Accept: 'application/json' } })
          .then((response) => (response.ok ? response.json() : null))
          .then((data: SendProgress | { error: string } | null) => {
            if (data && 'streams' in data) setPolled(data);
          })
          .catch(() => undefined)
          .finally(() => {
            current.busy = false;
          });
      },
      mode === 'slow' ? SLOW_POLL_MS : FAST_POLL_MS,
    );
    return () => window.clearInterval(timer);
  }, [mode]);

  return (
    <div className="send-progress">
      {progress.streams.length === 0 ? (
        <p className="muted" aria-live="polite">
          {props.awaitStream
            ? gaveUp
              ? t('sending.notStarted')
              : t('sending.waiting')
            : t('sending.none')}
        </p>
      ) : (
        <ul className="send-progress__list">
          {progress.streams.map((stream) => (
            <StreamItem
              key={stream.id}
              stream={stream}
              labelled={Boolean(props.labelled)}
              announcementsHref={props.announcementsHref}
            />
          ))}
        </ul>
      )}
      {props.showInteractive && progress.interactivePending > 0 ? (
        <p className="muted">
          {t('sending.interactivePending', { count: progress.interactivePending })}
        </p>
      ) : null}
      {mode !== null && mode !== 'waiting' ? (
        <p className="muted small">{t('sending.autoUpdate')}</p>
      ) : null}
    </div>
  );
}

function streamName(stream: StreamProgress, t: Translate, locale: Locale) {
  const kind = t(sendingKind(stream.kind));
  if (stream.kind !== 'announcement' || !stream.announcementTitle) return kind;
  const { ja, en } = stream.announcementTitle;
  const title = (locale === 'ja' ? ja || en : en || ja) || t('announcements.untitled');
  return locale === 'ja' ? `${kind}「${title}」` : `${kind} “${title}”`;
}

const STATUS_BADGE: Record<StreamProgress['status'], string> = {
  scheduled: 'badge badge--pending',
  sending: 'badge',
  done: 'badge badge--approved',
  cancelled: 'badge badge--withdrawn',
};

function StreamItem(props: {
  stream: StreamProgress;
  labelled: boolean;
  announcementsHref?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const s = props.stream;
  const n = (value: number) => value.toLocaleString(locale);
  const name = streamName(s, t, locale);
  const handled = Math.max(0, s.total - s.pending);
  const percent = s.total > 0 ? Math.floor((handled / s.total) * 100) : 0;
  const running = s.status === 'sending' || s.status === 'scheduled';
  const stats: [string, number][] = [
    [t('sending.sent'), s.sent],
    [t('sending.pending'), s.pending],
    [t('sending.failed'), s.failed],
    [t('sending.skipped'), s.skipped],
    ...(s.cancelled > 0 ? [[t('sending.cancelled'), s.cancelled] as [string, number]] : []),
  ];
  return (
    <li className="send-progress__stream" data-stream-kind={s.kind} data-status={s.status}>
      <div className="send-progress__head">
        {props.labelled ? (
          <h3 id={`${id}-name`}>
            {s.kind === 'announcement' && props.announcementsHref ? (
              <Link to={`${props.announcementsHref}/${s.subjectId}`}>{name}</Link>
            ) : (
              name
            )}
            {s.kind === 'invitation_wave' && s.importedAt ? (
              <span className="muted">
                {' · '}
                {t('sending.importedAt')} <LocalTime value={s.importedAt} />
              </span>
            ) : s.kind === 'reminder_wave' ? (
              <span className="muted">
                {' · '}
                {t('sending.queuedAt')} <LocalTime value={s.createdAt} />
              </span>
            ) : null}
          </h3>
        ) : null}
        <span className={STATUS_BADGE[s.status]}>{t(sendingStatus(s.status))}</span>
        {s.urgent ? <span className="badge badge--urgent">{t('sending.urgent')}</span> : null}
      </div>
      <progress
        className="send-progress__bar"
        max={Math.max(s.total, 1)}
        value={Math.min(handled, Math.max(s.total, 1))}
        aria-label={t('sending.progressLabel', { label: name })}
        aria-describedby={`${id}-summary`}
      >
        {percent}%
      </progress>
      <p id={`${id}-summary`} className="send-progress__summary" aria-live="polite">
        {t('sending.summary', {
          done: n(handled),
          total: n(s.total),
          sent: n(s.sent),
          pending: n(s.pending),
        })}
      </p>
      <dl className="send-progress__stats">
        {stats.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{n(value)}</dd>
          </div>
        ))}
      </dl>
      <dl className="send-progress__times">
        {s.status === 'scheduled' ? (
          <>
            <dt>{t('sending.scheduledFor')}</dt>
            <dd>
              <LocalTime value={s.notBefore} />
            </dd>
          </>
        ) : s.startedAt ? (
          <>
            <dt>{t('sending.startedAt')}</dt>
            <dd>
              <LocalTime value={s.startedAt} />
            </dd>
          </>
        ) : null}
        {running && s.estimatedFinishAt ? (
          <>
            <dt>{t('sending.eta')}</dt>
            <dd>
              <LocalTime value={s.estimatedFinishAt} />
              <span className="muted small"> {t('sending.etaHint')}</span>
            </dd>
          </>
        ) : null}
        {s.finishedAt ? (
          <>
            <dt>{t('sending.finishedAt')}</dt>
            <dd>
              <LocalTime value={s.finishedAt} />
            </dd>
          </>
        ) : null}
      </dl>
      {s.topFailures.length > 0 ? (
        <div className="send-progress__failures">
          <h4>{t('sending.failuresHeading')}</h4>
          <ul>
            {s.topFailures.map((f) => (
              <li key={f.reason}>
                <code>{f.reason || t('sending.unknownReason')}</code>{' '}
                <span className="muted">{t('sending.failureCount', { count: n(f.count) })}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {s.skipped > 0 ? <p className="muted small">{t('sending.skippedHint')}</p> : null}
    </li>
  );
}

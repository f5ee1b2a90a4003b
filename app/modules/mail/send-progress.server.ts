import { and, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { announcements, entrantImports, mailStreams, outboundEmails } from '~db/schema';
import { env } from '~/env.server';
import { db } from '~/modules/database/database.server';
import { maskEmailsInText } from '~/utils/logger.server';
import { MAX_BATCH } from './mail-provider.server';

/**
 * How far the event's bulk sends have got, for the staff pages: counts only, never who. A
 * stream's numbers come from its outbound messages; `total` is the stream's own count, which
 * stays right when a sent message is later erased with its recipient's account.
 */
export interface StreamProgress {
  id: string;
  kind: 'announcement' | 'invitation_wave' | 'reminder_wave';
  subjectId: string;
  status: 'scheduled' | 'sending' | 'done' | 'cancelled';
  urgent: boolean;
  total: number;
  sent: number;
  failed: number;
  skipped: number;
  cancelled: number;
  /** Queued or in a batch being sent. */
  pending: number;
  notBefore: string;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  /** An estimate: the provider's rate is shared by every stream of every event. */
  estimatedFinishAt: string | null;
  /** The provider's most frequent reasons, most frequent first (at most three). */
  topFailures: { reason: string; count: number }[];
  /** What the stream sends, for its label. */
  announcementTitle: { ja: string; en: string } | null;
  importedAt: string | null;
}

export interface SendProgress {
  streams: StreamProgress[];
  /** The event's one-to-one mail (confirmations, relayed answers) not sent yet. */
  interactivePending: number;
  /** When these numbers were read: a page keeps the newest of its loader's and a poll's. */
  generatedAt: string;
}

export interface ProgressFilter {
  /** Only the streams of this announcement or entrant import (or reminder wave). */
  subjectId?: string;
  /** Without a subject: every running or scheduled stream, plus this many finished ones. */
  recentFinished?: number;
}

const MAX_STREAMS = 20;
const MAX_REASON_LENGTH = 200;

const streamFields = {
  id: mailStreams.id,
  kind: mailStreams.kind,
  subjectId: mailStreams.subjectId,
  status: mailStreams.status,
  urgent: mailStreams.urgent,
  total: mailStreams.total,
  notBefore: mailStreams.notBefore,
  startedAt: mailStreams.startedAt,
  finishedAt: mailStreams.finishedAt,
  createdAt: mailStreams.createdAt,
  titleJa: announcements.titleJa,
  titleEn: announcements.titleEn,
  importedAt: entrantImports.createdAt,
};

function streamsOfEvent() {
  return db
    .select(streamFields)
    .from(mailStreams)
    .leftJoin(
      announcements,
      and(
        eq(mailStreams.kind, 'announcement'),
        eq(announcements.id, mailStreams.subjectId),
        eq(announcements.eventId, mailStreams.eventId),
      ),
    )
    .leftJoin(
      entrantImports,
      and(
        eq(mailStreams.kind, 'invitation_wave'),
        eq(entrantImports.id, mailStreams.subjectId),
        eq(entrantImports.eventId, mailStreams.eventId),
      ),
    )
    .$dynamic();
}

type StreamRow = Awaited<ReturnType<ReturnType<typeof streamsOfEvent>['execute']>>[number];

async function findStreams(eventId: string, filter: ProgressFilter): Promise<StreamRow[]> {
  if (filter.subjectId) {
    return streamsOfEvent()
      .where(and(eq(mailStreams.eventId, eventId), eq(mailStreams.subjectId, filter.subjectId)))
      .orderBy(desc(mailStreams.createdAt))
      .limit(MAX_STREAMS);
  }
  const active = await streamsOfEvent()
    .where(
      and(eq(mailStreams.eventId, eventId), inArray(mailStreams.status, ['sending', 'scheduled'])),
    )
    .orderBy(desc(mailStreams.urgent), mailStreams.notBefore, mailStreams.createdAt)
    .limit(MAX_STREAMS);
  const recent = Math.max(0, Math.min(filter.recentFinished ?? 3, MAX_STREAMS));
  if (recent === 0) return active;
  const finished = await streamsOfEvent()
    .where(
      and(eq(mailStreams.eventId, eventId), inArray(mailStreams.status, ['done', 'cancelled'])),
    )
    .orderBy(sql`${mailStreams.finishedAt} DESC NULLS LAST`, desc(mailStreams.createdAt))
    .limit(recent);
  return [...active, ...finished];
}

interface MessageCounts {
  sent: number;
  failed: number;
  skipped: number;
  cancelled: number;
  pending: number;
}

const count = (where: SQL) => sql<number>`count(*) FILTER (WHERE ${where})`.mapWith(Number);

/** One pass over the streams' messages: the counts of each status, per stream. */
async function countMessages(streamIds: string[]) {
  if (streamIds.length === 0) return new Map<string, MessageCounts>();
  const rows = await db
    .select({
      streamId: outboundEmails.streamId,
      sent: count(sql`${outboundEmails.status} = 'sent'`),
      failed: count(sql`${outboundEmails.status} = 'failed'`),
      skipped: count(sql`${outboundEmails.status} = 'skipped'`),
      cancelled: count(sql`${outboundEmails.status} = 'cancelled'`),
      pending: count(sql`${outboundEmails.status} IN ('queued', 'sending')`),
    })
    .from(outboundEmails)
    .where(inArray(outboundEmails.streamId, streamIds))
    .groupBy(outboundEmails.streamId);
  return new Map(rows.map(({ streamId, ...counts }) => [streamId ?? '', counts]));
}

/** The three most frequent failure reasons of each stream (ranked in the database). */
async function topFailures(streamIds: string[]) {
  const byStream = new Map<string, { reason: string; count: number }[]>();
  if (streamIds.length === 0) return byStream;
  const reason = sql<string>`coalesce(${outboundEmails.lastError}, '')`;
  const ranked = db
    .select({
      streamId: outboundEmails.streamId,
      reason: reason.as('reason'),
      failures: sql<number>`count(*)`.as('failures'),
      rank: sql<number>`row_number() OVER (PARTITION BY ${outboundEmails.streamId} ORDER BY count(*) DESC, ${reason})`.as(
        'rank',
      ),
    })
    .from(outboundEmails)
    .where(and(inArray(outboundEmails.streamId, streamIds), eq(outboundEmails.status, 'failed')))
    .groupBy(outboundEmails.streamId, reason)
    .as('ranked');
  const rows = await db
    .select({ streamId: ranked.streamId, reason: ranked.reason, failures: ranked.failures })
    .from(ranked)
    .where(lte(ranked.rank, 3))
    .orderBy(ranked.streamId, ranked.rank);
  for (const row of rows) {
    const list = byStream.get(row.streamId ?? '') ?? [];
    list.push({
      // Provider messages carry no addresses today; masked anyway, as in the logs (SPEC P1).
      reason: maskEmailsInText(String(row.reason)).slice(0, MAX_REASON_LENGTH),
      count: Number(row.failures),
    });
    byStream.set(row.streamId ?? '', list);
  }
  return byStream;
}

async function interactivePending(eventId: string) {
  const [row] = await db
    .select({ pending: sql<number>`count(*)`.mapWith(Number) })
    .from(outboundEmails)
    .where(
      and(
        eq(outboundEmails.eventId, eventId),
        eq(outboundEmails.lane, 'interactive'),
        inArray(outboundEmails.status, ['queued', 'sending']),
      ),
    );
  return row?.pending ?? 0;
}

/**
 * Remaining messages over the provider's rate (requests per second × up to MAX_BATCH each),
 * from now or from the scheduled start. Other streams take turns, so it is a lower bound
 * more than a promise; the page says so.
 */
function estimateFinish(pending: number, notBefore: Date, now: Date): string | null {
  if (pending === 0) return null;
  const perSecond = env.MAIL_RATE_PER_SECOND * MAX_BATCH;
  const start = Math.max(now.getTime(), notBefore.getTime());
  return new Date(start + Math.ceil((pending / perSecond) * 1000)).toISOString();
}

export async function streamProgress(
  eventId: string,
  filter: ProgressFilter = {},
  now = new Date(),
): Promise<SendProgress> {
  const streams = await findStreams(eventId, filter);
  const ids = streams.map((s) => s.id);
  const [counts, failures, interactive] = await Promise.all([
    countMessages(ids),
    topFailures(ids),
    interactivePending(eventId),
  ]);
  return {
    interactivePending: interactive,
    generatedAt: now.toISOString(),
    streams: streams.map((s) => {
      const c = counts.get(s.id) ?? { sent: 0, failed: 0, skipped: 0, cancelled: 0, pending: 0 };
      const running = s.status === 'scheduled' || s.status === 'sending';
      return {
        id: s.id,
        kind: s.kind,
        subjectId: s.subjectId,
        status: s.status,
        urgent: s.urgent,
        total: Math.max(s.total, c.sent + c.failed + c.skipped + c.cancelled + c.pending),
        ...c,
        notBefore: s.notBefore.toISOString(),
        startedAt: s.startedAt?.toISOString() ?? null,
        finishedAt: s.finishedAt?.toISOString() ?? null,
        createdAt: s.createdAt.toISOString(),
        estimatedFinishAt: running ? estimateFinish(c.pending, s.notBefore, now) : null,
        topFailures: failures.get(s.id) ?? [],
        announcementTitle:
          s.kind === 'announcement' && s.titleJa !== null && s.titleEn !== null
            ? { ja: s.titleJa, en: s.titleEn }
            : null,
        importedAt: s.importedAt?.toISOString() ?? null,
      };
    }),
  };
}

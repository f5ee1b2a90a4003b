import { and, eq, sql } from 'drizzle-orm';
import { offerActivity, offerCodes, offers, type ReviewStatus } from '~db/schema';
import { env } from '~/env.server';
import { db } from '~/modules/database/database.server';
import { qualifiedName as q } from '~/modules/database/sql-names.server';
import { selectRows } from '~/modules/database/rows.server';
import { OFFER_TIME_ZONE } from './offer-dates';

/**
 * Sponsor statistics (SPEC P8): aggregates only, and no count below the threshold.
 *
 * A count below the threshold is shown as "<5". Suppressing single cells is not enough when
 * a total is shown next to its breakdown: total − the visible days = the hidden day. So each
 * metric's breakdown uses the finest calendar period (day, then week, then month) at which
 * every non-empty period holds at least `threshold`; if even months do not, only the total
 * is shown. Every visible number is then exact, the periods add up to the total, and no
 * subtraction uncovers a small count. The remaining pool is shown as a range while claims
 * are below the threshold, for the same reason (pool − remaining = claims).
 *
 * Numbers leave this module as display strings, so a suppressed count never reaches the
 * browser, not even in the loader's JSON.
 */
export function statsThreshold() {
  return env.SPONSOR_STATS_MIN_COUNT;
}

export function displayCount(n: number, threshold = statsThreshold()): string {
  return n < threshold ? `<${threshold}` : String(n);
}

export type Granularity = 'day' | 'week' | 'month' | 'total';
export const METRICS = ['view', 'claim', 'redeem'] as const;
export type Metric = (typeof METRICS)[number];

export interface MetricSeries {
  total: string;
  granularity: Granularity;
  periods: { start: string; count: string }[];
}

function periodStart(day: string, granularity: Exclude<Granularity, 'total'>): string {
  if (granularity === 'day') return day;
  const date = new Date(`${day}T00:00:00Z`);
  if (granularity === 'month') return `${day.slice(0, 7)}-01`;
  const weekday = (date.getUTCDay() + 6) % 7; // Monday = 0
  date.setUTCDate(date.getUTCDate() - weekday);
  return date.toISOString().slice(0, 10);
}

/** Picks the finest period at which no non-empty period is below the threshold. */
export function buildSeries(
  days: { day: string; n: number }[],
  threshold = statsThreshold(),
): MetricSeries {
  const total = days.reduce((sum, d) => sum + d.n, 0);
  for (const granularity of ['day', 'week', 'month'] as const) {
    const buckets = new Map<string, number>();
    for (const { day, n } of days) {
      const key = periodStart(day, granularity);
      buckets.set(key, (buckets.get(key) ?? 0) + n);
    }
    const periods = [...buckets.entries()]
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => a.localeCompare(b));
    if (total >= threshold && periods.every(([, n]) => n >= threshold)) {
      return {
        total: String(total),
        granularity,
        periods: periods.map(([start, n]) => ({ start, count: String(n) })),
      };
    }
  }
  return { total: displayCount(total, threshold), granularity: 'total', periods: [] };
}

export interface OfferStats {
  id: string;
  titleJa: string;
  titleEn: string;
  status: ReviewStatus;
  pool: PoolDisplay;
  metrics: Record<Metric, MetricSeries>;
}

/** Per offer: views, claims and redemptions, each as a suppressed series. No grand totals
 * across offers (they would let a sponsor subtract one offer's hidden count). */
export async function getSponsorStats(
  sponsorId: string,
  threshold = statsThreshold(),
): Promise<OfferStats[]> {
  const offerRows = await db
    .select({
      id: offers.id,
      titleJa: offers.titleJa,
      titleEn: offers.titleEn,
      status: offers.status,
      // Qualified (q): in a one-table select drizzle writes bare column names.
      pool: sql<number>`(select count(*)::int from ${offerCodes} where ${q(offerCodes.offerId)} = ${q(offers.id)})`,
      handedOut: sql<number>`(select count(*)::int from ${offerCodes} where ${q(offerCodes.offerId)} = ${q(offers.id)} and ${q(offerCodes.status)} <> 'available')`,
    })
    .from(offers)
    .where(eq(offers.sponsorId, sponsorId))
    .orderBy(offers.createdAt);
  const activity = await selectRows<{ offer_id: string; kind: Metric; day: string; n: number }>(
    db,
    sql`
      SELECT a.offer_id, a.kind, to_char((a.occurred_at AT TIME ZONE ${OFFER_TIME_ZONE})::date, 'YYYY-MM-DD') AS day,
             count(*)::int AS n
      FROM ${offerActivity} a JOIN ${offers} o ON o.id = a.offer_id
      WHERE o.sponsor_id = ${sponsorId}
      GROUP BY 1, 2, 3
    `,
  );
  return offerRows.map((offer) => {
    const metrics = {} as Record<Metric, MetricSeries>;
    for (const metric of METRICS) {
      const days = activity
        .filter((row) => row.offer_id === offer.id && row.kind === metric)
        .map((row) => ({ day: row.day, n: Number(row.n) }));
      metrics[metric] = buildSeries(days, threshold);
    }
    return {
      id: offer.id,
      titleJa: offer.titleJa,
      titleEn: offer.titleEn,
      status: offer.status,
      pool: remainingDisplay(offer.pool, offer.handedOut, threshold),
      metrics,
    };
  });
}

/**
 * A code pool as the sponsor sees it, ready for one plain sentence (PoolSentence):
 * "45 of 50 codes handed out; 5 left". pool − remaining = codes handed out, so while fewer
 * than the threshold are handed out the page says only that, with the remainder as a range
 * ("fewer than 5 of 50 handed out, 46–50 left") — never the small count itself.
 */
export type PoolDisplay =
  | { kind: 'empty' }
  | { kind: 'exact'; total: string; handedOut: string; left: string }
  | { kind: 'range'; total: string; leftFrom: string; threshold: string };

export function remainingDisplay(
  pool: number,
  handedOut: number,
  threshold = statsThreshold(),
): PoolDisplay {
  if (pool === 0) return { kind: 'empty' };
  if (handedOut >= threshold) {
    return {
      kind: 'exact',
      total: String(pool),
      handedOut: String(handedOut),
      left: String(pool - handedOut),
    };
  }
  return {
    kind: 'range',
    total: String(pool),
    leftFrom: String(Math.max(0, pool - (threshold - 1))),
    threshold: String(threshold),
  };
}

export async function offerBelongsTo(sponsorId: string, offerId: string) {
  const [row] = await db
    .select({ id: offers.id })
    .from(offers)
    .where(and(eq(offers.id, offerId), eq(offers.sponsorId, sponsorId)));
  return Boolean(row);
}

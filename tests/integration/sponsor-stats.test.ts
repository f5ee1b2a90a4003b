import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { offerActivity } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { claimOffer } from '~/modules/sponsors/offer-claims.server';
import { buildSeries, remainingDisplay } from '~/modules/sponsors/sponsor-stats.server';
import * as statsRoute from '~/routes/sponsor.$sponsorId.stats';
import * as codesRoute from '~/routes/sponsor.$sponsorId.offers.$offerId.codes';
import { addMember, createTestEvent } from '../support/events';
import { callRoute, getRequest, jsonOf } from '../support/requests';
import { createLiveOffer, createTestSponsor } from '../support/sponsors';

let eventId = '';
let ownerUserId = '';
let sponsor: Awaited<ReturnType<typeof createTestSponsor>>;

beforeAll(async () => {
  const event = await createTestEvent('stats-race');
  eventId = event.eventId;
  ownerUserId = event.owner.userId;
  sponsor = await createTestSponsor(eventId, 'numbers@stats-sports.example');
});

describe('sponsor statistics', () => {
  it('shows 3 claims as "<5" everywhere — totals, breakdown and the pool left — and never the 3', async () => {
    const offerId = await createLiveOffer({ sponsor, ownerUserId, codes: 100 });
    for (let i = 0; i < 3; i += 1) {
      const m = await addMember(eventId, `three-${i}@stats.example`);
      expect((await claimOffer(eventId, m.membershipId, offerId)).ok).toBe(true);
    }
    const response = await callRoute(
      statsRoute.loader,
      getRequest(`/sponsor/${sponsor.sponsorId}/stats`, { cookie: sponsor.cookie }),
      {
        sponsorId: sponsor.sponsorId,
      },
    );
    const body = await jsonOf<{
      offers: {
        id: string;
        pool: unknown;
        metrics: Record<string, { total: string; periods: unknown[] }>;
      }[];
    }>(response);
    const offer = body.offers.find((o) => o.id === offerId)!;
    expect(offer.metrics.claim).toEqual({ total: '<5', granularity: 'total', periods: [] });
    // pool − remaining would give the claims away; it is a range while claims are few.
    expect(offer.pool).toEqual({ kind: 'range', total: '100', leftFrom: '96', threshold: '5' });
    expect(JSON.stringify(offer)).not.toMatch(/\b97\b|"3"/);

    const codes = await callRoute(
      codesRoute.loader,
      getRequest(`/sponsor/${sponsor.sponsorId}/offers/${offerId}/codes`, {
        cookie: sponsor.cookie,
      }),
      { sponsorId: sponsor.sponsorId, offerId },
    );
    expect((await jsonOf<{ pool: { shown: unknown } }>(codes)).pool.shown).toEqual({
      kind: 'range',
      total: '100',
      leftFrom: '96',
      threshold: '5',
    });
  });

  it('shows exact numbers once they reach the threshold, per day when every day has enough', async () => {
    const offerId = await createLiveOffer({ sponsor, ownerUserId, codes: 20 });
    const rows = [
      ...Array.from({ length: 6 }, () => ({
        offerId,
        kind: 'claim' as const,
        occurredAt: new Date('2027-03-01T03:00:00Z'),
      })),
      ...Array.from({ length: 7 }, () => ({
        offerId,
        kind: 'claim' as const,
        occurredAt: new Date('2027-03-02T03:00:00Z'),
      })),
    ];
    await db.insert(offerActivity).values(rows);
    const body = await jsonOf<{ offers: { id: string; metrics: Record<string, unknown> }[] }>(
      await callRoute(
        statsRoute.loader,
        getRequest(`/sponsor/${sponsor.sponsorId}/stats`, { cookie: sponsor.cookie }),
        {
          sponsorId: sponsor.sponsorId,
        },
      ),
    );
    expect(body.offers.find((o) => o.id === offerId)!.metrics.claim).toEqual({
      total: '13',
      granularity: 'day',
      periods: [
        { start: '2027-03-01', count: '6' },
        { start: '2027-03-02', count: '7' },
      ],
    });
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(offerActivity);
    expect(n).toBeGreaterThan(13);
  });

  it('never shows a breakdown from which a hidden day could be subtracted', () => {
    // Day 3 alone has 2: per-day rows next to the exact total would reveal it, so the
    // series moves up to weeks (both days fall in one week).
    const days = [
      { day: '2027-03-01', n: 9 },
      { day: '2027-03-03', n: 2 },
    ];
    expect(buildSeries(days, 5)).toEqual({
      total: '11',
      granularity: 'week',
      periods: [{ start: '2027-03-01', count: '11' }],
    });
    // Weeks with a small one → months; a small month → only the total.
    expect(
      buildSeries(
        [
          { day: '2027-03-01', n: 9 },
          { day: '2027-03-10', n: 1 },
        ],
        5,
      ).granularity,
    ).toBe('month');
    expect(
      buildSeries(
        [
          { day: '2027-03-01', n: 9 },
          { day: '2027-04-10', n: 1 },
        ],
        5,
      ),
    ).toEqual({ total: '10', granularity: 'total', periods: [] });
    expect(buildSeries([{ day: '2027-03-01', n: 4 }], 5).total).toBe('<5');
    expect(buildSeries([], 5).total).toBe('<5');
    // Every shown period is ≥ the threshold and they add up to the total.
    for (const series of [
      buildSeries(days, 5),
      buildSeries(
        [
          { day: '2027-03-01', n: 5 },
          { day: '2027-03-02', n: 12 },
        ],
        5,
      ),
    ]) {
      const shown = series.periods.map((p) => Number(p.count));
      expect(shown.every((n) => n >= 5)).toBe(true);
      if (shown.length) expect(shown.reduce((a, b) => a + b, 0)).toBe(Number(series.total));
    }
    expect(remainingDisplay(100, 5, 5)).toEqual({
      kind: 'exact',
      total: '100',
      handedOut: '5',
      left: '95',
    });
    expect(remainingDisplay(100, 0, 5)).toEqual({
      kind: 'range',
      total: '100',
      leftFrom: '96',
      threshold: '5',
    });
    expect(remainingDisplay(0, 0, 5)).toEqual({ kind: 'empty' });
  });
});

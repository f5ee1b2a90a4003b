/**
 * Names staff type — event, organizer, channel, sponsor — keep their Japanese punctuation
 * (NFKC would turn （）！ into ASCII), and their English is optional: left empty, English readers
 * see the Japanese name (issue 15).
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { channels, events, sponsors } from '~db/schema';
import { db } from '~/modules/database/database.server';
import * as newEventRoute from '~/routes/events.new';
import * as channelsRoute from '~/routes/staff.$slug.channels';
import * as sponsorsRoute from '~/routes/staff.$slug.sponsors._index';
import { signedInUser } from '../support/auth';
import { createTestEvent } from '../support/events';
import { callRoute, formRequest } from '../support/requests';
import { submissionErrors } from '../support/submission';

let event: Awaited<ReturnType<typeof createTestEvent>>;
beforeAll(async () => {
  event = await createTestEvent('display-names-2027');
});

describe('names as typed, English optional', () => {
  it('an event: full-width brackets kept, the Japanese stored for English readers', async () => {
    const creator = await signedInUser('creator@display-names.example');
    const response = await callRoute(
      newEventRoute.action,
      formRequest(
        '/events/new',
        {
          nameJa: ' 第10回 みなと駅伝（市民の部）！ ',
          nameEn: '',
          eventDate: '2027-02-14',
          slug: 'minato-ekiden-2027',
          organizerNameJa: 'みなと駅伝実行委員会（事務局：市スポーツ課）',
          organizerNameEn: '',
          contactEmail: 'office@minato.example',
        },
        { cookie: creator.cookie },
      ),
    );
    expect(response.status).toBe(302);
    const [row] = await db.select().from(events).where(eq(events.slug, 'minato-ekiden-2027'));
    expect(row.nameJa).toBe('第10回 みなと駅伝（市民の部）！');
    expect(row.nameEn).toBe(row.nameJa);
    expect(row.organizerNameJa).toBe('みなと駅伝実行委員会（事務局：市スポーツ課）');
    expect(row.organizerNameEn).toBe(row.organizerNameJa);
  });

  it('a channel', async () => {
    const response = await callRoute(
      channelsRoute.action,
      formRequest(
        `/staff/${event.slug}/channels`,
        { nameJa: 'コース情報（ハーフ）', nameEn: '', slug: 'course-half' },
        { cookie: event.owner.cookie },
      ),
      { slug: event.slug },
    );
    expect(response.status).toBeLessThan(400);
    const [row] = await db.select().from(channels).where(eq(channels.slug, 'course-half'));
    expect(row.nameJa).toBe('コース情報（ハーフ）');
    expect(row.nameEn).toBe('コース情報（ハーフ）');
  });

  it('a sponsor', async () => {
    const response = await callRoute(
      sponsorsRoute.action,
      formRequest(
        `/staff/${event.slug}/sponsors`,
        { nameJa: 'みなと商店（駅前店）', nameEn: '', email: 'shop@minato.example', locale: 'ja' },
        { cookie: event.owner.cookie },
      ),
      { slug: event.slug },
    );
    expect(response.status).toBeLessThan(400);
    const [row] = await db.select().from(sponsors).where(eq(sponsors.eventId, event.eventId));
    expect(row.nameJa).toBe('みなと商店（駅前店）');
    expect(row.nameEn).toBe('みなと商店（駅前店）');
  });

  it('still asks for the Japanese name', async () => {
    const response = await callRoute(
      sponsorsRoute.action,
      formRequest(
        `/staff/${event.slug}/sponsors`,
        { nameJa: ' ', nameEn: 'Minato Shop', email: 'shop2@minato.example', locale: 'ja' },
        { cookie: event.owner.cookie },
      ),
      { slug: event.slug },
    );
    expect(response.status).toBe(400);
    expect((await submissionErrors(response)).nameJa).toBe(translate('ja', 'form.required'));
  });
});

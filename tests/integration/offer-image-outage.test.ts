import { count, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { offers } from '~db/schema';
import { translate } from '~/i18n/translate';
import { db } from '~/modules/database/database.server';
import { StorageUnavailableError } from '~/modules/storage/object-storage';
import { offerImageStorage } from '~/modules/storage/storages.server';
import * as newOfferRoute from '~/routes/sponsor.$sponsorId.offers.new';
import { createTestEvent } from '../support/events';
import { callRoute } from '../support/requests';
import { createTestSponsor, multipartRequest, offerForm } from '../support/sponsors';
import { pngBytes } from '../support/video';

describe('saving an offer while the image store is down', () => {
  it('answers the form 503 with a localized line and creates no offer; it saves once the store is back', async () => {
    const event = await createTestEvent('offer-outage');
    const sponsor = await createTestSponsor(event.eventId, 'outage@shop.example');
    const post = () =>
      callRoute(
        newOfferRoute.action,
        multipartRequest(
          `/sponsor/${sponsor.sponsorId}/offers/new`,
          offerForm(),
          { image: { bytes: pngBytes(), name: 'banner.png', type: 'image/png' } },
          { cookie: sponsor.cookie },
        ),
        { sponsorId: sponsor.sponsorId },
      );
    const offerCount = async () =>
      (
        await db.select({ n: count() }).from(offers).where(eq(offers.sponsorId, sponsor.sponsorId))
      )[0].n;

    const write = vi
      .spyOn(offerImageStorage, 'write')
      .mockRejectedValueOnce(new StorageUnavailableError('s3', 'write', 'ECONNREFUSED'));
    const refused = await post();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('Retry-After')).toBe('5');
    expect(((await refused.json()) as { formError: string }).formError).toBe(
      translate('ja', 'storage.saveUnavailable'),
    );
    expect(await offerCount()).toBe(0);

    write.mockRestore();
    const saved = await post();
    expect(saved.status).toBe(302);
    expect(await offerCount()).toBe(1);
  });
});

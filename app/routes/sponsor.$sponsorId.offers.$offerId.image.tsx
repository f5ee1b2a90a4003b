import type { LoaderFunctionArgs } from '@remix-run/node';
import { imageResponse } from '~/modules/sponsors/offer-image.server';
import { getOfferImageForSponsor } from '~/modules/sponsors/offers.server';
import { requireSponsor } from '~/modules/sponsors/sponsor-access.server';

// The working copy's image, for the sponsor's own editor.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { sponsor } = await requireSponsor(request, params.sponsorId);
  return imageResponse(request, await getOfferImageForSponsor(sponsor.id, params.offerId ?? ''));
}

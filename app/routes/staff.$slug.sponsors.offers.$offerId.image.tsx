import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireStaff } from '~/modules/events/staff-access.server';
import { imageResponse } from '~/modules/sponsors/offer-image.server';
import { getOfferImageForReview } from '~/modules/sponsors/sponsor-review.server';

// The working copy's image, for the owner reviewing it.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event } = await requireStaff(request, params.slug, 'owner', context);
  return imageResponse(request, await getOfferImageForReview(event.id, params.offerId ?? ''));
}

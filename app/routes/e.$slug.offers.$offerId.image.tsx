import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireMember } from '~/modules/membership/member-access.server';
import { getOfferImageForMember } from '~/modules/sponsors/offer-claims.server';
import { imageResponse } from '~/modules/sponsors/offer-image.server';

// The approved copy's image, for members only.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, membership } = await requireMember(request, params.slug, context);
  return imageResponse(
    request,
    await getOfferImageForMember(event.id, membership.id, params.offerId ?? ''),
  );
}

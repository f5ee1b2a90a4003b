import type { LoaderFunctionArgs } from '@remix-run/node';
import { authorizeMediaRequest } from '~/modules/video/video-access.server';
import { mediaRefused, videoResponse } from '~/modules/video/media-response.server';

/**
 * The video bytes, for the player only: a short-lived token bound to the viewer's session,
 * checked together with the session cookie and the viewer's membership on every request.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await authorizeMediaRequest(request, {
    videoId: params.videoId,
    token: new URL(request.url).searchParams.get('token'),
    purpose: 'video',
  });
  if (!access.ok) return mediaRefused(access.status);
  return videoResponse(request, access.video);
}

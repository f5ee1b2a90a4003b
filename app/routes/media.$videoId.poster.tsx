import type { LoaderFunctionArgs } from '@remix-run/node';
import { authorizeMediaRequest } from '~/modules/video/video-access.server';
import { mediaRefused, posterResponse } from '~/modules/video/media-response.server';

/** A video's poster image, under the same session-bound token rules as the video itself. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await authorizeMediaRequest(request, {
    videoId: params.videoId,
    token: new URL(request.url).searchParams.get('token'),
    purpose: 'poster',
  });
  if (!access.ok) return mediaRefused(access.status);
  return posterResponse(request, access.video);
}

import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/session.server';
import { myDataDownload } from '~/modules/membership/member-rights.server';

// The same download as on a community's settings page, for any signed-in person.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return myDataDownload(user.id, 'account');
}

import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireMember } from '~/modules/membership/member-access.server';
import { myDataDownload } from '~/modules/membership/member-rights.server';

// GET is fine here: the download changes nothing but the audit log's record that it
// happened. It carries the person's own data only, so it is never cached anywhere.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, event } = await requireMember(request, params.slug, context);
  return myDataDownload(user.id, event.slug);
}

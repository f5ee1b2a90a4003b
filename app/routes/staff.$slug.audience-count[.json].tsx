import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { audienceSchema, parseFields, submittedFields } from '~/modules/announcements/draft-form';
import { countAudience } from '~/modules/announcements/audience-snapshot.server';
import { filterOf } from '~/modules/announcements/drafts.server';
import { unknownCategories } from '~/modules/announcements/event-categories.server';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';

// The draft form's live recipient count, for those who write drafts. A number only: never a
// name, alias or address. The count is a guide; the preview's snapshot is what is sent (P4).
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event } = await requireStaff(request, params.slug, 'editor', context);
  const t = getTranslator(request);
  const headers = { 'Cache-Control': 'private, no-store' };
  const query = parseFields(submittedFields(new URL(request.url).searchParams), audienceSchema, t);
  if (!query.ok) {
    const [message] = Object.values(query.fieldErrors);
    return json({ error: 'bad_query', message }, { status: 400, headers });
  }
  if ((await unknownCategories(event.id, query.data.category)).length > 0) {
    const message = t('announcements.form.categoryUnknown');
    return json({ error: 'unknown_category', message }, { status: 400, headers });
  }
  const count = await countAudience(event.id, query.data.audienceMode, filterOf(query.data));
  return json({ count }, { headers });
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { AnnouncementDraftForm, type DraftValues } from '~/components/announcement-draft-form';
import { useT } from '~/i18n/use-t';
import { draftSchema, parseFields, submittedFields } from '~/modules/announcements/draft-form';
import { createDraft } from '~/modules/announcements/drafts.server';
import { listEventCategories } from '~/modules/announcements/event-categories.server';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { listEventChannels } from '~/modules/membership/channel-preferences.server';
import { readFormData } from '~/utils/form.server';
import { pageTitle } from '~/utils/page-title';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'editor');
  const [channels, categories] = await Promise.all([
    listEventChannels(event.id),
    listEventCategories(event.id),
  ]);
  return json(
    { event, role, channels, categories },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, params.slug, 'editor');
  const t = getTranslator(request);
  const fields = submittedFields(await readFormData(request, t));
  const form = parseFields(fields, draftSchema, t);
  if (!form.ok)
    return json({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  const result = await createDraft(staff, form.data);
  if (!result.ok) {
    const fieldErrors =
      result.reason === 'category'
        ? { category: t('announcements.form.categoryUnknown') }
        : { channelId: t('announcements.form.channelUnknown') };
    return json(
      { fieldErrors, values: fields },
      { status: result.reason === 'forbidden' ? 403 : 400 },
    );
  }
  return redirect(`/staff/${staff.event.slug}/announcements/${result.id}`);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'announcements.new.title');

export default function NewAnnouncement() {
  const { event, channels, categories } = useLoaderData<typeof loader>();
  const actionData = useActionData<{
    fieldErrors?: Record<string, string>;
    values?: DraftValues;
  }>();
  const t = useT();
  return (
    <>
      <section className="card">
        <h1>{t('announcements.new.title')}</h1>
        <AnnouncementDraftForm
          channels={channels}
          categories={categories}
          slug={event.slug}
          values={actionData?.values ?? {}}
          errors={actionData?.fieldErrors}
          cancelTo={`/staff/${event.slug}/announcements`}
        />
      </section>
    </>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { AnnouncementDraftForm } from '~/components/announcement-draft-form';
import { useT } from '~/i18n/use-t';
import { draftSchema } from '~/modules/announcements/draft-form';
import { createDraft } from '~/modules/announcements/drafts.server';
import { listEventCategories } from '~/modules/announcements/event-categories.server';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { listEventChannels } from '~/modules/membership/channel-preferences.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { pageTitle } from '~/utils/page-title';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'editor', context);
  const [channels, categories] = await Promise.all([
    listEventChannels(event.id),
    listEventCategories(event.id),
  ]);
  return json(
    { event, role, channels, categories },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, params.slug, 'editor', context);
  const submission = await parseSubmission(request, draftSchema, getTranslator(request));
  if (submission.status !== 'success') return refuseSubmission(submission);
  const result = await createDraft(staff, submission.value);
  if (!result.ok) {
    const fieldErrors =
      result.reason === 'category'
        ? { category: 'announcements.form.categoryUnknown' as const }
        : { channelId: 'announcements.form.channelUnknown' as const };
    return refuseSubmission(submission, { fieldErrors }, result.reason === 'forbidden' ? 403 : 400);
  }
  return redirect(`/staff/${staff.event.slug}/announcements/${result.id}`);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'announcements.new.title');

export default function NewAnnouncement() {
  const { event, channels, categories } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <section className="card">
        <h1>{t('announcements.new.title')}</h1>
        <AnnouncementDraftForm
          channels={channels}
          categories={categories}
          slug={event.slug}
          actionData={actionData}
          cancelTo={`/staff/${event.slug}/announcements`}
        />
      </section>
    </>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';

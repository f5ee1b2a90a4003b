import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { AnnouncementDraftForm, type DraftValues } from '~/components/announcement-draft-form';
import { useT } from '~/i18n/use-t';
import { canEdit } from '~/modules/announcements/announcement-policy';
import { audienceCriteria } from '~/modules/announcements/audience-filter';
import { draftSchema } from '~/modules/announcements/draft-form';
import { getAnnouncement, updateDraft } from '~/modules/announcements/drafts.server';
import { listEventCategories } from '~/modules/announcements/event-categories.server';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { listEventChannels } from '~/modules/membership/channel-preferences.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { pageTitle } from '~/utils/page-title';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'editor', context);
  const a = await getAnnouncement(event.id, params.announcementId ?? '');
  if (!a) throw new Response(null, { status: 404 });
  if (!canEdit(role, a)) throw redirect(`/staff/${event.slug}/announcements/${a.id}`);
  const [channels, categories] = await Promise.all([
    listEventChannels(event.id),
    listEventCategories(event.id),
  ]);
  // An old draft's single `category` reads as a list of one (audienceCriteria).
  const filter = audienceCriteria(a.audienceFilter);
  const values: DraftValues = {
    channelId: a.channelId,
    titleJa: a.titleJa,
    bodyJa: a.bodyJa,
    titleEn: a.titleEn,
    bodyEn: a.bodyEn,
    audienceMode: a.audienceMode,
    bibFrom: filter.bibFrom?.toString() ?? '',
    bibTo: filter.bibTo?.toString() ?? '',
    category: filter.categories,
  };
  return json(
    { event, role, channels, categories, id: a.id, values },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, params.slug, 'editor', context);
  const submission = await parseSubmission(request, draftSchema, getTranslator(request));
  if (submission.status !== 'success') return refuseSubmission(submission);
  const result = await updateDraft(staff, params.announcementId ?? '', submission.value);
  if (!result.ok) {
    if (result.reason === 'category') {
      return refuseSubmission(submission, {
        fieldErrors: { category: 'announcements.form.categoryUnknown' },
      });
    }
    return refuseSubmission(
      submission,
      {
        formError:
          result.reason === 'channel'
            ? 'announcements.form.channelUnknown'
            : 'announcements.form.notEditable',
      },
      result.reason === 'not_draft' ? 409 : 400,
    );
  }
  return redirect(`/staff/${staff.event.slug}/announcements/${result.id}`);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'announcements.edit.title');

export default function EditAnnouncement() {
  const { event, channels, categories, id, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <section className="card">
        <h1>{t('announcements.edit.title')}</h1>
        <AnnouncementDraftForm
          channels={channels}
          categories={categories}
          slug={event.slug}
          defaultValue={values}
          actionData={actionData}
          cancelTo={`/staff/${event.slug}/announcements/${id}`}
        />
      </section>
    </>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';

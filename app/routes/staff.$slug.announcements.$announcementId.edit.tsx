import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { AnnouncementDraftForm, type DraftValues } from '~/components/announcement-draft-form';
import { StaffNav } from '~/components/staff-nav';
import { useT } from '~/i18n/use-t';
import { canEdit } from '~/modules/announcements/announcement-policy';
import { draftSchema } from '~/modules/announcements/draft-form';
import { getAnnouncement, updateDraft } from '~/modules/announcements/drafts.server';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { listEventChannels } from '~/modules/membership/channel-preferences.server';
import { formErrorResponse, parseForm, readFormData } from '~/utils/form.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'editor');
  const a = await getAnnouncement(event.id, params.announcementId ?? '');
  if (!a) throw new Response(null, { status: 404 });
  if (!canEdit(role, a)) throw redirect(`/staff/${event.slug}/announcements/${a.id}`);
  const channels = await listEventChannels(event.id);
  const values: DraftValues = {
    channelId: a.channelId,
    titleJa: a.titleJa,
    bodyJa: a.bodyJa,
    titleEn: a.titleEn,
    bodyEn: a.bodyEn,
    audienceMode: a.audienceMode,
    bibFrom: a.audienceFilter.bibFrom?.toString() ?? '',
    bibTo: a.audienceFilter.bibTo?.toString() ?? '',
    category: a.audienceFilter.category ?? '',
  };
  return json(
    { event, role, channels, id: a.id, values },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, params.slug, 'editor');
  const t = getTranslator(request);
  const form = parseForm(await readFormData(request, t), draftSchema, t);
  if (!form.ok) return formErrorResponse(form);
  const result = await updateDraft(staff, params.announcementId ?? '', form.data);
  if (!result.ok) {
    const message =
      result.reason === 'channel'
        ? t('announcements.form.channelUnknown')
        : t('announcements.form.notEditable');
    return json(
      { fieldErrors: {}, values: {}, formError: message },
      { status: result.reason === 'not_draft' ? 409 : 400 },
    );
  }
  return redirect(`/staff/${staff.event.slug}/announcements/${result.id}`);
}

export const meta: MetaFunction = () => [{ title: 'Startline' }];

export default function EditAnnouncement() {
  const { event, role, channels, id, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<{
    fieldErrors?: Record<string, string>;
    values?: DraftValues;
    formError?: string;
  }>();
  const t = useT();
  return (
    <>
      <StaffNav slug={event.slug} role={role} />
      <section className="card">
        <h1>{t('announcements.edit.title')}</h1>
        {actionData?.formError ? (
          <p className="alert alert--error" role="alert">
            {actionData.formError}
          </p>
        ) : null}
        <AnnouncementDraftForm
          channels={channels}
          values={
            actionData?.values && Object.keys(actionData.values).length ? actionData.values : values
          }
          errors={actionData?.fieldErrors}
          cancelTo={`/staff/${event.slug}/announcements/${id}`}
        />
      </section>
    </>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { AnnouncementDraftForm, type DraftValues } from '~/components/announcement-draft-form';
import { StaffNav } from '~/components/staff-nav';
import { useT } from '~/i18n/use-t';
import { draftSchema } from '~/modules/announcements/draft-form';
import { createDraft } from '~/modules/announcements/drafts.server';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { listEventChannels } from '~/modules/membership/channel-preferences.server';
import { formErrorResponse, parseForm, readFormData } from '~/utils/form.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'editor');
  const channels = await listEventChannels(event.id);
  return json({ event, role, channels }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, params.slug, 'editor');
  const t = getTranslator(request);
  const form = parseForm(await readFormData(request, t), draftSchema, t);
  if (!form.ok) return formErrorResponse(form);
  const result = await createDraft(staff, form.data);
  if (!result.ok) {
    return json(
      { fieldErrors: { channelId: t('announcements.form.channelUnknown') }, values: {} },
      { status: result.reason === 'forbidden' ? 403 : 400 },
    );
  }
  return redirect(`/staff/${staff.event.slug}/announcements/${result.id}`);
}

export const meta: MetaFunction = () => [{ title: 'Startline' }];

export default function NewAnnouncement() {
  const { event, role, channels } = useLoaderData<typeof loader>();
  const actionData = useActionData<{
    fieldErrors?: Record<string, string>;
    values?: DraftValues;
  }>();
  const t = useT();
  return (
    <>
      <StaffNav slug={event.slug} role={role} />
      <section className="card">
        <h1>{t('announcements.new.title')}</h1>
        <AnnouncementDraftForm
          channels={channels}
          values={actionData?.values ?? {}}
          errors={actionData?.fieldErrors}
          cancelTo={`/staff/${event.slug}/announcements`}
        />
      </section>
    </>
  );
}

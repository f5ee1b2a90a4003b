import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { FormField, TextAreaField } from '~/components/form-field';
import { LocalTime } from '~/components/local-time';
import { ContentLanguageMark } from '~/components/content-language-mark';
import { VideoStateBadge } from '~/components/video-state-badge';
import type { MessageKey } from '~/i18n/messages';
import { useT } from '~/i18n/use-t';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import {
  editVideoDetails,
  findVideoForStaff,
  setVideoPublished,
  videoActionSchema,
} from '~/modules/video/video-management.server';
import { formatBytes } from '~/modules/video/video-upload.server';
import { pickContent } from '~/utils/content-language';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { getFormProps, lastSubmission, useStartlineForm } from '~/utils/forms';
import { videoDetailsSchema } from '~/modules/video/video-details-form';
import { pageTitle } from '~/utils/page-title';

/** The banner after each action (`?done=`); anything else shows none. */
const DONE: Record<string, MessageKey> = {
  saved: 'video.manage.saved',
  unpublished: 'video.manage.unpublishedDone',
  published: 'video.manage.publishedDone',
  replaced: 'video.manage.replaced',
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'viewer', context);
  const video = await findVideoForStaff(event.id, params.videoId);
  if (!video) throw new Response(null, { status: 404 });
  const locale = getLocale(request);
  return json({
    event: { slug: event.slug, name: locale === 'ja' ? event.nameJa : event.nameEn },
    role,
    video: {
      id: video.id,
      heading: pickContent(video.titleJa, video.titleEn, locale),
      titleJa: video.titleJa,
      titleEn: video.titleEn,
      descriptionJa: video.descriptionJa,
      descriptionEn: video.descriptionEn,
      format: video.contentType === 'video/mp4' ? 'MP4' : 'WebM',
      size: formatBytes(video.sizeBytes),
      hasPoster: video.hasPoster,
      createdAt: video.createdAt.toISOString(),
      updatedAt: video.updatedAt?.toISOString() ?? null,
      published: video.unpublishedAt === null,
    },
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { event, user } = await requireStaff(request, params.slug, 'editor', context);
  const submission = await parseSubmission(request, videoActionSchema, getTranslator(request));
  if (submission.status !== 'success') return refuseSubmission(submission);
  const { value } = submission;
  const videoId = params.videoId ?? '';
  const base = `/staff/${event.slug}/videos/${videoId}`;
  const input = { eventId: event.id, videoId, actorUserId: user.id };
  if (value.intent === 'edit') {
    const { intent: _intent, ...details } = value;
    if (!(await editVideoDetails({ ...input, details }))) throw new Response(null, { status: 404 });
    return redirect(`${base}?done=saved`);
  }
  const published = value.intent === 'publish';
  const outcome = await setVideoPublished({ ...input, published });
  if (outcome === 'not-found') throw new Response(null, { status: 404 });
  return redirect(`${base}?done=${published ? 'published' : 'unpublished'}`);
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, args.data ? { text: args.data.video.heading.text } : 'video.staff.title');

export default function ManageVideo() {
  const { event, role, video } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useStartlineForm(videoDetailsSchema, actionData, { defaultValue: video });
  // A forged or stale intent: no field to show it by.
  const badIntent = Boolean(lastSubmission(actionData)?.error?.intent);
  const t = useT();
  const [params] = useSearchParams();
  const done = DONE[params.get('done') ?? ''];
  const canManage = role !== 'viewer';
  const base = `/staff/${event.slug}/videos/${video.id}`;
  return (
    <>
      <h1>
        <span lang={video.heading.lang}>{video.heading.text}</span>{' '}
        <ContentLanguageMark lang={video.heading.lang} />
      </h1>
      <p>
        <Link to={`/staff/${event.slug}/videos`}>{t('video.upload.cancel')}</Link>
      </p>
      {done ? (
        <p className="alert alert--ok" role="status">
          {t(done)}
        </p>
      ) : null}
      {badIntent ? (
        <p className="alert alert--error" role="alert">
          {t('form.errorSummary')}
        </p>
      ) : null}

      <section className="card" aria-labelledby="video-state">
        <h2 id="video-state">
          {t('video.manage.state')} <VideoStateBadge published={video.published} />
        </h2>
        <p>{t(video.published ? 'video.manage.publishedHelp' : 'video.manage.unpublishedHelp')}</p>
        <dl className="stat-facts">
          <div>
            <dt>{t('video.staff.format')}</dt>
            <dd>{video.format}</dd>
          </div>
          <div>
            <dt>{t('video.staff.size')}</dt>
            <dd>{video.size}</dd>
          </div>
          <div>
            <dt>{t('video.staff.uploadedAt')}</dt>
            <dd>
              <LocalTime value={video.createdAt} />
            </dd>
          </div>
          {video.updatedAt ? (
            <div>
              <dt>{t('video.manage.updatedAt')}</dt>
              <dd>
                <LocalTime value={video.updatedAt} />
              </dd>
            </div>
          ) : null}
        </dl>
        <div className="video-upload__actions">
          <Link to={`/e/${event.slug}/videos/${video.id}`} className="button button--quiet">
            {t('video.staff.preview')}
          </Link>
          {canManage ? (
            <Form method="post">
              <input
                type="hidden"
                name="intent"
                value={video.published ? 'unpublish' : 'publish'}
              />
              <button type="submit" className={video.published ? 'button button--quiet' : 'button'}>
                {t(video.published ? 'video.manage.unpublish' : 'video.manage.publish')}
              </button>
            </Form>
          ) : null}
        </div>
      </section>

      <section className="card" aria-labelledby="video-details">
        <h2 id="video-details">{t('video.manage.details')}</h2>
        {canManage ? (
          <Form method="post" className="video-upload" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="edit" />
            <FormField field={fields.titleJa} label={t('video.upload.titleJa')} lang="ja" />
            <FormField
              field={fields.titleEn}
              label={t('video.upload.titleEn')}
              hint={t('video.upload.titleEnHint')}
              lang="en"
            />
            <TextAreaField
              field={fields.descriptionJa}
              label={t('video.upload.descriptionJa')}
              lang="ja"
              rows={3}
            />
            <TextAreaField
              field={fields.descriptionEn}
              label={t('video.upload.descriptionEn')}
              lang="en"
              rows={3}
            />
            <div className="video-upload__actions">
              <button type="submit" className="button">
                {t('video.manage.save')}
              </button>
            </div>
          </Form>
        ) : (
          <dl className="video-details">
            <dt>{t('video.upload.titleJa')}</dt>
            <dd lang="ja">{video.titleJa}</dd>
            <dt>{t('video.upload.titleEn')}</dt>
            <dd lang="en">{video.titleEn || t('video.manage.none')}</dd>
            <dt>{t('video.upload.descriptionJa')}</dt>
            <dd lang="ja" className="prewrap">
              {video.descriptionJa || t('video.manage.none')}
            </dd>
            <dt>{t('video.upload.descriptionEn')}</dt>
            <dd lang="en" className="prewrap">
              {video.descriptionEn || t('video.manage.none')}
            </dd>
          </dl>
        )}
      </section>

      {canManage ? (
        <>
          <section className="card" aria-labelledby="video-replace">
            <h2 id="video-replace">{t('video.replace.title')}</h2>
            <p>{t('video.replace.intro')}</p>
            <Link to={`${base}/replace`} className="button button--quiet">
              {t('video.replace.open')}
            </Link>
          </section>
          <section className="card card--danger" aria-labelledby="video-delete">
            <h2 id="video-delete">{t('video.delete.title')}</h2>
            <p>{t('video.delete.intro')}</p>
            <Link to={`${base}/delete`} className="button button--quiet">
              {t('video.delete.open')}
            </Link>
          </section>
        </>
      ) : null}
    </>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';

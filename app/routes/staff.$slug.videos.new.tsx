import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FormField, TextAreaField } from '~/components/form-field';
import { UploadProgress, useProgressUpload } from '~/components/upload-progress';
import { useT } from '~/i18n/use-t';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import {
  formatBytes,
  POSTER_MAX_BYTES,
  receiveVideoUpload,
  videoUploadLimit,
} from '~/modules/video/video-upload.server';
import { videoDetailsSchema } from '~/modules/video/video-details-form';
import { getFormProps, useStartlineForm } from '~/utils/forms';
import { pageTitle } from '~/utils/page-title';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'editor', context);
  const locale = getLocale(request);
  return json({
    event: { slug: event.slug, name: locale === 'ja' ? event.nameJa : event.nameEn },
    role,
    limits: { video: formatBytes(videoUploadLimit()), poster: formatBytes(POSTER_MAX_BYTES) },
  });
}

// Multipart, streamed to storage as it arrives (see receiveVideoUpload); the usual
// readFormData would hold the whole file in memory — so not parseSubmission: the upload
// checks the texts with the same videoDetailsSchema the browser uses below, and answers with
// its own refusal (translated text), which the progress upload reads too.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { event, user } = await requireStaff(request, params.slug, 'editor', context);
  const t = getTranslator(request);
  const result = await receiveVideoUpload({ request, event, actorUserId: user.id, t });
  if (!result.ok) {
    return json(
      { formError: result.formError, fieldErrors: result.fieldErrors, values: result.values },
      { status: result.status },
    );
  }
  return redirect(`/staff/${event.slug}/videos?uploaded=1`);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'video.upload.title');

export default function UploadVideo() {
  const { event, limits } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // The texts are checked in the browser with the upload's schema (limits from it, not
  // written here); the files are the server's to judge.
  const [form, fields] = useStartlineForm(videoDetailsSchema, undefined);
  const navigation = useNavigation();
  const upload = useProgressUpload();
  const submitting = navigation.state === 'submitting' || upload.uploading;
  const t = useT();
  // An answer to the progress upload is newer than one to a plain post.
  const shown = upload.result ?? actionData;
  const errors = shown?.fieldErrors ?? {};
  const values = actionData?.values ?? {};
  return (
    <>
      <h1>{t('video.upload.title')}</h1>
      <section className="card">
        <p className="lead">{t('video.upload.intro', { size: limits.video })}</p>
        {shown?.formError ? (
          <p className="alert alert--error" role="alert">
            {shown.formError}
          </p>
        ) : null}
        <Form
          method="post"
          encType="multipart/form-data"
          className="video-upload"
          {...getFormProps(form)}
          onSubmit={(event) => {
            // The schema first: with a text refused, nothing is uploaded.
            form.onSubmit(event);
            if (!event.defaultPrevented) upload.onSubmit(event);
          }}
        >
          <FormField
            field={fields.titleJa}
            label={t('video.upload.titleJa')}
            lang="ja"
            defaultValue={values.titleJa ?? ''}
            error={errors.titleJa}
          />
          <FormField
            field={fields.titleEn}
            label={t('video.upload.titleEn')}
            hint={t('video.upload.titleEnHint')}
            lang="en"
            defaultValue={values.titleEn ?? ''}
            error={errors.titleEn}
          />
          <TextAreaField
            field={fields.descriptionJa}
            label={t('video.upload.descriptionJa')}
            lang="ja"
            rows={3}
            defaultValue={values.descriptionJa ?? ''}
            error={errors.descriptionJa}
          />
          <TextAreaField
            field={fields.descriptionEn}
            label={t('video.upload.descriptionEn')}
            lang="en"
            rows={3}
            defaultValue={values.descriptionEn ?? ''}
            error={errors.descriptionEn}
          />
          <FormField
            name="video"
            type="file"
            label={t('video.upload.file')}
            hint={t('video.upload.fileHint', { size: limits.video })}
            accept="video/mp4,video/webm,.mp4,.webm"
            required
            error={errors.video}
          />
          <FormField
            name="poster"
            type="file"
            label={t('video.upload.poster')}
            hint={t('video.upload.posterHint', { size: limits.poster })}
            accept="image/png,image/jpeg,image/webp"
            error={errors.poster}
          />
          <UploadProgress state={upload.state} onCancel={upload.cancel} />
          <div className="video-upload__actions">
            <button type="submit" className="button" disabled={submitting}>
              {submitting ? t('video.upload.submitting') : t('video.upload.submit')}
            </button>
            <Link to={`/staff/${event.slug}/videos`} className="button button--quiet">
              {t('video.upload.cancel')}
            </Link>
          </div>
        </Form>
      </section>
    </>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { AudienceLine } from '~/components/announcement-audience';
import { AnnouncementStatusBadge } from '~/components/announcement-status-badge';
import { LocalTime } from '~/components/local-time';
import { SendProgressPanel } from '~/components/send-progress';
import { announcementScheduleRefusal } from '~/i18n/key-families';
import { useLocale, useT } from '~/i18n/use-t';
import {
  canApproveContent,
  canEdit,
  canPreview,
  contentApproved,
} from '~/modules/announcements/announcement-policy';
import { contentFor } from '~/modules/announcements/announcement-email.server';
import { freezeAudience } from '~/modules/announcements/audience-snapshot.server';
import { approveContent, getAnnouncement } from '~/modules/announcements/drafts.server';
import {
  cancelScheduledSend,
  sendTestEmail,
} from '~/modules/announcements/send-announcement.server';
import { deliveryCounts } from '~/modules/delivery/delivery-status.server';
import { forbiddenBelow, requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { streamProgress } from '~/modules/mail/send-progress.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { errorText, lastSubmission } from '~/utils/constraint-forms';
import { pageTitle } from '~/utils/page-title';

const intentSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('approve'), revision: z.coerce.number().int().positive() }),
    z.object({ intent: z.literal('preview') }),
    z.object({ intent: z.literal('test') }),
    z.object({ intent: z.literal('cancel_schedule') }),
  ],
  { error: 'form.errorSummary' },
);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'viewer', context);
  const a = await getAnnouncement(event.id, params.announcementId ?? '');
  if (!a) throw new Response(null, { status: 404 });
  const ja = a.titleJa ? contentFor({ ...a, titleEn: '', bodyEn: '' }, 'ja') : null;
  const en = a.titleEn ? contentFor({ ...a, titleJa: '', bodyJa: '' }, 'en') : null;
  const counts = a.status === 'draft' ? null : await deliveryCounts(a.id);
  const progress =
    a.status === 'draft' ? null : await streamProgress(event.id, { subjectId: a.id });
  return json(
    {
      event,
      role,
      announcement: {
        id: a.id,
        status: a.status,
        revision: a.revision,
        channelNameJa: a.channelNameJa,
        channelNameEn: a.channelNameEn,
        audienceMode: a.audienceMode,
        audienceFilter: a.audienceFilter,
        editedByRole: a.editedByRole,
        publishedAt: a.publishedAt?.toISOString() ?? null,
        scheduledAt: a.scheduledAt?.toISOString() ?? null,
        urgent: a.urgent,
        updatedAt: a.updatedAt.toISOString(),
      },
      versions: [
        ja ? { locale: 'ja' as const, ...ja } : null,
        en ? { locale: 'en' as const, ...en } : null,
      ].filter((v) => v !== null),
      approved: contentApproved(a),
      can: {
        edit: canEdit(role, a),
        approve: canApproveContent(role, a),
        preview: canPreview(role, a),
        cancelSchedule: role === 'owner' && a.status === 'scheduled',
      },
      counts,
      progress,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, params.slug, 'editor', context);
  const t = getTranslator(request);
  // Hidden fields and buttons only: nothing typed to keep, but the refusals are typed replies.
  const submission = await parseSubmission(request, intentSchema, t);
  if (submission.status !== 'success') return refuseSubmission(submission);
  const input = submission.value;
  const id = params.announcementId ?? '';
  if (input.intent === 'cancel_schedule') {
    const result = await cancelScheduledSend(staff, id);
    if (result.ok) {
      return redirect(`/staff/${staff.event.slug}/announcements/${id}?cancelled=1`);
    }
    // Only owners send, so only owners may call a scheduled send off.
    if (result.reason === 'forbidden') throw forbiddenBelow('owner');
    return refuseSubmission(
      submission,
      { formError: announcementScheduleRefusal(result.reason) },
      409,
    );
  }
  if (input.intent === 'approve') {
    if (staff.role !== 'owner') throw forbiddenBelow('owner');
    const ok = await approveContent(staff, id, input.revision);
    if (!ok) {
      return refuseSubmission(
        submission,
        { formError: 'announcements.overview.approveFailed' },
        409,
      );
    }
    return json({ ok: t('announcements.overview.approvedOk') });
  }
  if (input.intent === 'test') {
    const result = await sendTestEmail(staff, id);
    if (!result.ok && result.reason === 'forbidden') throw new Response(null, { status: 404 });
    if (!result.ok) {
      return refuseSubmission(
        submission,
        { formError: 'announcements.overview.testRateLimited' },
        429,
      );
    }
    return json({ ok: t('announcements.overview.testSent') });
  }
  const frozen = await freezeAudience(staff, id);
  if (!frozen.ok) {
    if (frozen.reason === 'not_found') throw new Response(null, { status: 404 });
    if (frozen.reason === 'forbidden') throw forbiddenBelow('editor');
    return refuseSubmission(submission, { formError: 'announcements.send.already_sent' }, 409);
  }
  return redirect(`/staff/${staff.event.slug}/announcements/${id}/preview/${frozen.snapshotId}`);
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, (locale, t) => {
    // The same title as the page's heading: the reader's language first.
    const versions = args.data?.versions ?? [];
    const shown = (versions.find((v) => v?.locale === locale) ?? versions[0])?.title;
    return shown || t('announcements.untitled');
  });

export default function AnnouncementOverview() {
  const {
    event,
    role,
    announcement: a,
    versions,
    approved,
    can,
    counts,
    progress,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const t = useT();
  const formError = errorText(t, lastSubmission(actionData)?.error?.[''] ?? undefined);
  const locale = useLocale();
  // After a redirect from the send form or a cancel: said once, in the page's words.
  const notice =
    search.get('scheduled') && a.status === 'scheduled'
      ? t('announcements.schedule.scheduledOk')
      : search.get('cancelled') && a.status === 'draft'
        ? t('announcements.schedule.cancelledOk')
        : null;
  const channel = locale === 'ja' ? a.channelNameJa : a.channelNameEn;
  return (
    <>
      <p>
        <Link to={`/staff/${event.slug}/announcements`}>← {t('announcements.title')}</Link>
      </p>
      {actionData && 'ok' in actionData ? <p className="alert alert--ok">{actionData.ok}</p> : null}
      {notice && !actionData ? (
        <p className="alert alert--ok" role="status">
          {notice}
        </p>
      ) : null}
      {formError ? (
        <p className="alert alert--error" role="alert">
          {formError}
        </p>
      ) : null}

      <section className="card">
        <div className="card__head">
          <h1>
            {(versions.find((v) => v.locale === locale) ?? versions[0])?.title ||
              t('announcements.untitled')}
          </h1>
          <AnnouncementStatusBadge status={a.status} approved={approved} />
        </div>
        <p className="muted">
          {channel} · {t('announcements.overview.revision', { revision: a.revision })} ·{' '}
          <LocalTime value={a.updatedAt} />
        </p>
        <h2>{t('announcements.overview.audience')}</h2>
        <p>
          <AudienceLine mode={a.audienceMode} filter={a.audienceFilter} channel={channel} />
        </p>
        {a.status === 'scheduled' && a.scheduledAt ? (
          <div className="alert alert--info">
            <p>
              <strong>{t('announcements.schedule.scheduledAt')}:</strong>{' '}
              <LocalTime value={a.scheduledAt} />
              {a.urgent ? (
                <>
                  {' '}
                  <span className="badge badge--urgent">{t('sending.urgent')}</span>
                </>
              ) : null}
            </p>
            {can.cancelSchedule ? (
              <Form method="post">
                <input type="hidden" name="intent" value="cancel_schedule" />
                <p className="muted">{t('announcements.schedule.cancelHint')}</p>
                <button type="submit" className="button button--quiet">
                  {t('announcements.schedule.cancel')}
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
        {a.status === 'draft' ? (
          <p className={approved ? 'alert alert--ok' : 'alert alert--warn'}>
            {approved
              ? t('announcements.overview.approved')
              : t('announcements.overview.needsApproval')}
          </p>
        ) : null}
        {role === 'viewer' ? (
          <p className="muted">{t('announcements.overview.viewerNote')}</p>
        ) : null}
        <div className="actions">
          {can.edit ? (
            <Link to="edit" className="button button--quiet">
              {t('announcements.overview.edit')}
            </Link>
          ) : null}
          {can.approve ? (
            <Form method="post">
              <input type="hidden" name="intent" value="approve" />
              <input type="hidden" name="revision" value={a.revision} />
              <button type="submit" className="button">
                {t('announcements.overview.approve')}
              </button>
            </Form>
          ) : null}
          {can.preview ? (
            <Form method="post">
              <input type="hidden" name="intent" value="test" />
              <button type="submit" className="button button--quiet">
                {t('announcements.overview.testSend')}
              </button>
            </Form>
          ) : null}
        </div>
        {can.preview ? (
          <Form method="post" className="preview-form">
            <input type="hidden" name="intent" value="preview" />
            <p className="muted">{t('announcements.overview.previewHint')}</p>
            <button type="submit" className="button">
              {t('announcements.overview.preview')}
            </button>
          </Form>
        ) : null}
      </section>

      {progress && progress.streams.length > 0 ? (
        <section className="card" aria-labelledby="progress-heading">
          <h2 id="progress-heading">{t('sending.heading')}</h2>
          <SendProgressPanel
            initial={progress}
            src={`/staff/${event.slug}/sending.json?subject=${encodeURIComponent(a.id)}`}
          />
        </section>
      ) : null}

      {counts ? (
        <section className="card" aria-labelledby="status-heading">
          <div className="card__head">
            <h2 id="status-heading">{t('announcements.status.heading')}</h2>
            <Link to="." className="button button--quiet" reloadDocument>
              {t('announcements.status.refresh')}
            </Link>
          </div>
          {a.publishedAt ? (
            <p className="muted">
              {t('announcements.status.publishedAt')}: <LocalTime value={a.publishedAt} />
            </p>
          ) : null}
          <dl className="delivery-stats">
            {(
              [
                ['total', 'announcements.status.total'],
                ['sent', 'announcements.status.sentCount'],
                ['delivered', 'announcements.status.delivered'],
                ['bounced', 'announcements.status.bounced'],
                ['complained', 'announcements.status.complained'],
                ['pending', 'announcements.status.pending'],
                ['skipped', 'announcements.status.skipped'],
                ['failed', 'announcements.status.failed'],
              ] as const
            ).map(([key, label]) => (
              <div key={key} className="stat" data-stat={key}>
                <dt>{t(label)}</dt>
                <dd>{counts[key].toLocaleString(locale)}</dd>
              </div>
            ))}
          </dl>
          <p className="muted">{t('announcements.status.skippedHint')}</p>
        </section>
      ) : null}

      {versions.map((v) => (
        <section key={v.locale} className="card" lang={v.locale}>
          <p className="muted">
            {t('announcements.overview.content')} ·{' '}
            {v.locale === 'ja' ? t('announcements.form.ja') : t('announcements.form.enName')}
          </p>
          <h2>{v.title}</h2>
          <div className="announcement-body" dangerouslySetInnerHTML={{ __html: v.bodyHtml }} />
        </section>
      ))}
    </>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';

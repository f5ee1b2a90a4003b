import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { z } from 'zod';
import { AudienceLine } from '~/components/announcement-audience';
import { LocalTime } from '~/components/local-time';
import { announcementSendRefusal } from '~/i18n/key-families';
import { useLocale, useT } from '~/i18n/use-t';
import {
  canApproveBroadcast,
  needsSecondApproval,
  sendRefusal,
} from '~/modules/announcements/announcement-policy';
import {
  approvalThreshold,
  approveBroadcast,
  getSnapshot,
  snapshotExpired,
  snapshotSample,
} from '~/modules/announcements/audience-snapshot.server';
import { getAnnouncement } from '~/modules/announcements/drafts.server';
import {
  renderPreviewEmails,
  sendAnnouncement,
} from '~/modules/announcements/send-announcement.server';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { memberAlias } from '~/modules/membership/member-alias';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { errorText, lastSubmission } from '~/utils/constraint-forms';
import { parseJapanDateTime, toJapanDateTimeInput } from '~/utils/japan-time';
import { pageTitle } from '~/utils/page-title';

// "Send" carries what the person saw — the snapshot, its count and channel — and nothing that
// could describe a different audience. Every field is required: an incomplete request is a
// 400, never a default (GooPass 2020: a lost filter became "everyone").
const required = z
  .string({ error: 'form.required' })
  .min(1, 'form.required')
  .max(100, 'form.tooLong');
const actionSchema = z.discriminatedUnion(
  'intent',
  [
    z
      .object({
        intent: z.literal('send'),
        snapshotId: required,
        expectedCount: required
          .pipe(z.string().regex(/^\d+$/, 'form.errorSummary'))
          .transform(Number),
        expectedChannelId: required,
        // 予約配信. A form from before scheduling existed has no `when`: it sends now. A form that
        // names a time but not the choice lost its state, and is refused rather than sent now.
        when: z
          .enum(['now', 'schedule'], { error: 'announcements.schedule.whenMissing' })
          .optional(),
        scheduledAt: z
          .string()
          .max(40, 'announcements.schedule.invalidTime')
          .optional()
          .transform((value, ctx) => {
            if (!value?.trim()) return null;
            const date = parseJapanDateTime(value);
            if (!date)
              ctx.addIssue({ code: 'custom', message: 'announcements.schedule.invalidTime' });
            return date;
          }),
        urgent: z
          .string()
          .optional()
          .transform((value) => value === 'on' || value === 'true'),
      })
      .superRefine((form, ctx) => {
        if (form.when === 'schedule' && !form.scheduledAt) {
          ctx.addIssue({
            code: 'custom',
            path: ['scheduledAt'],
            message: 'announcements.schedule.timeRequired',
          });
        }
        if (form.when === undefined && form.scheduledAt) {
          ctx.addIssue({
            code: 'custom',
            path: ['when'],
            message: 'announcements.schedule.whenMissing',
          });
        }
      }),
    z.object({ intent: z.literal('approve_broadcast'), snapshotId: required }),
  ],
  { error: 'form.errorSummary' },
);

const SCHEDULE_FIELDS = new Set(['when', 'scheduledAt', 'urgent']);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role, user } = await requireStaff(request, params.slug, 'editor', context);
  const a = await getAnnouncement(event.id, params.announcementId ?? '');
  const s = a ? await getSnapshot(a.id, params.snapshotId ?? '') : null;
  if (!a || !s) throw new Response(null, { status: 404 });
  const [emails, sample] = await Promise.all([renderPreviewEmails(a), snapshotSample(s)]);
  const threshold = approvalThreshold();
  const policy = { role, userId: user.id, threshold };
  const stale = s.revision !== a.revision;
  return json(
    {
      event,
      role,
      announcementId: a.id,
      channelNameJa: a.channelNameJa,
      channelNameEn: a.channelNameEn,
      snapshot: {
        id: s.id,
        count: s.recipientCount,
        channelId: s.channelId,
        mode: s.audienceMode,
        filter: s.audienceFilter,
        expiresAt: s.expiresAt.toISOString(),
        expired: snapshotExpired(s),
        used: Boolean(s.usedAt),
        stale,
        approved: Boolean(s.approvedBy),
      },
      sample: sample.sampleAliases,
      emailCount: sample.emailCount,
      threshold,
      needsSecond: needsSecondApproval(s.recipientCount, threshold),
      canApproveBroadcast: canApproveBroadcast(policy, a, s),
      refusal: sendRefusal(policy, a, s),
      // The earliest time the schedule field offers, in Japan time (the same in both renders).
      scheduleMin: toJapanDateTimeInput(new Date()),
      emails,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, params.slug, 'editor', context);
  const t = getTranslator(request);
  const submission = await parseSubmission(request, actionSchema, t);
  if (submission.status !== 'success') {
    // The answer to an incomplete send says so plainly; nothing was sent.
    const failed = Object.keys(submission.error ?? {}).filter((f) => submission.error?.[f]);
    const onlySchedule = failed.every((f) => SCHEDULE_FIELDS.has(f));
    return refuseSubmission(submission, {
      formError: onlySchedule
        ? 'announcements.schedule.checkForm'
        : 'announcements.send.snapshot_missing',
    });
  }
  const input = submission.value;
  const announcementId = params.announcementId ?? '';
  if (input.snapshotId !== params.snapshotId) {
    return refuseSubmission(submission, { formError: 'announcements.send.snapshot_missing' }, 409);
  }
  if (input.intent === 'approve_broadcast') {
    const ok = await approveBroadcast(staff, announcementId, input.snapshotId);
    if (!ok) {
      return refuseSubmission(
        submission,
        { formError: 'announcements.overview.approveFailed' },
        409,
      );
    }
    return redirect(
      `/staff/${staff.event.slug}/announcements/${announcementId}/preview/${input.snapshotId}`,
    );
  }
  const scheduledAt = input.when === 'schedule' ? input.scheduledAt : null;
  const result = await sendAnnouncement(staff, {
    announcementId,
    snapshotId: input.snapshotId,
    expectedCount: input.expectedCount,
    expectedChannelId: input.expectedChannelId,
    scheduledAt,
    urgent: input.urgent,
  });
  if (!result.ok) {
    // The reply keeps what was typed: a time in the past stays in the field, to be corrected.
    return refuseSubmission(
      submission,
      { formError: announcementSendRefusal(result.reason) },
      result.reason === 'not_owner' ? 403 : 409,
    );
  }
  const page = `/staff/${staff.event.slug}/announcements/${announcementId}`;
  return redirect(scheduledAt ? `${page}?scheduled=1` : `${page}?sent=${result.recipients}`);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'announcements.preview.title');

export default function PreviewAndSend() {
  const data = useLoaderData<typeof loader>();
  const reply = lastSubmission(useActionData<typeof action>());
  const navigation = useNavigation();
  const t = useT();
  const formError = errorText(t, reply?.error?.[''] ?? undefined);
  // Only the send form has values to give back (a time to correct, the urgent box).
  const sendReply = reply?.initialValue?.intent === 'send' ? reply : undefined;
  const locale = useLocale();
  const s = data.snapshot;
  const channel = locale === 'ja' ? data.channelNameJa : data.channelNameEn;
  const back = `/staff/${data.event.slug}/announcements/${data.announcementId}`;
  const blocked = s.expired || s.used || s.stale;
  return (
    <>
      <p>
        <Link to={back}>← {t('announcements.preview.back')}</Link>
      </p>
      <section className="card preview-summary">
        <h1>{t('announcements.preview.title')}</h1>
        {formError ? (
          <p className="alert alert--error" role="alert">
            {formError}
          </p>
        ) : null}
        <p className="preview-count" data-count={s.count}>
          {t('announcements.preview.count', { count: s.count.toLocaleString(locale) })}
        </p>
        <p>
          <AudienceLine mode={s.mode} filter={s.filter} channel={channel} />
        </p>
        <p className="muted">
          {t('announcements.preview.emailCount', { count: data.emailCount.toLocaleString(locale) })}
        </p>
        <h2>{t('announcements.preview.sample')}</h2>
        <ul className="alias-list">
          {data.sample.map((alias) => (
            <li key={alias}>{memberAlias(alias, locale)}</li>
          ))}
        </ul>
        <p className="muted">{t('announcements.preview.sampleNote')}</p>
        {blocked ? (
          <p className="alert alert--error">
            {s.used
              ? t('announcements.send.already_sent')
              : s.stale
                ? t('announcements.send.draft_changed')
                : t('announcements.preview.expired')}
          </p>
        ) : (
          <p className="muted">
            {t('announcements.preview.expires', { time: '' })}
            <LocalTime value={s.expiresAt} />
          </p>
        )}
        {data.needsSecond ? (
          <p className={s.approved ? 'alert alert--ok' : 'alert alert--warn'}>
            {s.approved
              ? t('announcements.preview.secondApproved')
              : t('announcements.preview.needsSecond', {
                  threshold: data.threshold.toLocaleString(locale),
                })}
          </p>
        ) : null}
        {!blocked && data.canApproveBroadcast ? (
          <Form method="post">
            <input type="hidden" name="intent" value="approve_broadcast" />
            <input type="hidden" name="snapshotId" value={s.id} />
            <button type="submit" className="button">
              {t('announcements.preview.approveBroadcast')}
            </button>
          </Form>
        ) : null}
        {!blocked && data.refusal === null ? (
          <SendForm
            snapshot={s}
            scheduleMin={data.scheduleMin}
            values={sendReply?.initialValue ?? undefined}
            fieldErrors={{
              when: errorText(t, sendReply?.error?.when ?? undefined),
              scheduledAt: errorText(t, sendReply?.error?.scheduledAt ?? undefined),
            }}
            busy={navigation.state !== 'idle'}
          />
        ) : !blocked && data.refusal ? (
          <p className="muted">{t(announcementSendRefusal(data.refusal))}</p>
        ) : null}
      </section>
      <div className="email-previews">
        {data.emails.map((email) => (
          <section key={email.locale} className="card">
            <h2>
              {email.locale === 'ja'
                ? t('announcements.preview.emailJa')
                : t('announcements.preview.emailEn')}
            </h2>
            <p className="muted" lang={email.locale}>
              {email.subject}
            </p>
            <div
              className="email-render"
              lang={email.locale}
              dangerouslySetInnerHTML={{ __html: email.html }}
            />
          </section>
        ))}
      </div>
    </>
  );
}

/** The send itself: now or at a time (Japan time), and whether it overtakes other mail. */
function SendForm(props: {
  snapshot: { id: string; count: number; channelId: string };
  scheduleMin: string;
  values?: Record<string, unknown>;
  fieldErrors: { when?: string; scheduledAt?: string };
  busy: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const { snapshot: s, values, fieldErrors } = props;
  const [when, setWhen] = useState(values?.when === 'schedule' ? 'schedule' : 'now');
  const count = s.count.toLocaleString(locale);
  const empty = s.count === 0;
  const timeError = fieldErrors.scheduledAt;
  const whenError = fieldErrors.when;
  return (
    <Form method="post" className="send-form">
      <input type="hidden" name="intent" value="send" />
      <input type="hidden" name="snapshotId" value={s.id} />
      <input type="hidden" name="expectedCount" value={s.count} />
      <input type="hidden" name="expectedChannelId" value={s.channelId} />
      <fieldset
        className="schedule-fieldset"
        aria-describedby={whenError ? 'send-when-error' : undefined}
      >
        <legend>{t('announcements.schedule.legend')}</legend>
        <label className="choice">
          <input
            type="radio"
            name="when"
            value="now"
            checked={when === 'now'}
            onChange={() => setWhen('now')}
          />
          {t('announcements.schedule.now')}
        </label>
        <label className="choice">
          <input
            type="radio"
            name="when"
            value="schedule"
            checked={when === 'schedule'}
            onChange={() => setWhen('schedule')}
          />
          {t('announcements.schedule.later')}
        </label>
        <div className="field">
          <label htmlFor="send-scheduled-at">{t('announcements.schedule.at')}</label>
          <p id="send-scheduled-at-hint" className="muted">
            {t('announcements.schedule.atHint')}
          </p>
          <input
            id="send-scheduled-at"
            name="scheduledAt"
            type="datetime-local"
            min={props.scheduleMin}
            defaultValue={typeof values?.scheduledAt === 'string' ? values.scheduledAt : ''}
            required={when === 'schedule'}
            onFocus={() => setWhen('schedule')}
            aria-invalid={timeError ? true : undefined}
            aria-describedby={
              timeError
                ? 'send-scheduled-at-hint send-scheduled-at-error'
                : 'send-scheduled-at-hint'
            }
          />
          {timeError ? (
            <p id="send-scheduled-at-error" className="field__error" role="alert">
              {timeError}
            </p>
          ) : null}
        </div>
        {whenError ? (
          <p id="send-when-error" className="field__error" role="alert">
            {whenError}
          </p>
        ) : null}
      </fieldset>
      <div className="urgent-choice">
        <label className="choice">
          <input
            type="checkbox"
            name="urgent"
            value="on"
            defaultChecked={values?.urgent === 'on'}
            aria-describedby="send-urgent-hint"
          />
          {t('announcements.schedule.urgent')}
        </label>
        <p id="send-urgent-hint" className="muted">
          {t('announcements.schedule.urgentHint')}
        </p>
      </div>
      {/* Nobody to send to: the button says so before the click (the server refuses it too). */}
      {empty ? (
        <p id="send-empty-hint" className="alert alert--warn" data-reason="empty_audience">
          {t('announcements.preview.emptyAudience')}
        </p>
      ) : null}
      <button
        type="submit"
        className="button button--send"
        disabled={props.busy || empty}
        aria-describedby={empty ? 'send-empty-hint' : undefined}
      >
        {when === 'schedule'
          ? t('announcements.schedule.submit', { count })
          : t('announcements.preview.send', { count })}
      </button>
    </Form>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';

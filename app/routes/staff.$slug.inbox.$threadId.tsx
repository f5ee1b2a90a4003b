import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import {
  Form,
  Link,
  useActionData,
  useFetcher,
  useLoaderData,
  useSearchParams,
} from '@remix-run/react';
import { useEffect } from 'react';
import { z } from 'zod';
import { LocalTime } from '~/components/local-time';
import { MessageBody, MessageNotes } from '~/components/relay-message';
import { TextAreaField } from '~/components/form-field';
import { env } from '~/env.server';
import { heldReason } from '~/i18n/key-families';
import { useLocale, useT } from '~/i18n/use-t';
import { forbiddenBelow, requireStaff, roleAtLeast } from '~/modules/events/staff-access.server';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import { memberAlias } from '~/modules/membership/member-alias';
import {
  answeringStaff,
  assignThread,
  markReadByStaff,
  setThreadStatus,
  staffThread,
} from '~/modules/relay/relay-threads.server';
import { answerThread, discardHeld, releaseHeld } from '~/modules/relay/staff-answers.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { errorText, getFormProps, lastSubmission, useStartlineForm } from '~/utils/forms';
import { pageTitle } from '~/utils/page-title';

// The one form with typed input; the browser checks it with this same schema.
const answerSchema = z.object({
  intent: z.literal('answer'),
  body: z.string().trim().min(1, 'relay.answer.required').max(5000, 'relay.answer.tooLong'),
});

const actionSchema = z.discriminatedUnion(
  'intent',
  [
    answerSchema,
    z.object({ intent: z.literal('assign'), userId: z.string().max(100) }),
    z.object({ intent: z.literal('status'), status: z.enum(['open', 'closed']) }),
    z.object({ intent: z.enum(['release', 'discard']), messageId: z.string().min(1).max(100) }),
    z.object({ intent: z.literal('markRead') }),
  ],
  { error: 'form.errorSummary' },
);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role, user } = await requireStaff(request, params.slug, 'viewer', context);
  const locale = getLocale(request);
  const thread = await staffThread({
    eventId: event.id,
    threadId: params.threadId ?? '',
    userId: user.id,
    locale,
  });
  if (!thread) throw new Response(null, { status: 404 });
  const canAnswer = roleAtLeast(role, 'editor');
  const staffOptions = canAnswer
    ? (await answeringStaff(event.id)).map((s) => ({
        userId: s.userId,
        label: s.email,
        isMe: s.userId === user.id,
      }))
    : [];
  return json(
    {
      event,
      role,
      canAnswer,
      maxAttachmentBytes: env.RELAY_ATTACHMENT_MAX_BYTES,
      staffOptions,
      thread,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, params.slug, 'viewer', context);
  const t = getTranslator(request);
  const submission = await parseSubmission(request, actionSchema, t);
  if (submission.status !== 'success') return refuseSubmission(submission);
  const eventId = staff.event.id;
  const threadId = params.threadId ?? '';
  const here = `/staff/${staff.event.slug}/inbox/${encodeURIComponent(threadId)}`;
  const data = submission.value;
  if (data.intent === 'markRead') {
    await markReadByStaff(eventId, threadId);
    return json({ read: true });
  }
  // Viewers read; editors and owners answer and handle.
  if (!roleAtLeast(staff.role, 'editor')) throw forbiddenBelow('editor');
  switch (data.intent) {
    case 'answer': {
      const result = await answerThread({
        eventId,
        threadId,
        authorUserId: staff.user.id,
        body: data.body,
        source: 'web',
      });
      if (!result.ok && result.reason === 'not_found') throw new Response(null, { status: 404 });
      // The answer stays in the box (the reply carries it), though it cannot go out now.
      if (!result.ok)
        return refuseSubmission(submission, { formError: 'relay.answer.memberLeft' }, 409);
      return redirect(`${here}?done=answered`);
    }
    case 'assign': {
      if (!(await assignThread(eventId, threadId, data.userId || null)))
        throw new Response(null, { status: 404 });
      return redirect(`${here}?done=assigned`);
    }
    case 'status': {
      if (!(await setThreadStatus(eventId, threadId, data.status)))
        throw new Response(null, { status: 404 });
      return redirect(`${here}?done=status`);
    }
    case 'release':
    case 'discard': {
      const review = {
        eventId,
        threadId,
        messageId: data.messageId,
        reviewerUserId: staff.user.id,
      };
      const result =
        data.intent === 'release' ? await releaseHeld(review) : await discardHeld(review);
      if (!result.ok && result.reason === 'not_found') throw new Response(null, { status: 404 });
      if (!result.ok)
        return refuseSubmission(submission, { formError: 'relay.answer.memberLeft' }, 409);
      return redirect(`${here}?done=${data.intent === 'release' ? 'released' : 'discarded'}`);
    }
  }
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(
    args,
    args.data
      ? (locale, t) =>
          t('relay.thread.title', {
            alias: memberAlias(args.data!.thread.aliasNumber, locale),
          })
      : 'relay.inbox.title',
  );

const DONE = {
  answered: 'relay.answer.sent',
  assigned: 'relay.assign.saved',
  status: 'relay.status.saved',
  released: 'relay.held.released',
  discarded: 'relay.held.discarded',
} as const;

export default function InboxThread() {
  const { event, canAnswer, maxAttachmentBytes, staffOptions, thread } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  // Which form the last answer is for: the answer form shows its own errors by its field.
  const reply = lastSubmission(actionData);
  const [answerForm, answer] = useStartlineForm(
    answerSchema,
    reply?.initialValue?.intent === 'answer' ? actionData : undefined,
    { defaultValue: { intent: 'answer' } },
  );
  const formError = errorText(t, reply?.error?.[''] ?? undefined);
  const locale = useLocale();
  const [params] = useSearchParams();
  const done = params.get('done');
  const alias = memberAlias(thread.aliasNumber, locale);
  const base = `/staff/${event.slug}/inbox`;
  const fileBase = `${base}/${thread.id}/files`;

  // Opening the page marks the thread read — by a POST from the browser, never by the GET:
  // a mail scanner following the notification's link must not mark anything read.
  const reader = useFetcher();
  useEffect(() => {
    if (thread.unread && reader.state === 'idle' && !reader.data) {
      reader.submit({ intent: 'markRead' }, { method: 'post' });
    }
  }, [thread.unread, reader]);

  return (
    <>
      <p>
        <Link to={base}>← {t('relay.thread.back')}</Link>
      </p>
      {done && done in DONE ? (
        <p className="alert alert--ok" role="status">
          {t(DONE[done as keyof typeof DONE])}
        </p>
      ) : null}
      {formError ? (
        <p className="alert alert--error" role="alert">
          {formError}
        </p>
      ) : null}

      <section className="card">
        <div className="card__head">
          <h1>{t('relay.thread.title', { alias })}</h1>
          <span className={`badge ${thread.status === 'open' ? 'badge--pending' : 'badge--draft'}`}>
            {t(thread.status === 'open' ? 'relay.status.open' : 'relay.status.closed')}
          </span>
        </div>
        <p className="muted">
          {thread.bib ? t('relay.bib', { bib: thread.bib }) : null}
          {thread.memberActive ? null : ` · ${t('relay.memberLeft')}`}
        </p>
        <ol className="relay-thread" aria-label={t('relay.thread.messagesLabel')}>
          {thread.messages.map((m) => {
            const fromMember = m.direction === 'member_to_staff';
            // A held message did not come from the address it claims: it is nobody's until reviewed.
            const who = m.held
              ? t('relay.from.unverified')
              : fromMember
                ? alias
                : m.byMe
                  ? t('relay.from.officeMe')
                  : t('relay.from.office');
            return (
              <li
                key={m.id}
                id={`message-${m.id}`}
                className={`relay-message ${fromMember ? 'relay-message--member' : 'relay-message--office'}${m.held ? ' relay-message--held' : ''}`}
              >
                <p className="relay-message__meta">
                  <strong>{who}</strong> · <LocalTime value={m.createdAt} /> ·{' '}
                  {t(m.source === 'email' ? 'relay.source.email' : 'relay.source.web')}
                  {m.held ? (
                    <>
                      {' '}
                      <span className="badge badge--rejected">{t('relay.held.badge')}</span>
                    </>
                  ) : null}
                </p>
                {m.announcement ? (
                  <p className="muted relay-message__context">
                    {t('relay.aboutAnnouncement', { title: m.announcement.title })}
                  </p>
                ) : null}
                {m.held && m.holdReason ? (
                  <p className="alert alert--error relay-message__hold">
                    {t(heldReason(m.holdReason), { sender: m.heldSenderMasked ?? '***' })}
                  </p>
                ) : null}
                <MessageBody text={m.body} />
                {m.attachments.length > 0 ? (
                  <ul className="relay-attachments" aria-label={t('relay.attachments.label')}>
                    {m.attachments.map((file) => (
                      <li key={file.id}>
                        <a href={`${fileBase}/${file.id}`} target="_blank" rel="noreferrer">
                          {file.contentType.startsWith('image/') ? (
                            <img
                              src={`${fileBase}/${file.id}`}
                              alt={file.fileName}
                              loading="lazy"
                            />
                          ) : null}
                          <span>
                            {file.fileName} (
                            {Math.max(1, Math.round(file.sizeBytes / 1024)).toLocaleString(locale)}{' '}
                            KB)
                          </span>
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
                <MessageNotes notes={m.notes} maxAttachmentBytes={maxAttachmentBytes} />
                {m.held && canAnswer ? (
                  <div className="actions">
                    <Form method="post">
                      <input type="hidden" name="messageId" value={m.id} />
                      <button type="submit" name="intent" value="release" className="button">
                        {t(fromMember ? 'relay.held.releaseMember' : 'relay.held.releaseStaff')}
                      </button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="messageId" value={m.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="discard"
                        className="button button--quiet"
                      >
                        {t('relay.held.discard')}
                      </button>
                    </Form>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      </section>

      <section className="card" aria-labelledby="answer-heading">
        <h2 id="answer-heading">{t('relay.answer.heading')}</h2>
        {!canAnswer ? (
          <p className="muted">{t('relay.answer.viewerOnly')}</p>
        ) : !thread.memberActive ? (
          <p className="muted">{t('relay.answer.memberLeft')}</p>
        ) : (
          <Form method="post" key={done ?? 'answer'} {...getFormProps(answerForm)}>
            <input type="hidden" name="intent" value="answer" />
            <TextAreaField
              field={answer.body}
              label={t('relay.answer.label')}
              hint={t('relay.answer.hint', { organizer: thread.organizerName })}
              rows={6}
            />
            <button type="submit" className="button">
              {t('relay.answer.submit')}
            </button>
          </Form>
        )}
      </section>

      <section className="card" aria-labelledby="manage-heading">
        <h2 id="manage-heading">{t('relay.manage.heading')}</h2>
        {canAnswer ? (
          <div className="actions">
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="assign" />
              <label htmlFor="assign-user">{t('relay.assign.label')}</label>
              <select id="assign-user" name="userId" defaultValue={thread.assignedUserId ?? ''}>
                <option value="">{t('relay.assign.nobody')}</option>
                {staffOptions.map((s) => (
                  <option key={s.userId} value={s.userId}>
                    {s.isMe ? t('relay.assign.me', { email: s.label }) : s.label}
                  </option>
                ))}
              </select>
              <button type="submit" className="button button--quiet">
                {t('relay.assign.submit')}
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="status" />
              <input
                type="hidden"
                name="status"
                value={thread.status === 'open' ? 'closed' : 'open'}
              />
              <button type="submit" className="button button--quiet">
                {t(thread.status === 'open' ? 'relay.status.close' : 'relay.status.reopen')}
              </button>
            </Form>
          </div>
        ) : (
          <p className="muted">
            {t(thread.status === 'open' ? 'relay.status.open' : 'relay.status.closed')} ·{' '}
            {t('relay.assign.label')}:{' '}
            {thread.assigned
              ? thread.assigned.isMe
                ? t('relay.assignedMe')
                : thread.assigned.label
              : t('relay.unassigned')}
          </p>
        )}
      </section>
    </>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';

import { getFormProps } from '@conform-to/react';
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
import { LocalTime } from '~/components/local-time';
import { MessageBody, MessageNotes } from '~/components/relay-message';
import { TextAreaField } from '~/components/form-field';
import { env } from '~/env.server';
import { useLocale, useT } from '~/i18n/use-t';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import { requireMember } from '~/modules/membership/member-access.server';
import { memberMessageSchema } from '~/modules/membership/member-forms.server';
import { postMemberMessage } from '~/modules/relay/member-messages.server';
import { markReadByMember, memberThread } from '~/modules/relay/relay-threads.server';
import { errorText, useConstraintForm } from '~/utils/constraint-forms';
import { readFormData } from '~/utils/form.server';
import { formConstraints, parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { pageTitle } from '~/utils/page-title';

/** The member's own conversation with the race office: their messages and the answers, nobody else's. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.slug, context);
  const thread = await memberThread(member.membership.id, getLocale(request));
  return json(
    {
      slug: member.event.slug,
      maxAttachmentBytes: env.RELAY_ATTACHMENT_MAX_BYTES,
      constraint: formConstraints(memberMessageSchema),
      ...thread,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const member = await requireMember(request, params.slug, context);
  const t = getTranslator(request);
  const formData = await readFormData(request, t);
  // The announcement page's form posts without an intent: sending is the default.
  if (!formData.has('intent')) formData.set('intent', 'send');
  const submission = await parseSubmission(formData, memberMessageSchema, t);
  if (submission.status !== 'success') return refuseSubmission(submission);
  if (submission.value.intent === 'markRead') {
    await markReadByMember(member.membership.id);
    return json({ read: true });
  }
  const result = await postMemberMessage({
    member,
    body: submission.value.body,
    announcementId: submission.value.announcementId || null,
    locale: getLocale(request),
  });
  if (!result.ok) {
    return result.reason === 'rate_limited'
      ? refuseSubmission(submission, { formError: 'relay.member.rateLimited' }, 429)
      : refuseSubmission(submission, { formError: 'relay.member.required' });
  }
  return redirect(`/e/${member.event.slug}/messages?sent=1`);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'relay.member.title');

export default function MemberMessages() {
  const { slug, unread, messages, maxAttachmentBytes, constraint } = useLoaderData<typeof loader>();
  const t = useT();
  const [form, fields] = useConstraintForm(useActionData<typeof action>(), { constraint });
  const formError = errorText(t, form.errors);
  const locale = useLocale();
  const [params] = useSearchParams();
  const sent = params.get('sent') === '1';

  // Seen by the member: marked with a POST from the page, never by the GET (mail scanners).
  const reader = useFetcher();
  useEffect(() => {
    if (unread && reader.state === 'idle' && !reader.data)
      reader.submit({ intent: 'markRead' }, { method: 'post' });
  }, [unread, reader]);

  return (
    <>
      <section className="card">
        <h1>{t('relay.member.title')}</h1>
        <p className="lead">{t('relay.member.intro')}</p>
        {sent ? (
          <p className="alert alert--ok" role="status">
            {t('relay.member.sent')}
          </p>
        ) : null}
        {unread && !sent ? (
          <p className="alert alert--ok" role="status">
            {t('relay.member.unread')}
          </p>
        ) : null}
        {messages.length === 0 ? (
          <p className="muted">{t('relay.member.empty')}</p>
        ) : (
          <ol className="relay-thread" aria-label={t('relay.thread.messagesLabel')}>
            {messages.map((m) => (
              <li
                key={m.id}
                className={`relay-message ${m.fromMe ? 'relay-message--member' : 'relay-message--office'}`}
              >
                <p className="relay-message__meta">
                  <strong>{t(m.fromMe ? 'relay.member.you' : 'relay.member.office')}</strong> ·{' '}
                  <LocalTime value={m.createdAt} />
                </p>
                {m.announcement ? (
                  <p className="muted relay-message__context">
                    <Link to={`/e/${slug}/a/${m.announcement.id}`}>
                      {t('relay.aboutAnnouncement', { title: m.announcement.title })}
                    </Link>
                  </p>
                ) : null}
                <MessageBody text={m.body} />
                {m.attachments.length > 0 ? (
                  <p className="muted">
                    {t('relay.member.attachments', {
                      names: m.attachments
                        .map((a) => a.fileName)
                        .join(locale === 'ja' ? '、' : ', '),
                    })}
                  </p>
                ) : null}
                <MessageNotes notes={m.notes} maxAttachmentBytes={maxAttachmentBytes} />
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="card" aria-labelledby="write-heading">
        <h2 id="write-heading">{t('relay.member.formHeading')}</h2>
        {formError ? (
          <p className="alert alert--error" role="alert">
            {formError}
          </p>
        ) : null}
        <Form method="post" key={sent ? 'sent' : 'new'} {...getFormProps(form)}>
          <input type="hidden" name="intent" value="send" />
          <TextAreaField field={fields.body} label={t('relay.member.field')} rows={5} />
          <button type="submit" className="button">
            {t('relay.member.submit')}
          </button>
        </Form>
        <p>
          <Link to={`/e/${slug}`}>← {t('relay.member.back')}</Link>
        </p>
      </section>
    </>
  );
}

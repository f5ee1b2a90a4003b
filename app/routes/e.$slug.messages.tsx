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
import { useLocale, useT } from '~/i18n/use-t';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import { requireMember } from '~/modules/membership/member-access.server';
import { postMemberMessage } from '~/modules/relay/member-messages.server';
import { markReadByMember, memberThread } from '~/modules/relay/relay-threads.server';
import { formErrorResponse, parseForm, readFormData } from '~/utils/form.server';
import { pageTitle } from '~/utils/page-title';

const actionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({
      intent: z.literal('send'),
      body: z
        .string({ error: 'relay.member.required' })
        .trim()
        .min(1, 'relay.member.required')
        .max(5000, 'relay.member.tooLong'),
      announcementId: z.string().max(100).optional(),
    }),
    z.object({ intent: z.literal('markRead') }),
  ],
  { error: 'form.errorSummary' },
);

/** The member's own conversation with the race office: their messages and the answers, nobody else's. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.slug);
  const thread = await memberThread(member.membership.id, getLocale(request));
  return json(
    { slug: member.event.slug, maxAttachmentBytes: env.RELAY_ATTACHMENT_MAX_BYTES, ...thread },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.slug);
  const t = getTranslator(request);
  const formData = await readFormData(request, t);
  // The announcement page's form posts without an intent: sending is the default.
  if (!formData.has('intent')) formData.set('intent', 'send');
  const form = parseForm(formData, actionSchema, t);
  if (!form.ok) return formErrorResponse(form);
  if (form.data.intent === 'markRead') {
    await markReadByMember(member.membership.id);
    return json({ read: true });
  }
  const result = await postMemberMessage({
    member,
    body: form.data.body,
    announcementId: form.data.announcementId || null,
    locale: getLocale(request),
  });
  if (!result.ok) {
    const message =
      result.reason === 'rate_limited' ? 'relay.member.rateLimited' : 'relay.member.required';
    return json(
      { formError: t(message), values: { body: form.data.body } },
      { status: result.reason === 'rate_limited' ? 429 : 400 },
    );
  }
  return redirect(`/e/${member.event.slug}/messages?sent=1`);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'relay.member.title');

export default function MemberMessages() {
  const { slug, unread, messages, maxAttachmentBytes } = useLoaderData<typeof loader>();
  const actionData = useActionData<{
    formError?: string;
    fieldErrors?: Record<string, string>;
    values?: Record<string, string>;
  }>();
  const t = useT();
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
        {actionData?.formError ? (
          <p className="alert alert--error" role="alert">
            {actionData.formError}
          </p>
        ) : null}
        <Form method="post" key={sent ? 'sent' : 'new'}>
          <input type="hidden" name="intent" value="send" />
          <TextAreaField
            name="body"
            label={t('relay.member.field')}
            rows={5}
            maxLength={5000}
            required
            defaultValue={actionData?.values?.body ?? ''}
            error={actionData?.fieldErrors?.body}
          />
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

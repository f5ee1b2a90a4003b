import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useLocale, useT } from '~/i18n/use-t';
import { findUnsubscribeTarget, unsubscribeByToken } from '~/modules/delivery/unsubscribe.server';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import { oneClickSchema } from '~/modules/delivery/one-click-forms.server';
import { errorText, lastSubmission } from '~/utils/constraint-forms';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { pageTitle } from '~/utils/page-title';

/**
 * One-click unsubscribe (RFC 8058). GET shows a page with a button and changes nothing (mail
 * scanners open every link). POST — from the button, or straight from a mail client with
 * `List-Unsubscribe=One-Click`, form-encoded or multipart, without cookies, login or Origin
 * (the CSRF guard exempts /u/) — turns off that channel's email for that member and answers
 * 200, never a redirect.
 */
const noStore = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin' };

function names(
  target: {
    eventNameJa: string;
    eventNameEn: string;
    channelNameJa: string;
    channelNameEn: string;
  },
  locale: 'ja' | 'en',
) {
  return {
    event: locale === 'ja' ? target.eventNameJa : target.eventNameEn,
    channel: locale === 'ja' ? target.channelNameJa : target.channelNameEn,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? '';
  if (token === 'test') return json({ state: 'test' as const }, { headers: noStore });
  const target = await findUnsubscribeTarget(token);
  if (!target) return json({ state: 'invalid' as const }, { status: 404, headers: noStore });
  return json(
    { state: 'ready' as const, slug: target.eventSlug, ...names(target, getLocale(request)) },
    { headers: noStore },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const t = getTranslator(request);
  const submission = await parseSubmission(request, oneClickSchema, t);
  if (submission.status !== 'success')
    return refuseSubmission(submission, {}, { status: 400, headers: noStore });
  const target = await unsubscribeByToken(params.token ?? '');
  if (!target)
    return refuseSubmission(
      submission,
      { formError: 'unsubscribe.invalid' },
      { status: 404, headers: noStore },
    );
  const { channel } = names(target, getLocale(request));
  return json(
    { done: true as const, message: t('unsubscribe.done', { channel }) },
    { status: 200, headers: noStore },
  );
}

export const meta: MetaFunction = (args) =>
  pageTitle(args, 'unsubscribe.title', { robots: 'noindex' });

export default function Unsubscribe() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const done = actionData && 'done' in actionData ? actionData : undefined;
  // A refusal: the form's own error (a link no longer valid), else the malformed request's.
  const refusal = lastSubmission(actionData);
  const error = refusal
    ? errorText(
        t,
        refusal.error?.[''] ??
          Object.values(refusal.error ?? {}).find(Boolean) ?? ['form.errorSummary'],
      )
    : undefined;
  useLocale();
  return (
    <section className="card narrow">
      <h1>{t('unsubscribe.title')}</h1>
      {done ? (
        <p className="alert alert--ok" role="status">
          {done.message}
        </p>
      ) : error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      {data.state === 'test' ? <p>{t('unsubscribe.test')}</p> : null}
      {data.state === 'invalid' ? <p>{t('unsubscribe.invalid')}</p> : null}
      {data.state === 'ready' && !done ? (
        <>
          <p>{t('unsubscribe.body', { event: data.event, channel: data.channel })}</p>
          <Form method="post">
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <button type="submit" className="button button--block">
              {t('unsubscribe.button')}
            </button>
          </Form>
        </>
      ) : null}
      {data.state === 'ready' ? (
        <p>
          <a href={`/e/${data.slug}/settings`}>{t('unsubscribe.settings')}</a>
        </p>
      ) : null}
    </section>
  );
}

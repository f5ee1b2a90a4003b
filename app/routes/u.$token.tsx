import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { useLocale, useT } from '~/i18n/use-t';
import { findUnsubscribeTarget, unsubscribeByToken } from '~/modules/delivery/unsubscribe.server';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import { parseForm, readFormData } from '~/utils/form.server';
import { pageTitle } from '~/utils/page-title';

/**
 * One-click unsubscribe (RFC 8058). GET shows a page with a button and changes nothing (mail
 * scanners open every link). POST — from the button, or straight from a mail client with
 * `List-Unsubscribe=One-Click`, form-encoded or multipart, without cookies, login or Origin
 * (the CSRF guard exempts /u/) — turns off that channel's email for that member and answers
 * 200, never a redirect.
 */
const oneClickSchema = z.object({
  'List-Unsubscribe': z.literal('One-Click', { error: 'form.errorSummary' }),
});

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
  const form = parseForm(await readFormData(request, t), oneClickSchema, t);
  if (!form.ok)
    return json({ done: false, error: t('form.errorSummary') }, { status: 400, headers: noStore });
  const target = await unsubscribeByToken(params.token ?? '');
  if (!target)
    return json(
      { done: false, error: t('unsubscribe.invalid') },
      { status: 404, headers: noStore },
    );
  const { channel } = names(target, getLocale(request));
  return json(
    { done: true, message: t('unsubscribe.done', { channel }) },
    { status: 200, headers: noStore },
  );
}

export const meta: MetaFunction = (args) =>
  pageTitle(args, 'unsubscribe.title', { robots: 'noindex' });

export default function Unsubscribe() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<{ done: boolean; message?: string; error?: string }>();
  const t = useT();
  useLocale();
  return (
    <section className="card narrow">
      <h1>{t('unsubscribe.title')}</h1>
      {actionData?.done ? (
        <p className="alert alert--ok" role="status">
          {actionData.message}
        </p>
      ) : actionData?.error ? (
        <p className="alert alert--error" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {data.state === 'test' ? <p>{t('unsubscribe.test')}</p> : null}
      {data.state === 'invalid' ? <p>{t('unsubscribe.invalid')}</p> : null}
      {data.state === 'ready' && !actionData?.done ? (
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

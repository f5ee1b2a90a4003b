import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useT } from '~/i18n/use-t';
import { getCapturedMail, requireMailboxEnabled } from '~/modules/mail/mailbox.server';
import { pageTitle } from '~/utils/page-title';

export async function loader({ params }: LoaderFunctionArgs) {
  requireMailboxEnabled();
  const message = await getCapturedMail(params.id ?? '');
  if (!message) throw new Response(null, { status: 404 });
  return json({ message });
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, args.data ? { text: args.data.message.subject } : 'mailbox.title');

export default function MailboxMessage() {
  const { message } = useLoaderData<typeof loader>();
  const t = useT();
  const headers: [string, string][] = [
    ['From', message.fromAddress],
    ['To', message.toAddress],
    ...(message.replyTo ? ([['Reply-To', message.replyTo]] as [string, string][]) : []),
    ['Subject', message.subject],
    ...Object.entries(message.headers),
  ];
  return (
    <section className="card mailbox">
      <p>
        <Link to="/dev/mailbox">← {t('mailbox.title')}</Link>
      </p>
      <h1>{message.subject}</h1>
      <h2>{t('mailbox.headers')}</h2>
      <table className="data">
        <tbody>
          {headers.map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>HTML</h2>
      {/* Inline, not in an iframe: the app's CSP (frame-ancestors 'none') also applies to
          srcdoc frames, which then stay blank. The HTML is our own rendered template. */}
      <div
        className="mailbox__html"
        role="document"
        aria-label={t('mailbox.htmlPart')}
        dangerouslySetInnerHTML={{ __html: message.html }}
      />
      <h2>{t('mailbox.textPart')}</h2>
      <pre>{message.text}</pre>
    </section>
  );
}

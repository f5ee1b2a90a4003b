import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { LocalTime } from '~/components/local-time';
import { useT } from '~/i18n/use-t';
import { listCapturedMail, requireMailboxEnabled } from '~/modules/mail/mailbox.server';
import { pageTitle } from '~/utils/page-title';

export async function loader({ request }: LoaderFunctionArgs) {
  requireMailboxEnabled();
  const to = new URL(request.url).searchParams.get('to');
  const messages = await listCapturedMail({ to });
  return json({
    messages: messages.map(({ id, to, subject, createdAt }) => ({ id, to, subject, createdAt })),
  });
}

export const meta: MetaFunction = (args) => pageTitle(args, 'mailbox.title');

export default function Mailbox() {
  const { messages } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="card mailbox">
      <h1>{t('mailbox.title')}</h1>
      <p className="muted">{t('mailbox.intro')}</p>
      {messages.length === 0 ? (
        <p>{t('mailbox.empty')}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('mailbox.received')}</th>
              <th scope="col">{t('mailbox.to')}</th>
              <th scope="col">{t('mailbox.subject')}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr key={message.id}>
                <td>
                  <LocalTime value={message.createdAt} />
                </td>
                <td>{message.to}</td>
                <td>
                  <Link to={`/dev/mailbox/${message.id}`}>{message.subject}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

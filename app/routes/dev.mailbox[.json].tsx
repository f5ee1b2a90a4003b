import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { listCapturedMail, requireMailboxEnabled } from '~/modules/mail/mailbox.server';

/** Machine-readable mailbox for browser tests and scripts (development only). */
export async function loader({ request }: LoaderFunctionArgs) {
  requireMailboxEnabled();
  const url = new URL(request.url);
  const messages = await listCapturedMail({
    to: url.searchParams.get('to'),
    limit: Number(url.searchParams.get('limit') ?? 100) || 100,
  });
  return json({ messages }, { headers: { 'Cache-Control': 'no-store' } });
}

import type { LoaderFunctionArgs } from '@remix-run/node';
import { buffer } from 'node:stream/consumers';
import { requireStaff } from '~/modules/events/staff-access.server';
import { readAttachment, staffAttachment } from '~/modules/relay/relay-threads.server';

/**
 * A file kept from a member's reply, for the event's staff only (any role may read). The type
 * sent is the one the file's own bytes proved when it arrived; images open inline, PDFs are
 * downloaded. Never cached, never sniffed, and sandboxed should a browser render it anyway.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await requireStaff(request, params.slug, 'viewer');
  const file = await staffAttachment(event.id, params.threadId ?? '', params.attachmentId ?? '');
  if (!file) throw new Response(null, { status: 404 });
  const bytes = await buffer(readAttachment(file.storageKey)).catch(() => null);
  if (!bytes) throw new Response(null, { status: 404 });
  const inline = file.contentType.startsWith('image/');
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
}

import { encode, type EncodePlugin } from 'turbo-stream';

/**
 * Refusals made outside Remix (the input guard, the database outage answer) to a request the
 * page's own JavaScript made: with single fetch, `GET /path.data` (loaders) or `POST /path.data`
 * (an action), whose answer the browser decodes as turbo-stream, not as JSON.
 */
export function isSingleFetchRequest(url: URL): boolean {
  return url.pathname.endsWith('.data');
}

/**
 * The answer, in single fetch's encoding, that makes the browser show the refusal:
 * - to an action, a thrown response (`{ error: ErrorResponse }`): the route's ErrorBoundary
 *   shows `data` with the status, as it did with Remix's caught responses before single fetch;
 * - to loaders, a redirect to the page itself that reloads the document: a navigation cannot
 *   be answered with an error for routes this layer cannot name, and the page's own request
 *   gets the full refusal page (localized, with its status).
 * The HTTP status stays the refusal's, for clients and logs.
 */
export function singleFetchRefusal(
  request: Request,
  status: number,
  data: unknown,
  headers: Record<string, string>,
): Response {
  const url = new URL(request.url);
  const loaders = request.method === 'GET' || request.method === 'HEAD';
  const redirect = { redirect: pageOf(url), status: 302, revalidate: false, reload: true };
  const thrown = { status, statusText: '', data };
  const result = loaders ? {} : { error: thrown };
  // Encoded as Remix's server encodes its own types, so that the browser's decoder knows them.
  const plugins: EncodePlugin[] = [
    (value) => {
      if (loaders && value === result) return ['SingleFetchRedirect', redirect];
      if (value === thrown) return ['ErrorResponse', thrown.data, thrown.status, thrown.statusText];
      return undefined;
    },
  ];
  const body = encode(result, { plugins });
  return new Response(body, {
    status,
    headers: { ...headers, 'Content-Type': 'text/x-script', 'X-Remix-Response': 'yes' },
  });
}

/** `/e/x.data?_routes=…` → `/e/x`; `/_root.data` → `/` (Remix's own naming of the root). */
function pageOf(url: URL): string {
  const pathname = url.pathname.replace(/\.data$/, '').replace(/^\/_root$/, '/');
  const search = new URLSearchParams(url.search);
  search.delete('_routes');
  const query = search.toString();
  return `${pathname}${query ? `?${query}` : ''}`;
}

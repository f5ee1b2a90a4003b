import { translator } from '~/i18n/translate';
import { getLocale } from '~/modules/i18n/locale.server';
import stylesheet from '~/styles/app.css?url';

/** A PostgreSQL restart takes seconds; a client that honours Retry-After comes back then. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The answer to a request whose loader or action found the database unreachable, in place of
 * Remix's 500: 503, Retry-After, never cached (a cached outage page would outlive the outage).
 *
 * A page request gets a short page in the visitor's language, built from the request alone:
 * with the database away there is no session to read, so it carries no header or account
 * links. A Remix data request (`?_data=`, a client-side navigation or form) gets a thrown
 * Response in Remix's protocol instead, which the root ErrorBoundary shows as its 503 message.
 */
export function databaseUnavailableResponse(request: Request): Response {
  const headers = new Headers({
    'Retry-After': String(RETRY_AFTER_SECONDS),
    'Cache-Control': 'no-store',
  });
  if (new URL(request.url).searchParams.has('_data')) {
    headers.set('Content-Type', 'application/json; charset=utf-8');
    headers.set('X-Remix-Catch', 'yes');
    return new Response(JSON.stringify({ reason: 'database_unavailable' }), {
      status: 503,
      headers,
    });
  }
  const locale = getLocale(request);
  const t = translator(locale);
  const title = escapeHtml(t('errors.databaseUnavailable.title'));
  headers.set('Content-Type', 'text/html; charset=utf-8');
  const html = `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} | Startline</title>
<link rel="stylesheet" href="${escapeHtml(stylesheet)}">
</head>
<body>
<main id="main" class="page">
<section class="card narrow">
<h1>${title}</h1>
<p>${escapeHtml(t('errors.databaseUnavailable.body'))}</p>
<p><a href="">${escapeHtml(t('errors.retry'))}</a></p>
</section>
</main>
</body>
</html>
`;
  return new Response(html, { status: 503, headers });
}

function escapeHtml(text: string) {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

import { translator } from '~/i18n/translate';
import { getLocale } from '~/modules/i18n/locale.server';
import stylesheet from '~/styles/app.css?url';
import { isSingleFetchRequest, singleFetchRefusal } from '~/utils/single-fetch-refusal.server';

/** A PostgreSQL restart takes seconds; a client that honours Retry-After comes back then. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The answer to a request whose loader or action found the database unreachable, in place of
 * Remix's 500: 503, Retry-After, never cached (a cached outage page would outlive the outage).
 *
 * A page request gets a short page in the visitor's language, built from the request alone:
 * with the database away there is no session to read, so it carries no header or account
 * links. A Remix data request (single fetch's `/path.data`) gets an answer in its encoding
 * instead: a form's, a thrown 503 that the ErrorBoundary shows as its message; a navigation's,
 * a reload of the page, which then gets this page (single-fetch-refusal.server.ts).
 */
export function databaseUnavailableResponse(request: Request): Response {
  const headers = new Headers({
    'Retry-After': String(RETRY_AFTER_SECONDS),
    'Cache-Control': 'no-store',
  });
  if (isSingleFetchRequest(new URL(request.url))) {
    return singleFetchRefusal(
      request,
      503,
      { reason: 'database_unavailable' },
      {
        'Retry-After': String(RETRY_AFTER_SECONDS),
        'Cache-Control': 'no-store',
      },
    );
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

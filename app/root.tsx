import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import type { ShouldRevalidateFunction } from '@remix-run/react';
import { data } from '@remix-run/node';
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import { errorCopy } from '~/components/error-page';
import { SiteHeader } from '~/components/site-header';
import { needsMoreStrings } from '~/i18n/route-strings';
import { useLocale, useT } from '~/i18n/use-t';
import type { Locale } from '~/i18n/types';
import { getCurrentSession } from '~/modules/auth/session.server';
import { getLocale } from '~/modules/i18n/locale.server';
import { pageStrings } from '~/modules/i18n/page-strings.server';
import { useNonce } from '~/utils/nonce-provider';
import stylesheet from '~/styles/app.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Keyed by the load context, the page's own loader reuses this lookup (session.server.ts).
  const session = await getCurrentSession(request, context);
  const headers = new Headers();
  if (session?.refreshCookie) headers.append('Set-Cookie', session.refreshCookie);
  const locale = getLocale(request);
  // data(), not json(): single fetch serializes the object itself; a JSON Response would be
  // encoded and parsed again on every page (issue #12).
  return data(
    {
      locale,
      // Only what the matched routes use, in one language: the browser never loads the table.
      strings: pageStrings(locale, new URL(request.url).pathname),
      // The signed-in person sees their own address; nobody else's ever reaches the page.
      user: session ? { email: session.user.email } : null,
    },
    { headers },
  );
}

/**
 * A plain navigation does not re-run the root loader, yet the next page may use strings this
 * one was not sent: then it must (decision 105). After a form post Remix re-runs it anyway.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  currentUrl,
  nextUrl,
  defaultShouldRevalidate,
}) => defaultShouldRevalidate || needsMoreStrings(currentUrl.pathname, nextUrl.pathname);

function Document(props: { locale: Locale; children: React.ReactNode; title?: string }) {
  const nonce = useNonce();
  return (
    <html lang={props.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {props.title ? <title>{props.title}</title> : null}
        <Meta />
        <Links />
      </head>
      <body>
        {props.children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale, user } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <Document locale={locale}>
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <SiteHeader locale={locale} signedIn={Boolean(user)} email={user?.email ?? null} />
      <main id="main" className="page">
        <Outlet />
      </main>
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>('root');
  // Without root data (its loader failed) these fall back to the default language's strings.
  const locale = useLocale();
  const t = useT();
  const { title, body } = errorCopy(error, t);
  return (
    <Document locale={locale} title={`${title} | Startline`}>
      <SiteHeader
        locale={locale}
        signedIn={Boolean(data?.user)}
        email={data?.user?.email ?? null}
      />
      <main id="main" className="page">
        <section className="card narrow">
          <h1>{title}</h1>
          <p>{body}</p>
          <p>
            <a href="/">{t('errors.backHome')}</a>
          </p>
        </section>
      </main>
    </Document>
  );
}

import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import { SiteHeader } from '~/components/site-header';
import { translator } from '~/i18n/translate';
import { defaultLocale, isLocale, type Locale } from '~/i18n/types';
import { getCurrentSession } from '~/modules/auth/session.server';
import { getLocale } from '~/modules/i18n/locale.server';
import { useNonce } from '~/utils/nonce-provider';
import stylesheet from '~/styles/app.css';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Keyed by the load context, the page's own loader reuses this lookup (session.server.ts).
  const session = await getCurrentSession(request, context);
  const headers = new Headers();
  if (session?.refreshCookie) headers.append('Set-Cookie', session.refreshCookie);
  return json(
    {
      locale: getLocale(request),
      // The signed-in person sees their own address; nobody else's ever reaches the page.
      user: session ? { email: session.user.email } : null,
    },
    { headers },
  );
}

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
  const t = translator(locale);
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
  const locale: Locale = isLocale(data?.locale) ? data.locale : defaultLocale;
  const t = translator(locale);
  let title = t('errors.generic.title');
  let body = t('errors.generic.body');
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t('errors.notFound.title');
      body = t('errors.notFound.body');
    } else if (error.status === 403) {
      title = t('errors.forbidden.title');
      body = t('errors.forbidden.body');
      // requireStaff names the role it wanted (forbiddenBelow): say which one.
      const required = (error.data as { requiredRole?: unknown } | null)?.requiredRole;
      if (required === 'owner')
        body = t('errors.forbidden.needsOwner', { role: t('home.role.owner') });
      else if (required === 'editor' || required === 'viewer')
        body = t('errors.forbidden.needsRole', { role: t(`home.role.${required}`) });
    } else if (error.status === 503) {
      // A client-side navigation during a database outage (server.ts answers 503).
      title = t('errors.databaseUnavailable.title');
      body = t('errors.databaseUnavailable.body');
    } else if (error.status < 500) {
      title = t('errors.generic.title');
      const message = (error.data as { formError?: string } | null)?.formError;
      body = message ?? t('errors.badRequest');
    }
  }
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

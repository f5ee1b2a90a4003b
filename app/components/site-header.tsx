import { Form, Link, useLocation } from '@remix-run/react';
import { useT } from '~/i18n/use-t';
import type { Locale } from '~/i18n/types';

export function SiteHeader(props: { locale: Locale; signedIn: boolean; email: string | null }) {
  const t = useT();
  const location = useLocation();
  const returnTo = `${location.pathname}${location.search}`;
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand" aria-label={`${t('app.name')} — ${t('nav.home')}`}>
          <span className="brand__mark" aria-hidden="true">
            ▶
          </span>
          Startline
        </Link>
        <nav aria-label={t('nav.mainLabel')} className="site-header__nav">
          <Form
            method="post"
            action="/set-language"
            className="lang-switch"
            aria-label={t('nav.language')}
          >
            <input type="hidden" name="returnTo" value={returnTo} />
            <button
              type="submit"
              name="locale"
              value="ja"
              aria-pressed={props.locale === 'ja'}
              lang="ja"
            >
              {t('lang.ja')}
            </button>
            <button
              type="submit"
              name="locale"
              value="en"
              aria-pressed={props.locale === 'en'}
              lang="en"
            >
              {t('lang.en')}
            </button>
          </Form>
          {props.signedIn ? (
            <Form method="post" action="/sign-out">
              <button type="submit" className="button button--quiet">
                {t('nav.signOut')}
              </button>
            </Form>
          ) : (
            <Link to="/sign-in" className="button button--quiet">
              {t('nav.signIn')}
            </Link>
          )}
        </nav>
      </div>
    </header>
  );
}

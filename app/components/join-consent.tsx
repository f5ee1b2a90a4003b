import { Form, Link } from '@remix-run/react';
import { useT } from '~/i18n/use-t';

/**
 * The pieces of the join pages (invitation link and event-code confirmation): the plain
 * explanation of the community, the consent text with an *unticked* checkbox and a button,
 * and the one page every dead link leads to.
 */

export function CommunityFacts() {
  const t = useT();
  return (
    <div className="community-facts">
      <h2>{t('invitations.facts.whatHeading')}</h2>
      <ul>
        <li>{t('invitations.facts.what1')}</li>
        <li>{t('invitations.facts.what2')}</li>
        <li>{t('invitations.facts.what3')}</li>
      </ul>
      <h2>{t('invitations.facts.sharedHeading')}</h2>
      <ul>
        <li>{t('invitations.facts.shared1')}</li>
        <li>{t('invitations.facts.shared2')}</li>
        <li>{t('invitations.facts.shared3')}</li>
      </ul>
      <h2>{t('invitations.facts.leaveHeading')}</h2>
      <p>{t('invitations.facts.leave')}</p>
    </div>
  );
}

export interface ConsentView {
  version: string;
  locale: 'ja' | 'en';
  text: string;
}

export function ConsentForm(props: {
  consent: ConsentView;
  error?: string;
  formError?: string;
  mustSignInFirst: boolean;
  signInHref: string;
  signedInAsSomeoneElse: boolean;
}) {
  const t = useT();
  return (
    <section aria-labelledby="consent-heading">
      <h2 id="consent-heading">
        {t('invitations.join.consentHeading')}{' '}
        <span className="muted">
          ({t('invitations.join.consentVersion', { version: props.consent.version })})
        </span>
      </h2>
      <div className="consent-text" lang={props.consent.locale}>
        {props.consent.text}
      </div>
      {props.formError ? (
        <p className="alert alert--error" role="alert">
          {props.formError}
        </p>
      ) : null}
      {props.mustSignInFirst ? (
        <div className="alert alert--info">
          <p>{t('invitations.join.signInFirst')}</p>
          <Link to={props.signInHref} className="button">
            {t('invitations.join.signInButton')}
          </Link>
        </div>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="consentVersion" value={props.consent.version} />
          <input type="hidden" name="consentLocale" value={props.consent.locale} />
          {props.signedInAsSomeoneElse ? (
            <p className="alert alert--info">{t('invitations.join.switchAccount')}</p>
          ) : null}
          <div className="consent-check">
            <input
              id="consent"
              type="checkbox"
              name="consent"
              value="yes"
              required
              aria-invalid={props.error ? true : undefined}
              aria-describedby={props.error ? 'consent-error' : undefined}
            />
            <label htmlFor="consent">{t('invitations.join.checkbox')}</label>
          </div>
          {props.error ? (
            <p id="consent-error" className="field__error" role="alert">
              {props.error}
            </p>
          ) : null}
          <button type="submit" className="button button--block">
            {t('invitations.join.submit')}
          </button>
        </Form>
      )}
    </section>
  );
}

export function LinkGone() {
  const t = useT();
  return (
    <section className="card narrow">
      <h1>{t('invitations.gone.title')}</h1>
      <p>{t('invitations.gone.body')}</p>
      <p>
        <Link to="/sign-in" className="button button--quiet">
          {t('nav.signIn')}
        </Link>
      </p>
    </section>
  );
}

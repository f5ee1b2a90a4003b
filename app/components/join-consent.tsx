import { getFormProps } from '@conform-to/react';
import { Form, Link } from '@remix-run/react';
import { useT } from '~/i18n/use-t';
import { errorText, useConstraintForm, type FormConstraints } from '~/utils/constraint-forms';

/**
 * The pieces of the join pages (invitation link and event-code confirmation): the consent text
 * with an *unticked* checkbox and a button, and the one page every dead link leads to. The
 * plain explanation of the community is community-facts.tsx (the event's page shows it too,
 * without the rest: a module's strings go to every page that imports it, decision 105).
 */

export interface ConsentView {
  version: string;
  locale: 'ja' | 'en';
  /** The version's wording (consentWording), laid out here rather than as one block. */
  wording: {
    intro: string;
    points: string[];
    transfer?: { heading: string; summary: string; details: string[] };
  };
}

/** Addresses in the wording become links; the stored text keeps them as plain text. */
function WithLinks(props: { text: string }) {
  const parts = props.text.split(/(https:\/\/[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+)/);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part} target="_blank" rel="noopener noreferrer">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}

/**
 * The consent text as the runner reads it: the points as a list, then the notice on the
 * email provider abroad as a short summary with its details folded, so the page is not a
 * wall of text. Everything stays in the DOM (and in the stored text) either way.
 */
function ConsentText(props: { consent: ConsentView }) {
  const t = useT();
  const { wording } = props.consent;
  return (
    <div className="consent-text" lang={props.consent.locale}>
      <p>{wording.intro}</p>
      <ul>
        {wording.points.map((point) => (
          <li key={point}>{point}</li>
        ))}
      </ul>
      {wording.transfer ? (
        <section className="consent-transfer" aria-labelledby="consent-transfer-heading">
          <h3 id="consent-transfer-heading">{wording.transfer.heading}</h3>
          <p>{wording.transfer.summary}</p>
          <details>
            <summary>{t('invitations.join.transferDetails')}</summary>
            <ul>
              {wording.transfer.details.map((detail) => (
                <li key={detail}>
                  <WithLinks text={detail} />
                </li>
              ))}
            </ul>
          </details>
        </section>
      ) : null}
    </div>
  );
}

/**
 * The consent form. Checked in the browser by its HTML constraints (a runner's phone gets no
 * zod); the action parses `joinSchema` and its refusal (`actionData`) is shown again here.
 */
export function ConsentForm(props: {
  consent: ConsentView;
  /** The action's last answer (`useActionData<typeof action>()`). */
  actionData: unknown;
  constraint: FormConstraints;
  mustSignInFirst: boolean;
  signInHref: string;
  signedInAsSomeoneElse: boolean;
}) {
  const t = useT();
  const [form, fields] = useConstraintForm(props.actionData, { constraint: props.constraint });
  const formError = errorText(t, form.errors);
  // The box can only be left unticked: say so, whether the browser or the server noticed.
  const error = fields.consent.errors?.length ? t('invitations.join.notTicked') : undefined;
  return (
    <section aria-labelledby="consent-heading">
      <h2 id="consent-heading">
        {t('invitations.join.consentHeading')}{' '}
        <span className="muted">
          {t('invitations.join.consentVersion', { version: props.consent.version })}
        </span>
      </h2>
      <ConsentText consent={props.consent} />
      {formError ? (
        <p className="alert alert--error" role="alert">
          {formError}
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
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="consentVersion" value={props.consent.version} />
          <input type="hidden" name="consentLocale" value={props.consent.locale} />
          {props.signedInAsSomeoneElse ? (
            <p className="alert alert--info">{t('invitations.join.switchAccount')}</p>
          ) : null}
          <div className="consent-check">
            {/* Never pre-ticked, not even after a refusal: consent is given by the click. */}
            <input
              key={fields.consent.key}
              id="consent"
              type="checkbox"
              name={fields.consent.name}
              value="yes"
              required={fields.consent.required}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'consent-error' : undefined}
            />
            <label htmlFor="consent">{t('invitations.join.checkbox')}</label>
          </div>
          {error ? (
            <p id="consent-error" className="field__error" role="alert">
              {error}
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

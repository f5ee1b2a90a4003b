import { Form } from '@remix-run/react';
import { useT } from '~/i18n/use-t';

/** "Export my data": a plain download link (a GET that changes nothing). */
export function ExportDataCard(props: { href: string }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="export-heading">
      <h2 id="export-heading">{t('members.export.title')}</h2>
      <p className="muted">{t('members.export.help')}</p>
      <a href={props.href} className="button button--quiet" download>
        {t('members.export.download')}
      </a>
    </section>
  );
}

/**
 * An irreversible step (leave, delete) behind an unticked confirmation box and a POST with an
 * `intent`; the server re-checks the box, so the checkbox is never the only guard.
 */
export function ConfirmedActionCard(props: {
  intent: 'leave' | 'delete';
  error?: string;
  busy: boolean;
  danger?: boolean;
}) {
  const t = useT();
  const keys = {
    leave: {
      title: 'members.leave.title',
      help: 'members.leave.help',
      confirm: 'members.leave.confirm',
      submit: 'members.leave.submit',
    },
    delete: {
      title: 'members.delete.title',
      help: 'members.delete.help',
      confirm: 'members.delete.confirm',
      submit: 'members.delete.submit',
    },
  } as const;
  const k = keys[props.intent];
  const headingId = `${props.intent}-heading`;
  return (
    <section className={props.danger ? 'card card--danger' : 'card'} aria-labelledby={headingId}>
      <h2 id={headingId}>{t(k.title)}</h2>
      <p className="muted">{t(k.help)}</p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value={props.intent} />
        <label className="checkbox">
          <input
            type="checkbox"
            name="confirm"
            value="yes"
            aria-invalid={props.error ? true : undefined}
          />
          <span>{t(k.confirm)}</span>
        </label>
        {props.error ? (
          <p className="field__error" role="alert">
            {props.error}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={props.busy}>
          {t(k.submit)}
        </button>
      </Form>
    </section>
  );
}

import { isRouteErrorResponse } from '@remix-run/react';
import { roleLabel } from '~/i18n/key-families';
import type { Translate } from '~/i18n/translate';

/**
 * The heading and sentence for an error, shared by the root page and the area boundaries
 * (staff, member, sponsor) so a 403 reads the same wherever it is shown. `place` names the
 * event or console the visitor is in, for "this page does not exist in …".
 */
export function errorCopy(
  error: unknown,
  t: Translate,
  place?: string | null,
): { title: string; body: string } {
  if (!isRouteErrorResponse(error)) {
    return { title: t('errors.generic.title'), body: t('errors.generic.body') };
  }
  if (error.status === 404) {
    return {
      title: t('errors.notFound.title'),
      body: place ? t('errors.notFound.inPlace', { place }) : t('errors.notFound.body'),
    };
  }
  if (error.status === 403) {
    // requireStaff names the role it wanted (forbiddenBelow): say which one.
    const required = (error.data as { requiredRole?: unknown } | null)?.requiredRole;
    let body = t('errors.forbidden.body');
    if (required === 'owner')
      body = t('errors.forbidden.needsOwner', { role: t(roleLabel(required)) });
    else if (required === 'editor' || required === 'viewer')
      body = t('errors.forbidden.needsRole', { role: t(roleLabel(required)) });
    return { title: t('errors.forbidden.title'), body };
  }
  if (error.status === 503) {
    // A client-side navigation during a database outage (server.ts answers 503).
    return {
      title: t('errors.databaseUnavailable.title'),
      body: t('errors.databaseUnavailable.body'),
    };
  }
  if (error.status < 500) {
    const message = (error.data as { formError?: string } | null)?.formError;
    return { title: t('errors.generic.title'), body: message ?? t('errors.badRequest') };
  }
  return { title: t('errors.generic.title'), body: t('errors.generic.body') };
}

/** The card an error boundary shows in place of the page, with a way back. */
export function ErrorCard(props: {
  title: string;
  body: string;
  back: { href: string; label: string };
}) {
  return (
    <section className="card narrow" data-error-page>
      <h1>{props.title}</h1>
      <p>{props.body}</p>
      <p>
        <a href={props.back.href}>{props.back.label}</a>
      </p>
    </section>
  );
}

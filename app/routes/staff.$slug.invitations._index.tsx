import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { LocalTime } from '~/components/local-time';
import { TableScroll } from '~/components/table-scroll';
import { inviteeStatus } from '~/i18n/key-families';
import { useLocale, useT } from '~/i18n/use-t';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import {
  encodeInviteePosition,
  inviteeCursorFromUrl,
  inviteeFiltersFromUrl,
  listInviteeCategories,
  listInvitees,
  type InviteeCursor,
} from '~/modules/invitations/invitee-directory.server';
import { inviteeStatuses, MAX_INVITEE_SEARCH_LENGTH } from '~/modules/invitations/invitee-status';
import { pageTitle } from '~/utils/page-title';

const noStore = { 'Cache-Control': 'private, no-store' };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'viewer', context);
  const url = new URL(request.url);
  const filters = inviteeFiltersFromUrl(url.searchParams);
  const cursor = inviteeCursorFromUrl(url.searchParams);
  if (filters === 'invalid' || cursor === 'invalid') {
    const t = getTranslator(request);
    throw json(
      { formError: t(filters === 'invalid' ? 'invitees.badFilter' : 'invitees.badCursor') },
      { status: 400, headers: noStore },
    );
  }
  if (filters.addressQuery) {
    // Not echoed back, not even into the search box or a link: the list opens without it.
    const rest = new URLSearchParams(url.searchParams);
    rest.delete('q');
    rest.set('addressSearch', '1');
    throw redirect(`${url.pathname}?${rest}`, { headers: noStore });
  }
  const addressSearch = url.searchParams.get('addressSearch') === '1';
  const [result, categories] = await Promise.all([
    listInvitees(event.id, { ...filters, cursor }),
    listInviteeCategories(event.id),
  ]);
  // Cursors leave the server encoded: the page never has to understand them.
  const encode = (c: InviteeCursor | null) =>
    c === null
      ? null
      : 'last' in c
        ? { last: '1' }
        : 'after' in c
          ? { after: encodeInviteePosition(c.after) }
          : { before: encodeInviteePosition(c.before) };
  return json(
    {
      event,
      role,
      filters,
      addressSearch,
      categories,
      count: result.count,
      invitees: result.invitees,
      previous: encode(result.previous),
      next: encode(result.next),
    },
    { headers: noStore },
  );
}

export const meta: MetaFunction = (args) =>
  pageTitle(args, 'invitees.title', { robots: 'noindex' });

export default function StaffInvitations() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const base = `/staff/${data.event.slug}`;
  const filtered = Boolean(data.filters.query || data.filters.status || data.filters.category);
  const filterParams = () => {
    const params = new URLSearchParams();
    if (data.filters.query) params.set('q', data.filters.query);
    if (data.filters.status) params.set('status', data.filters.status);
    if (data.filters.category) params.set('category', data.filters.category);
    return params;
  };
  // Every link keeps the filters: paging through the matches, not through everyone.
  const pageLink = (cursor: Record<string, string> | null) => {
    const params = filterParams();
    for (const [key, value] of Object.entries(cursor ?? {})) params.set(key, value);
    const search = params.toString();
    return search ? `${base}/invitations?${search}` : `${base}/invitations`;
  };
  const csvLink = () => {
    const search = filterParams().toString();
    return `${base}/invitations.csv${search ? `?${search}` : ''}`;
  };
  const count = data.count.toLocaleString(locale);
  return (
    <>
      <h1>{t('invitees.title')}</h1>
      <section className="card">
        <p className="muted">{t('invitees.privacyNote')}</p>
        <Form method="get" className="search-form" role="search">
          <label htmlFor="invitee-search">{t('invitees.search')}</label>
          <input
            id="invitee-search"
            name="q"
            type="search"
            defaultValue={data.filters.query}
            maxLength={MAX_INVITEE_SEARCH_LENGTH}
            placeholder={t('invitees.searchPlaceholder')}
          />
          <label htmlFor="invitee-status">{t('invitees.filter.status')}</label>
          <select id="invitee-status" name="status" defaultValue={data.filters.status ?? ''}>
            <option value="">{t('invitees.filter.all')}</option>
            {inviteeStatuses.map((status) => (
              <option key={status} value={status}>
                {t(inviteeStatus(status))}
              </option>
            ))}
          </select>
          {data.categories.length > 0 ? (
            <>
              <label htmlFor="invitee-category">{t('invitees.filter.category')}</label>
              <select
                id="invitee-category"
                name="category"
                defaultValue={data.filters.category ?? ''}
              >
                <option value="">{t('invitees.filter.all')}</option>
                {data.categories.map((category) => (
                  <option key={category} value={category}>
                    {category}
                  </option>
                ))}
              </select>
            </>
          ) : null}
          <button type="submit" className="button button--quiet">
            {t('invitees.filter.submit')}
          </button>
          {filtered ? <Link to={`${base}/invitations`}>{t('invitees.filter.clear')}</Link> : null}
        </Form>
        {data.addressSearch ? (
          <p className="alert alert--warn" role="status">
            {t('invitees.addressSearch')}
          </p>
        ) : null}
        <p aria-live="polite">
          {filtered ? t('invitees.countFiltered', { count }) : t('invitees.count', { count })}
        </p>
        {data.role === 'owner' ? (
          <>
            <p>
              <a href={csvLink()} className="button button--quiet" download>
                {t('invitees.downloadCsv')}
              </a>
            </p>
            <p className="muted">{t('invitees.downloadCsvHelp')}</p>
          </>
        ) : null}
        {data.invitees.length === 0 ? (
          <p className="muted">
            {data.count > 0
              ? t('invitees.pageEmpty')
              : filtered
                ? t('invitees.noMatch')
                : t('invitees.none')}
          </p>
        ) : (
          <TableScroll>
            {/* Cards on a phone (data--stack): staff look invitees up at the expo desk, and as
                a table at 390 px the names broke one character per line. */}
            <table className="data data--stack">
              <thead>
                <tr>
                  <th scope="col">{t('invitees.col.bib')}</th>
                  <th scope="col">{t('invitees.col.name')}</th>
                  <th scope="col">{t('invitees.col.category')}</th>
                  <th scope="col">{t('invitees.col.status')}</th>
                  <th scope="col">{t('invitees.col.sentAt')}</th>
                  <th scope="col">{t('invitees.col.remindedAt')}</th>
                  <th scope="col">{t('invitees.col.respondedAt')}</th>
                  <th scope="col">{t('invitees.col.email')}</th>
                </tr>
              </thead>
              <tbody>
                {data.invitees.map((invitee) => (
                  <tr key={invitee.id}>
                    <td data-label={t('invitees.col.bib')}>
                      <Link to={`${base}/invitations/${invitee.id}`}>{invitee.bib}</Link>
                    </td>
                    <td data-label={t('invitees.col.name')}>
                      <Link to={`${base}/invitations/${invitee.id}`}>{invitee.name || '—'}</Link>
                      {invitee.nameKana ? (
                        <>
                          <br />
                          <small className="muted">{invitee.nameKana}</small>
                        </>
                      ) : null}
                    </td>
                    <td data-label={t('invitees.col.category')}>{invitee.category ?? '—'}</td>
                    <td data-label={t('invitees.col.status')}>
                      <span className="badge">{t(inviteeStatus(invitee.status))}</span>
                    </td>
                    <td data-label={t('invitees.col.sentAt')}>
                      {invitee.sentAt ? <LocalTime value={invitee.sentAt} /> : '—'}
                    </td>
                    <td data-label={t('invitees.col.remindedAt')}>
                      {invitee.remindedAt ? <LocalTime value={invitee.remindedAt} /> : '—'}
                    </td>
                    <td data-label={t('invitees.col.respondedAt')}>
                      {invitee.respondedAt ? <LocalTime value={invitee.respondedAt} /> : '—'}
                    </td>
                    <td data-label={t('invitees.col.email')}>
                      <code>{invitee.maskedEmail}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {data.previous || data.next ? (
          <nav className="pager" aria-label={t('staff.pager.label')}>
            <span className="pager__side">
              {data.previous ? (
                <>
                  <Link to={pageLink(null)}>{t('staff.pager.first')}</Link>
                  <Link to={pageLink(data.previous)} rel="prev">
                    {t('staff.pager.previous')}
                  </Link>
                </>
              ) : null}
            </span>
            <span className="pager__side">
              {data.next ? (
                <>
                  <Link to={pageLink(data.next)} rel="next">
                    {t('staff.pager.next')}
                  </Link>
                  <Link to={pageLink({ last: '1' })}>{t('staff.pager.last')}</Link>
                </>
              ) : null}
            </span>
          </nav>
        ) : null}
      </section>
    </>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';

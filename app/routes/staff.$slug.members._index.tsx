import { TableScroll } from '~/components/table-scroll';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { LocalTime } from '~/components/local-time';
import { useLocale, useT } from '~/i18n/use-t';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { listEventChannels } from '~/modules/membership/channel-preferences.server';
import { memberAlias } from '~/modules/membership/member-alias';
import {
  listMembers,
  memberCursorFromUrl,
  type MemberCursor,
} from '~/modules/membership/member-directory.server';
import { MAX_SEARCH_LENGTH } from '~/modules/membership/member-directory-limits';
import { pageTitle } from '~/utils/page-title';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'viewer', context);
  const url = new URL(request.url);
  const query = (url.searchParams.get('q') ?? '').slice(0, MAX_SEARCH_LENGTH);
  const cursor = memberCursorFromUrl(url.searchParams);
  if (cursor === 'invalid') {
    const t = getTranslator(request);
    throw json({ formError: t('staff.members.badCursor') }, { status: 400 });
  }
  const [result, channels] = await Promise.all([
    listMembers(event.id, { query, cursor }),
    listEventChannels(event.id),
  ]);
  return json(
    { event, role, query, channels, ...result },
    // Staff pages hold personal data (names, bibs): never kept in a shared cache.
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export const meta: MetaFunction = (args) => pageTitle(args, 'staff.members.title');

export default function StaffMembers() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const base = `/staff/${data.event.slug}`;
  // Every link keeps the search: paging through the matches, not through everyone.
  const pageLink = (cursor: MemberCursor | null) => {
    const params = new URLSearchParams();
    if (data.query) params.set('q', data.query);
    if (cursor && 'after' in cursor) params.set('after', String(cursor.after));
    if (cursor && 'before' in cursor) params.set('before', String(cursor.before));
    if (cursor && 'last' in cursor) params.set('last', '1');
    const search = params.toString();
    return search ? `${base}/members?${search}` : `${base}/members`;
  };
  const count = data.count.value.toLocaleString(locale);
  return (
    <>
      <h1>{t('staff.members.title')}</h1>
      <section className="card">
        <p className="muted">{t('staff.members.privacyNote')}</p>
        <Form method="get" className="search-form" role="search">
          <label htmlFor="member-search">{t('staff.members.search')}</label>
          <input
            id="member-search"
            name="q"
            type="search"
            defaultValue={data.query}
            maxLength={MAX_SEARCH_LENGTH}
            placeholder={t('staff.members.searchPlaceholder')}
          />
          <button type="submit" className="button button--quiet">
            {t('staff.members.searchSubmit')}
          </button>
        </Form>
        <p aria-live="polite">
          {data.query
            ? t(
                data.count.isLowerBound
                  ? 'staff.members.resultCountMore'
                  : 'staff.members.resultCount',
                { count, query: data.query },
              )
            : t('staff.members.totalCount', { count })}
        </p>
        {data.members.length === 0 ? (
          <p className="muted">
            {data.count.value > 0
              ? t('staff.members.pageEmpty')
              : data.query
                ? t('staff.members.noMatch')
                : t('staff.members.none')}
          </p>
        ) : (
          <TableScroll>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('staff.members.alias')}</th>
                  <th scope="col">{t('staff.members.bib')}</th>
                  <th scope="col">{t('staff.members.name')}</th>
                  <th scope="col">{t('staff.members.joinedAt')}</th>
                  <th scope="col">{t('staff.members.email')}</th>
                  <th scope="col">{t('staff.members.channels')}</th>
                </tr>
              </thead>
              <tbody>
                {data.members.map((member) => (
                  <tr key={member.id}>
                    <td>{memberAlias(member.aliasNumber, locale)}</td>
                    <td>{member.bib ?? '—'}</td>
                    <td>{member.name || '—'}</td>
                    <td>
                      <LocalTime value={member.joinedAt} dateOnly />
                    </td>
                    <td>
                      <code>{member.maskedEmail}</code>
                      {data.role === 'owner' ? (
                        <>
                          {' '}
                          <Link to={`${base}/members/${member.id}/reveal`} className="reveal-link">
                            {t('staff.members.reveal')}
                          </Link>
                        </>
                      ) : null}
                    </td>
                    <td>
                      <ul className="channel-flags">
                        {data.channels.map((channel) => {
                          const on = member.emailByChannel[channel.id] ?? false;
                          return (
                            <li key={channel.id} className={on ? 'is-on' : 'is-off'}>
                              {locale === 'ja' ? channel.nameJa : channel.nameEn}:{' '}
                              {on ? t('staff.members.emailOn') : t('staff.members.emailOff')}
                            </li>
                          );
                        })}
                      </ul>
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
                  <Link to={pageLink({ last: true })}>{t('staff.pager.last')}</Link>
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

import { TableScroll } from '~/components/table-scroll';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { LocalTime } from '~/components/local-time';
import { StaffNav } from '~/components/staff-nav';
import { useLocale, useT } from '~/i18n/use-t';
import { requireStaff } from '~/modules/events/staff-access.server';
import { listEventChannels } from '~/modules/membership/channel-preferences.server';
import { memberAlias } from '~/modules/membership/member-alias';
import { listMembers, MAX_SEARCH_LENGTH } from '~/modules/membership/member-directory.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'viewer');
  const url = new URL(request.url);
  const query = (url.searchParams.get('q') ?? '').slice(0, MAX_SEARCH_LENGTH);
  const page = Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1;
  const [result, channels] = await Promise.all([
    listMembers(event.id, { query, page }),
    listEventChannels(event.id),
  ]);
  return json(
    { event, role, query, channels, ...result },
    // Staff pages hold personal data (names, bibs): never kept in a shared cache.
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export const meta: MetaFunction = () => [{ title: 'Startline' }];

export default function StaffMembers() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const base = `/staff/${data.event.slug}`;
  const pageLink = (page: number) => {
    const params = new URLSearchParams();
    if (data.query) params.set('q', data.query);
    params.set('page', String(page));
    return `?${params.toString()}`;
  };
  return (
    <>
      <p className="muted">{locale === 'ja' ? data.event.nameJa : data.event.nameEn}</p>
      <h1>{t('staff.members.title')}</h1>
      <StaffNav slug={data.event.slug} role={data.role} />
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
            ? t('staff.members.resultCount', {
                count: data.total.toLocaleString(locale),
                query: data.query,
              })
            : t('staff.members.totalCount', { count: data.total.toLocaleString(locale) })}
        </p>
        {data.members.length === 0 ? (
          <p className="muted">
            {data.query ? t('staff.members.noMatch') : t('staff.members.none')}
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
        {data.pageCount > 1 ? (
          <nav className="pager" aria-label={t('staff.pager.label')}>
            {data.page > 1 ? (
              <Link to={pageLink(data.page - 1)}>{t('staff.pager.previous')}</Link>
            ) : (
              <span />
            )}
            <span>{t('staff.pager.position', { page: data.page, pages: data.pageCount })}</span>
            {data.page < data.pageCount ? (
              <Link to={pageLink(data.page + 1)}>{t('staff.pager.next')}</Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </section>
    </>
  );
}

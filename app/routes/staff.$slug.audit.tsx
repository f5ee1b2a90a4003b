import { TableScroll } from '~/components/table-scroll';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { LocalTime } from '~/components/local-time';
import { useLocale, useT } from '~/i18n/use-t';
import { auditLogPage } from '~/modules/audit/audit-page.server';
import { requireStaff } from '~/modules/events/staff-access.server';
import { pageTitle } from '~/utils/page-title';

// Read-only by design (SPEC P10): this route has no action, and the table rejects UPDATE
// and DELETE itself (migration 0001).
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'owner', context);
  const raw = new URL(request.url).searchParams.get('before');
  const before = raw && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
  const page = await auditLogPage(event, { before });
  return json(
    {
      event: { slug: event.slug, nameJa: event.nameJa, nameEn: event.nameEn },
      role,
      isFirstPage: before === undefined,
      ...page,
    },
    {
      headers: { 'Cache-Control': 'private, no-store' },
    },
  );
}

export const meta: MetaFunction = (args) => pageTitle(args, 'staff.audit.title');

export default function AuditLog() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>{t('staff.audit.title')}</h1>
      <section className="card">
        <p className="muted">{t('staff.audit.intro')}</p>
        {data.rows.length === 0 ? (
          <p>{t('staff.audit.empty')}</p>
        ) : (
          <TableScroll>
            <table className="data" data-audit-log>
              <thead>
                <tr>
                  <th scope="col">{t('staff.audit.when')}</th>
                  <th scope="col">{t('staff.audit.what')}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => (
                  <tr key={row.id}>
                    <td className="nowrap">
                      <LocalTime value={row.createdAt} />
                    </td>
                    <td>{row.sentence[locale]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <nav className="pager" aria-label={t('staff.pager.label')}>
          {data.isFirstPage ? <span /> : <Link to=".">{t('staff.audit.newest')}</Link>}
          <span />
          {data.olderBefore ? (
            <Link to={`?before=${data.olderBefore}`}>{t('staff.audit.older')}</Link>
          ) : (
            <span />
          )}
        </nav>
      </section>
    </>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';

import { TableScroll } from '~/components/table-scroll';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { LocalTime } from '~/components/local-time';
import { StaffNav } from '~/components/staff-nav';
import { isMessageKey } from '~/i18n/translate';
import { useLocale, useT } from '~/i18n/use-t';
import type { AuditRow } from '~/modules/audit/audit-page.server';
import { auditLogPage } from '~/modules/audit/audit-page.server';
import { requireStaff } from '~/modules/events/staff-access.server';
import { memberAlias } from '~/modules/membership/member-alias';

// Read-only by design (SPEC P10): this route has no action, and the table rejects UPDATE
// and DELETE itself (migration 0001).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'owner');
  const raw = new URL(request.url).searchParams.get('before');
  const before = raw && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
  const page = await auditLogPage(event.id, { before });
  return json(
    { event, role, isFirstPage: before === undefined, ...page },
    {
      headers: { 'Cache-Control': 'private, no-store' },
    },
  );
}

export const meta: MetaFunction = () => [{ title: 'Startline' }];

type Person = AuditRow['actor'] | NonNullable<AuditRow['target']>;

export default function AuditLog() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const person = (p: Person | null) => {
    if (!p) return '';
    switch (p.kind) {
      case 'staff':
        return p.email;
      case 'member':
        return memberAlias(p.aliasNumber, locale);
      case 'system':
        return t('staff.audit.actor.system');
      case 'text':
        return p.text;
      default:
        return t('staff.audit.actor.unknown');
    }
  };
  const actionLabel = (action: string) => {
    const key = `staff.audit.action.${action}`;
    return isMessageKey(key) ? t(key) : action;
  };
  const roleLabel = (value: string) => {
    const key = `home.role.${value}`;
    return isMessageKey(key) ? t(key) : value;
  };
  const detailText = (row: (typeof data.rows)[number]) => {
    const { from, to, role, reason, ...rest } = row.detail;
    const parts: string[] = [];
    if (from && to)
      parts.push(t('staff.audit.detail.roleChange', { from: roleLabel(from), to: roleLabel(to) }));
    else if (role) parts.push(t('staff.audit.detail.role', { role: roleLabel(role) }));
    if (reason) parts.push(t('staff.audit.detail.reason', { reason }));
    for (const [key, value] of Object.entries(rest)) parts.push(`${key}: ${value}`);
    return parts.join(' / ');
  };
  return (
    <>
      <p className="muted">{locale === 'ja' ? data.event.nameJa : data.event.nameEn}</p>
      <h1>{t('staff.audit.title')}</h1>
      <StaffNav slug={data.event.slug} role={data.role} />
      <section className="card">
        <p className="muted">{t('staff.audit.intro')}</p>
        {data.rows.length === 0 ? (
          <p>{t('staff.audit.empty')}</p>
        ) : (
          <TableScroll>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('staff.audit.when')}</th>
                  <th scope="col">{t('staff.audit.who')}</th>
                  <th scope="col">{t('staff.audit.what')}</th>
                  <th scope="col">{t('staff.audit.target')}</th>
                  <th scope="col">{t('staff.audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => (
                  <tr key={row.id}>
                    <td className="nowrap">
                      <LocalTime value={row.createdAt} />
                    </td>
                    <td>{person(row.actor)}</td>
                    <td>{actionLabel(row.action)}</td>
                    <td>{person(row.target)}</td>
                    <td>{detailText(row)}</td>
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

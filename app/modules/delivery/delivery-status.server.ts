import { sql } from 'drizzle-orm';
import { deliveries } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { selectRows } from '~/modules/database/rows.server';

export interface DeliveryCounts {
  total: number;
  pending: number;
  sent: number;
  delivered: number;
  bounced: number;
  complained: number;
  skipped: number;
  failed: number;
}

/** The staff status page's numbers: counts only, never who. */
export async function deliveryCounts(announcementId: string): Promise<DeliveryCounts> {
  const { status, outcome } = deliveries;
  const [row = {}] = await selectRows<Record<string, unknown>>(
    db,
    sql`
    SELECT
      count(*)::int AS total,
      count(*) FILTER (WHERE ${status} = 'queued')::int AS pending,
      count(*) FILTER (WHERE ${status} = 'sent')::int AS sent,
      count(*) FILTER (WHERE ${outcome} = 'delivered')::int AS delivered,
      count(*) FILTER (WHERE ${outcome} = 'bounced')::int AS bounced,
      count(*) FILTER (WHERE ${outcome} = 'complained')::int AS complained,
      count(*) FILTER (WHERE ${status} = 'skipped')::int AS skipped,
      count(*) FILTER (WHERE ${status} = 'failed')::int AS failed
    FROM ${deliveries} WHERE ${deliveries.announcementId} = ${announcementId}`,
  );
  const n = (key: string) => Number(row[key] ?? 0);
  return {
    total: n('total'),
    pending: n('pending'),
    sent: n('sent'),
    delivered: n('delivered'),
    bounced: n('bounced'),
    complained: n('complained'),
    skipped: n('skipped'),
    failed: n('failed'),
  };
}

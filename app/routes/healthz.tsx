import { sql } from 'drizzle-orm';
import { db } from '~/modules/database/database.server';
import { RETRY_AFTER_SECONDS } from '~/modules/database/outage-response.server';

// A load balancer takes the instance out of rotation on a 503 and puts it back on the next
// 200: the process itself stays up through a database outage and reconnects on its own.
export async function loader() {
  const headers = { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' };
  try {
    await db.execute(sql`select 1`);
  } catch {
    return new Response('database unavailable', {
      status: 503,
      headers: { ...headers, 'Retry-After': String(RETRY_AFTER_SECONDS) },
    });
  }
  return new Response('ok', { headers });
}

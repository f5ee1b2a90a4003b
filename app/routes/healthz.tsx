import { sql } from 'drizzle-orm';
import { db } from '~/modules/database/database.server';

export async function loader() {
  await db.execute(sql`select 1`);
  return new Response('ok', {
    headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' },
  });
}

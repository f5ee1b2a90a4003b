import { desc, eq } from 'drizzle-orm';
import { capturedMail } from '~db/schema';
import { isProduction } from '~/env.server';
import { db } from '~/modules/database/database.server';
import { normalizeEmail } from '~/utils/normalize';

/** The local mailbox exists for development only; in production it is simply not there. */
export function requireMailboxEnabled() {
  if (isProduction()) throw new Response(null, { status: 404 });
}

export async function listCapturedMail(options: { to?: string | null; limit?: number } = {}) {
  const limit = Math.min(Math.max(options.limit ?? 100, 1), 500);
  const query = db
    .select({
      id: capturedMail.id,
      to: capturedMail.toAddress,
      from: capturedMail.fromAddress,
      replyTo: capturedMail.replyTo,
      subject: capturedMail.subject,
      text: capturedMail.text,
      html: capturedMail.html,
      headers: capturedMail.headers,
      createdAt: capturedMail.createdAt,
    })
    .from(capturedMail)
    .orderBy(desc(capturedMail.createdAt))
    .limit(limit);
  return options.to ? query.where(eq(capturedMail.toAddress, normalizeEmail(options.to))) : query;
}

export async function getCapturedMail(id: string) {
  const [row] = await db.select().from(capturedMail).where(eq(capturedMail.id, id));
  return row ?? null;
}

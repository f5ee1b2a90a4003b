import { asc, eq } from 'drizzle-orm';
import { capturedMail, outboundEmails } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { runPendingJobs } from '~/modules/jobs/queue.server';

/** Delivers everything queued (through pg-boss, as a worker would) and returns the mailbox. */
export async function deliverQueuedMail() {
  await runPendingJobs();
  return db.select().from(capturedMail).orderBy(asc(capturedMail.createdAt));
}

export async function mailTo(address: string) {
  await runPendingJobs();
  return db
    .select()
    .from(capturedMail)
    .where(eq(capturedMail.toAddress, address))
    .orderBy(asc(capturedMail.createdAt));
}

export async function lastMailTo(address: string) {
  const all = await mailTo(address);
  const last = all[all.length - 1];
  if (!last) throw new Error(`no mail to ${address}`);
  return last;
}

export async function allOutbound() {
  return db.select().from(outboundEmails);
}

/** Every http(s) link in a message's HTML and text parts. */
export function linksIn(message: { html: string; text: string }): string[] {
  const found = new Set<string>();
  for (const match of `${message.html}\n${message.text}`.matchAll(/https?:\/\/[^\s"'<>)\]]+/g)) {
    found.add(match[0].replace(/&amp;/g, '&'));
  }
  return [...found];
}

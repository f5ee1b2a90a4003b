import { listAuditEntries } from './audit-log.server';
import { describeAuditEntry, loadAuditLookups, type LocalizedText } from './audit-sentences.server';

export const AUDIT_PAGE_SIZE = 50;

/**
 * One line of the log as an owner reads it: when, and what happened as a sentence in both
 * languages. Deliberately nothing else — no action key, id or stored detail reaches the page
 * (or the loader data embedded in it); who acted is named inside the sentence by role,
 * sponsor organization or member alias, never by a member's address.
 */
export interface AuditRow {
  id: number;
  createdAt: Date;
  sentence: LocalizedText;
}

/** One page of an event's audit log, newest first, with keyset paging on the entry id. */
export async function auditLogPage(
  event: { id: string; nameJa: string; nameEn: string },
  options: { before?: number } = {},
) {
  const entries = await listAuditEntries(event.id, {
    before: options.before,
    limit: AUDIT_PAGE_SIZE + 1,
  });
  const hasOlder = entries.length > AUDIT_PAGE_SIZE;
  const page = entries.slice(0, AUDIT_PAGE_SIZE);
  const lookups = await loadAuditLookups(event, page);
  const rows: AuditRow[] = page.map((entry) => ({
    id: entry.id,
    createdAt: entry.createdAt,
    sentence: describeAuditEntry(entry, lookups),
  }));
  return { rows, olderBefore: hasOlder ? page[page.length - 1].id : null };
}

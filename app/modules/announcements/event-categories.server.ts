import { and, eq, inArray } from 'drizzle-orm';
import { eventCategories } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { sortCategories } from './audience-filter';

/**
 * The categories (種目) of an event, as the entrant import recorded them: what the
 * announcement audience may be narrowed to. Sorted for people (10km after 5km), not by code
 * point; a typed category that matches nobody can no longer be chosen.
 */
export async function listEventCategories(eventId: string): Promise<string[]> {
  const rows = await db
    .select({ name: eventCategories.name })
    .from(eventCategories)
    .where(eq(eventCategories.eventId, eventId));
  return sortCategories(rows.map((r) => r.name));
}

/** The names among `names` that are not categories of this event (empty when all are). */
export async function unknownCategories(eventId: string, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const known = await db
    .select({ name: eventCategories.name })
    .from(eventCategories)
    .where(and(eq(eventCategories.eventId, eventId), inArray(eventCategories.name, names)));
  const found = new Set(known.map((r) => r.name));
  return names.filter((n) => !found.has(n));
}

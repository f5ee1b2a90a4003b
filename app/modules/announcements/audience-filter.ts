import type { AudienceFilter } from '~db/schema';

/** An audience filter as everything reads it: bib bounds, and a list of categories. */
export interface AudienceCriteria {
  bibFrom: number | null;
  bibTo: number | null;
  categories: string[];
}

/**
 * The one reading of a stored filter. Drafts and snapshots written before categories became
 * a list hold a single `category` string; it reads as a list of one, so an old draft or a
 * frozen snapshot selects exactly the members it selected when it was written.
 */
export function audienceCriteria(filter: AudienceFilter | null | undefined): AudienceCriteria {
  const categories = Array.isArray(filter?.categories)
    ? filter.categories.filter((c): c is string => typeof c === 'string' && c !== '')
    : filter?.category
      ? [filter.category]
      : [];
  return {
    bibFrom: filter?.bibFrom ?? null,
    bibTo: filter?.bibTo ?? null,
    categories: [...new Set(categories)],
  };
}

/** Categories in the order a person expects: 5km before 10km, Japanese by reading order. */
export function sortCategories(names: Iterable<string>): string[] {
  const collator = new Intl.Collator('ja', { numeric: true });
  return [...names].sort(collator.compare);
}

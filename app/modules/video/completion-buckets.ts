/** How far viewers got, by the furthest point each one reached (shared by server and page). */
export const COMPLETION_BUCKETS = [
  { id: 'under25', min: 0, max: 24 },
  { id: 'from25', min: 25, max: 49 },
  { id: 'from50', min: 50, max: 74 },
  { id: 'from75', min: 75, max: 94 },
  { id: 'finished', min: 95, max: 100 },
] as const;

export type CompletionBucket = (typeof COMPLETION_BUCKETS)[number]['id'];

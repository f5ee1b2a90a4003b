// Shared by the invitations pages' server code and their components (a `.server` module is
// empty in the browser bundle, so constants a component renders must not live in one).

/**
 * The status a person is in, as staff say it. The stored status knows only pending, joined,
 * declined and revoked; the rest comes from the dates. Derived in SQL, by one function, so
 * that the list, the status filter and the CSV can never disagree (invitee-directory.server.ts).
 */
export const inviteeStatuses = [
  'not_sent',
  'sent',
  'reminded',
  'joined',
  'declined',
  'bounced',
  'expired',
  'revoked',
] as const;
export type InviteeStatus = (typeof inviteeStatuses)[number];

export function isInviteeStatus(value: string): value is InviteeStatus {
  return (inviteeStatuses as readonly string[]).includes(value);
}

/** Longest search text the invitations list accepts. */
export const MAX_INVITEE_SEARCH_LENGTH = 100;
/** Longest reason staff give when they correct an invitee's address. */
export const MAX_CORRECTION_REASON_LENGTH = 200;

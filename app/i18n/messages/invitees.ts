import type { MessageTable } from '../types';

/** The staff invitations page: every invitee as a person (issue 13). */
export const invitees = {} satisfies MessageTable;

import { z } from 'zod';

/*
 * The one-click unsubscribe POST (RFC 8058), for a channel's mail (/u/:token) and an
 * invitation's (/u/invitation/:token). Server-only: the unsubscribe page is opened from a phone's
 * mail app, so no zod goes to the browser (docs/decisions/104-typed-forms-with-conform.md).
 */
export const oneClickSchema = z.object({
  'List-Unsubscribe': z.literal('One-Click', { error: 'form.errorSummary' }),
});

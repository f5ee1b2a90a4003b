import { z } from 'zod';

/*
 * The schema of the member's offer page (claim a code, mark one used). Server-only: the page is
 * opened on a phone at the till, so no zod goes to the browser
 * (docs/decisions/104-typed-forms-with-conform.md). Messages are i18n keys.
 */
export const memberOfferSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('claim') }),
    // Marking a code used cannot be undone, and the button sits where the clerk is reading: the
    // form asks for a tick, and a request without it is refused here, not only in the browser.
    z.object({
      intent: z.literal('used'),
      codeId: z.coerce.number({ error: 'form.errorSummary' }).int().positive(),
      confirm: z.literal('yes', { error: 'sponsors.member.markUsedConfirmMissing' }),
    }),
  ],
  { error: 'form.errorSummary' },
);

import { z } from 'zod';

/*
 * The schemas of the forms members fill in on an event's pages and their account page (the
 * visitor's "join by event code" is join-by-event-code.server.ts's: a module's message keys go
 * to every page that imports it, decision 105). Server-only: these pages are opened on phones, so the browser gets the limits as HTML
 * constraints from the loader instead of zod (docs/decisions/104-typed-forms-with-conform.md).
 * Messages are i18n keys.
 */

const confirmed = z.literal('yes', { error: 'members.settings.confirmRequired' });

/** The member's settings page: mail preferences, leaving the event, deleting the account. */
export const memberSettingsSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('preferences') }),
    z.object({ intent: z.literal('leave'), confirm: confirmed }),
    z.object({ intent: z.literal('delete'), confirm: confirmed }),
  ],
  { error: 'form.errorSummary' },
);

/** The account page's deletion, for anyone signed in. */
export const deleteAccountSchema = z.object({
  intent: z.literal('delete', { error: 'form.errorSummary' }),
  confirm: confirmed,
});

/** A message to the race office (the messages page and an announcement's reply form). */
export const memberMessageSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({
      intent: z.literal('send'),
      body: z
        .string({ error: 'relay.member.required' })
        .trim()
        .min(1, 'relay.member.required')
        .max(5000, 'relay.member.tooLong'),
      announcementId: z.string().max(100).optional(),
    }),
    z.object({ intent: z.literal('markRead') }),
  ],
  { error: 'form.errorSummary' },
);

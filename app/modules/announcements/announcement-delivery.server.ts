import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { announcementEmails } from '~db/schema';
import { env } from '~/env.server';
import type { Locale } from '~/i18n/types';
import { db } from '~/modules/database/database.server';
import { selectRows } from '~/modules/database/rows.server';
import { suppressionHash } from '~/modules/delivery/suppression.server';
import { unsubscribeToken, unsubscribeTokenHash } from '~/modules/delivery/unsubscribe.server';
import type { StreamFinishedHook } from '~/modules/mail/mail-dispatcher.server';
import { defineMailKind, type FreezeVerdict } from '~/modules/mail/mail-kinds.server';
import type { RenderedEmail } from '~/modules/mail/render-email.server';
import { ensureRelayAddresses } from '~/modules/relay/relay-address.server';
import { personalize, unsubscribeUrl } from './announcement-email.server';

/**
 * Announcement emails in the outbound pipeline. The send commits one `deliveries` row (the
 * announcement's ledger: who, skipped why, delivered or bounced) and one outbound message per
 * recipient; this describes how such a message is re-checked, frozen and built.
 */

export const announcementMailKind = defineMailKind({
  kind: 'announcement',
  /**
   * The send-time check (SPEC P5, P4 and flow 8): a member who left, deleted their account,
   * turned this channel's email off, or whose address is suppressed (bounced, complained,
   * declined) since the audience was frozen gets nothing — also when a scheduled send starts
   * days later. Nobody is ever added: only the snapshot's deliveries have messages.
   */
  async freeze(tx, messages) {
    const candidates = await selectRows<{
      message_id: string;
      announcement_id: string;
      event_id: string;
      membership_id: string | null;
      membership_status: string | null;
      email: string | null;
      locale: Locale | null;
      email_on: boolean;
    }>(
      tx,
      sql`
        SELECT o.id AS message_id, a.id AS announcement_id, a.event_id, m.id AS membership_id,
          m.status AS membership_status, u.email, u.locale,
          coalesce(cp.email_enabled, c.is_default) AS email_on
        FROM outbound_emails o
        JOIN deliveries d ON d.id = o.delivery_id
        JOIN announcements a ON a.id = d.announcement_id
        JOIN channels c ON c.id = a.channel_id
        LEFT JOIN memberships m ON m.id = d.membership_id
        LEFT JOIN users u ON u.id = m.user_id
        LEFT JOIN channel_preferences cp ON cp.membership_id = m.id AND cp.channel_id = c.id
        WHERE o.id IN (${sql.join(
          messages.map((m) => sql`${m.id}`),
          sql`, `,
        )})`,
    );
    // A scheduled announcement is published (feed, status) when its first batch is claimed.
    const announcementIds = [...new Set(candidates.map((c) => c.announcement_id))];
    for (const id of announcementIds) {
      await tx.execute(sql`
        UPDATE announcements SET status = 'sending', published_at = coalesce(published_at, now()), updated_at = now()
        WHERE id = ${id} AND status = 'scheduled'`);
    }
    const suppressed = await suppressedHashes(tx, candidates);
    const live = candidates.filter(
      (c) =>
        c.email &&
        c.membership_status === 'active' &&
        c.email_on &&
        !suppressed.has(suppressionHash(c.email)),
    );
    const relay = await ensureRelayAddresses(
      live.map((c) => c.membership_id!),
      tx,
    );
    const verdicts = new Map<string, FreezeVerdict>();
    for (const c of candidates) {
      if (!c.email || !c.membership_status) verdicts.set(c.message_id, { skip: 'deleted' });
      else if (c.membership_status !== 'active') verdicts.set(c.message_id, { skip: 'left' });
      else if (suppressed.has(suppressionHash(c.email)))
        verdicts.set(c.message_id, { skip: 'suppressed' });
      else if (!c.email_on) verdicts.set(c.message_id, { skip: 'channel_off' });
      else
        verdicts.set(c.message_id, {
          recipient: {
            m: c.message_id,
            to: c.email,
            replyTo: relay.get(c.membership_id!) ?? null,
            locale: c.locale ?? 'ja',
          },
        });
    }
    return verdicts;
  },

  async build(entries) {
    return Promise.all(
      entries.map(async ({ message, recipient }) => {
        const renderings = await frozenRenderings(message.contentId!);
        const rendered =
          renderings.get(recipient.locale ?? 'ja') ??
          renderings.get('ja') ??
          renderings.values().next().value;
        if (!rendered) throw new Error(`announcement ${message.contentId} has no frozen email`);
        const token = unsubscribeToken(message.deliveryId!);
        const personal = personalize(rendered, token);
        return {
          messageId: message.id,
          to: recipient.to,
          // The organizer's name on MAIL_FROM's address, fixed when the send was queued.
          from: message.fromAddress ?? env.MAIL_FROM,
          replyTo: recipient.replyTo ?? null,
          subject: personal.subject,
          html: personal.html,
          text: personal.text,
          headers: {
            // RFC 8058: a mail client may unsubscribe with one POST, no cookies, no page.
            'List-Unsubscribe': `<${unsubscribeUrl(token)}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            // RFC 3834: auto-responders must not answer.
            'Auto-Submitted': 'auto-generated',
          },
        };
      }),
    );
  },

  async record(tx, outcome) {
    if (outcome.sent.length > 0) {
      await tx.execute(sql`
        UPDATE deliveries SET status = 'sent', provider_message_id = v.pid, sent_at = now(),
          last_error = NULL, unsubscribe_token_hash = v.hash
        FROM (VALUES ${sql.join(
          outcome.sent.map(
            (s) =>
              sql`(${s.message.deliveryId}::bigint, ${s.providerId}, ${unsubscribeTokenHash(s.message.deliveryId!)})`,
          ),
          sql`, `,
        )}) AS v(id, pid, hash)
        WHERE deliveries.id = v.id AND deliveries.status = 'queued'`);
      // A delivery webhook can outrun this write; apply what already arrived.
      await tx.execute(sql`
        UPDATE deliveries d SET outcome = w.outcome, outcome_at = w.received_at
        FROM (
          SELECT DISTINCT ON (provider_message_id) provider_message_id, received_at,
            CASE type WHEN 'email.complained' THEN 'complained' WHEN 'email.bounced' THEN 'bounced' ELSE 'delivered' END AS outcome
          FROM webhook_events
          WHERE type IN ('email.delivered', 'email.bounced', 'email.complained')
            AND provider_message_id IN (${sql.join(
              outcome.sent.map((s) => sql`${s.providerId}`),
              sql`, `,
            )})
          ORDER BY provider_message_id,
            CASE type WHEN 'email.complained' THEN 3 WHEN 'email.bounced' THEN 2 ELSE 1 END DESC
        ) w
        WHERE d.provider_message_id = w.provider_message_id`);
    }
    for (const [status, list] of [
      ['failed', outcome.failed],
      ['skipped', outcome.skipped],
    ] as const) {
      if (list.length === 0) continue;
      const column = status === 'failed' ? sql`last_error` : sql`skip_reason`;
      await tx.execute(sql`
        UPDATE deliveries SET status = ${status}, ${column} = v.reason
        FROM (VALUES ${sql.join(
          list.map((f) => sql`(${f.message.deliveryId}::bigint, ${f.reason})`),
          sql`, `,
        )}) AS v(id, reason)
        WHERE deliveries.id = v.id AND deliveries.status = 'queued'`);
    }
  },
});

/** Registered by start-up (mail-dispatcher.server.ts's `onStreamFinished`). */
export const markAnnouncementSent: StreamFinishedHook = async (tx, stream) => {
  if (stream.kind !== 'announcement') return;
  await tx.execute(sql`
    UPDATE announcements SET status = 'sent', updated_at = now()
    WHERE id = ${stream.subjectId} AND status IN ('sending', 'scheduled')`);
};

async function suppressedHashes(
  tx: DbOrTx,
  candidates: { event_id: string; email: string | null }[],
): Promise<Set<string>> {
  const withEmail = candidates.filter((c) => c.email);
  if (withEmail.length === 0) return new Set();
  // Suppressions are keyed hashes (HMAC), so they are matched here rather than in SQL.
  const found = await selectRows<{ email_hash: string }>(
    tx,
    sql`
      SELECT email_hash FROM suppressions
      WHERE event_id = ${withEmail[0].event_id}
        AND email_hash IN (${sql.join(
          withEmail.map((c) => sql`${suppressionHash(c.email!)}`),
          sql`, `,
        )})`,
  );
  return new Set(found.map((r) => r.email_hash));
}

// The renderings never change once the send committed, so each process keeps them.
// The promise is kept, not its result: a batch builds its 100 emails at once, and they must
// share one read rather than each start its own.
const renderCache = new Map<string, Promise<Map<Locale, RenderedEmail>>>();

function frozenRenderings(announcementId: string) {
  const cached = renderCache.get(announcementId);
  if (cached) return cached;
  const loading = db
    .select()
    .from(announcementEmails)
    .where(eq(announcementEmails.announcementId, announcementId))
    .then(
      (found) =>
        new Map<Locale, RenderedEmail>(
          found.map((r) => [r.locale, { subject: r.subject, html: r.html, text: r.text }]),
        ),
    );
  // A failed read (the database went away) is not remembered.
  loading.catch(() => renderCache.delete(announcementId));
  if (renderCache.size > 50) renderCache.clear();
  renderCache.set(announcementId, loading);
  return loading;
}

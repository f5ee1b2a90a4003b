import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '~db/client';
import {
  announcementEmails,
  announcements,
  channelPreferences,
  channels,
  deliveries,
  memberships,
  outboundEmails,
  suppressions,
  users,
  webhookEvents,
} from '~db/schema';
import { env } from '~/env.server';
import type { Locale } from '~/i18n/types';
import { db } from '~/modules/database/database.server';
import { selectRows } from '~/modules/database/rows.server';
import { columnName } from '~/modules/database/sql-names.server';
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
    const o = alias(outboundEmails, 'o');
    const d = alias(deliveries, 'd');
    const a = alias(announcements, 'a');
    const c = alias(channels, 'c');
    const m = alias(memberships, 'm');
    const u = alias(users, 'u');
    const cp = alias(channelPreferences, 'cp');
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
        SELECT ${o.id} AS message_id, ${a.id} AS announcement_id, ${a.eventId}, ${m.id} AS membership_id,
          ${m.status} AS membership_status, ${u.email}, ${u.locale},
          coalesce(${cp.emailEnabled}, ${c.isDefault}) AS email_on
        FROM ${outboundEmails} AS ${o}
        JOIN ${deliveries} AS ${d} ON ${d.id} = ${o.deliveryId}
        JOIN ${announcements} AS ${a} ON ${a.id} = ${d.announcementId}
        JOIN ${channels} AS ${c} ON ${c.id} = ${a.channelId}
        LEFT JOIN ${memberships} AS ${m} ON ${m.id} = ${d.membershipId}
        LEFT JOIN ${users} AS ${u} ON ${u.id} = ${m.userId}
        LEFT JOIN ${channelPreferences} AS ${cp} ON ${cp.membershipId} = ${m.id} AND ${cp.channelId} = ${c.id}
        WHERE ${o.id} IN (${sql.join(
          messages.map((message) => sql`${message.id}`),
          sql`, `,
        )})`,
    );
    // A scheduled announcement is published (feed, status) when its first batch is claimed.
    const announcementIds = [...new Set(candidates.map((c) => c.announcement_id))];
    for (const id of announcementIds) {
      await tx.execute(sql`
        UPDATE ${announcements}
        SET ${columnName(announcements.status)} = 'sending',
          ${columnName(announcements.publishedAt)} = coalesce(${announcements.publishedAt}, now()),
          ${columnName(announcements.updatedAt)} = now()
        WHERE ${announcements.id} = ${id} AND ${announcements.status} = 'scheduled'`);
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
    const ledger = deliveries;
    if (outcome.sent.length > 0) {
      await tx.execute(sql`
        UPDATE ${ledger}
        SET ${columnName(ledger.status)} = 'sent', ${columnName(ledger.providerMessageId)} = v.pid,
          ${columnName(ledger.sentAt)} = now(), ${columnName(ledger.lastError)} = NULL,
          ${columnName(ledger.unsubscribeTokenHash)} = v.hash
        FROM (VALUES ${sql.join(
          outcome.sent.map(
            (s) =>
              sql`(${s.message.deliveryId}::bigint, ${s.providerId}, ${unsubscribeTokenHash(s.message.deliveryId!)})`,
          ),
          sql`, `,
        )}) AS v(id, pid, hash)
        WHERE ${ledger.id} = v.id AND ${ledger.status} = 'queued'`);
      // A delivery webhook can outrun this write; apply what already arrived.
      const d = alias(deliveries, 'd');
      const hook = webhookEvents;
      await tx.execute(sql`
        UPDATE ${deliveries} AS ${d}
        SET ${columnName(d.outcome)} = w.outcome, ${columnName(d.outcomeAt)} = w.received_at
        FROM (
          SELECT DISTINCT ON (${hook.providerMessageId}) ${hook.providerMessageId}, ${hook.receivedAt},
            CASE ${hook.type} WHEN 'email.complained' THEN 'complained' WHEN 'email.bounced' THEN 'bounced' ELSE 'delivered' END AS outcome
          FROM ${hook}
          WHERE ${hook.type} IN ('email.delivered', 'email.bounced', 'email.complained')
            AND ${hook.providerMessageId} IN (${sql.join(
              outcome.sent.map((s) => sql`${s.providerId}`),
              sql`, `,
            )})
          ORDER BY ${hook.providerMessageId},
            CASE ${hook.type} WHEN 'email.complained' THEN 3 WHEN 'email.bounced' THEN 2 ELSE 1 END DESC
        ) w
        WHERE ${d.providerMessageId} = w.provider_message_id`);
    }
    for (const [status, list] of [
      ['failed', outcome.failed],
      ['skipped', outcome.skipped],
    ] as const) {
      if (list.length === 0) continue;
      const column = status === 'failed' ? ledger.lastError : ledger.skipReason;
      await tx.execute(sql`
        UPDATE ${ledger} SET ${columnName(ledger.status)} = ${status}, ${columnName(column)} = v.reason
        FROM (VALUES ${sql.join(
          list.map((f) => sql`(${f.message.deliveryId}::bigint, ${f.reason})`),
          sql`, `,
        )}) AS v(id, reason)
        WHERE ${ledger.id} = v.id AND ${ledger.status} = 'queued'`);
    }
  },
});

/** Registered by start-up (mail-dispatcher.server.ts's `onStreamFinished`). */
export const markAnnouncementSent: StreamFinishedHook = async (tx, stream) => {
  if (stream.kind !== 'announcement') return;
  await tx.execute(sql`
    UPDATE ${announcements}
    SET ${columnName(announcements.status)} = 'sent', ${columnName(announcements.updatedAt)} = now()
    WHERE ${announcements.id} = ${stream.subjectId} AND ${announcements.status} IN ('sending', 'scheduled')`);
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
      SELECT ${suppressions.emailHash} FROM ${suppressions}
      WHERE ${suppressions.eventId} = ${withEmail[0].event_id}
        AND ${suppressions.emailHash} IN (${sql.join(
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

import { createHmac } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { relayAddresses, relayStaffAddresses } from '~db/schema';
import { env } from '~/env.server';
import { db } from '~/modules/database/database.server';
import { sha256 } from '~/modules/security/tokens.server';

/**
 * Every member gets one reply address, reply+<token>@RELAY_DOMAIN, used as the Reply-To of
 * everything Startline mails them (SPEC P5/P6): a reply reaches the organizer inbox and never
 * reveals or reaches anyone's real address.
 *
 * The token is HMAC(SESSION_SECRET, "relay:<membershipId>:<version>"), 160 bits written in
 * lowercase base32 (32 characters). Lowercase because some mail systems fold the case of the
 * local part; 160 bits because a local part may be 64 characters at most. It is reproducible
 * for every email without being stored; the table keeps only its SHA-256 and the version, so
 * rotating an address means bumping the version (the old one stops matching).
 */
const TOKEN_BYTES = 20;
const LOCAL_PREFIX = 'reply+';
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

export function relayToken(membershipId: string, version: number): string {
  const digest = createHmac('sha256', env.SESSION_SECRET)
    .update(`relay:${membershipId}:${version}`)
    .digest()
    .subarray(0, TOKEN_BYTES);
  return base32(digest);
}

export function relayAddressFor(token: string): string {
  return `${LOCAL_PREFIX}${token}@${env.RELAY_DOMAIN}`;
}

/** The token of an address on our relay domain, or null for anything else. */
export function relayTokenOf(address: string): string | null {
  const match = /^reply\+([a-z2-7]{32})@(.+)$/i.exec(address.trim());
  if (!match || match[2].toLowerCase() !== env.RELAY_DOMAIN.toLowerCase()) return null;
  return match[1].toLowerCase();
}

/** The membership a relay token belongs to (current version only), or null. */
export async function findRelayAddress(token: string) {
  const [row] = await db
    .select({ membershipId: relayAddresses.membershipId, version: relayAddresses.version })
    .from(relayAddresses)
    .where(eq(relayAddresses.tokenHash, sha256(token.toLowerCase())));
  return row ?? null;
}

/**
 * The relay address of each membership, creating version 1 for members who have none yet
 * (one set-based insert). Returns membershipId → address.
 */
export async function ensureRelayAddresses(
  membershipIds: string[],
  tx: DbOrTx = db,
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (membershipIds.length === 0) return result;
  await tx
    .insert(relayAddresses)
    .values(
      membershipIds.map((membershipId) => ({
        membershipId,
        version: 1,
        tokenHash: sha256(relayToken(membershipId, 1)),
      })),
    )
    .onConflictDoNothing({ target: relayAddresses.membershipId });
  const rows = await tx
    .select({ membershipId: relayAddresses.membershipId, version: relayAddresses.version })
    .from(relayAddresses)
    .where(inArray(relayAddresses.membershipId, membershipIds));
  for (const row of rows) {
    result.set(row.membershipId, relayAddressFor(relayToken(row.membershipId, row.version)));
  }
  return result;
}

/** A new address for the member; the previous one stops working at once. */
export async function rotateRelayAddress(membershipId: string, tx: DbOrTx = db): Promise<string> {
  await ensureRelayAddresses([membershipId], tx);
  const [row] = await tx
    .update(relayAddresses)
    .set({ version: sql`${relayAddresses.version} + 1`, rotatedAt: new Date() })
    .where(eq(relayAddresses.membershipId, membershipId))
    .returning({ version: relayAddresses.version });
  const token = relayToken(membershipId, row.version);
  await tx
    .update(relayAddresses)
    .set({ tokenHash: sha256(token) })
    .where(eq(relayAddresses.membershipId, membershipId));
  return relayAddressFor(token);
}

/** Revoking is rotating: the old address stops matching at once, the member gets a new one. */
export const revokeRelayAddress = rotateRelayAddress;

/**
 * The staff side of a thread: reply+s<token>@RELAY_DOMAIN, the Reply-To of the new-message
 * notifications staff receive, so answering by email needs no staff address on the way out.
 * Same construction as the member token ("relay-staff:<threadId>:<version>"); the leading "s"
 * and the length (33) keep the two kinds apart.
 */
const STAFF_MARK = 's';

export function staffRelayToken(threadId: string, version: number): string {
  const digest = createHmac('sha256', env.SESSION_SECRET)
    .update(`relay-staff:${threadId}:${version}`)
    .digest()
    .subarray(0, TOKEN_BYTES);
  return base32(digest);
}

export function staffRelayAddressFor(token: string): string {
  return `${LOCAL_PREFIX}${STAFF_MARK}${token}@${env.RELAY_DOMAIN}`;
}

export type RelayTarget = { kind: 'member'; token: string } | { kind: 'staff'; token: string };

/** What a recipient address on our relay domain points at ("Name <addr>" accepted), or null. */
export function parseRelayAddress(address: string): RelayTarget | null {
  const bare = (/<([^<>]+)>\s*$/.exec(address)?.[1] ?? address).trim();
  const member = relayTokenOf(bare);
  if (member) return { kind: 'member', token: member };
  const match = /^reply\+s([a-z2-7]{32})@(.+)$/i.exec(bare);
  if (!match || match[2].toLowerCase() !== env.RELAY_DOMAIN.toLowerCase()) return null;
  return { kind: 'staff', token: match[1].toLowerCase() };
}

/** The thread's staff relay address, creating version 1 on first use. */
export async function ensureStaffRelayAddress(threadId: string, tx: DbOrTx = db): Promise<string> {
  await tx
    .insert(relayStaffAddresses)
    .values({ threadId, version: 1, tokenHash: sha256(staffRelayToken(threadId, 1)) })
    .onConflictDoNothing({ target: relayStaffAddresses.threadId });
  const [row] = await tx
    .select({ version: relayStaffAddresses.version })
    .from(relayStaffAddresses)
    .where(eq(relayStaffAddresses.threadId, threadId));
  return staffRelayAddressFor(staffRelayToken(threadId, row.version));
}

/** The thread a staff relay token belongs to (current version only), or null. */
export async function findStaffRelayAddress(token: string, tx: DbOrTx = db) {
  const [row] = await tx
    .select({ threadId: relayStaffAddresses.threadId })
    .from(relayStaffAddresses)
    .where(eq(relayStaffAddresses.tokenHash, sha256(token.toLowerCase())));
  return row ?? null;
}

/** A new staff address for the thread; notifications sent before stop relaying answers. */
export async function rotateStaffRelayAddress(threadId: string, tx: DbOrTx = db): Promise<string> {
  await ensureStaffRelayAddress(threadId, tx);
  const [row] = await tx
    .update(relayStaffAddresses)
    .set({ version: sql`${relayStaffAddresses.version} + 1`, rotatedAt: new Date() })
    .where(eq(relayStaffAddresses.threadId, threadId))
    .returning({ version: relayStaffAddresses.version });
  const token = staffRelayToken(threadId, row.version);
  await tx
    .update(relayStaffAddresses)
    .set({ tokenHash: sha256(token) })
    .where(eq(relayStaffAddresses.threadId, threadId));
  return staffRelayAddressFor(token);
}

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

import { eq } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { consentRecords, memberships, users } from '~db/schema';
import { announcementsPersonalData } from '~/modules/announcements/personal-data.server';
import { auditPersonalData } from '~/modules/audit/personal-data.server';
import { authPersonalData } from '~/modules/auth/personal-data.server';
import { eventsPersonalData } from '~/modules/events/personal-data.server';
import { invitationsPersonalData } from '~/modules/invitations/personal-data.server';
import { mailPersonalData } from '~/modules/mail/personal-data.server';
import { rateLimitPersonalData } from '~/modules/rate-limit/personal-data.server';
import { relayPersonalData } from '~/modules/relay/personal-data.server';
import { sponsorsPersonalData } from '~/modules/sponsors/personal-data.server';
import { videoPersonalData } from '~/modules/video/personal-data.server';
import { membershipPersonalData } from './personal-data.server';
import type {
  DomainPersonalData,
  PersonalDataDeclaration,
  PersonalDataSubject,
} from './personal-data-types.server';

/**
 * Every place Startline keeps data about a person, collected from the domains that keep it.
 * The export and the account deletion walk this list and nothing else, and
 * personal-data-coverage.server.ts holds it against the database schema, so a new table or
 * column that holds or points to a person cannot be forgotten (083).
 *
 * The order is the erasure order. Consent comes first (its rows are found by the user id,
 * which the final cascade would clear); the account comes last: deleting the users row
 * cascades to every table declared `cascade`, so each step before it still finds its rows.
 */
export const personalDataDomains: readonly DomainPersonalData[] = [
  membershipPersonalData,
  invitationsPersonalData,
  eventsPersonalData,
  sponsorsPersonalData,
  announcementsPersonalData,
  relayPersonalData,
  videoPersonalData,
  mailPersonalData,
  rateLimitPersonalData,
  auditPersonalData,
  authPersonalData,
];

export const personalDataRegistry: readonly PersonalDataDeclaration[] = personalDataDomains.flatMap(
  (domain) => domain.declarations,
);

/** The person as every declaration finds them; null when the account does not exist. */
export async function findPersonalDataSubject(
  tx: DbOrTx,
  userId: string,
  options: { lockAccount?: boolean } = {},
): Promise<PersonalDataSubject | null> {
  const accountQuery = tx
    .select({ email: users.email, locale: users.locale })
    .from(users)
    .where(eq(users.id, userId));
  const [account] = options.lockAccount ? await accountQuery.for('update') : await accountQuery;
  if (!account) return null;
  // One query after another: inside a transaction they share one connection.
  const mine = await tx
    .select({
      id: memberships.id,
      eventId: memberships.eventId,
      aliasNumber: memberships.aliasNumber,
    })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  const consented = await tx
    .selectDistinct({ eventId: consentRecords.eventId })
    .from(consentRecords)
    .where(eq(consentRecords.userId, userId));
  return {
    userId,
    email: account.email,
    locale: account.locale,
    memberships: mine,
    consentedEventIds: consented.map((c) => c.eventId),
  };
}

/** Every export section of the registry, keyed as declared. */
export async function readPersonalData(
  subject: PersonalDataSubject,
): Promise<Record<string, unknown>> {
  const sections = await Promise.all(
    personalDataRegistry.flatMap((declaration) => {
      const rule = declaration.export;
      return 'key' in rule ? [rule.read(subject).then((rows) => [rule.key, rows] as const)] : [];
    }),
  );
  return Object.fromEntries(sections);
}

/** Runs every declared erasure step, in registry order, in the caller's transaction. */
export async function erasePersonalData(tx: DbOrTx, subject: PersonalDataSubject) {
  for (const declaration of personalDataRegistry) {
    const erase = declaration.erase;
    if ('run' in erase && erase.run) await erase.run(tx, subject);
  }
}

/**
 * `table.column` of everything that may still hold a deleted person's own words or numbers,
 * as declared: tables kept as they are, and each declaration's `retains`.
 */
export function retainedAfterErasure(
  registry: readonly PersonalDataDeclaration[] = personalDataRegistry,
): Set<string> {
  const kept = new Set<string>();
  for (const declaration of registry) {
    if (declaration.erase.kind === 'keep') {
      for (const column of Object.keys(declaration.columns))
        kept.add(`${declaration.table}.${column}`);
    }
    for (const column of declaration.retains?.columns ?? [])
      kept.add(`${declaration.table}.${column}`);
  }
  return kept;
}

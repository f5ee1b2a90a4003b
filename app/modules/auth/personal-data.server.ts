import { eq } from 'drizzle-orm';
import { sessions, signInChallenges, users } from '~db/schema';
import { db } from '~/modules/database/database.server';
import type { DomainPersonalData } from '~/modules/membership/personal-data-types.server';

/** The account itself, its sessions and its sign-in codes. */
export const authPersonalData: DomainPersonalData = {
  domain: 'auth',
  declarations: [
    {
      table: 'sign_in_challenges',
      what: 'the sign-in codes mailed to the address',
      columns: { email: 'address' },
      export: {
        key: 'signInCodes',
        // The code hash is a secret even to its owner.
        read: ({ email }) =>
          db
            .select({
              createdAt: signInChallenges.createdAt,
              expiresAt: signInChallenges.expiresAt,
              usedAt: signInChallenges.usedAt,
              failedAttempts: signInChallenges.failedAttempts,
            })
            .from(signInChallenges)
            .where(eq(signInChallenges.email, email)),
      },
      erase: {
        kind: 'delete',
        run: async (tx, { email }) => {
          await tx.delete(signInChallenges).where(eq(signInChallenges.email, email));
        },
      },
    },
    {
      table: 'sessions',
      what: 'the person’s signed-in browsers',
      columns: { user_id: 'the person' },
      export: {
        key: 'sessions',
        // The session id is the hash of the cookie: a secret.
        read: ({ userId }) =>
          db
            .select({ expiresAt: sessions.expiresAt })
            .from(sessions)
            .where(eq(sessions.userId, userId)),
      },
      erase: { kind: 'cascade', via: { column: 'user_id', references: 'users.id' } },
    },
    {
      table: 'users',
      what: 'the account: the address and the language',
      columns: { email: 'address' },
      export: {
        key: 'account',
        read: async ({ userId }) => {
          const [account] = await db
            .select({
              id: users.id,
              email: users.email,
              locale: users.locale,
              createdAt: users.createdAt,
            })
            .from(users)
            .where(eq(users.id, userId));
          return account ?? null;
        },
      },
      // Last of all (the registry puts this domain last): every step before may still read
      // the rows this deletion cascades to.
      erase: {
        kind: 'delete',
        run: async (tx, { userId }) => {
          await tx.delete(users).where(eq(users.id, userId));
        },
      },
    },
  ],
  notPersonal: {},
};

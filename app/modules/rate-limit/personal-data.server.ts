import { sql } from 'drizzle-orm';
import { rateLimits } from '~db/schema';
import type { DomainPersonalData } from '~/modules/membership/personal-data-types.server';
import { sha256 } from '~/modules/security/tokens.server';

/** Counters of recent attempts, keyed by a hash of the address (or of an IP address). */
export const rateLimitPersonalData: DomainPersonalData = {
  domain: 'rate-limit',
  declarations: [
    {
      table: 'rate_limits',
      what: 'how many sign-in codes the address asked for recently',
      columns: { key: '"<bucket>:<sha256 of the address>" (or of an IP address)' },
      export: { none: 'a counter of the last few minutes' },
      erase: {
        kind: 'delete',
        // Counters keyed by an IP address cannot be tied to the person and run out on their own.
        run: async (tx, { email }) => {
          await tx.delete(rateLimits).where(sql`${rateLimits.key} like ${`%:${sha256(email)}`}`);
        },
      },
    },
  ],
  notPersonal: {},
};

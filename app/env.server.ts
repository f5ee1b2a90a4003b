import { z } from 'zod';
import { forwardTo } from '~/utils/forward-to.server';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

// Development and tests only: a fixed secret keeps sessions and signed links valid across
// restarts of the local demo. Production refuses it (below).
const DEVELOPMENT_SECRET = 'startline-development-secret-not-for-production-use';

// Every setting the server reads, validated once at boot. A bad value stops the process
// with a message naming the variable instead of failing later on a request.
const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    APP_URL: z.url().optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    // Keys the hashes that must outlive a SESSION_SECRET rotation: the "don't contact me"
    // suppression list and the consent evidence (hashed IP and user agent).
    RECORDS_HASH_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    RESEND_API_KEY: z.string().min(1).optional(),
    // Production without RESEND_API_KEY keeps every email (sign-in codes included) in the
    // captured_mail table, which no page shows there: allowed only when chosen explicitly
    // (a staging copy that must never mail real people), never by a forgotten key.
    MAIL_CAPTURE: booleanFlag.default(false),
    RESEND_BASE_URL: z.url().optional(),
    RESEND_WEBHOOK_SECRET: z.string().min(1).optional(),
    MAIL_FROM: z.string().min(3).default('Startline <no-reply@startline.local>'),
    RELAY_DOMAIN: z.string().min(3).default('relay.startline.local'),
    // The provider's request limit for the whole account, shared by every process.
    MAIL_RATE_PER_SECOND: z.coerce.number().positive().default(5),
    // Sender loops per worker process: each holds one batch in flight.
    MAIL_SENDERS_PER_PROCESS: z.coerce.number().int().min(1).max(32).default(4),
    // A provider request that has not answered after this long is abandoned and retried
    // (the Idempotency-Key makes the retry safe).
    MAIL_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
    // How often an idle sender loop looks for new mail (a sign-in code waits at most this).
    MAIL_POLL_MS: z.coerce.number().int().min(10).max(10_000).default(200),
    // A broadcast to more members than this needs a second owner's approval (SPEC roles).
    BROADCAST_APPROVAL_THRESHOLD: z.coerce.number().int().min(0).default(1000),
    // How long a worker may hold a delivery batch before another worker takes it over.
    DELIVERY_LEASE_SECONDS: z.coerce.number().int().min(1).default(60),
    SEED_DEMO: booleanFlag.optional(),
    TRUST_PROXY: booleanFlag.default(false),
    // Lets a scraper on another machine read /metrics (`Authorization: Bearer …`); without it,
    // /metrics answers only requests made on this machine (decision 096).
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    JOB_WORKER: booleanFlag.default(true),
    // Largest video an organizer may upload, in bytes (default 2 GiB).
    VIDEO_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(2 * 1024 ** 3),
    // Sponsor statistics show any count below this as "<N" (SPEC P8).
    SPONSOR_STATS_MIN_COUNT: z.coerce.number().int().min(2).max(100).default(5),
    // How often staff may send one invitation again from the invitations page (issue 13).
    INVITATION_MAX_RESENDS: z.coerce.number().int().min(0).max(20).default(3),
    // Largest attachment kept from a reply to the organizers (images and PDF), in bytes.
    RELAY_ATTACHMENT_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(10 * 1024 ** 2),
    // Where stored files live (decision 095): this machine's disk under DATA_DIR, or an
    // S3-compatible bucket shared by every process (AWS, Cloudflare R2, Sakura Cloud, MinIO).
    STORAGE_BACKEND: z.enum(['local', 's3']).default('local'),
    S3_BUCKET: z.string().min(3).max(63).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_ENDPOINT: z.url().optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    // MinIO and most self-hosted stores need path-style addresses (endpoint/bucket/key).
    S3_FORCE_PATH_STYLE: booleanFlag.default(false),
    // Optional folder inside the bucket, e.g. "startline/" to share a bucket with other data.
    S3_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9._\/-]*$/, 'may contain only letters, digits, ".", "_", "-" and "/"')
      .default(''),
  })
  .superRefine((env, ctx) => {
    const refuse = (variable: keyof typeof env, message: string) =>
      ctx.addIssue({ code: 'custom', path: [variable], message });
    // Mail capture is a choice against real delivery: with a key as well, the key would
    // silently win and mail would reach people although capture was asked for.
    if (env.MAIL_CAPTURE && env.RESEND_API_KEY) {
      refuse('MAIL_CAPTURE', 'cannot be true while RESEND_API_KEY is set: choose one');
    }
    if (env.STORAGE_BACKEND === 's3') {
      for (const variable of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
        if (!env[variable]) refuse(variable, 'is required when STORAGE_BACKEND=s3');
      }
    }
    if (env.NODE_ENV !== 'production') return;
    // Production refuses what would lose mail or weaken security (decision 084).
    if (!env.SESSION_SECRET) {
      refuse('SESSION_SECRET', 'is required when NODE_ENV=production (at least 32 characters)');
    } else if (env.SESSION_SECRET === DEVELOPMENT_SECRET) {
      refuse('SESSION_SECRET', 'is the published development value; generate a secret of your own');
    }
    if (!env.RECORDS_HASH_KEY) {
      refuse(
        'RECORDS_HASH_KEY',
        'is required when NODE_ENV=production (at least 32 characters; to keep existing suppressions matching, set it to the current SESSION_SECRET once)',
      );
    }
    if (!env.APP_URL) {
      refuse('APP_URL', 'is required when NODE_ENV=production (the public https:// address)');
    } else if (URL.canParse(env.APP_URL) && new URL(env.APP_URL).protocol !== 'https:') {
      // Session cookies are Secure in production: over http nobody could stay signed in, and
      // every link in every email would travel in the clear. (A URL that does not parse is
      // reported by its own check; zod runs this refinement anyway.)
      refuse('APP_URL', 'must be an https:// URL when NODE_ENV=production');
    }
    if (!env.RESEND_API_KEY && !env.MAIL_CAPTURE) {
      refuse(
        'RESEND_API_KEY',
        'is required when NODE_ENV=production: without it no email (sign-in codes included) reaches anyone. Set MAIL_CAPTURE=true only to keep mail in the database on purpose',
      );
    }
    if (env.SEED_DEMO) {
      // The demo's accounts and their addresses are published in the README.
      refuse(
        'SEED_DEMO',
        'must not be true when NODE_ENV=production: the demo is never seeded there',
      );
    }
  });

export type Env = z.infer<typeof envSchema> & {
  APP_URL: string;
  SESSION_SECRET: string;
  RECORDS_HASH_KEY: string;
};

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`,
    );
    throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  const env = result.data;
  return {
    ...env,
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT || 3000}`).replace(/\/$/, ''),
    SESSION_SECRET: env.SESSION_SECRET ?? DEVELOPMENT_SECRET,
    // Without its own key, the records hash falls back to SESSION_SECRET (as before it
    // existed), so existing suppressions keep matching; set it before rotating SESSION_SECRET.
    RECORDS_HASH_KEY: env.RECORDS_HASH_KEY ?? env.SESSION_SECRET ?? DEVELOPMENT_SECRET,
  };
}

let parsed: Env | undefined;

/**
 * The settings, parsed from `process.env` at their first use — start-up's, so a bad value still
 * stops the process before it serves anything — not when this module is imported (decision 103).
 * Writes go to the parsed copy (tests set a limit for one case this way).
 */
export const env: Env = forwardTo(() => (parsed ??= parseEnv(process.env)));

/**
 * Forgets the parsed settings: the next use reads `process.env` again. For tests that run
 * several files in one process, each with variables of its own (tests/setup/database.ts).
 */
export function forgetParsedEnv() {
  parsed = undefined;
}

/**
 * A value made from the settings (a storage client, say), made again when the settings are read
 * afresh: `make` runs at the first call, then again only after `forgetParsedEnv`.
 */
export function madeFromEnv<T>(make: () => T): () => T {
  let made: { from: Env; value: T } | undefined;
  return () => {
    const current = (parsed ??= parseEnv(process.env));
    if (made?.from !== current) made = { from: current, value: make() };
    return made.value;
  };
}

export function isProduction() {
  return env.NODE_ENV === 'production';
}
